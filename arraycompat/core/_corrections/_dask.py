"""dask (over array_api_compat.dask.array): what it still gets wrong, fixed, lazily.

dask computes with numpy chunk by chunk, so it inherits numpy's gaps (``finfo``
attributes that are numpy scalars, ``floor_divide`` with infinities, complex
``expm1``); it also lacks functions the standard has (``broadcast_shapes``,
``take_along_axis``, ``from_dlpack``, most of ``linalg``) and gets a few wrong (``eye``
with an offset past the first column chunk, ``linalg.inv`` of float32 returning
float64, ``tensordot`` of small integers widening them, ``svd`` without
``full_matrices``). Every fix builds a dask graph: nothing is computed until the
user asks (``linalg`` runs array-api-compat's numpy function on each matrix of a
stack, through ``dask.array.apply_gufunc``).

>>> import dask.array as da, array_api_compat.dask.array as compat
>>> type(CORRECTIONS["finfo"](compat)(da.float32).eps)
<class 'float'>
>>> det = CORRECTIONS["linalg.det"](compat.linalg)
>>> det(da.from_array([[[2.0, 0.0], [0.0, 3.0]]], chunks=1)).compute().tolist()
[6.0]
"""

from __future__ import annotations

import functools
import inspect
import math
from typing import Any, Callable

from ._common import NUMPY_KERNEL_FIXES, shared_corrections

__all__ = ["CORRECTIONS"]


def _da() -> Any:
    import dask.array as da

    return da


def _np_linalg() -> Any:
    import array_api_compat.numpy as np_compat

    return np_compat.linalg


# --------------------------------------------------------------------- missing
def broadcast_shapes(*shapes: tuple) -> tuple:
    """The shape arrays of ``shapes`` broadcast to (dask's unknown sizes, NaN, stay NaN).

    >>> broadcast_shapes((2, 1), (3,))
    (2, 3)
    """
    ndim = max((len(s) for s in shapes), default=0)
    out = []
    for axis in range(-ndim, 0):
        size = 1
        for shape in shapes:
            n = shape[axis] if len(shape) >= -axis else 1
            if n is None or (isinstance(n, float) and math.isnan(n)):
                size = n if size == 1 else size
            elif n != 1:
                if size not in (1, n) and not (isinstance(size, float) and math.isnan(size)):
                    raise ValueError(
                        f"broadcast_shapes: the shapes {', '.join(map(str, shapes))} do not "
                        f"broadcast together (size {size} against {n} at axis {axis})"
                    )
                size = n
        out.append(size)
    return tuple(out)


def _take_along_axis(xp: Any) -> Callable:
    def take_along_axis(x, indices, /, *, axis=-1):
        """``numpy.take_along_axis`` per block, with ``axis`` in one chunk."""
        import numpy as np

        da = _da()
        axis = axis % x.ndim
        others = [d for d in range(x.ndim) if d != axis]
        shape = list(broadcast_shapes(
            tuple(1 if d == axis else x.shape[d] for d in range(x.ndim)),
            tuple(1 if d == axis else indices.shape[d] for d in range(x.ndim)),
        ))
        x = da.broadcast_to(x, tuple(x.shape[axis] if d == axis else shape[d] for d in range(x.ndim)))
        indices = da.broadcast_to(
            indices, tuple(indices.shape[axis] if d == axis else shape[d] for d in range(x.ndim))
        )
        x = x.rechunk({axis: -1})
        indices = indices.rechunk({axis: -1, **{d: x.chunks[d] for d in others}})
        return da.map_blocks(
            np.take_along_axis, x, indices, axis=axis, dtype=x.dtype, chunks=indices.chunks
        )

    return take_along_axis


def _from_dlpack(xp: Any) -> Callable:
    def from_dlpack(x, /, *, device=None, copy=None):
        """A dask array over a DLPack producer's memory (a dask array: itself, or a copy)."""
        import numpy as np

        da = _da()
        if isinstance(x, da.Array):
            return x.copy() if copy else x
        if device not in (None, "cpu"):
            raise ValueError(f"from_dlpack: dask arrays live on the CPU; got device={device!r}")
        return da.from_array(np.from_dlpack(x, copy=copy))

    return from_dlpack


# --------------------------------------------------------------------- wrong
def _eye(xp: Any) -> Callable:
    def eye(n_rows, n_cols=None, /, *, k=0, dtype=None, device=None, chunks=None, **kwargs):
        """Ones where ``column - row == k`` (dask's eye loses blocks for some offsets);
        ``chunks`` as dask's own ``eye`` takes it."""
        if kwargs:
            raise TypeError(
                f"eye: unexpected keyword arguments {sorted(kwargs)}; it takes k, dtype, "
                f"device and dask's chunks"
            )
        da = _da()
        n_cols = n_rows if n_cols is None else n_cols
        rows = da.arange(n_rows)[:, None]
        cols = da.arange(n_cols)[None, :]
        out = (cols - rows == k).astype(dtype if dtype is not None else xp.float64)
        return out if chunks is None else out.rechunk(chunks)

    return eye


def _linspace(xp: Any) -> Callable:
    base = xp.linspace

    @functools.wraps(base)
    def linspace(start, stop, /, num, *, dtype=None, device=None, endpoint=True, **kwargs):
        """The last element is ``stop`` exactly when ``endpoint`` (dask's may be off by an
        ulp); dask's own keywords (``chunks``) are passed on."""
        out = base(start, stop, num, dtype=dtype, device=device, endpoint=endpoint, **kwargs)
        if not endpoint or num < 2 or isinstance(stop, complex):
            return out
        last = _da().arange(num) == num - 1
        return _da().where(last, xp.asarray(stop, dtype=out.dtype), out)

    return linspace


def _repeat(xp: Any) -> Callable:
    base = xp.repeat

    @functools.wraps(base)
    def repeat(x, repeats, /, *, axis=None):
        """``axis=None`` repeats the flattened array (dask asks for an integer axis); an
        empty array repeated an integer number of times is an empty array of the new
        shape (dask finds no block to concatenate), as is one with an array of repeats
        along an empty axis."""
        if axis is None:
            x, axis = xp.reshape(x, (-1,)), 0
        if 0 in x.shape and isinstance(repeats, int):
            shape = list(x.shape)
            shape[axis] *= repeats
            return xp.zeros(tuple(shape), dtype=x.dtype)
        if x.shape[axis] == 0 and not isinstance(repeats, int):
            # nothing to repeat: the result is x's empty shape whatever the repeats
            # (dask takes no array of repeats at all)
            return xp.zeros(x.shape, dtype=x.dtype)
        return base(x, repeats, axis=axis)

    return repeat


def _searchsorted(xp: Any) -> Callable:
    base = xp.searchsorted

    @functools.wraps(base)
    def searchsorted(x1, x2, /, *, side="left", sorter=None, **kwargs):
        """A Python scalar ``x2`` becomes an array of ``x1``'s dtype; a 0-D ``x2`` is
        searched as one element (dask's blocks cannot hold a 0-D result)."""
        if isinstance(x2, (bool, int, float, complex)):
            x2 = xp.asarray(x2, dtype=x1.dtype)
        if x2.ndim == 0:
            return xp.reshape(base(x1, xp.reshape(x2, (1,)), side=side, sorter=sorter, **kwargs), ())
        return base(x1, x2, side=side, sorter=sorter, **kwargs)

    return searchsorted


def _same_integer_dtype(xp: Any, name: str) -> Callable:
    """tensordot: dask sums integer products in a wider type; the standard keeps the
    promoted input type (the same bits modulo its size)."""
    base = getattr(xp, name)

    @functools.wraps(base)
    def corrected(x1, x2, /, **kwargs):
        import array_api_compat.dask.array as compat

        out = base(x1, x2, **kwargs)
        want = compat.result_type(x1, x2)
        return out if out.dtype == want else out.astype(want)

    return corrected


# --------------------------------------------------------------------- linalg
def _gufunc(
    name: str,
    signature: str | Callable[[dict], str],
    keywords: dict | None = None,
    sizes: Callable | None = None,
    sample: tuple = ((1, -1), (1, 1)),
) -> Callable:
    """``linalg.<name>`` as array-api-compat's numpy function applied to each matrix of
    a stack (``dask.array.apply_gufunc``, core dimensions in one chunk). ``signature``
    may depend on the keyword arguments; ``keywords`` are the standard's keyword
    parameters with their defaults (an array value is one more gufunc input, with one
    value per matrix); ``sizes(x)`` gives new output dimensions' sizes; ``sample`` is a
    small matrix the function accepts (it tells the result dtypes)."""
    keywords = keywords or {}
    sample_matrix = sample

    def make(linalg: Any) -> Callable:
        def corrected(x, /, **kwargs):
            import numpy as np

            da = _da()
            unknown = set(kwargs) - set(keywords)
            if unknown:
                raise TypeError(f"linalg.{name}() got unexpected keyword arguments {sorted(unknown)}")
            fn = getattr(_np_linalg(), name)
            static = {k: v for k, v in kwargs.items() if not isinstance(v, da.Array)}
            arrays = {k: v for k, v in kwargs.items() if isinstance(v, da.Array)}
            names = list(arrays)

            def call(block, *values):
                return fn(block, **static, **dict(zip(names, values)))

            # A small matrix of x's dtype tells the result dtypes (complex eigenvalues:
            # the sample has them, so eig's dtype is complex as the standard asks).
            sample = call(np.asarray(sample_matrix, dtype=x.dtype), *(np.asarray(1, dtype=a.dtype) for a in arrays.values()))
            named = hasattr(sample, "_fields")
            if 0 in x.shape:  # dask cannot chunk a size-0 core dimension: an empty result
                out = call(np.empty(x.shape, dtype=x.dtype), *(np.asarray(a) for a in arrays.values()))
                return type(sample)(*map(da.from_array, out)) if named else da.from_array(out)
            sig = signature(kwargs) if callable(signature) else signature
            if names:
                inputs, _, outputs = sig.partition("->")
                sig = inputs + ",()" * len(names) + "->" + outputs
            out = da.apply_gufunc(
                call, sig, x, *arrays.values(),
                output_dtypes=[r.dtype for r in sample] if named else sample.dtype,
                allow_rechunk=True, output_sizes=sizes(x) if sizes else None,
            )
            return type(sample)(*out) if named else out

        corrected.__name__ = corrected.__qualname__ = name
        corrected.__doc__ = f"linalg.{name} of each matrix of a stack, with array-api-compat's numpy."
        P = inspect.Parameter
        corrected.__signature__ = inspect.Signature(
            [P("x", P.POSITIONAL_ONLY)] + [P(k, P.KEYWORD_ONLY, default=v) for k, v in keywords.items()]
        )
        return corrected

    return make


def _min_mn(x: Any) -> dict:
    return {"k": min(x.shape[-2], x.shape[-1])}


def _cross(linalg: Any) -> Callable:
    def cross(x1, x2, /, *, axis=-1):
        """``numpy.cross`` over the 3-vectors along ``axis`` (batch dimensions broadcast)."""
        import numpy as np

        da = _da()
        if x1.shape[axis] != 3 or x2.shape[axis] != 3:
            raise ValueError(
                f"linalg.cross: both arrays need size 3 along axis {axis}; got shapes "
                f"{x1.shape} and {x2.shape}"
            )
        a, b = da.moveaxis(x1, axis, -1), da.moveaxis(x2, axis, -1)
        dtype = np.result_type(x1.dtype, x2.dtype)
        out = da.apply_gufunc(np.cross, "(i),(i)->(i)", a, b, output_dtypes=dtype, allow_rechunk=True)
        return da.moveaxis(out, -1, axis)

    return cross


def _matrix_power(linalg: Any) -> Callable:
    def matrix_power(x, n, /):
        da = _da()
        fn = functools.partial(_np_linalg().matrix_power, n=n)
        dtype = x.dtype if n >= 0 or x.dtype.kind in "fc" else None
        if dtype is None:
            raise TypeError(f"linalg.matrix_power: a negative power needs a floating array; got {x.dtype}")
        return da.apply_gufunc(fn, "(m,m)->(m,m)", x, output_dtypes=dtype, allow_rechunk=True)

    return matrix_power


CORRECTIONS: dict[str, Callable[[Any], Any]] = {
    **shared_corrections(*NUMPY_KERNEL_FIXES, eager=False),
    "broadcast_shapes": lambda xp: broadcast_shapes,
    "take_along_axis": _take_along_axis,
    "from_dlpack": _from_dlpack,
    "eye": _eye,
    "linspace": _linspace,
    "repeat": _repeat,
    "searchsorted": _searchsorted,
    "tensordot": lambda xp: _same_integer_dtype(xp, "tensordot"),
    "linalg.tensordot": lambda linalg: _same_integer_dtype(linalg, "tensordot"),
    # dask's own cholesky returns the upper factor (lower=False): the standard's is lower
    "linalg.cholesky": _gufunc("cholesky", "(m,m)->(m,m)", {"upper": False},
                                  sample=((2, 1), (1, 2))),
    "linalg.det": _gufunc("det", "(m,m)->()"),
    "linalg.slogdet": _gufunc("slogdet", "(m,m)->(),()"),
    "linalg.inv": _gufunc("inv", "(m,m)->(m,m)"),
    "linalg.eigh": _gufunc("eigh", "(m,m)->(m),(m,m)"),
    "linalg.eigvalsh": _gufunc("eigvalsh", "(m,m)->(m)"),
    "linalg.eig": _gufunc("eig", "(m,m)->(m),(m,m)"),
    "linalg.eigvals": _gufunc("eigvals", "(m,m)->(m)"),
    "linalg.pinv": _gufunc("pinv", "(m,n)->(n,m)", {"rtol": None}),
    "linalg.matrix_rank": _gufunc("matrix_rank", "(m,n)->()", {"rtol": None}),
    "linalg.svd": _gufunc(
        "svd",
        lambda kw: "(m,n)->(m,m),(k),(n,n)" if kw.get("full_matrices", True) else "(m,n)->(m,k),(k),(k,n)",
        {"full_matrices": True},
        sizes=_min_mn,
    ),
    "linalg.svdvals": _gufunc("svdvals", "(m,n)->(k)", sizes=_min_mn),
    "linalg.cross": _cross,
    "linalg.matrix_power": _matrix_power,
}
