"""Searching functions of the standard. ``nonzero`` is data-dependent: it computes
at once when its input is concrete, and has unknown sizes when it depends on a
Variable.

>>> from arraycompat import lazy
>>> lazy.argmax(lazy.Variable((3, 4), "float64"), axis=1).shape
(3,)
"""

from __future__ import annotations

from ._node import LazyArray
from ._record import apply

__all__ = ["argmax", "argmin", "count_nonzero", "nonzero", "searchsorted", "where"]


def argmax(x, /, axis=None, *, keepdims=False) -> LazyArray:
    return apply("argmax", (x,), {"axis": axis, "keepdims": keepdims})


def argmin(x, /, axis=None, *, keepdims=False) -> LazyArray:
    return apply("argmin", (x,), {"axis": axis, "keepdims": keepdims})


def count_nonzero(x, /, axis=None, *, keepdims=False) -> LazyArray:
    return apply("count_nonzero", (x,), {"axis": axis, "keepdims": keepdims})


def nonzero(x, /) -> tuple:
    return tuple(apply("nonzero", (x,), data_dependent=True))


def searchsorted(x1, x2, /, *, side="left", sorter=None) -> LazyArray:
    kwargs = {"side": side} if sorter is None else {"side": side, "sorter": sorter}
    return apply("searchsorted", (x1, x2), kwargs)


def where(condition, x1, x2, /) -> LazyArray:
    return apply("where", (condition, x1, x2))
