"""A one-element array of each known library, for resolving a library by name.

>>> sample_array("numpy").shape
(1,)
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["sample_array", "register_sample", "KNOWN_LIBRARIES"]

# library -> (module to import, how to make a float array of shape (1,))
_FACTORIES = {
    "numpy": ("numpy", lambda m: m.zeros(1)),
    "array_api_strict": ("array_api_strict", lambda m: m.zeros(1)),
    "torch": ("torch", lambda m: m.zeros(1)),
    "jax": ("jax.numpy", lambda m: m.zeros(1)),
    "dask": ("dask.array", lambda m: m.zeros(1, chunks=1)),
    "cupy": ("cupy", lambda m: m.zeros(1)),
    "sparse": ("sparse", lambda m: m.zeros(1)),
    "ndonnx": ("ndonnx", lambda m: m.zeros(1)),
    "tensorflow": ("tensorflow.experimental.numpy", lambda m: m.zeros(1)),
    # autograd.numpy returns plain numpy arrays; its own array type is the ArrayBox a
    # function sees inside autograd.grad (value, trace id, node).
    "autograd": ("autograd.numpy.numpy_boxes", lambda m: m.ArrayBox(m.anp.zeros(1), 0, None)),
    # a symbolic tensor (a graph node, evaluated with .eval() or pytensor.function)
    "pytensor": ("pytensor.tensor", lambda m: m.zeros(1)),
}

#: Library names in the order tables list them.
KNOWN_LIBRARIES = tuple(_FACTORIES)

# Namespaces of this package's higher layers ('lazy'), entered by the package root
# with register_sample: this layer imports none of them, it imports the named module
# when a sample is asked for.
_REGISTERED: dict[str, tuple[str, Any]] = {}


def register_sample(library: str, module_name: str, make: Any) -> None:
    """Let ``sample_array(library)`` import ``module_name`` and call ``make(module)``."""
    _REGISTERED[library] = (module_name, make)


def sample_array(library: str) -> Any:
    """A float array of shape (1,) from ``library`` ('numpy', 'torch', 'jax', ...)."""
    if library in _REGISTERED:
        module_name, make = _REGISTERED[library]
        return make(importlib.import_module(module_name))
    try:
        module_name, make = _FACTORIES[library]
    except KeyError:
        known = ", ".join(KNOWN_LIBRARIES)
        raise ValueError(
            f"arraycompat: unknown library {library!r}; known libraries are {known}. "
            f"For another library pass one of its arrays instead of its name."
        ) from None
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        from ._install import install_hint

        raise ImportError(
            f"arraycompat: library {library!r} is not installed ({e}); install it with "
            f"`{install_hint(library)}`."
        ) from e
    return make(module)
