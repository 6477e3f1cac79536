"""Small predicates for library authors: is it an array, is it lazy, which library.

>>> import numpy
>>> is_array(numpy.ones(2)), is_array([1, 2]), library_name(numpy.ones(2))
(True, False, 'numpy')
"""

from __future__ import annotations

import types
from typing import Any

from ._compat import compat_function
from ._namespace import Namespace
from ._resolve import _by_type, _namespace_of, library_of_type

__all__ = ["is_array", "is_lazy_array", "library_name", "is_library"]

_NOT_ARRAYS = (
    bool, int, float, complex, str, bytes, list, tuple, dict, type(None), types.ModuleType,
)


def is_array(x: Any, /) -> bool:
    """True for an array of any library ``get_namespace`` resolves.

    >>> import numpy
    >>> is_array(numpy.float64(1.0)), is_array(1.0)
    (True, False)
    """
    t = type(x)
    if t in _by_type:
        return True
    if t in _NOT_ARRAYS or isinstance(x, type):
        return False
    return library_of_type(t, x) is not None


def is_lazy_array(x: Any, /) -> bool:
    """True when ``x``'s values or shape may not be known without computing.

    dask arrays, jax tracers (inside ``jax.jit``), ndonnx arrays and arraycompat's own
    lazy arrays are lazy; numpy, torch, array-api-strict and concrete jax arrays are not.

    >>> import numpy
    >>> is_lazy_array(numpy.ones(2))
    False
    """
    if getattr(type(x), "_arraycompat_lazy", False):
        return True
    if not is_array(x):
        return False
    if library_of_type(type(x), x) == "jax":
        # array-api-compat calls every jax array lazy; only a tracer's values are unknown.
        import jax

        return isinstance(x, jax.core.Tracer)
    return bool(compat_function("is_lazy_array")(x))


def library_name(obj: Any, /) -> str:
    """The library of an array, a Namespace or a module: 'numpy', 'torch', ...

    >>> import numpy
    >>> library_name(numpy), library_name(numpy.ones(1))
    ('numpy', 'numpy')
    """
    if isinstance(obj, Namespace):
        return obj.name
    if isinstance(obj, types.ModuleType):
        name = obj.__name__.removeprefix("array_api_compat.")
        root = name.split(".", 1)[0]
        return "jax" if root == "jaxlib" else root
    return _namespace_of(obj, None).name


def is_library(obj: Any, /, *names: str) -> bool:
    """True when ``obj`` (array, Namespace or module) belongs to one of ``names``.

    >>> import numpy
    >>> is_library(numpy.ones(1), "numpy", "cupy")
    True
    """
    try:
        return library_name(obj) in names
    except TypeError:
        return False
