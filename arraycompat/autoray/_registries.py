"""autoray's registry dicts (``_MODULE_ALIASES``, ``_BACKEND_ALIASES``, ``_SUBMODULE_ALIASES``,
``_FUNC_ALIASES``, ``_CUSTOM_WRAPPERS``, ``_FUNCS``), which libraries built on autoray
write to directly (PennyLane registers its translations this way). Each write here
takes effect in ``do``: the function is found (lazily, on first use, so a library
that is not installed is never imported) where the entries say, and the caches that
held the previous one are dropped.

>>> import numpy
>>> from arraycompat.autoray import do
>>> _FUNC_ALIASES["numpy", "total"] = "sum"
>>> do("total", numpy.ones(3)).item()
3.0
>>> del _FUNC_ALIASES["numpy", "total"]
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

from ..dispatch import _dispatch, _registry
from ..dispatch._lookup import _above, _find, dotted_attribute

__all__ = ["_MODULE_ALIASES", "_BACKEND_ALIASES", "_SUBMODULE_ALIASES", "_FUNC_ALIASES",
           "_CUSTOM_WRAPPERS", "_FUNCS", "register_module_alias", "register_backend_alias"]


class _AppliedDict(dict):
    """A dict whose writes and deletions are passed on to arraycompat's dispatch."""

    def __init__(self, on_change: Callable[[Any], None]) -> None:
        super().__init__()
        self._on_change = on_change

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self._on_change(key)

    def __delitem__(self, key: Any) -> None:
        super().__delitem__(key)
        self._on_change(key)

    def pop(self, key: Any, *default: Any) -> Any:
        if key not in self:
            return super().pop(key, *default)
        value = super().pop(key)
        self._on_change(key)
        return value

    def clear(self) -> None:
        for key in list(self):
            del self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]


def _function_changed(key: Any) -> None:
    library, name = key
    _dispatch.forget(library, name)


def register_module_alias(alias: str, module: str) -> None:
    """Arrays whose library is ``alias`` take ``do``'s functions from ``module``.

    >>> register_module_alias("decimal", "math")
    """
    _dispatch._DO_MODULES[alias] = module
    _dispatch._array_libraries.add(alias)
    for key in [k for k in _dispatch._by_library if k[0] == alias]:
        del _dispatch._by_library[key]


def register_backend_alias(alias: str, backend: str) -> None:
    """Arrays of library ``alias`` (and ``like=alias``) are ``backend``'s: ``infer_backend``
    names ``backend``, whose functions ``do`` uses (``backend`` need not be importable
    yet: it is checked when ``do`` uses it).

    >>> class Tagged: pass
    >>> Tagged.__module__ = "tagged_lib"
    >>> register_backend_alias("tagged_lib", "numpy")
    >>> _dispatch.infer_backend(Tagged())
    'numpy'
    """
    _dispatch.BACKEND_ALIASES[alias] = backend
    _dispatch.forget_library_name(alias)


def _backend_alias_changed(alias: Any) -> None:
    if alias in _BACKEND_ALIASES:
        register_backend_alias(alias, _BACKEND_ALIASES[alias])
    else:
        _dispatch.BACKEND_ALIASES.pop(alias, None)
        _dispatch.forget_library_name(alias)


def _module_alias_changed(alias: Any) -> None:
    if alias in _MODULE_ALIASES:
        register_module_alias(alias, _MODULE_ALIASES[alias])


def _function_set(key: Any) -> None:
    library, name = key
    if key in _FUNCS:
        _registry.register_function(library, name, _FUNCS[key])
    else:
        _registry._registered.pop(key, None)
        _dispatch.forget(library, name)


_MODULE_ALIASES = _AppliedDict(_module_alias_changed)
_BACKEND_ALIASES = _AppliedDict(_backend_alias_changed)
_SUBMODULE_ALIASES = _AppliedDict(_function_changed)
_FUNC_ALIASES = _AppliedDict(_function_changed)
_CUSTOM_WRAPPERS = _AppliedDict(_function_changed)
_FUNCS = _AppliedDict(_function_set)


def _aliased(library: str, name: str) -> Callable | None:
    """The function the alias entries name for ``(library, name)``, or None."""
    key = (library, name)
    if key not in _SUBMODULE_ALIASES and key not in _FUNC_ALIASES:
        return None
    if key in _SUBMODULE_ALIASES:
        source = importlib.import_module(_SUBMODULE_ALIASES[key])
        attribute = _FUNC_ALIASES.get(key, name.rsplit(".", 1)[-1])
    else:
        source = _dispatch.do_module(library)
        attribute = _FUNC_ALIASES[key]
    fn = dotted_attribute(source, attribute)
    if fn is None:
        raise AttributeError(
            f"arraycompat.autoray: {source.__name__} has no {attribute!r}, which autoray's "
            f"alias entries name for {name!r} on {library!r}."
        )
    return fn


def _registered_or_aliased(library: str, name: str) -> Callable | None:
    fn = _registered(library, name)
    if fn is not None:
        return fn
    key = (library, name)
    fn = _aliased(library, name)
    if key in _CUSTOM_WRAPPERS:
        if fn is None:
            fn = _find(library, name, skip_registered=True)
        if fn is not None:
            fn = _CUSTOM_WRAPPERS[key](fn)
    return fn


_registered = _above["registered"]
_above["registered"] = _registered_or_aliased
