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
import sys
import weakref
from typing import Any

from . import _node, _record
from ._node import LazyArray, add_child, pending_children
from ._record import _wrap_foreign, apply

__all__ = ["getitem", "setitem"]

# Set by ``_shared`` (imported later): keeps sharing caches right when a node is written to.
_shared_before_write = None

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
            if k.step == 0:  # the standard: IndexError (numpy's ValueError, torch's too)
                raise IndexError(f"slice step cannot be zero (got {k}); use a step of 1 or more")
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


# (backend, ndim, key item types) the backend accepted once: libraries differ
# (array-api-strict refuses x[0] on a 2-d array), so each pattern is tried once.
_checked: set = set()


def _check_with_stand_in(x: LazyArray, key: tuple, pattern: tuple) -> None:
    from ._infer import evaluate, stand_in

    shape = x._shape
    if None in shape:
        # an unknown size takes any integer of the key: only the key's kinds are checked
        big = 1 + max([abs(k) for k in key if type(k) is int], default=1)
        shape = tuple(big if n is None else n for n in shape)
    data = stand_in(x._backend, shape, x._dtype, x._device)
    evaluate(operator.getitem, (data, key), {})  # raises the backend's own IndexError
    _checked.add(pattern)


def getitem(x: LazyArray, key: Any) -> LazyArray:
    """Record ``x[key]``."""
    key = _normalise(key)
    shape = _basic_shape(x._shape, key)
    if shape is not None:
        pattern = (x._backend, len(x._shape), *map(type, key))
        reversing = x._backend.name == "torch" and _has_negative_step(key)
        if pattern not in _checked:
            _check_with_stand_in(x, _PositiveSteps.positive(key) if reversing else key, pattern)
        # the key lives in the function, so computing needs no look inside it
        args = (x,)
        if reversing:
            fn = _PositiveSteps(key)
        else:
            fn = operator.itemgetter(key[0] if len(key) == 1 else key)
        node = LazyArray(fn, args, None, args, shape, x._dtype, x._device, x._backend)
        return node if _record.share_hook is None else _record.share_hook(node)
    ns = x._backend
    key = tuple(_wrap_foreign(k, ns) if hasattr(k, "shape") else k for k in key)
    lazy_keys = [k for k in key if type(k) is LazyArray]
    if lazy_keys and (
        any(type(k) is bool for k in key) or any(ns.isdtype(k._dtype, "bool") for k in lazy_keys)
    ):
        return apply(operator.getitem, (x, key), data_dependent=True)
    return apply(operator.getitem, (x, key), fill=0)


def _has_negative_step(key: tuple) -> bool:
    return any(type(k) is slice and k.step is not None and k.step < 0 for k in key)


class _PositiveSteps:
    """``x[key]`` for a library without negative slice steps (torch: "step must be
    greater than zero"): the key with each reversed slice as ``:``, then each of those
    axes picked by its indices in order.

    >>> import torch
    >>> _PositiveSteps((None, slice(3, -4, -2), Ellipsis))(torch.arange(4)).tolist()
    [[3, 1]]
    """

    __slots__ = ("key", "__name__")

    def __init__(self, key: tuple) -> None:
        self.key = key
        self.__name__ = "getitem"

    @staticmethod
    def positive(key: tuple) -> tuple:
        return tuple(slice(None) if type(k) is slice and k.step is not None and k.step < 0 else k for k in key)

    def __call__(self, x: Any) -> Any:
        import torch

        ndim = len(x.shape)
        consumed = sum(1 for k in self.key if k is not None and k is not Ellipsis)
        in_axis = out_axis = 0
        picks = []
        for k in self.key:
            if k is None:
                out_axis += 1
            elif k is Ellipsis:
                in_axis += ndim - consumed
                out_axis += ndim - consumed
            elif type(k) is slice:
                if k.step is not None and k.step < 0:
                    picks.append((out_axis, range(*k.indices(x.shape[in_axis]))))
                in_axis += 1
                out_axis += 1
            else:  # an integer: the axis goes
                in_axis += 1
        y = x[self.positive(self.key)]
        for axis, r in picks:
            index = torch.arange(r.start, r.stop, r.step, device=y.device) if len(r) else (
                torch.zeros(0, dtype=torch.int64, device=y.device))
            y = torch.index_select(y, axis, index)
        return y


def _set(x: Any, key: Any, value: Any) -> Any:
    """``x`` with ``x[key] = value``, as a new array (a copy of ``x``)."""
    from ..core._compat import compat_function

    if compat_function("is_jax_array")(x):
        return x.at[key].set(value)
    ns = _namespace_of(x)
    y = ns.asarray(x, copy=True)
    if type(y).__module__.startswith("torch"):
        from ..core._corrections._unsigned import set_items  # torch's uint16/32/64 lack kernels

        set_items(y, key, value)
    else:
        y[key] = value
    return y


def _namespace_of(x: Any) -> Any:
    from ..core._resolve import get_namespace

    return get_namespace(x)


def setitem(x: LazyArray, key: Any, value: Any) -> None:
    """Record ``x[key] = value`` as a functional update: ``x`` becomes a new node
    computing a copy of its old value with the update applied."""
    ns = x._backend
    if type(value) is not LazyArray and hasattr(value, "shape"):
        value = _wrap_foreign(value, ns)
    mask = _boolean_mask(x, _normalise(key))
    if mask is not None:
        # The update's shape is x's: nothing to compute. How many elements the mask
        # selects is only known from its values; a value of the wrong size raises
        # when the graph is computed.
        _check_mask(x, mask, value)
        _record_set(x, key, value)
        return
    selected = getitem(x, key)  # raises IndexError as the library would
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
    del selected  # it refers to x, and would be redirected to x's old value below
    _record_set(x, key, value)


def _boolean_mask(x: LazyArray, key: tuple) -> LazyArray | None:
    """The boolean array of ``x[mask]`` / ``x[mask, ...]``, else None."""
    if len(key) == 2 and key[1] is Ellipsis:
        key = key[:1]
    if len(key) != 1:
        return None
    k = key[0]
    if type(k) is not LazyArray and hasattr(k, "shape"):
        k = _wrap_foreign(k, x._backend)
    if type(k) is LazyArray and x._backend.isdtype(k._dtype, "bool"):
        return k
    return None


def _check_mask(x: LazyArray, mask: LazyArray, value: Any) -> None:
    """What can be checked without values: the mask's sizes against x's, and a value
    that could not fit whatever the mask selects."""
    if len(mask._shape) > len(x._shape):
        raise IndexError(
            f"too many indices for array: array is {len(x._shape)}-dimensional, but a "
            f"{len(mask._shape)}-dimensional boolean mask was given"
        )
    for axis, (m, n) in enumerate(zip(mask._shape, x._shape)):
        if m is not None and n is not None and m != n:
            raise IndexError(
                f"boolean index did not match indexed array along axis {axis}; size of axis "
                f"is {n} but size of corresponding boolean axis is {m}"
            )
    if type(value) is LazyArray:
        rest = x._shape[len(mask._shape):]
        target = (None, *rest)
        if len(value._shape) > len(target):
            raise ValueError(
                f"could not broadcast input array from shape {value._shape} into shape "
                f"{target} (the selected elements of x[mask])"
            )
        for v, t in zip(reversed(value._shape), reversed(target)):
            if v is not None and t is not None and v not in (1, t):
                raise ValueError(
                    f"could not broadcast input array from shape {value._shape} into shape "
                    f"{target} (the selected elements of x[mask])"
                )


def _record_set(x: LazyArray, key: Any, value: Any) -> None:
    ns = x._backend
    key = _normalise(key)
    old = LazyArray(
        x._fn, x._args, x._kwargs, x._deps, x._shape, x._dtype, x._device, ns, x._data
    )
    if _shared_before_write is not None:
        _shared_before_write(x, old)
    _redirect_dependents(x, old)
    # x[...] = f(x): the key and the value read x before the write
    key = _swap(key, x, old)
    value = _swap(value, x, old)
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
    x._children = None
    # x is a child of its new dependencies now (old, the key's and the value's arrays)
    ref = weakref.ref(x)
    for d in deps:
        add_child(d, ref)


def _redirect_dependents(x: LazyArray, old: LazyArray) -> None:
    """Nodes recorded from ``x`` before ``x[key] = value`` must keep reading its old
    value, as they would have eagerly: point them at ``old``, which takes them over
    as its children. Costs O(nodes recorded from x)."""
    dependents = pending_children(x)
    if not dependents:
        return
    kept = []
    for node in dependents:
        if node is old:
            continue
        same = node._deps is node._args
        node._args = _swap(node._args, x, old)
        if same:
            node._deps = node._args
        elif node._deps is not None:
            node._deps = _swap(node._deps, x, old)
        if node._kwargs:
            node._kwargs = _swap(node._kwargs, x, old)
        kept.append(weakref.ref(node))
    old._children = kept or None


def _swap(obj: Any, x: LazyArray, old: LazyArray) -> Any:
    if obj is x:
        return old
    t = type(obj)
    if t is tuple or t is list:
        return t([_swap(o, x, old) for o in obj])
    if t is dict:
        return {k: _swap(v, x, old) for k, v in obj.items()}
    return obj


_node._indexing = sys.modules[__name__]  # LazyArray's [] and []= call this module
