"""Linear algebra functions of the standard's main namespace: ``matmul``,
``matrix_transpose``, ``tensordot``, ``vecdot``.

>>> from arraycompat import lazy
>>> a = lazy.Variable((5, 2, 3), "float64")
>>> (a @ lazy.Variable((3, 4), "float64")).shape
(5, 2, 4)
"""

from __future__ import annotations

import operator

from ._node import LazyArray, apply

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]


def matmul(x1, x2, /) -> LazyArray:
    return apply("matmul", (x1, x2))


def matrix_transpose(x, /) -> LazyArray:
    return apply("matrix_transpose", (x,))


def tensordot(x1, x2, /, *, axes=2) -> LazyArray:
    if not isinstance(axes, int):
        axes = tuple(tuple(a) if isinstance(a, (list, tuple)) else operator.index(a) for a in axes)
    return apply("tensordot", (x1, x2), {"axes": axes})


def vecdot(x1, x2, /, *, axis=-1) -> LazyArray:
    return apply("vecdot", (x1, x2), {"axis": axis})
