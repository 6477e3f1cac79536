"""get_namespace: one Namespace per library, fast cache, clear errors."""

import enum
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import arraycompat
from arraycompat.core import _resolve
from conftest import INSTALLED, installed, make_array

# library -> the module the standard functions must come from (the measured choice)
EXPECTED_STANDARD = {
    "numpy": "array_api_compat.numpy",
    "array_api_strict": "array_api_strict",
    "torch": "array_api_compat.torch",
    "jax": "jax.numpy",
    "dask": "array_api_compat.dask.array",
    "sparse": "sparse",
}
EXPECTED_MODULE = {"jax": "jax.numpy", "dask": "dask.array"}


def test_each_library_resolves_to_its_namespace(library):
    x = make_array(library, [1.0, 2.0, 3.0])
    xp = arraycompat.get_namespace(x)
    assert xp.name == library
    assert xp.standard.__name__ == EXPECTED_STANDARD[library]
    assert xp.module.__name__ == EXPECTED_MODULE.get(library, library)
    # The library module's name: what array-api-compat's is_*_namespace accept.
    assert xp.__name__ == xp.module.__name__
    assert arraycompat.array_namespace(x) is xp
    total = xp.sum(x)
    if library == "dask":
        total = total.compute()
    assert float(total) == 6.0


def test_same_library_many_arrays_one_namespace(library):
    x = make_array(library, [1.0])
    y = make_array(library, [[2.0]])
    assert arraycompat.get_namespace(x, y, 3.0, None) is arraycompat.get_namespace(x)


def test_scalars_and_none_are_skipped():
    x = np.ones(2)
    xp = arraycompat.get_namespace(1, x, 2.5, None, True, 1j)
    assert xp.name == "numpy"


def test_numpy_scalar_is_a_numpy_array_but_intenum_is_a_scalar():
    class Color(enum.IntEnum):
        RED = 1

    assert arraycompat.get_namespace(np.float64(1.0)).name == "numpy"
    assert arraycompat.get_namespace(Color.RED, np.ones(1)).name == "numpy"


@pytest.mark.parametrize("bad", [[1.0, 2.0], (1.0,)])
def test_list_or_tuple_says_asarray(bad):
    with pytest.raises(TypeError, match=rf"got a {type(bad).__name__}.*asarray"):
        arraycompat.get_namespace(bad)


def test_no_array_names_what_it_saw():
    with pytest.raises(TypeError, match=r"no array among the arguments \(got int, NoneType\)"):
        arraycompat.get_namespace(1, None)
    with pytest.raises(TypeError, match=r"got nothing"):
        arraycompat.get_namespace()


@pytest.mark.skipif(len(INSTALLED) < 2, reason="needs two array libraries")
def test_two_libraries_is_a_type_error_naming_both():
    other = INSTALLED[1]
    x, y = np.ones(1), make_array(other, [1.0])
    with pytest.raises(TypeError) as err:
        arraycompat.get_namespace(x, y)
    message = str(err.value)
    assert "numpy.ndarray" in message and type(y).__qualname__ in message
    assert "asarray(x, like=y)" in message
    # the fast path must not hide the mix once both types are cached
    arraycompat.get_namespace(y)
    with pytest.raises(TypeError, match="more than one library"):
        arraycompat.get_namespace(y, x)


def test_unknown_object_is_a_type_error():
    with pytest.raises(TypeError, match=r"object is not a supported array type: builtins\.object"):
        arraycompat.get_namespace(object())


@pytest.mark.parametrize("version", arraycompat.API_VERSIONS)
def test_api_version_is_reported(version):
    xp = arraycompat.get_namespace(np.ones(1), api_version=version)
    assert xp.__array_api_version__ == version
    assert xp.name == "numpy"
    assert arraycompat.get_namespace(np.ones(1), api_version=version) is xp


@pytest.mark.parametrize("version", ["2020.12", "2026.12", "latest", 2023.12])
def test_bad_api_version_is_a_value_error(version):
    with pytest.raises(ValueError, match=r"not a published version.*2021\.12"):
        arraycompat.get_namespace(np.ones(1), api_version=version)


def test_default_version_is_the_newest_the_source_supports():
    assert arraycompat.get_namespace(np.ones(1)).__array_api_version__ == "2025.12"


def test_array_like_of_a_module_that_is_no_array_library_is_refused():
    # shape and dtype are not enough: the module must be an array library.
    class Foreign:
        __module__ = "json.foreign"
        shape = (2,)
        dtype = "float64"

    with pytest.raises(TypeError, match=r"Foreign is not a supported array type.*'json' is not "
                       r"an array library.*register_backend\(.*Foreign, 'module_name'\)"):
        arraycompat.get_namespace(Foreign())


def test_array_like_class_of_a_script_is_refused():
    # A class in the user's script (__main__) never makes __main__ a "library".
    Script = type("Script", (), {"__module__": "__main__", "shape": (2,), "dtype": "f8"})
    with pytest.raises(TypeError, match=r"'__main__' is not an array library.*register_backend"):
        arraycompat.get_namespace(Script())


def test_scipy_sparse_matrix_is_refused_like_array_api_compat_does():
    sparse = pytest.importorskip("scipy.sparse", reason="needs scipy")
    import array_api_compat

    m = sparse.csr_matrix(np.eye(2))
    with pytest.raises(TypeError, match="is not a supported array type"):
        array_api_compat.array_namespace(m)
    with pytest.raises(TypeError, match=r"csr_matrix is not a supported array type.*"
                       r"'scipy' is not an array library.*register_backend"):
        arraycompat.get_namespace(m)


def test_registered_array_like_is_accepted():
    Foreign = type("Foreign", (), {"__module__": "__main__", "shape": (2,), "dtype": "f8"})
    try:
        arraycompat.register_backend(Foreign, "numpy")
        assert arraycompat.get_namespace(Foreign()).name == "numpy"
    finally:
        _resolve._registered_types.pop(Foreign)
        _resolve._by_type.pop(Foreign, None)


def test_register_backend_takes_effect_after_first_use():
    class Tagged(np.ndarray):
        pass

    x = np.ones(2).view(Tagged)
    assert arraycompat.get_namespace(x).name == "numpy"
    try:
        arraycompat.register_backend(Tagged, "array_api_strict")
        xp = arraycompat.get_namespace(x)
        assert xp.name == "array_api_strict"
    finally:
        _resolve._registered_types.pop(Tagged)
        _resolve._by_type.pop(Tagged, None)
    assert arraycompat.get_namespace(np.ones(2)).name == "numpy"


def test_namespace_for_a_library_name(library):
    xp = arraycompat.namespace_for(library)
    assert xp is arraycompat.get_namespace(make_array(library, [1.0]))


def test_namespace_for_unknown_name():
    with pytest.raises(ValueError, match="unknown library 'nope'.*numpy"):
        arraycompat.namespace_for("nope")


@pytest.mark.parametrize("lib", [lib for lib in ("array_api_strict", "torch") if installed(lib)])
def test_first_resolution_from_many_threads_builds_one_namespace(lib):
    # Forget everything about this library so the threads race on the slow path.
    x = make_array(lib, [1.0])
    with _resolve._lock:
        for cache in (_resolve._by_type, _resolve._by_library):
            for key in [k for k, v in cache.items() if v.name == lib]:
                del cache[key]
    barrier = threading.Barrier(16)

    def resolve(_):
        barrier.wait()
        return arraycompat.get_namespace(x)

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(resolve, range(16)))
    assert len({id(r) for r in results}) == 1
    assert results[0].name == lib
