"""Finding the function ``do(name, ...)`` calls for a library, once, then cached:
user registrations, then translations, then the library's ``do`` module (``jax.numpy``
for jax), then ``scipy`` for ``scipy.<name>``, then its standard namespace.

>>> import numpy
>>> function_for("numpy", "sum") is numpy.sum
True
>>> dotted_attribute(numpy, "linalg.svd") is numpy.linalg.svd
True
"""

from __future__ import annotations

import difflib
import importlib
import types
from typing import Any, Callable

from ..core import _resolve

__all__ = ["function_for", "do_module", "module_attribute", "dotted_attribute", "COMPOSED"]

# (library, function name) -> the final callable.
_by_library: dict[tuple[str, str], Callable] = {}

# What the modules above this one give `do`, entered by them when they are imported
# (they import this module, never the reverse): arraycompat.dispatch._registry enters
# "registered" and "has_backend", arraycompat.dispatch._translations "translation" and
# "forget_dependents". The package's __init__ imports both.
_above: dict[str, Callable] = {
    "registered": lambda library, name: None,
    "has_backend": lambda library: False,
    "translation": lambda library, name: None,
    "forget_dependents": lambda library, name: (),
}

# Where `do` finds a library's numpy-style functions (autoray's choice of module).
_DO_MODULES = {
    "jax": "jax.numpy",
    "dask": "dask.array",
    "tensorflow": "tensorflow.experimental.numpy",
    "lazy": "arraycompat.lazy",
    "autograd": "autograd.numpy",
    "pytensor": "pytensor.tensor",
}


# ---------------------------------------------------------------- lookup
def function_for(library: str, name: str) -> Callable:
    """The callable ``do(name, ...)`` uses for ``library``, built once and cached.

    Order: registrations, translations, the library's own module, its standard
    namespace.

    >>> import numpy
    >>> function_for("numpy", "sum") is numpy.sum
    True
    """
    fn = _by_library.get((library, name))
    if fn is not None:
        return fn
    fn = _find(library, name)
    if fn is None:
        raise AttributeError(_missing_message(library, name))
    _by_library[(library, name)] = fn
    return fn


def _find(library: str, name: str, *, skip_registered: bool = False) -> Callable | None:
    if not skip_registered:
        fn = _above["registered"](library, name)
        if fn is not None:
            return fn
    fn = _above["translation"](library, name)
    if fn is not None:
        return fn
    fn = module_attribute(library, name)
    if fn is not None:
        return fn
    if name.startswith("scipy.") and library in _SCIPY_MODULES:
        fn = _scipy_attribute(library, name)
        if fn is not None:
            return fn
    fn = _standard_attribute(library, name)
    if fn is None and name in COMPOSED:
        fn = COMPOSED[name](library)
    return fn


#: name -> maker(library) of a function written with ``do`` (autoray's ``compose``),
#: used for libraries that have no function of that name.
COMPOSED: dict[str, Callable[[str], Callable]] = {}


# Where ``do("scipy.<name>", x)`` looks for each library (autoray's rule).
_SCIPY_MODULES = {"numpy": "scipy", "jax": "jax.scipy", "cupy": "cupyx.scipy"}


def _scipy_attribute(library: str, name: str) -> Any:
    try:
        module = importlib.import_module(_SCIPY_MODULES[library])
    except ImportError:
        return None
    return dotted_attribute(module, name.removeprefix("scipy."))


def do_module(library: str) -> types.ModuleType:
    """The module ``do`` takes a library's functions from (``jax.numpy`` for 'jax')."""
    module_name = _DO_MODULES.get(library) or _resolve._LIBRARY_MODULE.get(library, library)
    try:
        return importlib.import_module(module_name)
    except ImportError as e:
        raise ImportError(
            f"arraycompat.do: library {library!r} (module {module_name!r}) cannot be imported "
            f"({e}); install it, or pass like= for a library that is installed."
        ) from e


def module_attribute(library: str, name: str) -> Any:
    """``module.<dotted name>`` of the library's ``do`` module, or None."""
    return dotted_attribute(do_module(library), name)


def dotted_attribute(obj: Any, name: str) -> Any:
    """``obj.a.b`` for ``name='a.b'``, importing submodules on the way, or None."""
    for part in name.split("."):
        value = getattr(obj, part, None)
        if value is None and isinstance(obj, types.ModuleType) and hasattr(obj, "__path__"):
            try:
                value = importlib.import_module(f"{obj.__name__}.{part}")
            except ImportError:
                value = None
        if value is None:
            return None
        obj = value
    return obj


def _standard_attribute(library: str, name: str) -> Any:
    try:
        ns = _resolve.namespace_for(library)
    except (ValueError, ImportError, TypeError):
        return None
    standard = ns.standard
    return None if standard is None else dotted_attribute(standard, name)


def _missing_message(library: str, name: str) -> str:
    module = do_module(library)
    parent_name, _, leaf = name.rpartition(".")
    parent = dotted_attribute(module, parent_name) if parent_name else module
    candidates = [n for n in dir(parent) if not n.startswith("_")] if parent is not None else []
    close = difflib.get_close_matches(leaf, candidates, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(repr(c) for c in close)}?" if close else ""
    return (
        f"arraycompat.do: library {library!r} has no function {name!r}: it is not registered, "
        f"not translated, and not in {module.__name__} nor in its standard namespace.{hint} "
        f"Add one with arraycompat.register_function({library!r}, {name!r}, fn)."
    )
