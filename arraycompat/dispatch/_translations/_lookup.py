"""What a translation is built from, and which translations used what.

``function_of`` is the lookup every maker uses; it records, while a translation is
being built, that the translation took that function, so a later registration of it
rebuilds the translation (``forget_dependents`` in this package's ``__init__``).

>>> import numpy
>>> function_of("numpy", "sum") is numpy.sum
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["function_of", "note_dependency"]

# (library, name) -> names whose translation took that function: a registration for
# it must rebuild them. Filled while a translation is built (one at a time).
_dependents: dict[tuple[str, str], set[str]] = {}
_building: list[str] = []


def note_dependency(library: str, name: str) -> None:
    """Record that the translation being built uses ``library``'s ``name``."""
    if _building:
        _dependents.setdefault((library, name), set()).add(_building[-1])


def function_of(library: str, name: str) -> Any:
    """``name`` as registered, else from the library's ``do`` module, else from its
    standard namespace. A later registration of ``name`` rebuilds the caller."""
    from .. import _dispatch, _registry

    note_dependency(library, name)
    fn = _registry.registered(library, name)
    if fn is None:
        fn = _dispatch.module_attribute(library, name)
    if fn is None:
        fn = _dispatch._standard_attribute(library, name)
    return fn
