"""``sys.modules["autoray"] = arraycompat`` swaps reach autoray's submodules too.

A library that swaps autoray for arraycompat by hand (``sys.modules["autoray"] =
arraycompat``, or ``= arraycompat.autoray``) and then imports ``autoray.lazy``,
``autoray.lazy.core`` or ``autoray.compiler`` gets arraycompat's modules, not a second
copy of them loaded under autoray's names. The finder acts only while
``sys.modules["autoray"]`` is arraycompat (or ``arraycompat.autoray``); with the real
autoray installed and imported it does nothing.

>>> import sys, arraycompat
>>> saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k.split(".")[0] == "autoray"}
>>> sys.modules["autoray"] = arraycompat
>>> from autoray.lazy.core import LazyArray
>>> LazyArray is arraycompat.lazy.LazyArray
True
>>> for k in [k for k in sys.modules if k.split(".")[0] == "autoray"]: del sys.modules[k]
>>> sys.modules.update(saved)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

__all__ = ["AUTORAY_SUBMODULES", "SwappedAutorayFinder"]

#: autoray's module path -> arraycompat's module that stands for it
AUTORAY_SUBMODULES = {
    "autoray.autoray": "arraycompat.autoray.autoray",
    "autoray.compiler": "arraycompat.autoray.compiler",
    "autoray.numpy": "arraycompat.autoray.numpy",
    "autoray.lazy": "arraycompat.lazy",
    "autoray.lazy.core": "arraycompat.lazy.core",
    "autoray.lazy.linalg": "arraycompat.lazy.linalg",
}
_OURS = ("arraycompat", "arraycompat.autoray")
# ``from autoray import compiler`` with the top-level package swapped in: Python looks
# the submodule up by the package's own name, ``arraycompat.compiler``
_UNDER_OUR_NAME = {"arraycompat.compiler": "arraycompat.autoray.compiler"}


class SwappedAutorayFinder:
    """Finds ``autoray.<submodule>`` as arraycompat's module while autoray is swapped
    (a meta path finder and its loader)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        ours = AUTORAY_SUBMODULES.get(name)
        if ours is None:
            ours = _UNDER_OUR_NAME.get(name)
            if ours is None or getattr(sys.modules.get("autoray"), "__name__", None) != "arraycompat":
                return None
        elif getattr(sys.modules.get("autoray"), "__name__", None) not in _OURS:
            return None
        return importlib.util.spec_from_loader(name, self, origin=ours)

    def create_module(self, spec: Any) -> ModuleType:
        module = importlib.import_module(spec.origin)
        spec.loader_state = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # the import machinery set the alias's spec on the module: give it its own back
        module.__spec__ = module.__spec__.loader_state


def register() -> None:
    """Put the finder first in ``sys.meta_path`` (once): before the path finder, which
    would load a second copy of ``arraycompat.lazy`` as ``autoray.lazy``."""
    if not any(isinstance(f, SwappedAutorayFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, SwappedAutorayFinder())
