"""The ``Namespace`` object: the ``xp`` that ``get_namespace`` returns.

A Namespace answers attribute lookups in this order, and caches each first hit
on the instance, so the second read of ``xp.sum`` is a plain attribute read:

1. functions registered by the user (``register_function``, the dispatch layer);
2. the conforming namespace (the standard's functions, dtypes, constants);
3. translations of numpy-style names (the dispatch layer);
4. the library's own module and submodules;
5. otherwise ``AttributeError`` naming the library, the name and the closest names.

>>> import numpy, arraycompat
>>> xp = arraycompat.get_namespace(numpy.ones(3))
>>> xp.name, float(xp.sum(numpy.ones(3)))
('numpy', 3.0)
"""

from __future__ import annotations

import difflib
import types
from typing import Any, Callable

__all__ = ["Namespace"]

# Hooks the dispatch layer fills in; each maps (library name, attribute path) to a
# value, or returns None when it has nothing for that name.
LookupHook = Callable[[str, str], Any]
_registration_hooks: list[LookupHook] = []
_translation_hooks: list[LookupHook] = []
# Filled in by the resolver (the layer that builds Namespaces imports this module, not
# the reverse): "namespace_for" -> arraycompat.core._resolve.namespace_for, for pickling.
_by_name: dict[str, Callable[..., "Namespace"]] = {}

# Every Namespace ever built, so registrations can drop the cached entries they affect.
_all_namespaces: list["Namespace"] = []

_MISSING = object()


class Namespace(types.ModuleType):
    """The ``xp`` object for one array library at one version of the standard.

    ``name`` is the library ('numpy', 'torch', ...), ``module`` its own module,
    ``standard`` the conforming namespace the standard functions come from (or
    None for libraries with none), ``path`` the dotted attribute path below the
    top level ('' for the top level, 'linalg' for ``xp.linalg``).

    A Namespace is a module object whose ``__name__`` is the name of the library
    module it falls through to ('numpy', 'torch', 'dask.array', 'jax.numpy',
    'array_api_strict'...): the name that array-api-compat's ``is_numpy_namespace``,
    ``is_torch_namespace``... accept, whichever copy of array-api-compat asks, so
    code written against array-api-compat's namespaces recognises it.

    >>> import numpy, arraycompat
    >>> xp = arraycompat.get_namespace(numpy.ones(2))
    >>> xp.linalg.name, xp.__name__, xp.linalg.__name__, xp.__array_api_version__
    ('numpy', 'numpy', 'numpy.linalg', '2025.12')
    """

    # Instance attributes only: a class attribute would shadow a library function
    # of the same name, and every lookup result is stored in the instance dict.
    def __init__(
        self,
        name: str,
        module: types.ModuleType | None,
        standard: Any = None,
        api_version: str | None = None,
        path: str = "",
        requested_version: str | None = None,
    ) -> None:
        # Sets __name__, and __doc__, __package__, __loader__, __spec__ to None: a
        # Namespace is a module object, but not one the import system knows.
        types.ModuleType.__init__(self, _namespace_name(name, module, path))
        d = self.__dict__
        d["name"] = name
        d["module"] = module
        d["standard"] = standard
        d["path"] = path
        d["__array_api_version__"] = api_version
        d["_requested_version"] = requested_version
        d["_children"] = {}
        # A module's own __getattr__ (PEP 562), not the class's: a class-level
        # __getattr__ on a module type makes every attribute read about 3x slower,
        # while this one runs only when the instance dict misses.
        d["__getattr__"] = self._first_lookup
        _all_namespaces.append(self)

    # ------------------------------------------------------------------ lookup
    def _first_lookup(self, attr: str) -> Any:
        # Only reached when the instance dict has no entry yet.
        value = self._lookup(attr)
        if value is _MISSING:
            # name=None: Python would append a second "Did you mean" to ours
            raise AttributeError(self._missing_message(attr), name=None, obj=None)
        self.__dict__[attr] = value
        return value

    def _lookup(self, attr: str) -> Any:
        dunder = attr.startswith("__") and attr.endswith("__")
        qualified = f"{self.path}.{attr}" if self.path else attr
        if not dunder:
            for hook in _registration_hooks:
                value = hook(self.name, qualified)
                if value is not None:
                    return value
        sources = [self.standard]
        if not dunder:
            sources.append(_MISSING)  # marks where translations go
            sources.append(self.module)
        for source in sources:
            if source is _MISSING:
                for hook in _translation_hooks:
                    value = hook(self.name, qualified)
                    if value is not None:
                        return value
                continue
            if source is None:
                continue
            value = getattr(source, attr, _MISSING)
            if value is _MISSING and source is self.module and not dunder:
                value = _import_submodule(source, attr)
            if value is _MISSING:
                continue
            if isinstance(value, types.ModuleType):
                return self._child(attr)
            return value
        return _MISSING

    def _child(self, attr: str) -> "Namespace":
        """The sub-namespace ``xp.<attr>`` (``xp.linalg``, ``xp.random``...)."""
        child = self._children.get(attr)
        if child is None:
            standard = getattr(self.standard, attr, None) if self.standard is not None else None
            module = getattr(self.module, attr, None) if self.module is not None else None
            if module is None and self.module is not None:
                found = _import_submodule(self.module, attr)
                module = None if found is _MISSING else found
            path = f"{self.path}.{attr}" if self.path else attr
            child = Namespace(
                self.name,
                module if isinstance(module, types.ModuleType) else None,
                standard,
                self.__array_api_version__,
                path,
                self._requested_version,
            )
            if child.module is None:
                child.__dict__["__name__"] = f"{self.__name__}.{attr}"
            self._children[attr] = child
        return child

    def _missing_message(self, attr: str) -> str:
        where = f"{self.name}.{self.path}" if self.path else self.name
        close = difflib.get_close_matches(attr, self.__dir__(), n=3, cutoff=0.6)
        hint = f" Did you mean: {', '.join(repr(c) for c in close)}?" if close else ""
        return (
            f"arraycompat: the {where!r} namespace has no attribute {attr!r}: it is not in "
            f"the standard namespace ({_module_name(self.standard)}) nor in the library "
            f"module ({_module_name(self.module)}).{hint}"
        )

    def _forget(self, qualified: str) -> None:
        """Drop the cached entry for ``qualified`` (a dotted path from the top level)."""
        if self.path:
            if not qualified.startswith(self.path + "."):
                return
            qualified = qualified[len(self.path) + 1 :]
        if "." not in qualified and qualified != "__getattr__":
            self.__dict__.pop(qualified, None)

    # ------------------------------------------------------------------ equality
    # A Namespace equals the conforming module its standard functions come from
    # (array_api_compat.numpy, array_api_strict, jax.numpy...), so code that compares
    # array-api-compat's answer with a module (``array_namespace(x) == xp``) keeps
    # working; two Namespaces are equal when they have the same standard and module.
    def __eq__(self, other: object) -> bool:
        if other is self:
            return True
        standard = _unwrapped(self.__dict__["standard"])
        if standard is None:
            return False
        if isinstance(other, Namespace):
            return _unwrapped(other.standard) is standard and other.module is self.module
        return other is standard

    def __hash__(self) -> int:
        # hashed on every rule-cache lookup of a lazy trace: computed once
        d = self.__dict__
        h = d.get("_hash")
        if h is None:
            standard = _unwrapped(d["standard"])
            h = d["_hash"] = object.__hash__(self) if standard is None else hash(standard)
        return h

    # ------------------------------------------------------------------ misc
    def __setattr__(self, attr: str, value: Any) -> None:
        # The suite patches ``xp.bool`` when missing; allow plain attribute writes.
        self.__dict__[attr] = value
        if attr == "standard":
            self.__dict__.pop("_hash", None)

    def __dir__(self) -> list[str]:
        names = {n for n in self.__dict__ if not n.startswith("_")}
        for source in (self.standard, self.module):
            if source is not None:
                names.update(n for n in dir(source) if not n.startswith("_"))
        if self.standard is not None and hasattr(self.standard, "__array_namespace_info__"):
            names.add("__array_namespace_info__")
        return sorted(names)

    def __repr__(self) -> str:
        where = f"{self.name}.{self.path}" if self.path else self.name
        return (
            f"<arraycompat Namespace {where!r}: standard from {_module_name(self.standard)}, "
            f"api {self.__array_api_version__}>"
        )

    def __reduce__(self):
        namespace_for = _by_name["namespace_for"]
        top = namespace_for(self.name, self._requested_version)
        if not self.path:
            return (namespace_for, (self.name, self._requested_version))
        return (_child_of, (top, self.path))


def _unwrapped(standard: Any) -> Any:
    """The conforming module under a correction layer (its ``__wrapped__``)."""
    if isinstance(standard, types.ModuleType):
        return standard.__dict__.get("__wrapped__", standard)
    return standard


def _namespace_name(name: str, module: types.ModuleType | None, path: str) -> str:
    """``__name__`` of a Namespace: its library module's name ('numpy', 'dask.array'),
    with the attribute path below it ('numpy.linalg')."""
    if module is not None:
        return module.__name__
    return f"{name}.{path}" if path else name


def _child_of(top: Namespace, path: str) -> Namespace:
    ns = top
    for part in path.split("."):
        ns = getattr(ns, part)
    return ns


def _module_name(obj: Any) -> str:
    if obj is None:
        return "none"
    return getattr(obj, "__name__", type(obj).__name__)


def _import_submodule(module: types.ModuleType, attr: str) -> Any:
    """``module.attr`` when it is a submodule not imported yet (``numpy.random``)."""
    import importlib

    if not hasattr(module, "__path__"):
        return _MISSING
    try:
        return importlib.import_module(f"{module.__name__}.{attr}")
    except ImportError:
        return _MISSING


def invalidate(library: str, qualified: str) -> None:
    """Drop the cached ``qualified`` attribute from every Namespace of ``library``."""
    for ns in _all_namespaces:
        if ns.name == library:
            ns._forget(qualified)
