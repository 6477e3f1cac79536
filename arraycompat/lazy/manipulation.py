"""Manipulation functions of the standard, recorded as nodes.

>>> from arraycompat import lazy
>>> x = lazy.Variable((2, 3), "float64")
>>> lazy.reshape(x, (-1,)).shape, lazy.concat([x, x], axis=1).shape
((6,), (2, 6))
"""

from __future__ import annotations

from typing import Any

from . import _node, _simplify
from ._node import LazyArray
from ._record import apply

__all__ = [
    "broadcast_arrays", "broadcast_shapes", "broadcast_to", "concat", "expand_dims", "flip",
    "moveaxis", "permute_dims", "repeat", "reshape", "roll", "squeeze", "stack", "tile",
    "unstack", "transpose", "swapaxes",
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
    """``broadcast_to``; a ``None`` in ``shape`` (an unknown size, as ``y.shape`` may
    hold) is the size of ``x`` on that axis, known when computed."""
    if (same := _simplify.broadcast_to(x, shape)) is not None:
        return same
    shape = tuple(shape)
    if None in shape and type(x) is LazyArray:
        return _broadcast_to_unknown(x, shape)
    return apply("broadcast_to", (x, shape))


def _broadcast_to_unknown(x: LazyArray, shape: tuple) -> LazyArray:
    from ._infer import BroadcastError
    from ._infer import broadcast_shapes as pair
    from ._record import record

    offset = len(shape) - len(x._shape)
    for i, n in enumerate(shape):
        if n is None and (i < offset or x._shape[i - offset] == 1):
            raise ValueError(
                f"arraycompat.lazy.broadcast_to: cannot broadcast shape {x._shape} to {shape}: "
                f"the unknown size at position {i} is not a size of the array's own."
            )
    try:
        out = pair(x._shape, shape)
    except BroadcastError:
        raise ValueError(f"arraycompat.lazy.broadcast_to: cannot broadcast shape {x._shape} to {shape}") from None
    fn = _BroadcastToSizesOf(shape)
    return record(fn, (x,), None, (x,), out, x._dtype, x._device, x._backend)


class _BroadcastToSizesOf:
    """``broadcast_to(data, shape)`` with each None of ``shape`` taken from ``data``."""

    __name__ = "broadcast_to"

    def __init__(self, shape: tuple) -> None:
        self.shape = shape

    def __call__(self, data: Any) -> Any:
        from ..core._resolve import get_namespace

        offset = len(self.shape) - len(data.shape)
        shape = tuple(data.shape[i - offset] if n is None else n for i, n in enumerate(self.shape))
        return get_namespace(data).broadcast_to(data, shape)


def concat(arrays, /, axis=0) -> LazyArray:
    return apply("concat", (list(arrays),), {"axis": axis})


def expand_dims(x, /, axis) -> LazyArray:
    return apply("expand_dims", (x,), {"axis": axis})


def flip(x, /, axis=None) -> LazyArray:
    return apply("flip", (x,), {"axis": axis})


def moveaxis(x, source, destination, /) -> LazyArray:
    return apply("moveaxis", (x, source, destination))


def _permuted(x: Any, axes: tuple) -> Any:
    """``permute_dims`` on any backend: the computing function of numpy-style
    ``transpose`` and ``swapaxes`` nodes (torch's own ``transpose`` swaps two axes)."""
    from ..core._resolve import get_namespace

    return get_namespace(x).permute_dims(x, axes)


def transpose(x, /, axes=None) -> LazyArray:
    """numpy's ``transpose`` (reversed axes by default), with autoray's lazy rules: the
    identity returns ``x``; a transpose of a transpose is one node on the first input.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3, 4), "float64")
    >>> y = lazy.transpose(lazy.transpose(x, (1, 0, 2)), (0, 2, 1))
    >>> y.shape, y.deps[0] is x, y.args[1]
    ((3, 4, 2), True, (1, 2, 0))
    """
    ndim = x.ndim
    if axes is None:
        axes = tuple(range(ndim - 1, -1, -1))
    axes = tuple(a + ndim if a < 0 else a for a in axes)
    if axes == tuple(range(ndim)):
        return x
    if x._fn is not None and x.fn_name in ("transpose", "swapaxes") and len(x._args) == 2:
        inner, first = x._args
        return apply(_transpose, (inner, tuple(first[a] for a in axes)))
    return apply(_transpose, (x, axes))


def swapaxes(x, axis1, axis2, /) -> LazyArray:
    """numpy's ``swapaxes``; ``x`` itself when the two axes are the same.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3, 4), "float64")
    >>> lazy.swapaxes(x, 0, 2).shape, lazy.swapaxes(x, 1, -2) is x
    ((4, 3, 2), True)
    """
    ndim = x.ndim
    a, b = axis1 % ndim, axis2 % ndim
    if a == b:
        return x
    axes = list(range(ndim))
    axes[a], axes[b] = b, a
    return apply(_swapaxes, (x, tuple(axes)))


def _transpose(x: Any, axes: tuple) -> Any:
    return _permuted(x, axes)


def _swapaxes(x: Any, axes: tuple) -> Any:
    return _permuted(x, axes)


_transpose.__name__ = "transpose"
_swapaxes.__name__ = "swapaxes"


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
    if type(x) is LazyArray and None in x._shape:
        return _reshape_unknown(x, tuple(shape), kwargs)
    return apply("reshape", (x, tuple(shape)), kwargs)


def _reshape_unknown(x: LazyArray, shape: tuple, kwargs: dict) -> LazyArray:
    """``reshape`` of an array with an unknown size: the result has the asked shape,
    its ``-1`` unknown; a size that does not fit raises when computed."""
    import operator

    from ._record import backend_function, record

    try:
        shape = tuple(operator.index(n) for n in shape)
    except TypeError:
        raise TypeError(
            f"arraycompat.lazy.reshape: the shape must be a tuple of integers, got {shape!r}"
        ) from None
    if any(n < -1 for n in shape) or shape.count(-1) > 1:
        raise ValueError(
            f"arraycompat.lazy.reshape: invalid shape {shape}: sizes are >= 0, with at most "
            f"one -1 for the size to infer."
        )
    known = 1
    for n in x._shape:
        known *= 1 if n is None else n
    if known == 0:  # an empty array stays empty, whatever its unknown sizes
        return apply("reshape", (x, shape), kwargs)
    out = tuple(None if n == -1 else n for n in shape)
    fn = backend_function(x._backend, "reshape")
    return record(fn, (x, shape), kwargs or None, (x,), out, x._dtype, x._device, x._backend)


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


_node._above["permute_dims"] = permute_dims  # LazyArray uses it (the class cannot import this module)
