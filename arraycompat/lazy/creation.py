"""Creation functions of the standard, on the default backend or ``backend=``.

Functions that make new data from Python values (``asarray``, ``zeros``, ``arange``...)
run at once on the backend and return computed lazy arrays; those that take an
array (``zeros_like``, ``tril``, ``meshgrid``...) record nodes.

>>> from arraycompat import lazy
>>> lazy.zeros((2, 3), backend="array_api_strict").backend
'array_api_strict'
"""

from __future__ import annotations

from typing import Any

from ._config import backend_namespace, native_dtype, refuse_if_strict
from ._node import LazyArray, _leaf
from ._record import apply

__all__ = [
    "arange", "asarray", "empty", "empty_like", "eye", "from_dlpack", "full", "full_like",
    "linspace", "meshgrid", "ones", "ones_like", "tril", "triu", "zeros", "zeros_like",
]


def _create(name: str, backend: Any, args: tuple, dtype: Any, device: Any, **kwargs: Any) -> LazyArray:
    ns = backend_namespace(backend)
    if dtype is not None:
        kwargs["dtype"] = native_dtype(ns, dtype)
    if device is not None:
        kwargs["device"] = device
    return _leaf(getattr(ns, name)(*args, **kwargs), ns)


def arange(start, /, stop=None, step=1, *, dtype=None, device=None, backend=None) -> LazyArray:
    """``arange`` of the backend, computed at once (its length depends on rounding)."""
    return _create("arange", backend, (start, stop, step), dtype, device)


def asarray(obj, /, *, dtype=None, device=None, copy=None, backend=None) -> LazyArray:
    """An array of the default backend (or ``backend``) from ``obj``: a lazy array (a
    node when dtype/device/copy change it), any library's array (brought over), a
    Python scalar or a nested sequence. ``lazy.array(x)`` wraps without converting."""
    if type(obj) is LazyArray:
        out = obj
        if dtype is not None and native_dtype(obj._backend, dtype) != obj._dtype:
            from .data_types import astype

            return astype(obj, dtype, device=device)
        if device is not None and device != obj._device:
            return obj.to_device(device)
        if copy:
            return apply("asarray", (obj,), {"copy": True})
        return out
    if isinstance(obj, (list, tuple)) and _contains_lazy(obj):
        refuse_if_strict("asarray(sequence of lazy arrays)")
        from ._compute import compute

        obj = compute(obj)
    ns = backend_namespace(backend)
    kwargs: dict = {}
    if dtype is not None:
        kwargs["dtype"] = native_dtype(ns, dtype)
    if device is not None:
        from ._node import _checked_device

        kwargs["device"] = device = _checked_device(ns, device)
    if hasattr(obj, "shape") and not isinstance(obj, (list, tuple)):
        from ..core._devices import asarray as to_library
        from ..core._resolve import get_namespace

        try:
            same = get_namespace(obj) is ns
        except TypeError:
            same = True
        if not same:  # another library's array: bring it over (DLPack, else a host copy)
            obj = to_library(obj, like=ns, device=device)
    if copy is not None:
        kwargs["copy"] = copy
    return _leaf(ns.asarray(obj, **kwargs), ns)


def _contains_lazy(seq: Any) -> bool:
    stack = [seq]
    while stack:
        x = stack.pop()
        if type(x) is LazyArray:
            return True
        if isinstance(x, (list, tuple)):
            stack.extend(x)
    return False


def empty(shape, dtype=None, *, device=None, backend=None) -> LazyArray:
    return _create("empty", backend, (shape,), dtype, device)


def zeros(shape, dtype=None, *, device=None, backend=None) -> LazyArray:
    return _create("zeros", backend, (shape,), dtype, device)


def ones(shape, dtype=None, *, device=None, backend=None) -> LazyArray:
    return _create("ones", backend, (shape,), dtype, device)


def full(shape, fill_value, dtype=None, *, device=None, backend=None) -> LazyArray:
    if type(fill_value) is LazyArray:
        refuse_if_strict("full(fill_value=<lazy array>)")
        fill_value = fill_value.compute()
    return _create("full", backend, (shape, fill_value), dtype, device)


def eye(n_rows, n_cols=None, /, k=0, dtype=None, *, device=None, backend=None) -> LazyArray:
    return _create("eye", backend, (n_rows, n_cols), dtype, device, k=k)


def linspace(start, stop, /, num, *, dtype=None, device=None, endpoint=True, backend=None) -> LazyArray:
    return _create("linspace", backend, (start, stop, num), dtype, device, endpoint=endpoint)


def from_dlpack(x, /, *, device=None, copy=None, backend=None) -> LazyArray:
    """An array from any object with ``__dlpack__`` (a lazy array computes first)."""
    if type(x) is LazyArray:
        x = x._value("from_dlpack(x)")
        if backend is None:
            from ..core._resolve import get_namespace

            backend = get_namespace(x)
    ns = backend_namespace(backend)
    kwargs: dict = {}
    if device is not None:
        kwargs["device"] = device
    if copy is not None:
        kwargs["copy"] = copy
    return _leaf(ns.from_dlpack(x, **kwargs), ns)


def _like(name: str, x: LazyArray, dtype: Any, device: Any, *args: Any) -> LazyArray:
    kwargs: dict = {}
    if dtype is not None:
        kwargs["dtype"] = native_dtype(x._backend, dtype)
    if device is not None:
        kwargs["device"] = device
    return apply(name, (x, *args), kwargs)


def empty_like(x, /, *, dtype=None, device=None) -> LazyArray:
    return _like("empty_like", x, dtype, device)


def zeros_like(x, /, *, dtype=None, device=None) -> LazyArray:
    return _like("zeros_like", x, dtype, device)


def ones_like(x, /, *, dtype=None, device=None) -> LazyArray:
    return _like("ones_like", x, dtype, device)


def full_like(x, /, fill_value, *, dtype=None, device=None) -> LazyArray:
    return _like("full_like", x, dtype, device, fill_value)


def meshgrid(*arrays, indexing="xy") -> tuple:
    return tuple(apply("meshgrid", arrays, {"indexing": indexing}))


def tril(x, /, k=0) -> LazyArray:
    return apply("tril", (x,), {"k": k})


def triu(x, /, k=0) -> LazyArray:
    return apply("triu", (x,), {"k": k})
