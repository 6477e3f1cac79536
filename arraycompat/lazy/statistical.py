"""Statistical and utility functions of the standard (reductions with ``axis`` and
``keepdims``, cumulative sums, ``all``/``any``/``diff``).

>>> from arraycompat import lazy
>>> x = lazy.Variable((2, 3, 4), "float32")
>>> lazy.sum(x, axis=(0, 2), keepdims=True).shape
(1, 3, 1)
"""

from __future__ import annotations

from ._config import native_dtype
from ._node import LazyArray
from ._record import apply

__all__ = [
    "cumulative_prod", "cumulative_sum", "max", "mean", "min", "prod", "std", "sum", "var",
    "all", "any", "diff", "trace", "allclose",
]


def _reduce(name, x, axis, keepdims, **extra) -> LazyArray:
    kwargs = {"axis": axis, "keepdims": keepdims}
    for key, value in extra.items():
        if value is not None:
            kwargs[key] = native_dtype(x._backend, value) if key == "dtype" else value
    return apply(name, (x,), kwargs)


def _no_out(name: str, out) -> None:
    if out is not None:
        raise TypeError(
            f"arraycompat.lazy.{name}: out= is not supported (lazy arrays are not written "
            f"in place); use the returned array."
        )


def _masked_sum(x, /, *, where, **kwargs):
    """``sum(x, where=mask)`` on any backend: masked-out elements count as 0."""
    from ..core._devices import device
    from ..core._resolve import get_namespace

    xp = get_namespace(x)
    return xp.sum(xp.where(where, x, xp.zeros((), dtype=x.dtype, device=device(x))), **kwargs)


def _masked_prod(x, /, *, where, **kwargs):
    """``prod(x, where=mask)`` on any backend: masked-out elements count as 1."""
    from ..core._devices import device
    from ..core._resolve import get_namespace

    xp = get_namespace(x)
    return xp.prod(xp.where(where, x, xp.ones((), dtype=x.dtype, device=device(x))), **kwargs)


_masked_sum.__name__ = "sum"
_masked_prod.__name__ = "prod"


def _masked(fn, x, axis, keepdims, dtype, where) -> LazyArray:
    """numpy's ``where=`` for sums and products, as one node that depends on the mask."""
    kwargs = {"where": where, "axis": axis, "keepdims": keepdims}
    if dtype is not None:
        kwargs["dtype"] = native_dtype(x._backend, dtype)
    return apply(fn, (x,), kwargs)


# The standard's keyword parameters are also taken by position in numpy's order, and
# numpy's extras (``out=None``, ``ddof``, ``where`` for sum/prod) are accepted.
def max(x, /, axis=None, out=None, keepdims=False) -> LazyArray:
    _no_out("max", out)
    return _reduce("max", x, axis, keepdims)


def min(x, /, axis=None, out=None, keepdims=False) -> LazyArray:
    _no_out("min", out)
    return _reduce("min", x, axis, keepdims)


def mean(x, /, axis=None, dtype=None, out=None, keepdims=False) -> LazyArray:
    _no_out("mean", out)
    if dtype is not None:
        from .data_types import astype

        x = astype(x, native_dtype(x._backend, dtype))
    return _reduce("mean", x, axis, keepdims)


def prod(x, /, axis=None, dtype=None, out=None, keepdims=False, *, where=None) -> LazyArray:
    _no_out("prod", out)
    if where is not None:
        return _masked(_masked_prod, x, axis, keepdims, dtype, where)
    return _reduce("prod", x, axis, keepdims, dtype=dtype)


def sum(x, /, axis=None, dtype=None, out=None, keepdims=False, *, where=None) -> LazyArray:
    _no_out("sum", out)
    if where is not None:
        return _masked(_masked_sum, x, axis, keepdims, dtype, where)
    return _reduce("sum", x, axis, keepdims, dtype=dtype)


def _correction(name: str, correction, ddof) -> float:
    if ddof is not None and correction is not None and ddof != correction:
        raise TypeError(
            f"arraycompat.lazy.{name}: got ddof={ddof} and correction={correction}; pass one "
            f"(they mean the same)."
        )
    value = ddof if ddof is not None else correction
    return 0.0 if value is None else value


def std(x, /, axis=None, dtype=None, out=None, ddof=None, keepdims=False, *, correction=None) -> LazyArray:
    _no_out("std", out)
    return _reduce("std", x, axis, keepdims, correction=_correction("std", correction, ddof))


def var(x, /, axis=None, dtype=None, out=None, ddof=None, keepdims=False, *, correction=None) -> LazyArray:
    _no_out("var", out)
    return _reduce("var", x, axis, keepdims, correction=_correction("var", correction, ddof))


def all(x, /, axis=None, out=None, keepdims=False) -> LazyArray:
    _no_out("all", out)
    return _reduce("all", x, axis, keepdims)


def any(x, /, axis=None, out=None, keepdims=False) -> LazyArray:
    _no_out("any", out)
    return _reduce("any", x, axis, keepdims)


def trace(x, /, offset=0, axis1=0, axis2=1, dtype=None) -> LazyArray:
    """numpy's ``trace``: the sum along a diagonal of the ``axis1``/``axis2`` planes.

    >>> from arraycompat import lazy
    >>> lazy.trace(lazy.ones((2, 3, 3)), axis1=1, axis2=2).compute().tolist()
    [3.0, 3.0]
    """
    from .linalg import diagonal
    from .manipulation import moveaxis

    if (axis1 % x.ndim, axis2 % x.ndim) != (x.ndim - 2, x.ndim - 1):
        x = moveaxis(x, (axis1, axis2), (-2, -1))
    return sum(diagonal(x, offset=offset), axis=-1, dtype=dtype)


def _cumulative(name, x, axis, dtype, include_initial) -> LazyArray:
    kwargs = {"axis": axis, "include_initial": include_initial}
    if dtype is not None:
        kwargs["dtype"] = native_dtype(x._backend, dtype)
    return apply(name, (x,), kwargs)


def cumulative_sum(x, /, *, axis=None, dtype=None, include_initial=False) -> LazyArray:
    return _cumulative("cumulative_sum", x, axis, dtype, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, include_initial=False) -> LazyArray:
    return _cumulative("cumulative_prod", x, axis, dtype, include_initial)


def diff(x, /, *, axis=-1, n=1, prepend=None, append=None) -> LazyArray:
    kwargs = {"axis": axis, "n": n}
    if prepend is not None:
        kwargs["prepend"] = prepend
    if append is not None:
        kwargs["append"] = append
    return apply("diff", (x,), kwargs)


def _allclose(a, b, /, **kwargs):
    """The wrapped library's ``allclose`` as a 0-d boolean array."""
    from ..dispatch._dispatch import do
    from ..core._resolve import get_namespace

    return get_namespace(a).asarray(do("allclose", a, b, **kwargs))


_allclose.__name__ = "allclose"


def allclose(a, b, /, rtol=1e-05, atol=1e-08, equal_nan=False) -> LazyArray:
    """numpy's ``allclose`` as a lazy 0-d boolean array.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(3))
    >>> bool(lazy.allclose(x, x + 1e-9).compute()), bool(lazy.allclose(x, x + 1).compute())
    (True, False)
    """
    return apply(_allclose, (a, b), {"rtol": rtol, "atol": atol, "equal_nan": equal_nan})
