"""autoray's library-independent functions, for ``do`` on libraries that lack them:
``do("to_numpy", x)``, ``do("complex", re, im)``, ``do("shape", x)``...

>>> import numpy
>>> from arraycompat import do
>>> do("complex", numpy.ones(1), numpy.ones(1)).tolist()
[(1+1j)]
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["GENERIC"]


def _to_numpy(library: str) -> Callable:
    from .._dtypes import to_numpy

    return to_numpy


def _from_numpy(library: str) -> Callable:
    from .._dtypes import from_numpy

    def from_numpy_here(x: Any, dtype: Any = None, device: Any = None) -> Any:
        return from_numpy(x, like=library, dtype=dtype, device=device)

    return from_numpy_here


def _complex(library: str) -> Callable:
    def complex(re: Any, im: Any) -> Any:
        """``re + 1j * im``: complex64 from float32 parts, complex128 from float64."""
        return re + im * 1j

    return complex


def _attribute_or(attribute: str, fallback: str) -> Callable[[str], Callable]:
    def make(library: str) -> Callable:
        import math

        from .. import _shortcuts

        if fallback == "size":
            def general(x: Any) -> int:
                return math.prod(_shortcuts.shape(x))
        else:
            general = getattr(_shortcuts, fallback)

        def read(x: Any) -> Any:
            value = getattr(x, attribute, None)
            if value is None or callable(value):
                return general(x)
            return tuple(value) if attribute == "shape" else value

        read.__name__ = attribute
        return read

    return make


def _astype(library: str) -> Callable:
    from .._dtypes import astype

    return astype


def _get_dtype_name(library: str) -> Callable:
    from .._dtypes import get_dtype_name

    return get_dtype_name


def _identity(library: str) -> Callable | None:
    from ._lookup import function_of

    eye = function_of(library, "eye")
    if eye is None:
        return None

    def identity(n: int, dtype: Any = None, **kwargs: Any) -> Any:
        """The ``n`` by ``n`` identity matrix (``eye(n)``)."""
        if dtype is not None:
            kwargs["dtype"] = dtype
        return eye(n, **kwargs)

    return identity


def _stop_gradient(library: str) -> Callable:
    from .._shortcuts import stop_gradient

    return stop_gradient


GENERIC: dict[str, Callable[[str], Callable | None]] = {
    "identity": _identity,
    "stop_gradient": _stop_gradient,
    "to_numpy": _to_numpy,
    "from_numpy": _from_numpy,
    "complex": _complex,
    "shape": _attribute_or("shape", "shape"),
    "ndim": _attribute_or("ndim", "ndim"),
    "size": _attribute_or("size", "size"),
    "astype": _astype,
    "get_dtype_name": _get_dtype_name,
}
