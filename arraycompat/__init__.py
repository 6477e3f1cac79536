"""arraycompat: one piece of numeric code on every array library.

>>> import numpy, arraycompat
>>> xp = arraycompat.get_namespace(numpy.arange(3.0))
>>> float(xp.sum(numpy.arange(3.0)))
3.0

``import arraycompat`` imports no array library: each is imported the first time
one of its arrays is seen.
"""

from .core._devices import asarray, default_device, device, devices, size, to_device
from .core._namespace import Namespace
from .core._predicates import is_array, is_lazy_array, is_library, library_name
from .core._resolve import (
    API_VERSIONS,
    array_namespace,
    get_namespace,
    namespace_for,
)
from .dispatch import _translations  # noqa: F401  (plugs the translations into every Namespace)
from .core import _samples
from .dispatch._dispatch import backend_like, do, get_backend, infer_backend, infer_backend_multi
from .dispatch._dtypes import astype, from_numpy, get_dtype_name, to_backend_dtype, to_numpy
from .dispatch._random import default_rng
from .dispatch._registry import register_backend, register_function
from .dispatch._shortcuts import (
    compose,
    conj,
    e,
    get_common_dtype,
    get_lib_fn,
    imag,
    inf,
    infer_backend_device_dtype,
    is_scalar,
    nan,
    ndim,
    pi,
    real,
    reshape,
    set_backend,
    shape,
    stop_gradient,
    transpose,
)

__version__ = "0.1.0"

from . import _autoray_swap  # noqa: E402

_autoray_swap.register()

__all__ = [
    "API_VERSIONS",
    "array_namespace",
    "asarray",
    "astype",
    "autojit",
    "backend_like",
    "compose",
    "conj",
    "default_device",
    "default_rng",
    "device",
    "devices",
    "do",
    "e",
    "from_numpy",
    "get_backend",
    "get_common_dtype",
    "get_dtype_name",
    "get_lib_fn",
    "get_namespace",
    "imag",
    "inf",
    "infer_backend",
    "infer_backend_device_dtype",
    "infer_backend_multi",
    "is_array",
    "is_lazy_array",
    "is_library",
    "is_scalar",
    "library_name",
    "Namespace",
    "namespace_for",
    "nan",
    "ndim",
    "numpy",
    "pi",
    "real",
    "register_backend",
    "register_function",
    "reshape",
    "set_backend",
    "shape",
    "size",
    "stop_gradient",
    "to_backend_dtype",
    "to_device",
    "to_numpy",
    "transpose",
]


# Submodules imported on first use, so `import arraycompat` stays light:
# attribute -> (module, attribute of that module or None for the module itself).
_ON_FIRST_USE = {
    "numpy": (".numpy", None),
    "lazy": (".lazy", None),
    "testing": (".testing", None),
    "autojit": (".jit", "autojit"),
}


# The lazy namespace is one a name resolves to (namespace_for("lazy")); it is
# imported when a sample array of it is first needed.
_samples.register_sample("lazy", __name__ + ".lazy", lambda lazy: lazy.zeros(1))


def __getattr__(name: str):
    try:
        module_name, attribute = _ON_FIRST_USE[name]
    except KeyError:
        raise AttributeError(f"module 'arraycompat' has no attribute {name!r}") from None
    import importlib

    module = importlib.import_module(module_name, __name__)
    return module if attribute is None else getattr(module, attribute)
