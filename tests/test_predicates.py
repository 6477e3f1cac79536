"""is_array, is_lazy_array, library_name, is_library."""

import numpy as np
import pytest

from arraycompat.core._install import missing_message
import arraycompat
from conftest import installed, make_array

LAZY = {"dask"}


def test_is_array_per_library(library):
    assert arraycompat.is_array(make_array(library, [1.0]))


@pytest.mark.parametrize("obj", [1, 1.5, True, None, [1.0], (1.0,), "abc", np, object()])
def test_is_array_rejects_non_arrays(obj):
    assert not arraycompat.is_array(obj)


def test_is_lazy_array_per_library(library):
    assert arraycompat.is_lazy_array(make_array(library, [1.0])) == (library in LAZY)


def test_is_lazy_array_on_non_arrays():
    assert not arraycompat.is_lazy_array([1.0])


def test_library_name_of_array_namespace_and_module(library):
    x = make_array(library, [1.0])
    xp = arraycompat.get_namespace(x)
    assert arraycompat.library_name(x) == library
    assert arraycompat.library_name(xp) == library
    assert arraycompat.library_name(xp.standard) == library


def test_is_library():
    x = np.ones(1)
    assert arraycompat.is_library(x, "numpy")
    assert arraycompat.is_library(arraycompat.get_namespace(x), "cupy", "numpy")
    assert not arraycompat.is_library(x, "torch")
    assert not arraycompat.is_library([1], "numpy")


@pytest.mark.skipif(not installed("jax"), reason=missing_message("jax"))
def test_jax_tracer_is_lazy():
    import jax

    seen = []

    @jax.jit
    def f(x):
        seen.append(arraycompat.is_lazy_array(x))
        return x

    f(jax.numpy.ones(2))
    assert seen == [True]
