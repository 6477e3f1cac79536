"""arraycompat: one piece of numeric code on every array library.

>>> import numpy, arraycompat
>>> xp = arraycompat.get_namespace(numpy.arange(3.0))
>>> float(xp.sum(numpy.arange(3.0)))
3.0

``import arraycompat`` imports no array library: each is imported the first time
one of its arrays is seen.
"""

from ._devices import asarray, default_device, device, devices, size, to_device
from ._namespace import Namespace
from ._predicates import is_array, is_lazy_array, is_library, library_name
from ._resolve import (
    API_VERSIONS,
    array_namespace,
    get_namespace,
    namespace_for,
    register_backend,
)

__version__ = "0.1.0"

__all__ = [
    "API_VERSIONS",
    "Namespace",
    "array_namespace",
    "asarray",
    "default_device",
    "device",
    "devices",
    "get_namespace",
    "is_array",
    "is_lazy_array",
    "is_library",
    "library_name",
    "namespace_for",
    "register_backend",
    "size",
    "to_device",
]


def __getattr__(name: str):
    # ``arraycompat.lazy`` and ``autojit`` are imported on first use, so
    # ``import arraycompat`` stays light.
    if name == "lazy":
        import importlib

        return importlib.import_module(".lazy", __name__)
    if name == "autojit":
        from .jit import autojit

        return autojit
    raise AttributeError(f"module 'arraycompat' has no attribute {name!r}")
