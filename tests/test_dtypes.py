"""dtype names on every library; to_numpy / from_numpy."""

import numpy
import pytest
from arraycompat.core._install import is_installed
from conftest import make_array, import_or_skip

import arraycompat
from arraycompat import astype, from_numpy, get_dtype_name, to_backend_dtype, to_numpy

NAMES = ["bool", "int8", "int32", "int64", "uint8", "float32", "float64", "complex64",
         "complex128"]


@pytest.mark.parametrize("name", NAMES)
def test_to_backend_dtype_round_trips_through_get_dtype_name(library, name):
    if library == "jax" and name in ("int64", "float64", "complex128"):
        pytest.skip("jax makes 32-bit arrays unless x64 is enabled")
    dtype = to_backend_dtype(name, like=library)
    x = arraycompat.do("zeros", (2,), dtype=dtype, like=library)
    assert get_dtype_name(x) == name
    assert to_backend_dtype(name, like=x) is dtype  # cached, and like= an array works


def test_to_backend_dtype_gives_the_library_object():
    torch = import_or_skip("torch")

    assert to_backend_dtype("float32", like="torch") is torch.float32
    assert numpy.dtype(to_backend_dtype("complex64", like="numpy")) == numpy.complex64
    assert to_backend_dtype(torch.int8, like="numpy") is torch.int8  # not a name: unchanged


def test_to_backend_dtype_of_an_unknown_name_says_what_to_use():
    with pytest.raises(ValueError, match=r"numpy has no dtype called 'float33'; use a name"):
        to_backend_dtype("float33", like="numpy")
    for library in ("numpy", "torch")[: 1 + is_installed("torch")]:  # a function is not a dtype
        with pytest.raises(ValueError, match=rf"{library} has no dtype called 'sum'"):
            to_backend_dtype("sum", like=library)


def test_get_dtype_name_of_scalars_and_of_non_arrays():
    assert [get_dtype_name(v) for v in (True, 1, 1.0, 1j)] == [
        "bool", "int64", "float64", "complex128"]
    with pytest.raises(TypeError, match=r"get_dtype_name: str has no dtype"):
        get_dtype_name("x")


@pytest.mark.parametrize("name", ["complex64", "float32", "int32"])
def test_astype_by_name(library, name):
    x = make_array(library, [1.0, 2.0])
    out = astype(x, name)
    assert get_dtype_name(out) == name
    assert arraycompat.infer_backend(out) == library
    numpy.testing.assert_array_equal(to_numpy(out), numpy.array([1, 2], dtype=name))


def test_astype_refuses_a_non_array():
    with pytest.raises(TypeError, match=r"astype: list is not an array"):
        astype([1.0], "float32")


def test_to_numpy_from_every_library(library):
    x = make_array(library, [[1.0, 2.0], [3.0, 4.0]])
    out = to_numpy(x)
    assert type(out) is numpy.ndarray
    numpy.testing.assert_array_equal(out, [[1.0, 2.0], [3.0, 4.0]])


def test_to_numpy_of_a_torch_tensor_requiring_grad_and_a_conjugated_view():
    torch = import_or_skip("torch")

    x = torch.ones(2, requires_grad=True) * 3
    assert to_numpy(x).tolist() == [3.0, 3.0]
    z = torch.tensor([1 + 2j]).conj()  # a lazily conjugated view
    assert to_numpy(z).tolist() == [1 - 2j]


def test_to_numpy_of_dask_holding_sparse_chunks():
    da = import_or_skip("dask.array")
    sparse = import_or_skip("sparse")
    x = da.from_array(sparse.COO.from_numpy(numpy.eye(3)), chunks=2)
    numpy.testing.assert_array_equal(to_numpy(x), numpy.eye(3))


def test_to_numpy_of_python_values():
    assert to_numpy([1.0, 2.0]).tolist() == [1.0, 2.0]


def test_from_numpy_into_every_library(library):
    values = numpy.arange(6.0).reshape(2, 3)
    out = from_numpy(values, like=library)
    assert arraycompat.infer_backend(out) == library
    numpy.testing.assert_array_equal(to_numpy(out), values)
    out32 = from_numpy(values, like=make_array(library, [1.0]), dtype="float32")
    assert get_dtype_name(out32) == "float32"
