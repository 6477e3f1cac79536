"""Issue 14, resolver / dispatch / device layer: errors instead of silent wrong answers."""

import numpy as np
import pytest

import arraycompat
from arraycompat import do


# ------------------------------------------------------------------ asarray
def test_asarray_copy_true_across_libraries_does_not_share_memory():
    torch = pytest.importorskip("torch", reason="needs torch")
    a = np.zeros(3)
    t = arraycompat.asarray(a, like="torch", copy=True)
    t[0] = 5.0
    assert a[0] == 0.0 and isinstance(t, torch.Tensor)


def test_asarray_device_given_as_a_string_matches_torchs_device_object():
    torch = pytest.importorskip("torch", reason="needs torch")
    t = arraycompat.asarray(np.ones(2), like="torch", device="cpu")
    assert t.device == torch.device("cpu")
    assert arraycompat.asarray(t, device="cpu") is t


@pytest.mark.parametrize("dtype", ["float32", np.float32, np.dtype("float32")])
def test_asarray_dtype_by_name_or_by_another_librarys_dtype(dtype):
    torch = pytest.importorskip("torch", reason="needs torch")
    assert arraycompat.asarray(np.ones(2), like="torch", dtype=dtype).dtype == torch.float32


def test_asarray_unknown_dtype_name_is_a_clear_type_error():
    with pytest.raises(TypeError, match=r"dtype='float33' is not a dtype of numpy.*'float32'"):
        arraycompat.asarray([1.0], like="numpy", dtype="float33")


def test_asarray_dtype_object_the_library_rejects_is_a_clear_type_error():
    pytest.importorskip("torch", reason="needs torch")
    with pytest.raises(TypeError, match=r"cannot make a torch array of dtype=.*builtins\.object"):
        arraycompat.asarray(np.ones(1), like="torch", dtype=object())


def test_asarray_under_lazy_strict_raises_instead_of_computing():
    pytest.importorskip("torch", reason="needs torch")
    from arraycompat import lazy

    y = lazy.asarray(np.ones(2)) + 1
    with lazy.strict(), pytest.raises(lazy.StrictModeError):
        arraycompat.asarray(y, like="torch")
    assert y._fn is not None, "the graph was computed"


# ------------------------------------------------------------------ like= and names
def test_like_must_be_an_array_library_so_os_system_never_runs(tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError, match=r"'os' is not an array library\..*numpy"):
        do("system", f"touch {marker}", like="os")
    assert not marker.exists()
    import os

    with pytest.raises(TypeError, match=r"'os' is not an array library"):
        do("system", f"touch {marker}", like=os)
    assert not marker.exists()


def test_like_accepts_a_module_that_makes_standard_arrays():
    pytest.importorskip("array_api_strict", reason="needs array-api-strict")
    assert do("zeros", 2, like="array_api_strict").shape == (2,)


def test_do_with_a_non_string_name_is_a_clear_type_error():
    with pytest.raises(TypeError, match=r"function's name, a str.*got 123 \(int\)"):
        do(123, np.ones(1))
    with pytest.raises(TypeError, match=r"function's name, a str"):
        do(["sum"], np.ones(1))


def test_register_function_with_a_non_string_name_is_a_clear_type_error():
    with pytest.raises(TypeError, match=r"name must be the function's name.*got 123"):
        arraycompat.register_function("numpy", 123, abs)


def test_register_function_backend_typo_suggests_the_closest_library():
    with pytest.raises(TypeError, match=r"'nupmy' is not an array library\. Did you mean 'numpy'\?"):
        arraycompat.register_function("nupmy", "twice", lambda x: 2 * x)


def test_to_device_of_a_list_is_a_clear_type_error():
    with pytest.raises(TypeError, match=r"to_device: x must be an array, got a list.*asarray"):
        arraycompat.to_device([1], "cpu")


# ------------------------------------------------------------------ get_namespace refuses
def test_get_namespace_refuses_a_class_from_the_users_script():
    Script = type("Script", (), {"__module__": "__main__", "shape": (1,), "dtype": "f8"})
    with pytest.raises(TypeError, match=r"register_backend"):
        arraycompat.get_namespace(Script())
    assert not arraycompat.is_array(Script())
