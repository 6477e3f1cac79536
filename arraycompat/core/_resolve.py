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

from . import _namespace
from ._corrections import corrected
from ._namespace import Namespace

__all__ = [
    "get_namespace", "array_namespace", "namespace_for", "library_of_type", "is_array_library",
    "register_backend", "API_VERSIONS",
]

#: The published versions of the Array API standard.
API_VERSIONS = ("2021.12", "2022.12", "2023.12", "2024.12", "2025.12")

# Where each library's standard functions come from, with the measured reason.
# "compat": array-api-compat's wrapper; "own": the array's __array_namespace__().
# On top of the source, arraycompat/core/_corrections/ fixes what it still gets wrong
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
    "pytensor": "pytensor",
}

# The module of each library the Namespace falls through to.
_LIBRARY_MODULE = {
    "dask": "dask.array",
    "jax": "jax.numpy",
    "lazy": "arraycompat.lazy",
    "autograd": "autograd.numpy",
    "tensorflow": "tensorflow.experimental.numpy",
    # symbolic tensors: numpy-style functions that build a graph (no standard namespace)
    "pytensor": "pytensor.tensor",
}

# library -> libraries whose arrays its functions take as they are: arrays of both
# resolve to the first (inside autograd.grad, ArrayBoxes meet plain numpy constants).
_TAKES_ARRAYS_OF = {"autograd": frozenset({"numpy"})}

_SKIPPED_TYPES = (bool, int, float, complex, type(None))

# type -> Namespace, for api_version=None: the hot path.
_by_type: dict[type, Namespace] = {}
# (type, api_version, use_compat) -> Namespace.
_by_type_version: dict[tuple[type, str | None, bool | None], Namespace] = {}
# (library, api_version, source) -> Namespace: one Namespace per library, version and
# source of the standard functions (see _source_of).
_by_library: dict[tuple[str, str | None, str | None], Namespace] = {}
_lock = threading.RLock()


_NOTHING = object()


def get_namespace(
    x: Any = _NOTHING,
    /,
    *xs: Any,
    api_version: str | None = None,
    use_compat: bool | None = None,
) -> Namespace:
    """Return the ``Namespace`` of the arrays' library: ``get_namespace(*arrays)``.

    A drop-in for ``array_api_compat.array_namespace``, with its signature: Python
    scalars and ``None`` are skipped; arrays of two libraries, or no array at all,
    raise ``TypeError``; ``api_version`` must be a published version of the standard
    ('2021.12' ... '2025.12'); ``use_compat=True`` asks for array-api-compat's
    wrapper (``ValueError`` for a library without one), ``use_compat=False`` for the
    library's own namespace.

    >>> import numpy, arraycompat
    >>> arraycompat.get_namespace(numpy.ones(2), numpy.zeros(2)).name
    'numpy'
    """
    # The first array is a separate parameter: it saves indexing a tuple on the
    # hot path (one array, default version), which is then a single dict lookup.
    if api_version is None and use_compat is None:
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
    return _resolve(arrays, api_version, use_compat)


array_namespace = get_namespace


def _resolve(xs: tuple, api_version: str | None, use_compat: bool | None = None) -> Namespace:
    """The slow path: validate, skip scalars, build and cache Namespaces."""
    if len(xs) == 1 and type(xs[0]) is str:
        # autoray's get_namespace("numpy"): a known library (or module) name; any other
        # string is refused below, as array-api-compat refuses it
        from ._samples import KNOWN_LIBRARIES

        root = xs[0].split(".", 1)[0]
        library = _LIBRARY_OF_MODULE_ROOT.get(root, root)
        if library in KNOWN_LIBRARIES or library == "lazy":
            return namespace_for(library, api_version)
    if api_version is not None and api_version not in API_VERSIONS:
        raise ValueError(
            f"arraycompat: api_version={api_version!r} is not a published version of the "
            f"Array API standard; use one of {', '.join(API_VERSIONS)} (or None for the newest "
            f"the library supports)."
        )
    if use_compat not in (None, True, False):
        raise ValueError(
            f"arraycompat.get_namespace: use_compat must be None, True, or False, got "
            f"{use_compat!r}."
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
                f"arraycompat.get_namespace: {t.__name__} is not a supported array type: got "
                f"a {t.__name__} ({_short_repr(x)}). Convert it first, e.g. xp.asarray(x) or "
                f"arraycompat.asarray(x, like=y)."
            )
        ns = _namespace_of(x, api_version, use_compat)
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
                f"arraycompat.get_namespace: Multiple namespaces for array inputs: arrays of "
                f"more than one library were passed ({', '.join(seen)}: {found.name} and "
                f"{ns.name}). Bring them to one library first, e.g. arraycompat.asarray(x, like=y)."
            )
    if found is None:
        raise TypeError(
            "arraycompat.get_namespace: no array among the arguments"
            + (f" (got {', '.join(seen)})" if seen else " (got nothing)")
            + "; array_namespace requires at least one non-scalar array input. Pass at least "
            "one array, or convert with xp.asarray(x) / arraycompat.asarray(x, like=y)."
        )
    return found


# The libraries array-api-compat wraps, and the module of each wrapper.
_COMPAT_WRAPPERS = {
    "numpy": "array_api_compat.numpy",
    "torch": "array_api_compat.torch",
    "dask": "array_api_compat.dask.array",
    "cupy": "array_api_compat.cupy",
}


def _source_of(library: str, x: Any, use_compat: bool | None) -> str | None:
    """Where the standard functions come from: 'compat', 'own', 'bare' or None."""
    default = SOURCES.get(library, "own" if hasattr(x, "__array_namespace__") else None)
    if use_compat is None or library == "lazy":
        return default
    if use_compat:
        if library not in _COMPAT_WRAPPERS:
            raise ValueError(
                f"arraycompat.get_namespace(use_compat=True): The given array does not have an "
                f"array-api-compat wrapper: array-api-compat wraps "
                f"{', '.join(_COMPAT_WRAPPERS)}, not {library}. Pass use_compat=None."
            )
        return "compat"
    return "bare" if library in _COMPAT_WRAPPERS else default


def _namespace_of(x: Any, api_version: str | None, use_compat: bool | None = None) -> Namespace:
    t = type(x)
    if api_version is None and use_compat is None:
        ns = _by_type.get(t)
    else:
        ns = _by_type_version.get((t, api_version, use_compat))
    if ns is not None:
        return ns
    with _lock:
        library = library_of_type(t, x)
        if library is None:
            raise TypeError(_not_an_array_message(t, x))
        source = _source_of(library, x, use_compat)
        ns = _by_library.get((library, api_version, source))
        if ns is None:
            ns = _build(library, x, api_version, source)
            _by_library[(library, api_version, source)] = ns
        if api_version is None and use_compat is None:
            _by_type[t] = ns
        else:
            _by_type_version[(t, api_version, use_compat)] = ns
    return ns


def _not_an_array_message(t: type, x: Any) -> str:
    name = f"{t.__module__}.{t.__qualname__}"
    looks = hasattr(x, "shape") and hasattr(x, "dtype")
    why = (
        f"it has `shape` and `dtype`, but no __array_namespace__, and its module "
        f"{t.__module__.split('.', 1)[0]!r} is not an array library arraycompat knows"
        if looks
        else "it has no __array_namespace__, array-api-compat does not support it, and it "
        "lacks `shape` and `dtype`"
    )
    return (
        f"arraycompat.get_namespace: {t.__qualname__} is not a supported array type: {name} "
        f"is not an array of a library arraycompat knows ({why}). Convert it with "
        f"xp.asarray(x), or, if it is an array library's array, teach arraycompat with "
        f"arraycompat.register_backend({t.__qualname__}, 'module_name')."
    )


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
    if x is not None and hasattr(x, "shape") and hasattr(x, "dtype") and is_array_library(root):
        return root
    return None


# Module roots that are never array libraries, whatever they define.
_NOT_LIBRARIES = frozenset({"__main__", "builtins", "scipy", "pandas", "os", "sys"})


def is_array_library(root: str) -> bool:
    """True when the top-level module ``root`` is an importable array library.

    The rule for array types arraycompat was not told about: the type's top-level
    module must be imported already, must not be a script (``__main__``) or a
    library known to hold containers rather than an array namespace (scipy,
    pandas), and must make arrays: callable ``asarray`` and ``zeros``.

    >>> is_array_library("numpy"), is_array_library("__main__"), is_array_library("scipy")
    (True, False, False)
    """
    if root in _NOT_LIBRARIES:
        return False
    module = sys.modules.get(root)
    if module is None:
        return False
    return callable(getattr(module, "asarray", None)) and callable(getattr(module, "zeros", None))


def _module_root(x: Any) -> str:
    if not isinstance(x, type):
        try:
            return x.__array_namespace__().__name__
        except Exception:  # a broken __array_namespace__ still names a module
            pass
        x = type(x)
    return x.__module__.split(".", 1)[0]


def _build(library: str, x: Any, api_version: str | None, source: str | None) -> Namespace:
    import importlib

    module_name = _LIBRARY_MODULE.get(library, library)
    module = importlib.import_module(module_name)
    if library == "lazy":
        standard = x.__array_namespace__()
    elif source == "compat":
        # The wrapper module itself, not array_api_compat.array_namespace: that name may
        # be arraycompat.get_namespace swapped in, and calling it here would loop.
        standard = importlib.import_module(_COMPAT_WRAPPERS[library])
    elif source == "bare":
        standard = module
    elif source == "own":
        standard = (
            x.__array_namespace__(api_version=api_version)
            if api_version is not None
            else x.__array_namespace__()
        )
    else:
        standard = None
    # What the source still gets wrong, fixed per library (arraycompat/core/_corrections/).
    if source != "bare":  # use_compat=False asks for the library's own functions
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
    ns = _by_library.get((library, api_version, SOURCES.get(library, "own")))
    if ns is not None:
        return ns
    from ._samples import sample_array

    return get_namespace(sample_array(library), api_version=api_version)


_namespace._by_name["namespace_for"] = namespace_for  # a Namespace pickles by name


def _short_repr(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 40 else text[:37] + "..."
