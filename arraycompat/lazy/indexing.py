"""Indexing functions of the standard: ``take`` and ``take_along_axis``.

>>> from arraycompat import lazy
>>> x = lazy.Variable((3, 4), "float64")
>>> lazy.take(x, lazy.asarray([0, 2]), axis=1).shape
(3, 2)
"""

from __future__ import annotations

from ._node import LazyArray
from ._record import apply

__all__ = ["take", "take_along_axis"]


def take(x, indices, /, axis=None) -> LazyArray:
    kwargs = {} if axis is None else {"axis": axis}
    return apply("take", (x, indices), kwargs, fill=0)


def take_along_axis(x, indices, /, axis=-1) -> LazyArray:
    return apply("take_along_axis", (x, indices), {"axis": axis}, fill=0)
