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
    "all", "any", "diff", "trace",
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


def _masked(name: str, x, where, neutral) -> LazyArray:
    """numpy's ``where=`` for sums and products: masked-out elements count as ``neutral``."""
    if where is None:
        return x
    from .searching import where as choose

    return choose(where, x, neutral)


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
    return _reduce("prod", _masked("prod", x, where, 1), axis, keepdims, dtype=dtype)


def sum(x, /, axis=None, dtype=None, out=None, keepdims=False, *, where=None) -> LazyArray:
    _no_out("sum", out)
    return _reduce("sum", _masked("sum", x, where, 0), axis, keepdims, dtype=dtype)


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
