"""User registrations: ``register_function`` and ``register_backend``.

A registration wins over everything else, for ``do`` and for the Namespace, and
takes effect at once: the caches that held the previous function are dropped, and
only those.

>>> import numpy, arraycompat
>>> arraycompat.register_function("numpy", "twice", lambda x: 2 * x)
>>> arraycompat.do("twice", numpy.ones(2)).tolist()
[2.0, 2.0]
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from . import _dispatch
from ..core import _namespace, _resolve

__all__ = ["register_function", "register_backend", "registered"]

# (library, dotted name) -> function.
_registered: dict[tuple[str, str], Callable] = {}
_lock = threading.Lock()


def registered(library: str, name: str) -> Callable | None:
    """The function registered for ``(library, name)``, or None."""
    return _registered.get((library, name))


def _is_installed_package(library: str) -> bool:
    """An installed package outside Python's standard library: libraries built on
    autoray register functions under their own name (``'symmray'``), for their array
    types. A standard-library module (``'os'``) is never taken, so ``do(..., like='os')``
    stays refused, and a typo is not installed.

    >>> _is_installed_package("numpy"), _is_installed_package("os"), _is_installed_package("nupmy")
    (True, False, False)
    """
    import importlib.util
    import sys

    root = library.split(".", 1)[0]
    if not root.isidentifier() or root in sys.stdlib_module_names:
        return False
    try:
        return importlib.util.find_spec(root) is not None
    except (ImportError, ValueError):
        return False


def has_backend(library: str) -> bool:
    """True when a function was registered for ``library``."""
    return any(key[0] == library for key in list(_registered))


def register_function(backend: str, name: str, fn: Callable, wrap: bool = False) -> None:
    """Make ``do(name, x)`` and ``xp.<name>`` call ``fn`` for arrays of ``backend``.

    With ``wrap=True``, ``fn`` receives the function that would be used otherwise
    and returns the new one (autoray's ``wrap``).

    >>> import numpy
    >>> register_function("numpy", "sum", lambda sum: lambda *a, **k: sum(*a, **k) + 1, wrap=True)
    >>> float(_dispatch.do("sum", numpy.ones(2)))
    3.0
    >>> del _registered[("numpy", "sum")]; _dispatch.forget("numpy", "sum")
    """
    if not isinstance(name, str):
        raise TypeError(
            f"arraycompat.register_function({backend!r}, name, fn): name must be the function's "
            f"name, a str such as 'sum' or 'linalg.svd'; got {name!r} ({type(name).__name__})."
        )
    if backend == _dispatch._NOT_ARRAY:
        pass  # 'builtins': Python numbers and sequences, when no argument is an array
    elif isinstance(backend, str):
        library = _resolve._LIBRARY_OF_MODULE_ROOT.get(backend.split(".", 1)[0], backend)
        if not _is_installed_package(library):  # a library's own name (symmray) is fine
            _dispatch.check_library(
                library, f"register_function({backend!r}, {name!r}, fn)",
                registered_functions=False,
            )
    else:
        backend = _dispatch.library_of_like(backend)
    if not callable(fn) and name not in DTYPE_NAMES:
        raise TypeError(
            f"arraycompat.register_function({backend!r}, {name!r}, fn): fn must be callable, "
            f"got {type(fn).__name__} (only a dtype name such as 'float32' takes a dtype)."
        )
    with _lock:
        if wrap:
            original = _registered.get((backend, name)) or _dispatch._find(backend, name)
            if original is None:
                raise AttributeError(
                    f"arraycompat.register_function({backend!r}, {name!r}, fn, wrap=True): "
                    f"there is no {name!r} for {backend!r} to wrap; register it with wrap=False."
                )
            fn = fn(original)
            if not callable(fn):
                raise TypeError(
                    f"arraycompat.register_function({backend!r}, {name!r}, wrap=True): the "
                    f"wrapper returned {type(fn).__name__}, not a function."
                )
        _registered[(backend, name)] = fn
        _dispatch.forget(backend, name)
        if name in DTYPE_NAMES:
            for forget in dtype_listeners:
                forget(backend, name)


#: Called with ``(backend, dtype_name)`` when ``register_function`` registers a dtype:
#: modules above this one that cache dtypes (``_dtypes``) enter their cache's eviction.
dtype_listeners: list = []

#: The dtype names ``register_function`` takes a dtype object for (autoray registers
#: dtypes this way; ``to_backend_dtype`` sees them).
DTYPE_NAMES = frozenset({
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "bfloat16", "float32", "float64", "complex64", "complex128",
})


def register_backend(array_type: type, module_name: str) -> None:
    """Treat arrays of ``array_type`` (and subclasses) as arrays of ``module_name``.

    >>> import numpy
    >>> class Tagged(numpy.ndarray): pass
    >>> register_backend(Tagged, "numpy")
    >>> _dispatch.infer_backend(numpy.ones(1).view(Tagged))
    'numpy'
    """
    if not isinstance(array_type, type):
        raise TypeError(
            f"arraycompat.register_backend: array_type must be a class, got "
            f"{type(array_type).__name__} ({array_type!r})."
        )
    _resolve.register_backend(array_type, module_name)
    _dispatch.forget_type(array_type)


def _namespace_hook(library: str, qualified: str) -> Any:
    return _registered.get((library, qualified))


_namespace._registration_hooks.append(_namespace_hook)
_dispatch._above.update(registered=registered, has_backend=has_backend)
