"""Shared fixtures: real arrays of every installed library."""

import importlib.util

import pytest

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


def make_array(library: str, values):
    """An array of ``library`` holding ``values``."""
    return _LIBRARIES[library][1](values)


@pytest.fixture(params=INSTALLED)
def library(request):
    return request.param
