"""Manipulation functions of the standard, recorded as nodes.

>>> from arraycompat import lazy
>>> x = lazy.Variable((2, 3), "float64")
>>> lazy.reshape(x, (-1,)).shape, lazy.concat([x, x], axis=1).shape
((6,), (2, 6))
"""

from __future__ import annotations

from typing import Any

from . import _simplify
from ._node import LazyArray
from ._record import apply

__all__ = [
    "broadcast_arrays", "broadcast_shapes", "broadcast_to", "concat", "expand_dims", "flip",
    "moveaxis", "permute_dims", "repeat", "reshape", "roll", "squeeze", "stack", "tile",
    "unstack",
]


def broadcast_arrays(*arrays) -> tuple:
    return tuple(apply("broadcast_arrays", arrays))


def broadcast_shapes(*shapes) -> tuple:
    """The broadcast of shapes (``None`` is an unknown size); ``ValueError`` when they
    do not broadcast.

    >>> broadcast_shapes((2, 1), (3,))
    (2, 3)
    """
    from ._infer import BroadcastError
    from ._infer import broadcast_shapes as pair

    out: tuple = ()
    for s in shapes:
        try:
            out = pair(out, tuple(s))
        except BroadcastError as e:
            raise ValueError(f"arraycompat.lazy.broadcast_shapes: {e}") from None
    return out


def broadcast_to(x, /, shape) -> LazyArray:
    if (same := _simplify.broadcast_to(x, shape)) is not None:
        return same
    return apply("broadcast_to", (x, tuple(shape)))


def concat(arrays, /, axis=0) -> LazyArray:
    return apply("concat", (list(arrays),), {"axis": axis})


def expand_dims(x, /, axis) -> LazyArray:
    return apply("expand_dims", (x,), {"axis": axis})


def flip(x, /, axis=None) -> LazyArray:
    return apply("flip", (x,), {"axis": axis})


def moveaxis(x, source, destination, /) -> LazyArray:
    return apply("moveaxis", (x, source, destination))


def permute_dims(x, /, axes) -> LazyArray:
    if (folded := _simplify.permute_dims(x, axes)) is not None:
        return folded
    return apply("permute_dims", (x, tuple(axes)))


def repeat(x, repeats, /, axis=None) -> LazyArray:
    """``repeat``; with an array of repeats the output size depends on the values."""
    return apply("repeat", (x, repeats), {"axis": axis}, data_dependent=type(repeats) is LazyArray)


def reshape(x, /, shape, *, copy=None) -> LazyArray:
    if copy is not True and (folded := _simplify.reshape(x, shape)) is not None:
        return folded
    kwargs: dict[str, Any] = {} if copy is None else {"copy": copy}
    return apply("reshape", (x, tuple(shape)), kwargs)


def roll(x, /, shift, axis=None) -> LazyArray:
    return apply("roll", (x, shift), {"axis": axis})


def squeeze(x, /, axis) -> LazyArray:
    return apply("squeeze", (x,), {"axis": axis})


def stack(arrays, /, axis=0) -> LazyArray:
    return apply("stack", (list(arrays),), {"axis": axis})


def tile(x, repetitions, /) -> LazyArray:
    return apply("tile", (x, tuple(repetitions)))


def unstack(x, /, axis=0) -> tuple:
    return tuple(apply("unstack", (x,), {"axis": axis}))
