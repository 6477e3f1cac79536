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
    "all", "any", "diff",
]


def _reduce(name, x, axis, keepdims, **extra) -> LazyArray:
    kwargs = {"axis": axis, "keepdims": keepdims}
    for key, value in extra.items():
        if value is not None:
            kwargs[key] = native_dtype(x._backend, value) if key == "dtype" else value
    return apply(name, (x,), kwargs)


def max(x, /, *, axis=None, keepdims=False) -> LazyArray:
    return _reduce("max", x, axis, keepdims)


def min(x, /, *, axis=None, keepdims=False) -> LazyArray:
    return _reduce("min", x, axis, keepdims)


def mean(x, /, *, axis=None, keepdims=False) -> LazyArray:
    return _reduce("mean", x, axis, keepdims)


def prod(x, /, *, axis=None, dtype=None, keepdims=False) -> LazyArray:
    return _reduce("prod", x, axis, keepdims, dtype=dtype)


def sum(x, /, *, axis=None, dtype=None, keepdims=False) -> LazyArray:
    return _reduce("sum", x, axis, keepdims, dtype=dtype)


def std(x, /, *, axis=None, correction=0.0, keepdims=False) -> LazyArray:
    return _reduce("std", x, axis, keepdims, correction=correction)


def var(x, /, *, axis=None, correction=0.0, keepdims=False) -> LazyArray:
    return _reduce("var", x, axis, keepdims, correction=correction)


def all(x, /, *, axis=None, keepdims=False) -> LazyArray:
    return _reduce("all", x, axis, keepdims)


def any(x, /, *, axis=None, keepdims=False) -> LazyArray:
    return _reduce("any", x, axis, keepdims)


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
