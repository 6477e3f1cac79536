"""Trace-time rules: the shape, dtype and device of a node before it is computed.

Two kinds of rules:

* fast rules for the hot paths (broadcasting, elementwise dtypes, basic indexing),
  whose dtype part is learned once per (function, backend, input dtypes) by running
  the wrapped library on one-element arrays, so it is exactly the library's rule;
* the general rule for everything else: run the wrapped function once on stand-in
  arrays of the right shape, dtype and device, and cache the result's shape, dtype
  and device per signature (function, input shapes/dtypes/devices, other arguments).
  Errors the library raises there (bad axis, incompatible shapes, mixed devices)
  are raised at trace time, with the library's own exception.

>>> broadcast_shapes((3, 1), (4,))
(3, 4)
"""

from __future__ import annotations

import contextlib
import warnings
from typing import Any

from ..core._devices import device as _device_of

__all__ = ["broadcast_shapes", "elementwise_dtype", "evaluate", "stand_in", "Spec"]

# The lazy array type, entered by _node (it imports this module, never the reverse).
LazyArray: Any = None


class BroadcastError(ValueError):
    """Shapes that do not broadcast (the caller re-raises the library's own error)."""


def broadcast_shapes(s1: tuple, s2: tuple) -> tuple:
    """The broadcast of two shapes (``None`` is an unknown size).

    >>> broadcast_shapes((2, None), (1, 5))
    (2, 5)
    """
    if s1 == s2:
        return s1
    n1, n2 = len(s1), len(s2)
    if n1 < n2:
        s1, s2, n1, n2 = s2, s1, n2, n1
    if not n2:
        return s1  # with a 0-d operand: the other's shape, no new tuple per node
    out = list(s1)
    offset = n1 - n2
    for i in range(n2):
        a, b = s1[offset + i], s2[i]
        if a == b or b == 1:
            continue
        if a == 1:
            out[offset + i] = b
        elif a is None:
            out[offset + i] = b  # a must be b (or 1) for the program to be valid
        elif b is None:
            continue
        else:
            raise BroadcastError(f"shapes {s1} and {s2} do not broadcast")
    out = tuple(out)
    return s1 if out == s1 else out


@contextlib.contextmanager
def _quiet():
    """Stand-in data may divide by zero or overflow: silence numpy about it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import sys

        np = sys.modules.get("numpy")
        if np is None:
            yield
        else:
            with np.errstate(all="ignore"):
                yield


def stand_in(ns: Any, shape: tuple, dtype: Any, device: Any, fill: int = 1) -> Any:
    """An array of ``ns`` with this shape, dtype and device, filled with ``fill``:

    * 1 (the default): ones, no division by zero; for square last axes of a numeric
      dtype, ``2 * eye + 1``, invertible and positive definite (``inv``, ``cholesky``);
    * 0: zeros (valid indices, an all-False mask);
    * 2: distinct values ``0, 1, 2...`` (alternating for bool), so value-dependent
      sizes (``unique_values``, a mask's count) differ from those of the other two.
    """
    shape = tuple(2 if n is None else n for n in shape)
    kwargs = {"dtype": dtype}
    if device is not None:
        kwargs["device"] = device
    if fill == 2:
        return _distinct(ns, shape, kwargs)
    if fill == 1 and len(shape) >= 2 and shape[-1] == shape[-2] and ns.isdtype(dtype, "numeric"):
        eye = ns.eye(shape[-1], **kwargs)
        # the namespace's functions, not the array's operators (torch has no uint32 +)
        invertible = ns.add(ns.multiply(eye, 2), 1)
        return ns.broadcast_to(invertible, shape) if shape[-1] else ns.zeros(shape, **kwargs)
    if fill == 0:
        return ns.zeros(shape, **kwargs)
    return ns.ones(shape, **kwargs)


def _distinct(ns: Any, shape: tuple, kwargs: dict) -> Any:
    size = 1
    for n in shape:
        size *= n
    dtype = kwargs["dtype"]
    values = ns.arange(size, device=kwargs.get("device"))
    if ns.isdtype(dtype, "bool"):
        values = values % 2 == 1
    else:
        values = ns.astype(values, dtype)
    return ns.reshape(values, shape)


class Spec(tuple):
    """(shape, dtype, device) of one array result."""

    __slots__ = ()


def spec_of(result: Any) -> Any:
    """The Spec of an array, or a (container type, [specs]) pair for tuples."""
    if isinstance(result, (tuple, list)):
        return (type(result), [spec_of(r) for r in result])
    shape = tuple(None if _is_nan(n) else int(n) for n in result.shape)
    try:
        device = _device_of(result)
    except Exception:
        device = None
    return Spec((shape, result.dtype, device))


def _is_nan(n: Any) -> bool:
    return n is None or n != n


def evaluate(fn: Any, args: tuple, kwargs: dict) -> Any:
    """Run ``fn`` on stand-in arguments, quietly; errors propagate."""
    with _quiet():
        return fn(*args, **kwargs)


def elementwise_dtype(fn: Any, ns: Any, operands: tuple, size: int = 1) -> tuple:
    """The result (dtype, device) of an elementwise ``fn`` on ``operands`` (lazy arrays
    or Python scalars), by running it on one-element arrays (callers cache it), or on
    empty ones with ``size=0`` (``int_array ** -2`` fails on values, not on no values)."""
    values = [
        stand_in(ns, (size,) * len(x._shape), x._dtype, x._device) if type(x) is LazyArray else x
        for x in operands
    ]
    result = evaluate(fn, values, {})
    try:
        device = _device_of(result)
    except Exception:
        device = None
    return (result.dtype, device)
