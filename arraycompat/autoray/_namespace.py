"""autoray's ``get_namespace(like, device, dtype)``: ``do`` bound to one library, whose
creation functions take ``like``'s dtype (and device) unless given.

>>> import numpy
>>> xp = get_namespace(numpy.ones(1, dtype="float32"))
>>> xp.ones((2,)).dtype, xp.sum(numpy.ones(3)).item()
(dtype('float32'), 3.0)
>>> get_namespace("numpy").linalg.norm(numpy.array([3.0, 4.0])).item()
5.0
"""

from __future__ import annotations

import types
from typing import Any, Callable

from ..dispatch import _dispatch
from ..dispatch._dispatch import do, function_for, infer_backend, library_of_like
from ..dispatch._dtypes import get_dtype_name

__all__ = ["AutoNamespace", "get_namespace"]

# Creation functions that take the namespace's dtype, and those that take its device.
_TAKE_DTYPE = frozenset({"empty", "eye", "full", "identity", "ones", "zeros", "from_numpy",
                         "random.array"})
_TAKE_DEVICE = frozenset({"from_numpy", "random.array"})
_cache: dict[tuple, "AutoNamespace"] = {}


class AutoNamespace:
    """``do`` for one library (or, with ``like=None``, for whatever the arguments are),
    with default ``dtype`` / ``device`` for creation functions."""

    def __init__(self, like: Any = None, device: Any = None, dtype: Any = None,
                 submodule: str | None = None) -> None:
        backend, device, dtype = infer_backend_device_dtype(like, device, dtype)
        self._backend = None if backend is None else library_of_like(backend)
        self._device = device
        self._dtype = dtype
        self._submodule = submodule

    def _child(self, name: str) -> "AutoNamespace":
        child = object.__new__(AutoNamespace)
        child.__dict__.update(self.__dict__)
        child._submodule = name
        return child

    def _root(self) -> "AutoNamespace":
        if self._submodule is None:
            return self
        return get_namespace(self._backend, self._device, self._dtype)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        path = f"{self._submodule}.{name}" if self._submodule else name
        if self._backend is None:
            return _late_bound(path)
        # not stored on the instance: function_for is cached and sees registrations
        return self._bound(path)

    def _bound(self, path: str) -> Any:
        if path.rpartition(".")[2] in _SUBMODULES:
            return self._child(path)
        fn = function_for(self._backend, path)
        if isinstance(fn, types.ModuleType):
            return self._child(path)
        composed = getattr(fn, "_arraycompat_composed", None)
        if composed is not None:
            fn = composed.make_function(self._backend, namespace=self._root())
        if path not in _TAKE_DTYPE or (self._dtype is None and self._device is None):
            return fn
        from ..dispatch._dtypes import to_backend_dtype

        dtype = self._dtype
        if isinstance(dtype, str):
            dtype = to_backend_dtype(dtype, like=self._backend)
        device = self._device
        if device is not None and "cpu" in str(device).lower() and path not in _TAKE_DEVICE:
            device = None  # the default: creation functions without a device keyword work
        if self._backend not in _dispatch._DEVICE_LIBRARIES and path not in _TAKE_DEVICE:
            device = None

        def creation(*args: Any, **kwargs: Any) -> Any:
            if dtype is not None and "dtype" not in kwargs:
                kwargs["dtype"] = dtype
            if device is not None and "device" not in kwargs:
                kwargs["device"] = device
            return fn(*args, **kwargs)

        creation.__name__ = path.rpartition(".")[2]
        return creation

    def __repr__(self) -> str:
        parts = [f"backend={self._backend!r}"]
        if self._device is not None:
            parts.append(f"device={self._device!r}")
        if self._dtype is not None:
            parts.append(f"dtype={self._dtype!r}")
        if self._submodule:
            parts.append(f"submodule={self._submodule!r}")
        return f"<AutoNamespace {', '.join(parts)}>"


_SUBMODULES = ("linalg", "random", "fft", "scipy", "special")


def _late_bound(path: str) -> Any:
    if path.rpartition(".")[2] in _SUBMODULES:
        ns = object.__new__(AutoNamespace)
        ns.__dict__.update(_backend=None, _device=None, _dtype=None, _submodule=path)
        return ns

    def late(*args: Any, like: Any = None, **kwargs: Any) -> Any:
        return do(path, *args, like=like, **kwargs)

    late.__name__ = path.rpartition(".")[2]
    return late


def get_namespace(like: Any = None, device: Any = None, dtype: Any = None,
                  submodule: str | None = None) -> AutoNamespace:
    """The namespace for ``like`` (an array, a library name, or None for call-time
    dispatch), cached per (library, device, dtype)."""
    backend, dev, dt = infer_backend_device_dtype(like, device, dtype)
    if backend is not None:
        backend = library_of_like(backend)
    try:
        key = (backend, dev, dt, submodule)
        hash(key)
    except TypeError:
        key = (backend, str(dev), str(dt), submodule)
    ns = _cache.get(key)
    if ns is None:
        ns = _cache[key] = AutoNamespace(backend, dev, dt, submodule)
    return ns


def infer_backend_device_dtype(like: Any, device: Any = None, dtype: Any = None) -> tuple:
    """``(library, device, dtype)`` of ``like`` with ``device`` / ``dtype`` overriding;
    a library name gives ``(name, device, dtype)`` as passed.

    >>> import numpy
    >>> infer_backend_device_dtype(numpy.ones(1, dtype="float32"))
    ('numpy', 'cpu', 'float32')
    """
    from ..core._devices import device as device_of

    if like is None or isinstance(like, str):
        return like, device, dtype
    if isinstance(like, (int, float, complex)) and not hasattr(like, "dtype"):
        return "numpy", device, dtype if dtype is not None else type(like)
    if isinstance(like, (list, tuple)):
        return "numpy", device, dtype
    library = infer_backend(like)
    if device is None:
        try:
            device = device_of(like)
        except Exception:
            device = None
    if dtype is None and hasattr(like, "dtype"):
        dtype = get_dtype_name(like)
    return library, device, dtype
