"""Trace-time simplifications that keep results equal: a no-op ``reshape``,
``permute_dims``, ``astype`` or ``broadcast_to`` returns its input, and a chain of
reshapes (or of permutations) folds into one node on the first input.

Lazy graphs are functional (``x[i] = v`` rebinds ``x`` to a new node), so returning
the input for a no-op, even where the standard asks for a copy, changes no value.

>>> from arraycompat import lazy
>>> x = lazy.Variable((2, 3), "float64")
>>> lazy.reshape(x, (2, 3)) is x, lazy.permute_dims(lazy.permute_dims(x, (1, 0)), (1, 0)) is x
(True, True)
>>> y = lazy.reshape(lazy.reshape(x, (6,)), (3, 2))
>>> y.deps[0] is x
True
"""

from __future__ import annotations

from typing import Any

from ._node import LazyArray, apply
from ._traverse import fn_name

__all__ = ["reshape", "permute_dims", "astype", "broadcast_to"]


def _known(x: Any) -> bool:
    return type(x) is LazyArray and None not in x._shape


def _recorded(x: LazyArray, name: str) -> bool:
    """``x`` is an uncomputed ``name(input, ...)`` node."""
    return (
        x._fn is not None and fn_name(x) == name and len(x._args) >= 2
        and _known(x._args[0])
    )


def _target_shape(shape: tuple, size: int) -> tuple | None:
    """``shape`` with a -1 filled in; None when it is not a valid shape for ``size``."""
    if not all(type(n) is int for n in shape) or sum(1 for n in shape if n == -1) > 1:
        return None
    known = 1
    for n in shape:
        if n != -1:
            known *= n
    if -1 in shape:
        if known == 0 or size % known:
            return None
        shape = tuple(size // known if n == -1 else n for n in shape)
    elif known != size:
        return None
    return shape


def reshape(x: Any, shape: Any) -> LazyArray | None:
    """``x`` when reshaping to its own shape; a reshape of the first input of a chain
    of reshapes; None when nothing simplifies."""
    if not _known(x):
        return None
    try:
        target = _target_shape(tuple(shape), x.size)
    except TypeError:
        return None
    if target is None:
        return None
    if target == x._shape:
        return x
    if _recorded(x, "reshape") and not x._kwargs:
        inner = x._args[0]
        return inner if inner._shape == target else apply("reshape", (inner, target))
    return None


def permute_dims(x: Any, axes: Any) -> LazyArray | None:
    """``x`` for the identity permutation; one permutation for a chain of them."""
    if type(x) is not LazyArray:
        return None
    ndim = len(x._shape)
    try:
        axes = tuple(a + ndim if a < 0 else a for a in axes)
    except TypeError:
        return None
    if sorted(axes) != list(range(ndim)):
        return None  # let the library raise its own error
    if axes == tuple(range(ndim)):
        return x
    if _recorded(x, "permute_dims") and not x._kwargs and len(x._args[1]) == ndim:
        first = x._args[1]
        combined = tuple(first[a] for a in axes)
        if combined == tuple(range(ndim)):
            return x._args[0]
        return apply("permute_dims", (x._args[0], combined))
    return None


def astype(x: Any, dtype: Any, device: Any = None) -> LazyArray | None:
    """``x`` when it already has ``dtype`` (a native dtype) and no device move is asked."""
    if type(x) is LazyArray and device is None and x._dtype == dtype:
        return x
    return None


def broadcast_to(x: Any, shape: Any) -> LazyArray | None:
    """``x`` when broadcasting to its own shape."""
    if _known(x):
        try:
            if tuple(shape) == x._shape:
                return x
        except TypeError:
            return None
    return None
