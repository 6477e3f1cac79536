"""Shared fixtures: real arrays of every installed library."""

import importlib.util

import pytest

from arraycompat.core._install import is_installed, missing_message

# library -> (module to find, how to build an array from a nested list of floats)
_LIBRARIES = {
    "numpy": ("numpy", lambda v: __import__("numpy").asarray(v)),
    "array_api_strict": ("array_api_strict", lambda v: __import__("array_api_strict").asarray(v)),
    "torch": ("torch", lambda v: __import__("torch").asarray(v)),
    "jax": ("jax", lambda v: importlib.import_module("jax.numpy").asarray(v)),
    "dask": ("dask", lambda v: importlib.import_module("dask.array").asarray(v)),
    "sparse": ("sparse", lambda v: __import__("sparse").asarray(__import__("numpy").asarray(v))),
}


def installed(library: str) -> bool:
    return importlib.util.find_spec(_LIBRARIES[library][0]) is not None


INSTALLED = [lib for lib in _LIBRARIES if installed(lib)]


def requires(*libraries: str) -> pytest.MarkDecorator:
    """Skip unless every one of ``libraries`` is installed; the reason says how to install."""
    missing = [lib for lib in libraries if not is_installed(lib)]
    return pytest.mark.skipif(bool(missing), reason=missing_message(missing[0]) if missing else "")


def import_or_skip(module: str):
    """``pytest.importorskip`` whose reason names the library and its install command."""
    return pytest.importorskip(module, reason=missing_message(module.partition(".")[0]))


def make_array(library: str, values):
    """An array of ``library`` holding ``values`` (the test skips when it is not installed)."""
    if library not in INSTALLED:
        import_or_skip(_LIBRARIES[library][0])
    return _LIBRARIES[library][1](values)


@pytest.fixture(params=INSTALLED)
def library(request):
    return request.param
