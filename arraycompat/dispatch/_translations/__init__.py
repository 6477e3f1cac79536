"""Translation tables: numpy-style names and signatures mapped onto each library.

Each library has a module here with ``TABLE: {name: maker}``; a maker takes no
argument, imports the library and returns the translated function. Each is built
once per (library, name) and cached, so a translated call is one plain closure.

``_standard`` holds translations for any library: ``EVERYWHERE`` (numpy semantics
that win over the library's own function, e.g. ``linalg.svd`` with
``full_matrices=False``) and ``IF_MISSING`` (numpy names a library lacks, mapped
onto the standard's: ``concatenate`` -> ``concat``, ``linalg.norm``).

>>> import numpy
>>> translation("numpy", "linalg.expm")(numpy.zeros((2, 2))).tolist()
[[1.0, 0.0], [0.0, 1.0]]
"""

from __future__ import annotations

import importlib
import threading
from typing import Any, Callable

from .. import _dispatch
from ...core import _namespace
from ._lookup import _building, _dependents, note_dependency

__all__ = ["translation", "translated_names", "note_dependency", "forget_dependents"]

_TABLE_MODULES = {
    "numpy": "_numpy",
    "torch": "_torch",
    "jax": "_jax",
    "dask": "_dask",
    "sparse": "_sparse",
    "cupy": "_cupy",
    "tensorflow": "_tensorflow",
}

# (library, name) -> translated function, or None when there is no translation.
_built: dict[tuple[str, str], Callable | None] = {}
_lock = threading.RLock()


def _table(library: str) -> dict[str, Callable[[], Callable]]:
    module = _TABLE_MODULES.get(library)
    if module is None:
        return {}
    return importlib.import_module(f"{__name__}.{module}").TABLE


def translated_names(library: str) -> list[str]:
    """Every name with a translation specific to ``library``.

    >>> "clip" in translated_names("torch")
    True
    """
    return sorted(_table(library))


def translation(library: str, name: str) -> Callable | None:
    """The numpy-style ``name`` for ``library``, or None when it needs no translation."""
    key = (library, name)
    try:
        return _built[key]
    except KeyError:
        pass
    with _lock:
        _building.append(name)
        try:
            fn = _build(library, name)
        finally:
            _building.pop()
        _built[key] = fn
    return fn


def forget_dependents(library: str, name: str) -> set[str]:
    """Drop the built translations that used ``(library, name)``; return their names."""
    with _lock:
        names = _dependents.pop((library, name), set())
        for dependent in names:
            _built.pop((library, dependent), None)
    return names


def _build(library: str, name: str) -> Callable | None:
    from . import _random_names, _standard

    maker = _table(library).get(name)
    if maker is not None:
        return maker()
    if name in _random_names.NAMES:
        return _random_names.make(library, name)
    maker = _standard.EVERYWHERE.get(name)
    if maker is not None:
        return maker(library)
    maker = _standard.IF_MISSING.get(name)
    if maker is not None and _standard.library_lacks(library, name):
        return maker(library)
    if library in _standard.KEYWORD_ONLY_LIBRARIES:
        return _standard.numpy_positional(library, name)
    return None


def _namespace_hook(library: str, qualified: str) -> Any:
    return translation(library, qualified)


_namespace._translation_hooks.append(_namespace_hook)
_dispatch._above.update(translation=translation, forget_dependents=forget_dependents)
