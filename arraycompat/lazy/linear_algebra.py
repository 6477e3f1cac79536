"""Linear algebra functions of the standard's main namespace: ``matmul``,
``matrix_transpose``, ``tensordot``, ``vecdot``.

>>> from arraycompat import lazy
>>> a = lazy.Variable((5, 2, 3), "float64")
>>> (a @ lazy.Variable((3, 4), "float64")).shape
(5, 2, 4)
"""

from __future__ import annotations

import functools
import operator
import sys

from . import _node, _record
from ._infer import elementwise_dtype
from ._node import LazyArray
from ._record import apply, backend_function

__all__ = ["matmul", "matrix_transpose", "tensordot", "vecdot"]


def matmul(x1, x2, /) -> LazyArray:
    return apply("matmul", (x1, x2))


def matrix_transpose(x, /) -> LazyArray:
    return apply("matrix_transpose", (x,))


def tensordot(x1, x2, /, axes=2) -> LazyArray:
    if type(axes) is int and type(x1) is LazyArray and type(x2) is LazyArray:
        fast = _tensordot_int(x1, x2, axes)
        if fast is not None:
            return fast
    if not isinstance(axes, int):
        axes = tuple(tuple(a) if isinstance(a, (list, tuple)) else operator.index(a) for a in axes)
    return apply("tensordot", (x1, x2), {"axes": axes})


# (backend, axes) -> partial(tensordot, axes=axes); (partial, dtypes, ndims) -> (dtype, device)
_tensordot_fns: dict = {}
_tensordot_types: dict = {}


def _tensordot_int(x1: LazyArray, x2: LazyArray, axes: int) -> LazyArray | None:
    """The hot path of ``tensordot(x1, x2, axes=k)``: shape by the rule, dtype learned
    once per (dtypes, ranks); None when the general path must decide (errors...)."""
    ns = x1._backend
    s1, s2 = x1._shape, x2._shape
    if ns is not x2._backend or x1._device != x2._device or not 0 <= axes <= min(len(s1), len(s2)):
        return None
    if axes and s1[len(s1) - axes :] != s2[:axes]:
        return None
    vectors = axes == 1 and len(s1) == 1 and len(s2) == 1 and ns.name == "numpy"
    fn = _tensordot_fns.get((id(ns), axes, vectors))
    if fn is None:
        kernel = _numpy_vector_tensordot if vectors else backend_function(ns, "tensordot")
        fn = _tensordot_fns[(id(ns), axes, vectors)] = functools.partial(kernel, axes=axes)
    key = (fn, x1._dtype, x2._dtype, len(s1), len(s2))
    found = _tensordot_types.get(key)
    if found is None:
        found = _tensordot_types[key] = elementwise_dtype(fn, ns, (x1, x2))
    args = (x1, x2)
    shape = s1[: len(s1) - axes] + s2[axes:]
    node = LazyArray(fn, args, None, args, shape, found[0], x1._device, ns)
    return node if _record.share_hook is None else _record.share_hook(node)


def _numpy_vector_tensordot(x1, x2, /, *, axes=1):
    """numpy's ``tensordot(x1, x2, axes=1)`` of two vectors, without its reshapes.

    numpy's tensordot makes a row and a column of the vectors and calls the same dot
    as ``x1 @ x2``, so the value is equal bit for bit; the result is a 0-d array, as
    tensordot's is. Named ``tensordot`` for ``show`` and the history tools.

    >>> import numpy
    >>> _numpy_vector_tensordot(numpy.arange(3.0), numpy.arange(3.0))
    array(5.)
    """
    return sys.modules["numpy"].asarray(x1 @ x2)  # only made for numpy arrays


_numpy_vector_tensordot.__name__ = "tensordot"


def vecdot(x1, x2, /, axis=-1) -> LazyArray:
    return apply("vecdot", (x1, x2), {"axis": axis})


_node._above["matrix_transpose"] = matrix_transpose  # LazyArray uses it (the class cannot import this module)
