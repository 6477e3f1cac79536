"""Correction layers: the standard's functions, fixed where a library breaks the standard.

array-api-compat (or a library's own ``__array_namespace__``) is where the standard
functions come from; for some libraries a few of them still break the standard
(numpy's ``finfo`` attributes are numpy scalars, ``floor_divide`` with infinities,
torch's unsigned dtypes...). Each library with fixes has a module here with
``CORRECTIONS: {name: maker}``: a maker takes the uncorrected namespace (or
sub-namespace, for dotted names such as ``"linalg.matmul"``) and returns the
corrected function. ``corrected(library, standard)`` wraps the standard namespace so
that those names come from the makers and every other name is the very object of the
wrapped namespace: a function with nothing to fix costs nothing.

>>> import array_api_compat.numpy as compat
>>> xp = corrected("numpy", compat)
>>> xp.add is compat.add, type(xp.finfo(xp.float32).eps)
(True, <class 'float'>)
>>> xp.__name__, xp.__wrapped__ is compat
('array_api_compat.numpy', True)
"""

from __future__ import annotations

import importlib
import threading
import types
from typing import Any, Callable

__all__ = ["corrected", "corrected_names", "CorrectedNamespace"]

_TABLE_MODULES = {"numpy": "_numpy", "torch": "_torch", "dask": "_dask", "jax": "_jax"}

Maker = Callable[[Any], Any]

_lock = threading.RLock()


def corrections_table(library: str) -> dict[str, Maker]:
    """The ``{name: maker}`` table of ``library`` ({} when nothing is corrected)."""
    module = _TABLE_MODULES.get(library)
    if module is None:
        return {}
    return importlib.import_module(f"{__name__}.{module}").CORRECTIONS


def corrected_names(library: str) -> list[str]:
    """Every name ``library``'s correction layer replaces.

    >>> "finfo" in corrected_names("numpy")
    True
    """
    return sorted(corrections_table(library))


def corrected(library: str, standard: Any) -> Any:
    """``standard`` with ``library``'s corrections on top (``standard`` itself when none)."""
    if standard is None or library not in _TABLE_MODULES:
        return standard
    table = corrections_table(library)
    if not table:
        return standard
    return CorrectedNamespace(standard, table, "")


class CorrectedNamespace(types.ModuleType):
    """A module object over a standard namespace: the corrected names from the table,
    everything else read from the wrapped namespace (and cached, so a second read is
    a plain module attribute).

    It keeps the wrapped namespace's ``__name__`` (``array_api_compat.numpy``), so code
    that recognises a namespace by its name keeps doing so; ``__wrapped__`` is the
    uncorrected namespace.
    """

    def __init__(self, wrapped: Any, table: dict[str, Maker], path: str) -> None:
        super().__init__(getattr(wrapped, "__name__", type(wrapped).__name__))
        d = self.__dict__
        d["__wrapped__"] = wrapped
        d["__doc__"] = getattr(wrapped, "__doc__", None)
        d["_corrections"] = table
        d["_path"] = path
        d["__getattr__"] = self._fill
        d["__dir__"] = self._names

    def _fill(self, attr: str) -> Any:
        d = self.__dict__
        wrapped = d["__wrapped__"]
        path = d["_path"]
        qualified = f"{path}.{attr}" if path else attr
        with _lock:
            if attr in d:
                return d[attr]
            maker = d["_corrections"].get(qualified)
            if maker is not None:
                value = maker(wrapped)
            else:
                value = getattr(wrapped, attr)  # AttributeError names the wrapped module
                if isinstance(value, types.ModuleType) and any(
                    k.startswith(qualified + ".") for k in d["_corrections"]
                ):
                    value = CorrectedNamespace(value, d["_corrections"], qualified)
            d[attr] = value
        return value

    def _names(self) -> list[str]:
        d = self.__dict__
        names = set(dir(d["__wrapped__"]))
        prefix = d["_path"] + "." if d["_path"] else ""
        names.update(
            k[len(prefix):] for k in d["_corrections"] if k.startswith(prefix) and "." not in k[len(prefix):]
        )
        return sorted(names)

    def __repr__(self) -> str:
        d = self.__dict__
        return f"<corrected namespace over {d['__wrapped__'].__name__!s}>"
