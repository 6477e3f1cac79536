"""The array backends a test suite can run on, by the names ``--xp`` accepts.

>>> canonical_backend("jax")
'jax.numpy'
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any

__all__ = ["BACKENDS", "LAZY_BACKENDS", "canonical_backend", "installed_backends", "load_backend",
           "backend_devices", "is_cpu_device", "device_name"]

#: Backend name -> (module that must be importable, library name for namespace_for).
BACKENDS = {
    "numpy": ("numpy", "numpy"),
    "array_api_strict": ("array_api_strict", "array_api_strict"),
    "torch": ("torch", "torch"),
    "jax.numpy": ("jax", "jax"),
    "dask.array": ("dask", "dask"),
    "cupy": ("cupy", "cupy"),
    "lazy": ("numpy", "lazy"),
}
_ALIASES = {"jax": "jax.numpy", "dask": "dask.array", "strict": "array_api_strict",
            "array-api-strict": "array_api_strict"}

#: Backends whose arrays may not hold concrete values (skipped by ``eager_only``).
LAZY_BACKENDS = frozenset({"dask.array", "jax.numpy", "lazy"})

# Devices that hold no data or restrict dtypes: not offered by the ``device`` fixture.
_NOT_DATA_DEVICES = {"meta", "no_float64", "no_x64"}


def canonical_backend(name: str) -> str:
    """The canonical spelling of a backend name; ``ValueError`` for unknown names."""
    name = _ALIASES.get(name.strip(), name.strip())
    if name not in BACKENDS:
        raise ValueError(
            f"arraycompat.testing: unknown backend {name!r}; choose from "
            f"{', '.join(BACKENDS)} (or 'all')."
        )
    return name


def _importable(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def installed_backends() -> list[str]:
    """Every backend whose library is installed, ``lazy`` only when it exists.

    >>> from arraycompat.testing import installed_backends
    >>> "numpy" in installed_backends()
    True
    >>> installed_backends()[-1]
    'lazy'
    """
    found = [b for b, (module, _) in BACKENDS.items() if b != "lazy" and _importable(module)]
    if _importable("arraycompat.lazy"):
        found.append("lazy")
    return found


def load_backend(name: str) -> Any:
    """The namespace for a backend: an arraycompat Namespace, or ``arraycompat.lazy``.

    >>> from arraycompat.testing import load_backend
    >>> load_backend("numpy").asarray([1, 2, 3]).shape
    (3,)
    >>> load_backend("lazy").__name__
    'arraycompat.lazy'
    """
    name = canonical_backend(name)
    if name == "lazy":
        import arraycompat.lazy as lazy

        return lazy
    if name == "jax.numpy":
        import jax

        # Tests compare float64 results; jax would silently compute in float32.
        jax.config.update("jax_enable_x64", True)
    from ..core._resolve import namespace_for

    return namespace_for(BACKENDS[name][1])


def is_cpu_device(device: Any) -> bool:
    """True for None and for devices whose name says CPU (``'cpu'``, ``CpuDevice``...)."""
    if device is None:
        return True
    return "cpu" in device_name(device).lower()


def backend_devices(xp: Any) -> list[Any]:
    """Devices of a namespace that hold data, without the None default."""
    import warnings

    with warnings.catch_warnings():  # torch's info object warns about mkldnn
        warnings.simplefilter("ignore")
        devices = xp.__array_namespace_info__().devices()
    return [d for d in devices if d is not None and device_name(d) not in _NOT_DATA_DEVICES]


def device_name(device: Any) -> str:
    """A short name: 'cpu', 'meta', 'device1' (array-api-strict), 'cuda'...

    >>> device_name("cpu")
    'cpu'
    """
    kind = getattr(device, "type", None)  # torch.device
    if isinstance(kind, str):
        return kind
    text = str(device)
    match = re.search(r"Device\('(.*)'\)", text)
    return match.group(1) if match else text
