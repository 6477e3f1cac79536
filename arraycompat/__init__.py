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
)
from . import _translations  # noqa: F401  (plugs the translations into every Namespace)
from ._dispatch import backend_like, do, get_backend, infer_backend, infer_backend_multi
from ._dtypes import astype, from_numpy, get_dtype_name, to_backend_dtype, to_numpy
from ._random import default_rng
from ._registry import register_backend, register_function

__version__ = "0.1.0"

__all__ = [
    "API_VERSIONS",
    "Namespace",
    "array_namespace",
    "asarray",
    "astype",
    "backend_like",
    "default_device",
    "default_rng",
    "device",
    "devices",
    "do",
    "from_numpy",
    "get_backend",
    "get_dtype_name",
    "get_namespace",
    "infer_backend",
    "infer_backend_multi",
    "is_array",
    "is_lazy_array",
    "is_library",
    "library_name",
    "namespace_for",
    "numpy",
    "register_backend",
    "register_function",
    "size",
    "to_backend_dtype",
    "to_device",
    "to_numpy",
]


def __getattr__(name: str):
    # `arraycompat.numpy`, the drop-in, is imported on first use.
    if name == "numpy":
        import importlib

        return importlib.import_module(".numpy", __name__)
    raise AttributeError(f"module 'arraycompat' has no attribute {name!r}")
