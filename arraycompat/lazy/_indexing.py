"""``x[key]`` and ``x[key] = value`` on lazy arrays.

Basic keys (integers, slices, ``...``, ``None``) have a fast shape rule that raises
``IndexError`` for an integer past the end, as eager libraries do. Integer-array
keys go through the general rule; boolean masks are data-dependent.

>>> from arraycompat import lazy
>>> x = lazy.Variable((4, 5), "float64")
>>> x[1:, None, -1].shape
(3, 1)
"""

from __future__ import annotations

import operator
from typing import Any

from . import _node
from ._node import LazyArray, _leaf, _wrap_foreign, apply

__all__ = ["getitem", "setitem"]

_BASIC = (int, slice, type(None), type(Ellipsis))


def _basic_shape(shape: tuple, key: tuple) -> tuple | None:
    """The shape of ``x[key]`` for a basic key, or None when the key is not basic."""
    ndim = len(shape)
    n_index = 0
    ellipsis = False
    for k in key:
        t = type(k)
        if t is int or t is slice:
            n_index += 1
        elif k is Ellipsis:
            if ellipsis:
                raise IndexError("an index can only have a single ellipsis ('...')")
            ellipsis = True
        elif k is not None:
            return None
    if n_index > ndim:
        raise IndexError(
            f"too many indices for array: array is {ndim}-dimensional, but {n_index} were indexed"
        )
    out = []
    axis = 0
    for k in key:
        t = type(k)
        if t is int:
            n = shape[axis]
            if n is not None and not -n <= k < n:
                raise IndexError(f"index {k} is out of bounds for axis {axis} with size {n}")
            axis += 1
        elif t is slice:
            n = shape[axis]
            out.append(None if n is None else len(range(*k.indices(n))))
            axis += 1
        elif k is None:
            out.append(1)
        else:  # Ellipsis
            skip = ndim - n_index
            out.extend(shape[axis : axis + skip])
            axis += skip
    if axis < ndim:
        out.extend(shape[axis:])
    return tuple(out)


def _normalise(key: Any) -> tuple:
    if type(key) is not tuple:
        key = (key,)
    for k in key:
        if type(k) not in _BASIC:
            break
    else:
        return key
    fixed = []
    for k in key:
        t = type(k)
        if t not in _BASIC and t is not LazyArray and t is not bool and not hasattr(k, "shape"):
            if hasattr(k, "__index__"):
                k = operator.index(k)  # numpy integers are integers
        fixed.append(k)
    return tuple(fixed)


def getitem(x: LazyArray, key: Any) -> LazyArray:
    """Record ``x[key]``."""
    key = _normalise(key)
    shape = _basic_shape(x._shape, key)
    if shape is not None:
        # the key lives in the function, so computing needs no look inside it
        args = (x,)
        fn = operator.itemgetter(key[0] if len(key) == 1 else key)
        node = LazyArray(fn, args, None, args, shape, x._dtype, x._device, x._backend)
        return node if _node.share_hook is None else _node.share_hook(node)
    ns = x._backend
    key = tuple(_wrap_foreign(k, ns) if hasattr(k, "shape") else k for k in key)
    lazy_keys = [k for k in key if type(k) is LazyArray]
    if lazy_keys and (
        any(type(k) is bool for k in key) or any(ns.isdtype(k._dtype, "bool") for k in lazy_keys)
    ):
        return apply(operator.getitem, (x, key), data_dependent=True)
    return apply(operator.getitem, (x, key), fill=0)


def _set(x: Any, key: Any, value: Any) -> Any:
    """``x`` with ``x[key] = value``, as a new array (a copy of ``x``)."""
    import array_api_compat

    if array_api_compat.is_jax_array(x):
        return x.at[key].set(value)
    ns = _namespace_of(x)
    y = ns.asarray(x, copy=True)
    y[key] = value
    return y


def _namespace_of(x: Any) -> Any:
    from .._resolve import get_namespace

    return get_namespace(x)


def setitem(x: LazyArray, key: Any, value: Any) -> None:
    """Record ``x[key] = value`` as a functional update: ``x`` becomes a new node
    computing a copy of its old value with the update applied."""
    ns = x._backend
    selected = getitem(x, key)  # raises IndexError as the library would
    if type(value) is not LazyArray and hasattr(value, "shape"):
        value = _wrap_foreign(value, ns)
    if type(value) is LazyArray:
        from ._infer import BroadcastError, broadcast_shapes

        try:
            out = broadcast_shapes(selected._shape, value._shape)
        except BroadcastError:
            out = None
        if out != selected._shape and None not in selected._shape:
            raise ValueError(
                f"could not broadcast input array from shape {value._shape} into shape "
                f"{selected._shape}"
            )
    key = _normalise(key)
    old = LazyArray(
        x._fn, x._args, x._kwargs, x._deps, x._shape, x._dtype, x._device, ns, x._data
    )
    deps = [old]
    for k in key:
        if type(k) is LazyArray:
            deps.append(k)
    if type(value) is LazyArray:
        deps.append(value)
    x._fn = _set
    x._args = (old, key, value)
    x._kwargs = None
    x._deps = tuple(deps)
    x._data = None
