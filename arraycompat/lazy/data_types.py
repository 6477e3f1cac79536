"""Data type functions of the standard. The dtypes are the backend's own objects
(numpy's for the numpy backend), so ``x.dtype == xp.float64`` holds for the wrapped
library's ``xp`` as well as for ``lazy.float64``.

>>> from arraycompat import lazy
>>> lazy.astype(lazy.Variable((2,), "float64"), "float32").dtype
dtype('float32')
"""

from __future__ import annotations

from typing import Any

from ..core._namespace import Namespace
from ._config import backend_namespace, native_dtype
from . import _node, _simplify
from ._node import LazyArray
from ._record import apply

__all__ = ["astype", "can_cast", "finfo", "iinfo", "isdtype", "result_type", "DTYPE_NAMES"]

DTYPE_NAMES = (
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128",
)


def astype(x, dtype, /, *, copy=True, device=None) -> LazyArray:
    kwargs: dict[str, Any] = {"copy": copy}
    if device is not None:
        kwargs["device"] = device
    dtype = native_dtype(x._backend, dtype)
    if (same := _simplify.astype(x, dtype, device)) is not None:
        return same
    return apply("astype", (x, dtype), kwargs)


def _namespace_of_dtype(dtype: Any) -> Namespace:
    """The backend a dtype object belongs to (numpy's dtypes serve numpy, dask, jax)."""
    root = type(dtype).__module__.split(".", 1)[0]
    if root in ("torch", "array_api_strict"):
        return backend_namespace(root)
    return backend_namespace()


def _dtype_and_ns(x: Any) -> tuple:
    if type(x) is LazyArray:
        return x._dtype, x._backend
    return x, _namespace_of_dtype(x)


def can_cast(from_, to, /) -> bool:
    dtype, ns = _dtype_and_ns(from_)
    return bool(ns.can_cast(dtype, native_dtype(ns, to)))


class finfo_object:
    """``finfo`` with the standard's Python types (plain floats, not numpy scalars)."""

    __slots__ = ("bits", "eps", "max", "min", "smallest_normal", "dtype")

    def __init__(self, info: Any, dtype: Any) -> None:
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.smallest_normal = float(info.smallest_normal)
        self.dtype = getattr(info, "dtype", dtype)

    def __repr__(self) -> str:
        return f"finfo(bits={self.bits}, eps={self.eps}, max={self.max}, min={self.min}, dtype={self.dtype})"


def finfo(type, /) -> finfo_object:
    dtype, ns = _dtype_and_ns(type)
    return finfo_object(ns.finfo(dtype), dtype)


def iinfo(type, /) -> Any:
    dtype, ns = _dtype_and_ns(type)
    return ns.iinfo(dtype)


def isdtype(dtype, kind) -> bool:
    return bool(_namespace_of_dtype(dtype).isdtype(dtype, kind))


def result_type(*arrays_and_dtypes) -> Any:
    ns = None
    items = []
    for x in arrays_and_dtypes:
        if type(x) is LazyArray:
            ns = ns or x._backend
            items.append(x._dtype)
        else:
            items.append(x)
    if ns is None:
        for x in items:
            if not isinstance(x, (bool, int, float, complex)):
                ns = _namespace_of_dtype(x)
                break
        else:
            ns = backend_namespace()
    return ns.result_type(*items)


_node._above["astype"] = astype  # LazyArray uses it (the class cannot import this module)
