"""numpy-style names and signatures on torch: ``axis`` -> ``dim``, ``clip`` -> ``clamp``...

>>> import torch
>>> TABLE["sum"]()(torch.ones(2, 3), axis=0).tolist()
[2.0, 2.0, 2.0]
"""

from __future__ import annotations

import numbers
from typing import Any, Callable

import torch

__all__ = ["TABLE"]


def _dtype(dtype: Any) -> Any:
    """A torch dtype from a name ('float32') or a torch dtype."""
    return getattr(torch, dtype) if isinstance(dtype, str) else dtype


def _all_dims(a: Any) -> tuple[int, ...]:
    return tuple(range(a.ndim))


# ------------------------------------------------------------------ statistical
def _sum_like(target: str) -> Callable[[], Callable]:
    """sum, prod, mean: ``(a, axis=None, dtype=None, out=None, keepdims=False)``."""

    def make() -> Callable:
        f = getattr(torch, target)
        one_dim = target == "prod"  # torch.prod takes a single int dim

        def numpy_like(a, axis=None, dtype=None, out=None, keepdims=False):
            if axis is not None and dtype is None and out is None and not one_dim:
                return f(a, axis, keepdims)  # the common call, first
            kwargs = {}
            if out is not None:
                kwargs["out"] = out
            if dtype is not None:
                kwargs["dtype"] = _dtype(dtype)
            if axis is None:
                if not keepdims:
                    return f(a, **kwargs)
                axis = _all_dims(a)
            if one_dim and not isinstance(axis, numbers.Integral):
                return _over_axes(lambda x, d, k: f(x, d, k, **kwargs), a, axis, keepdims)
            return f(a, axis, keepdims, **kwargs)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _over_axes(f: Callable, a: Any, axes: Any, keepdims: bool) -> Any:
    """Reduce ``a`` over several axes with a function that takes one at a time."""
    for axis in sorted((x % a.ndim for x in axes), reverse=True):
        a = f(a, axis, keepdims)
    return a


def _max_like(target: str) -> Callable[[], Callable]:
    """max, min, all, any: ``(a, axis=None, out=None, keepdims=False)``."""

    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(a, axis=None, out=None, keepdims=False):
            kwargs = {} if out is None else {"out": out}
            if axis is None:
                if not keepdims:
                    return f(a, **kwargs)
                axis = _all_dims(a)
            return f(a, axis, keepdims, **kwargs)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _arg_like(target: str) -> Callable[[], Callable]:
    """argmax, argmin: ``(a, axis=None, out=None, *, keepdims=False)``."""

    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(a, axis=None, out=None, *, keepdims=False):
            if axis is None and keepdims:
                return f(a).reshape((1,) * a.ndim)
            return f(a, axis, keepdims)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _std_like(target: str) -> Callable[[], Callable]:
    """std, var: ``ddof`` (default 0, numpy's) -> ``correction`` (torch's default is 1)."""

    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(a, axis=None, dtype=None, out=None, ddof=0, keepdims=False):
            if dtype is not None:
                a = a.to(_dtype(dtype))
            kwargs = {} if out is None else {"out": out}
            return f(a, dim=axis, correction=ddof, keepdim=keepdims, **kwargs)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _median() -> Callable:
    def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
        """numpy's median (the mean of the two middle values), via ``torch.quantile``."""
        if axis is None:
            result = torch.quantile(a.reshape(-1), 0.5)
            return result.reshape((1,) * a.ndim) if keepdims else result
        return torch.quantile(a, 0.5, dim=axis, keepdim=keepdims)

    return median


def _cumulative(target: str) -> Callable[[], Callable]:
    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(a, axis=None, dtype=None, out=None):
            kwargs = {} if dtype is None else {"dtype": _dtype(dtype)}
            if axis is None:
                return f(a.reshape(-1), 0, **kwargs)
            return f(a, axis, **kwargs)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _count_nonzero() -> Callable:
    def count_nonzero(a, axis=None, *, keepdims=False):
        result = torch.count_nonzero(a, dim=axis)
        if keepdims:
            axes = _all_dims(a) if axis is None else (axis,) if isinstance(axis, int) else axis
            for ax in sorted(x % a.ndim for x in axes):
                result = result.unsqueeze(ax)
        return result

    return count_nonzero


# ------------------------------------------------------------------ elementwise
def _clip() -> Callable:
    def clip(a, a_min=None, a_max=None, out=None, *, min=None, max=None):
        """numpy's clip (``a_min``/``a_max``, or numpy 2's ``min``/``max``) -> ``clamp``."""
        low = a_min if min is None else min
        high = a_max if max is None else max
        return torch.clamp(a, low, high, out=out)

    return clip


def _alias(target: str) -> Callable[[], Callable]:
    def make() -> Callable:
        return getattr(torch, target)

    return make


# ------------------------------------------------------------------ creation
def _creation(target: str) -> Callable[[], Callable]:
    """zeros, ones, empty: ``(shape, dtype=None, ...)`` with dtype names."""

    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(shape, dtype=None, order="C", *, device=None, **kwargs):
            if isinstance(shape, numbers.Integral):
                shape = (shape,)
            return f(shape, dtype=_dtype(dtype), device=device, **kwargs)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _full() -> Callable:
    def full(shape, fill_value, dtype=None, order="C", *, device=None):
        if isinstance(shape, numbers.Integral):
            shape = (shape,)
        return torch.full(shape, fill_value, dtype=_dtype(dtype), device=device)

    return full


def _eye() -> Callable:
    def eye(N, M=None, k=0, dtype=None, order="C", *, device=None):
        """numpy's eye with ``M`` and the diagonal offset ``k``."""
        M = N if M is None else M
        dtype = torch.get_default_dtype() if dtype is None else _dtype(dtype)
        if k == 0:
            return torch.eye(N, M, dtype=dtype, device=device)
        out = torch.zeros(N, M, dtype=dtype, device=device)
        out.diagonal(k).fill_(1)
        return out

    return eye


def _asarray(target: str) -> Callable[[], Callable]:
    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(a, dtype=None, *, device=None, **kwargs):
            return f(a, dtype=_dtype(dtype), device=device)

        numpy_like.__name__ = target
        return numpy_like

    return make


def _tril_triu(target: str) -> Callable[[], Callable]:
    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(m, k=0):
            return f(m, diagonal=k)

        numpy_like.__name__ = target
        return numpy_like

    return make


# ------------------------------------------------------------------ manipulation
def _concatenate() -> Callable:
    def concatenate(arrays, axis=0, out=None, dtype=None):
        if axis is None:
            arrays, axis = [a.reshape(-1) for a in arrays], 0
        if dtype is not None:
            arrays = [a.to(_dtype(dtype)) for a in arrays]
        return torch.cat(tuple(arrays), axis, out=out)

    return concatenate


def _stack() -> Callable:
    def stack(arrays, axis=0, out=None, dtype=None):
        if dtype is not None:
            arrays = [a.to(_dtype(dtype)) for a in arrays]
        return torch.stack(tuple(arrays), axis, out=out)

    return stack


def _split() -> Callable:
    def split(ary, indices_or_sections, axis=0):
        """numpy's split: a number of equal sections, or the indices to cut at."""
        if isinstance(indices_or_sections, numbers.Integral):
            length = ary.shape[axis]
            if length % indices_or_sections:
                raise ValueError(
                    f"array split does not result in an equal division: axis {axis} has length "
                    f"{length}, not a multiple of {indices_or_sections}; use array_split for "
                    f"unequal parts."
                )
        else:
            indices_or_sections = list(indices_or_sections)
        return list(torch.tensor_split(ary, indices_or_sections, dim=axis))

    return split


def _array_split() -> Callable:
    def array_split(ary, indices_or_sections, axis=0):
        if not isinstance(indices_or_sections, numbers.Integral):
            indices_or_sections = list(indices_or_sections)
        return list(torch.tensor_split(ary, indices_or_sections, dim=axis))

    return array_split


def _take_along_axis() -> Callable:
    def take_along_axis(arr, indices, axis=-1):
        if axis is None:
            return torch.take_along_dim(arr, indices)
        return torch.take_along_dim(arr, indices, dim=axis)

    return take_along_axis


def _take() -> Callable:
    def take(a, indices, axis=None):
        """numpy's ``take``: flat indices without ``axis``, else along ``axis``."""
        indices = torch.as_tensor(indices, device=a.device)
        if axis is None:
            return torch.take(a, indices)
        picked = torch.index_select(a, axis, indices.reshape(-1))
        shape = a.shape[:axis % a.ndim] + indices.shape + a.shape[axis % a.ndim + 1:]
        return picked.reshape(shape)

    return take


def _trace() -> Callable:
    def trace(a, offset=0, axis1=0, axis2=1, dtype=None):
        """numpy's ``trace`` over any two axes (torch's takes a matrix only)."""
        out = torch.diagonal(a, offset=offset, dim1=axis1, dim2=axis2).sum(-1)
        return out if dtype is None else out.to(dtype)

    return trace


def _imag() -> Callable:
    def imag(x):
        """numpy's ``imag``: zeros for a real array (torch raises)."""
        return torch.imag(x) if x.is_complex() else torch.zeros_like(x)

    return imag


def _transpose() -> Callable:
    def transpose(a, axes=None):
        return a.permute(*reversed(range(a.ndim)) if axes is None else axes)

    return transpose


def _expand_dims() -> Callable:
    def expand_dims(a, axis):
        if isinstance(axis, numbers.Integral):
            return torch.unsqueeze(a, axis)
        ndim = a.ndim + len(axis)
        for ax in sorted(x % ndim for x in axis):
            a = torch.unsqueeze(a, ax)
        return a

    return expand_dims


def _squeeze() -> Callable:
    def squeeze(a, axis=None):
        return torch.squeeze(a) if axis is None else torch.squeeze(a, axis)

    return squeeze


def _flip() -> Callable:
    def flip(m, axis=None):
        dims = _all_dims(m) if axis is None else (axis,) if isinstance(axis, int) else axis
        return torch.flip(m, dims)

    return flip


def _roll() -> Callable:
    def roll(a, shift, axis=None):
        if axis is None:
            return torch.roll(a, shift)
        return torch.roll(a, shift, axis)

    return roll


def _diagonal() -> Callable:
    def diagonal(a, offset=0, axis1=0, axis2=1):
        return torch.diagonal(a, offset, axis1, axis2)

    return diagonal


def _astype() -> Callable:
    def astype(x, dtype, copy=True):
        return x.to(_dtype(dtype), copy=copy)

    return astype


# ------------------------------------------------------------------ searching, sorting
def _sort(target: str) -> Callable[[], Callable]:
    def make() -> Callable:
        f = getattr(torch, target)

        def numpy_like(a, axis=-1, kind=None, order=None, *, stable=None):
            if axis is None:
                a, axis = a.reshape(-1), 0
            result = f(a, dim=axis, stable=bool(stable))
            return result[0] if target == "sort" else result

        numpy_like.__name__ = target
        return numpy_like

    return make


def _nonzero() -> Callable:
    def nonzero(a):
        return torch.nonzero(a, as_tuple=True)

    return nonzero


# ------------------------------------------------------------------ linalg
def _tensordot() -> Callable:
    def tensordot(a, b, axes=2):
        return torch.tensordot(a, b, dims=axes)

    return tensordot


def _norm() -> Callable:
    def norm(x, ord=None, axis=None, keepdims=False):
        return torch.linalg.norm(x, ord, axis, keepdims)

    return norm


def _linalg_alias(target: str) -> Callable[[], Callable]:
    def make() -> Callable:
        return getattr(torch.linalg, target)

    return make


_PAD_MODES = {"constant": "constant", "edge": "replicate", "wrap": "circular", "reflect": "reflect"}


def _pad() -> Callable:
    def pad(array, pad_width, mode="constant", constant_values=0):
        """numpy's ``pad``: an int, one (before, after) pair or a pair per axis."""
        import numpy

        if mode not in _PAD_MODES:
            raise ValueError(
                f"pad: mode {mode!r} has no torch equivalent; use one of {sorted(_PAD_MODES)}."
            )
        widths = numpy.broadcast_to(numpy.asarray(pad_width, dtype=int), (array.ndim, 2))
        flat = [int(w) for axis in reversed(range(array.ndim)) for w in widths[axis]]
        if mode == "constant":
            return torch.nn.functional.pad(array, flat, mode="constant", value=constant_values)
        return torch.nn.functional.pad(array, flat, mode=_PAD_MODES[mode])

    return pad


def _indices() -> Callable:
    def indices(dimensions, dtype=None, sparse=False, *, device=None):
        """numpy's ``indices``: a grid of each axis's index, stacked (int64 by default)."""
        dtype = torch.int64 if dtype in (None, int) else _dtype(dtype)
        ranges = [torch.arange(n, dtype=dtype, device=device) for n in dimensions]
        if sparse:
            ndim = len(ranges)
            return tuple(r.reshape([-1 if i == j else 1 for j in range(ndim)])
                         for i, r in enumerate(ranges))
        if not ranges:
            return torch.empty((0,), dtype=dtype, device=device)
        return torch.stack(torch.meshgrid(*ranges, indexing="ij"))

    return indices


def _solve_triangular() -> Callable:
    def solve_triangular(a, b, trans=0, lower=False, unit_diagonal=False, **kwargs):
        """scipy's ``solve_triangular`` (``b`` a vector or a matrix)."""
        if trans in (1, "T"):
            a, lower = a.mT, not lower
        elif trans in (2, "C"):
            a, lower = a.mT.conj(), not lower
        vector = b.ndim == a.ndim - 1
        x = torch.linalg.solve_triangular(
            a, b.unsqueeze(-1) if vector else b, upper=not lower, unitriangular=unit_diagonal
        )
        return x.squeeze(-1) if vector else x

    return solve_triangular


TABLE: dict[str, Callable[[], Callable]] = {
    "pad": _pad,
    "indices": _indices,
    "scipy.linalg.solve_triangular": _solve_triangular,
    "take": _take,
    "trace": _trace,
    "imag": _imag,
    # statistical
    "sum": _sum_like("sum"),
    "prod": _sum_like("prod"),
    "mean": _sum_like("mean"),
    "max": _max_like("amax"),
    "min": _max_like("amin"),
    "amax": _max_like("amax"),
    "amin": _max_like("amin"),
    "all": _max_like("all"),
    "any": _max_like("any"),
    "std": _std_like("std"),
    "var": _std_like("var"),
    "median": _median,
    "cumsum": _cumulative("cumsum"),
    "cumprod": _cumulative("cumprod"),
    "count_nonzero": _count_nonzero,
    # searching, sorting
    "argmax": _arg_like("argmax"),
    "argmin": _arg_like("argmin"),
    "sort": _sort("sort"),
    "argsort": _sort("argsort"),
    "nonzero": _nonzero,
    # elementwise
    "clip": _clip,
    "power": _alias("pow"),
    "conjugate": _alias("conj_physical"),
    "equal": _alias("eq"),
    # creation
    "empty": _creation("empty"),
    "zeros": _creation("zeros"),
    "ones": _creation("ones"),
    "full": _full,
    "eye": _eye,
    "identity": _eye,
    "array": _asarray("tensor"),
    "asarray": _asarray("as_tensor"),
    "tril": _tril_triu("tril"),
    "triu": _tril_triu("triu"),
    # manipulation
    "concatenate": _concatenate,
    "stack": _stack,
    "split": _split,
    "array_split": _array_split,
    "take_along_axis": _take_along_axis,
    "transpose": _transpose,
    "expand_dims": _expand_dims,
    "squeeze": _squeeze,
    "flip": _flip,
    "roll": _roll,
    "diagonal": _diagonal,
    "astype": _astype,
    # linalg
    "tensordot": _tensordot,
    "linalg.norm": _norm,
    "linalg.expm": _linalg_alias("matrix_exp"),
}
