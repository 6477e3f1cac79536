"""``get_namespace(*arrays)``: the ``Namespace`` for the arrays' library.

The hot path is one dict lookup keyed on ``type(x)``; everything else (finding the
library, importing its conforming namespace, building the Namespace) happens once
per type and is cached, under a lock so that many threads resolving at once build
one Namespace.

>>> import numpy, arraycompat
>>> xp = arraycompat.get_namespace(numpy.ones(3), 2.0)
>>> xp.name
'numpy'
"""

from __future__ import annotations

import sys
import threading
from typing import Any

from ._corrections import corrected
from ._namespace import Namespace

__all__ = ["get_namespace", "array_namespace", "namespace_for", "library_of_type", "register_backend", "API_VERSIONS"]

#: The published versions of the Array API standard.
API_VERSIONS = ("2021.12", "2022.12", "2023.12", "2024.12", "2025.12")

# Where each library's standard functions come from, with the measured reason.
# "compat": array-api-compat's wrapper; "own": the array's __array_namespace__().
# On top of the source, arraycompat/_corrections/ fixes what it still gets wrong
# (numpy, torch, dask, jax); the counts below are the sources' own, before corrections
# (after: conformance/README.md).
# Counts (failed of 1,384): official suite array-api-tests 55fcc60, --max-examples 20,
# -n 2, one session on 2026-11-23 (numpy 2.4, array-api-compat 1.16, array-api-strict
# 2.6.1, torch 2.13 CPU, jax 0.10.2, dask 2026.8); conformance/README.md has the table.
SOURCES = {
    # numpy's own namespace (2024.12) fails 48: finfo/iinfo of arrays, meshgrid and
    # broadcast_arrays returning tuples, sort/argsort/clip signatures, fftfreq(dtype=).
    # array_api_compat.numpy (2025.12) fails 27-28, arraycompat's numpy namespace over
    # it the same 27-28 (the same function objects; the one-test spread is Hypothesis).
    "numpy": "compat",
    # torch and dask arrays have no __array_namespace__: the wrapper is the only source.
    # torch: 95-103 failed (uint16/32/64 unsupported by torch, finfo().dtype a str,
    # no Tensor.__array_namespace__/to_device), the same as array_api_compat.torch (102).
    "torch": "compat",
    # dask (--max-examples 5): 91 failed (linalg gaps, unknown shapes, no dlpack).
    "dask": "compat",
    # cupy's own namespace lags numpy's in the same way; the wrapper mirrors compat.numpy
    # (not measured: no GPU here).
    "cupy": "compat",
    # The reference implementation: its own namespace is the standard. array_api_strict
    # fails 25-26, arraycompat's array_api_strict namespace 26-27 (same functions).
    "array_api_strict": "own",
    # array-api-compat has no jax wrapper: it returns jax.numpy, the array's own
    # namespace (2024.12), so there is no choice; 295 failed without JAX_ENABLE_X64.
    "jax": "own",
    # array-api-compat returns the `sparse` module itself, the same as __array_namespace__.
    "sparse": "own",
    "ndonnx": "own",
    # autograd's ArrayBox (what a function sees inside autograd.grad) answers
    # __array_namespace__ with autograd.numpy: numpy's functions, wrapped to record
    # gradients; it declares no version of the standard.
    "autograd": "own",
}

# Module root of an array type -> the library name used everywhere else.
_LIBRARY_OF_MODULE_ROOT = {
    "numpy": "numpy",
    "torch": "torch",
    "dask": "dask",
    "cupy": "cupy",
    "jax": "jax",
    "jaxlib": "jax",
    "array_api_strict": "array_api_strict",
    "sparse": "sparse",
    "ndonnx": "ndonnx",
    "autograd": "autograd",
    "tensorflow": "tensorflow",
}

# The module of each library the Namespace falls through to.
_LIBRARY_MODULE = {
    "dask": "dask.array",
    "jax": "jax.numpy",
    "lazy": "arraycompat.lazy",
    "autograd": "autograd.numpy",
    "tensorflow": "tensorflow.experimental.numpy",
}

# library -> libraries whose arrays its functions take as they are: arrays of both
# resolve to the first (inside autograd.grad, ArrayBoxes meet plain numpy constants).
_TAKES_ARRAYS_OF = {"autograd": frozenset({"numpy"})}

_SKIPPED_TYPES = (bool, int, float, complex, type(None))

# type -> Namespace, for api_version=None: the hot path.
_by_type: dict[type, Namespace] = {}
# (type, api_version) -> Namespace.
_by_type_version: dict[tuple[type, str], Namespace] = {}
# (library, api_version) -> Namespace: one Namespace per library and version.
_by_library: dict[tuple[str, str | None], Namespace] = {}
_lock = threading.RLock()


_NOTHING = object()


def get_namespace(x: Any = _NOTHING, /, *xs: Any, api_version: str | None = None) -> Namespace:
    """Return the ``Namespace`` of the arrays' library: ``get_namespace(*arrays)``.

    Python scalars and ``None`` are skipped. Arrays of two libraries, or no array at
    all, raise ``TypeError``; ``api_version`` must be a published version of the
    standard ('2021.12' ... '2025.12').

    >>> import numpy, arraycompat
    >>> arraycompat.get_namespace(numpy.ones(2), numpy.zeros(2)).name
    'numpy'
    """
    # The first array is a separate parameter: it saves indexing a tuple on the
    # hot path (one array, default version), which is then a single dict lookup.
    if api_version is None:
        if not xs:
            try:
                return _by_type[type(x)]
            except KeyError:
                pass
        else:
            found = _by_type.get(type(x))
            if found is not None:
                for y in xs:
                    if _by_type.get(type(y)) is not found:
                        break
                else:
                    return found
    arrays = xs if x is _NOTHING else (x, *xs)
    return _resolve(arrays, api_version)


array_namespace = get_namespace


def _resolve(xs: tuple, api_version: str | None) -> Namespace:
    """The slow path: validate, skip scalars, build and cache Namespaces."""
    if len(xs) == 1 and type(xs[0]) is str:
        # autoray's get_namespace("numpy"): a library (or module) name
        root = xs[0].split(".", 1)[0]
        return namespace_for(_LIBRARY_OF_MODULE_ROOT.get(root, root), api_version)
    if api_version is not None and api_version not in API_VERSIONS:
        raise ValueError(
            f"arraycompat: api_version={api_version!r} is not a published version of the "
            f"Array API standard; use one of {', '.join(API_VERSIONS)} (or None for the newest "
            f"the library supports)."
        )
    found: Namespace | None = None
    seen: list[str] = []
    for x in xs:
        t = type(x)
        if t in _SKIPPED_TYPES or (
            isinstance(x, _SKIPPED_TYPES) and library_of_type(t, x) is None
        ):
            # numpy.float64 subclasses float but is numpy's; an IntEnum is a scalar.
            seen.append(t.__name__)
            continue
        if isinstance(x, (list, tuple)):
            raise TypeError(
                f"arraycompat.get_namespace: got a {t.__name__} ({_short_repr(x)}), which is not "
                f"an array. Convert it first, e.g. xp.asarray(x) or arraycompat.asarray(x, like=y)."
            )
        ns = _namespace_of(x, api_version)
        seen.append(f"{t.__module__}.{t.__qualname__}")
        if found is None:
            found = ns
        elif ns is not found:
            if ns.name in _TAKES_ARRAYS_OF.get(found.name, ()):
                continue
            if found.name in _TAKES_ARRAYS_OF.get(ns.name, ()):
                found = ns
                continue
            raise TypeError(
                f"arraycompat.get_namespace: arrays of more than one library were passed "
                f"({', '.join(seen)}: {found.name} and {ns.name}). Bring them to one library "
                f"first, e.g. arraycompat.asarray(x, like=y)."
            )
    if found is None:
        raise TypeError(
            "arraycompat.get_namespace: no array among the arguments"
            + (f" (got {', '.join(seen)})" if seen else " (got nothing)")
            + ". Pass at least one array, or convert with xp.asarray(x) / "
            "arraycompat.asarray(x, like=y)."
        )
    return found


def _namespace_of(x: Any, api_version: str | None) -> Namespace:
    t = type(x)
    if api_version is None:
        ns = _by_type.get(t)
    else:
        ns = _by_type_version.get((t, api_version))
    if ns is not None:
        return ns
    with _lock:
        library = library_of_type(t, x)
        if library is None:
            raise TypeError(
                f"arraycompat.get_namespace: {t.__module__}.{t.__qualname__} is not an array type "
                f"this library knows: it has no __array_namespace__, array-api-compat does not "
                f"support it, and it lacks `shape` and `dtype`. Convert it with "
                f"xp.asarray(x), or teach arraycompat with register_backend(type, module_name)."
            )
        ns = _by_library.get((library, api_version))
        if ns is None:
            ns = _build(library, x, api_version)
            _by_library[(library, api_version)] = ns
        if api_version is None:
            _by_type[t] = ns
        else:
            _by_type_version[(t, api_version)] = ns
    return ns


# Array types a user taught us: type -> library module name (register_backend).
_registered_types: dict[type, str] = {}


def library_of_type(t: type, x: Any = None) -> str | None:
    """The library name for array type ``t`` ('numpy', 'torch', ...), or None.

    >>> import numpy
    >>> library_of_type(numpy.ndarray)
    'numpy'
    """
    for klass in t.__mro__:
        if klass in _registered_types:
            return _registered_types[klass]
    lazy = sys.modules.get("arraycompat.lazy")
    if lazy is not None and issubclass(t, getattr(lazy, "LazyArray", ())):
        return "lazy"
    root = t.__module__.split(".", 1)[0]
    library = _LIBRARY_OF_MODULE_ROOT.get(root)
    if library == "numpy":
        np = sys.modules["numpy"]
        return "numpy" if issubclass(t, (np.ndarray, np.generic)) else None
    if library == "torch":
        return "torch" if issubclass(t, sys.modules["torch"].Tensor) else None
    if library is not None:
        return library
    if hasattr(t, "__array_namespace__"):
        return _module_root(x if x is not None else t)
    if x is not None and hasattr(x, "shape") and hasattr(x, "dtype") and root != "builtins":
        return root
    return None


def _module_root(x: Any) -> str:
    if not isinstance(x, type):
        try:
            return x.__array_namespace__().__name__
        except Exception:  # a broken __array_namespace__ still names a module
            pass
        x = type(x)
    return x.__module__.split(".", 1)[0]


def _build(library: str, x: Any, api_version: str | None) -> Namespace:
    import importlib

    module_name = _LIBRARY_MODULE.get(library, library)
    module = importlib.import_module(module_name)
    source = SOURCES.get(library, "own" if hasattr(x, "__array_namespace__") else None)
    if library == "lazy":
        standard = x.__array_namespace__()
    elif source == "compat":
        import array_api_compat

        standard = array_api_compat.array_namespace(x, api_version=api_version)
    elif source == "own":
        standard = (
            x.__array_namespace__(api_version=api_version)
            if api_version is not None
            else x.__array_namespace__()
        )
    else:
        standard = None
    # What the source still gets wrong, fixed per library (arraycompat/_corrections/).
    standard = corrected(library, standard)
    version = api_version or getattr(standard, "__array_api_version__", None)
    return Namespace(library, module, standard, version, requested_version=api_version)


def register_backend(array_type: type, module_name: str) -> None:
    """Resolve arrays of ``array_type`` (and its subclasses) to ``module_name``.

    The Namespace falls through to that module; if the arrays have
    ``__array_namespace__`` the standard functions come from it.

    >>> import numpy
    >>> class Tagged(numpy.ndarray): pass
    >>> register_backend(Tagged, "numpy")
    """
    library = module_name.split(".", 1)[0]
    with _lock:
        _registered_types[array_type] = library
        if module_name != library:
            _LIBRARY_MODULE[library] = module_name
        for cache in (_by_type, _by_type_version):
            for key in list(cache):
                t = key if isinstance(key, type) else key[0]
                if issubclass(t, array_type):
                    del cache[key]


def namespace_for(library: str, api_version: str | None = None) -> Namespace:
    """The Namespace of a library by name, importing it and resolving a sample array.

    >>> namespace_for("numpy").name
    'numpy'
    """
    ns = _by_library.get((library, api_version))
    if ns is not None:
        return ns
    from ._samples import sample_array

    return get_namespace(sample_array(library), api_version=api_version)


def _short_repr(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 40 else text[:37] + "..."
