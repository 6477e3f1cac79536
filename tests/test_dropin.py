"""get_namespace as a drop-in for array_api_compat.array_namespace (issue 16)."""

import numpy as np
import pytest

import arraycompat
from conftest import installed, make_array

array_api_compat = pytest.importorskip("array_api_compat", reason="the contract is with array-api-compat")

PREDICATE = {
    "numpy": "is_numpy_namespace",
    "torch": "is_torch_namespace",
    "dask": "is_dask_namespace",
    "jax": "is_jax_namespace",
    "array_api_strict": "is_array_api_strict_namespace",
    "sparse": "is_pydata_sparse_namespace",
}


def test_array_api_compat_predicates_recognise_our_namespace(library):
    xp = arraycompat.get_namespace(make_array(library, [1.0]))
    theirs = array_api_compat.array_namespace(make_array(library, [1.0]))
    for name, predicate_name in PREDICATE.items():
        predicate = getattr(array_api_compat, predicate_name)
        assert predicate(xp) == predicate(theirs) == (name == library), predicate_name


def test_namespace_is_a_module_equal_to_the_module_it_stands_for(library):
    import types

    x = make_array(library, [1.0])
    xp = arraycompat.get_namespace(x)
    assert isinstance(xp, types.ModuleType)
    # The module array-api-compat returns (under arraycompat's correction layer, if any).
    base = vars(xp.standard).get("__wrapped__", xp.standard)
    assert xp == base and hash(xp) == hash(base)
    assert xp != xp.module or xp.module is base
    # Our extras stay reachable on the same object.
    assert xp.name == library and callable(xp.asarray)


def test_use_compat_signature_matches_array_api_compat():
    x = np.ones(2)
    assert arraycompat.get_namespace(x, use_compat=None) is arraycompat.get_namespace(x)
    assert arraycompat.get_namespace(x, use_compat=True).standard.__name__ == "array_api_compat.numpy"
    bare = arraycompat.get_namespace(x, use_compat=False)
    assert bare.standard is np and bare.name == "numpy"
    assert array_api_compat.array_namespace(x, use_compat=False) is np
    with pytest.raises(ValueError, match="use_compat must be None, True, or False"):
        arraycompat.get_namespace(x, use_compat="yes")
    with pytest.raises(ValueError, match="use_compat must be None, True, or False"):
        array_api_compat.array_namespace(x, use_compat="yes")


def test_use_compat_true_without_a_wrapper_is_a_value_error_like_theirs():
    strict = pytest.importorskip("array_api_strict", reason="needs array-api-strict")
    x = strict.ones(1)
    with pytest.raises(ValueError, match="does not have an array-api-compat wrapper"):
        array_api_compat.array_namespace(x, use_compat=True)
    with pytest.raises(ValueError, match="does not have an array-api-compat wrapper"):
        arraycompat.get_namespace(x, use_compat=True)


@pytest.mark.parametrize("version", ["2021.12", "2022.12", "2023.12", "2024.12", "2025.12"])
def test_every_version_array_api_compat_accepts_is_accepted(version):
    import warnings

    x = np.ones(1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # array-api-compat warns for the older ones
        array_api_compat.array_namespace(x, api_version=version)
    assert arraycompat.get_namespace(x, api_version=version).__array_api_version__ == version


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        ((), "array_namespace requires at least one non-scalar array input"),
        ((1, None), "array_namespace requires at least one non-scalar array input"),
        (([1.0],), "list is not a supported array type"),
        (("text",), "str is not a supported array type"),
        ((object(),), "object is not a supported array type"),
    ],
)
def test_same_exception_type_and_phrase_as_array_api_compat(args, phrase):
    with pytest.raises(TypeError, match=phrase):
        array_api_compat.array_namespace(*args)
    with pytest.raises(TypeError, match=phrase):
        arraycompat.get_namespace(*args)


@pytest.mark.skipif(not installed("torch"), reason="needs torch for a second library")
def test_two_libraries_same_phrase_as_array_api_compat():
    import torch

    with pytest.raises(TypeError, match="Multiple namespaces for array inputs"):
        array_api_compat.array_namespace(np.ones(1), torch.ones(1))
    with pytest.raises(TypeError, match="Multiple namespaces for array inputs"):
        arraycompat.get_namespace(np.ones(1), torch.ones(1))


SWAPPABLE = ["array_namespace", "get_namespace", "device", "to_device", "is_lazy_array"]


@pytest.fixture
def swapped_into_array_api_compat(monkeypatch):
    """array-api-compat's public names replaced by ours, as a maintainer would."""
    ours = {
        "array_namespace": arraycompat.get_namespace,
        "get_namespace": arraycompat.get_namespace,
        "device": arraycompat.device,
        "to_device": arraycompat.to_device,
        "is_lazy_array": arraycompat.is_lazy_array,
    }
    for name in SWAPPABLE:
        monkeypatch.setattr(array_api_compat, name, ours[name])


def test_swapping_ours_into_array_api_compat_does_not_recurse(swapped_into_array_api_compat, library):
    from arraycompat.core import _resolve

    # Forget what was built, so the slow path that builds a Namespace runs again;
    # afterwards put the old Namespaces back: other modules (lazy) hold them.
    x = make_array(library, [1.0, 2.0])
    saved = (dict(_resolve._by_type), dict(_resolve._by_library))
    try:
        with _resolve._lock:
            for cache in (_resolve._by_type, _resolve._by_library):
                for key in [k for k, v in cache.items() if v.name == library]:
                    del cache[key]
        xp = array_api_compat.array_namespace(x)
        assert xp is arraycompat.get_namespace(x) and xp.name == library
        device = array_api_compat.device(x)
        assert array_api_compat.device(array_api_compat.to_device(x, device)) == device
        assert array_api_compat.is_lazy_array(x) == (library == "dask")
    finally:
        with _resolve._lock:
            for cache, old in zip((_resolve._by_type, _resolve._by_library), saved):
                cache.clear()
                cache.update(old)


def test_swapping_theirs_into_ours_does_not_recurse(monkeypatch):
    monkeypatch.setattr(arraycompat, "get_namespace", array_api_compat.array_namespace)
    monkeypatch.setattr(arraycompat, "device", array_api_compat.device)
    x = np.ones(2)
    assert arraycompat.get_namespace(x) is array_api_compat.numpy
    assert arraycompat.asarray(x, like="numpy") is x
    assert arraycompat.device(x) == "cpu"
