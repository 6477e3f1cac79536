"""Sorting functions of the standard.

>>> from arraycompat import lazy
>>> lazy.argsort(lazy.Variable((3, 4), "float64"), axis=0).dtype
dtype('int64')
"""

from __future__ import annotations

from ._node import LazyArray
from ._record import apply

__all__ = ["argsort", "sort"]


def argsort(x, /, axis=-1, *, descending=False, stable=True) -> LazyArray:
    return apply("argsort", (x,), {"axis": axis, "descending": descending, "stable": stable})


def sort(x, /, axis=-1, *, descending=False, stable=True) -> LazyArray:
    return apply("sort", (x,), {"axis": axis, "descending": descending, "stable": stable})
