"""The Namespace object: the standard, fall-through, caching, errors."""

import copy
import pickle

import numpy as np
import pytest

import arraycompat
from conftest import make_array

STANDARD_NAMES = [
    "asarray", "zeros", "arange", "sum", "mean", "matmul", "reshape", "concat", "stack",
    "where", "argsort", "unique_values", "isdtype", "astype", "float32", "int64", "bool",
    "e", "pi", "inf", "nan", "newaxis", "__array_namespace_info__",
]


# What a library's own namespace lacks (a gap of the library, not of arraycompat).
KNOWN_GAPS = {"sparse": ["arange", "argsort"]}


def test_every_standard_name_is_there(library):
    xp = arraycompat.get_namespace(make_array(library, [1.0]))
    missing = [n for n in STANDARD_NAMES if not hasattr(xp, n)]
    assert missing == KNOWN_GAPS.get(library, [])


def test_linalg_and_fft_extensions(library):
    if library == "sparse":
        pytest.skip("sparse implements neither extension")
    xp = arraycompat.get_namespace(make_array(library, [1.0]))
    assert xp.linalg.name == library and xp.linalg.path == "linalg"
    assert callable(xp.linalg.matrix_norm) and callable(xp.fft.fft)


def test_standard_function_comes_from_the_standard_namespace():
    xp = arraycompat.get_namespace(np.ones(1))
    import array_api_compat.numpy as cnp

    assert xp.sum is cnp.sum
    assert xp.linalg.svd is cnp.linalg.svd


def test_names_outside_the_standard_fall_through_to_the_module():
    xp = arraycompat.get_namespace(np.ones(1))
    assert xp.einsum is np.einsum
    assert xp.random.default_rng is np.random.default_rng
    assert xp.random.path == "random"


def test_first_lookup_is_cached_on_the_instance():
    xp = arraycompat.get_namespace(np.ones(1))
    xp.__dict__.pop("nanmax", None)
    assert "nanmax" not in vars(xp)
    fn = xp.nanmax
    assert vars(xp)["nanmax"] is fn is np.nanmax


def test_unknown_name_names_library_and_closest():
    xp = arraycompat.get_namespace(np.ones(1))
    with pytest.raises(AttributeError) as err:
        xp.sumx
    message = str(err.value)
    assert "'numpy'" in message and "'sumx'" in message and "'sum'" in message
    with pytest.raises(AttributeError, match=r"'numpy\.linalg'.*'svdd'.*'svd'"):
        xp.linalg.svdd


def test_dunder_lookups_do_not_fall_through_to_the_module():
    xp = arraycompat.get_namespace(np.ones(1))
    # numpy's module has __config__; the conforming namespace does not.
    assert hasattr(np, "__config__") and not hasattr(xp, "__config__")
    assert copy.copy(xp) is not None


def test_repr_and_dir():
    xp = arraycompat.get_namespace(np.ones(1))
    assert "numpy" in repr(xp) and "array_api_compat.numpy" in repr(xp)
    names = dir(xp)
    assert "sum" in names and "einsum" in names and "__array_namespace_info__" in names


def test_pickle_returns_the_same_namespace():
    xp = arraycompat.get_namespace(np.ones(1))
    assert pickle.loads(pickle.dumps(xp)) is xp
    assert pickle.loads(pickle.dumps(xp.linalg)) is xp.linalg


def test_info_object_devices_and_dtypes(library):
    xp = arraycompat.get_namespace(make_array(library, [1.0]))
    info = xp.__array_namespace_info__()
    assert "float64" in info.default_dtypes() or library == "sparse" or info.default_dtypes()
    assert len(info.devices()) >= 1


def test_a_missing_attribute_suggests_once():
    """Python appends its own "Did you mean" to an AttributeError from a module's
    __getattr__ unless the error's name is None; ours already names the closest."""
    import traceback

    xp = arraycompat.get_namespace(np.ones(1))
    try:
        xp.sqrtt
    except AttributeError as e:
        printed = "".join(traceback.format_exception(e))
    assert printed.count("Did you mean") == 1 and "'sqrt'" in printed
