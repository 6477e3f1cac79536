"""autoray's remaining front-door names, on every installed library."""

import threading

import numpy as np
import pytest

from arraycompat.core._install import missing_message
import arraycompat as ac
from conftest import installed, make_array


def test_shape_ndim_conj_real_imag_reshape_transpose(library):
    x = make_array(library, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert ac.shape(x) == (2, 3) and ac.ndim(x) == 2
    assert ac.shape(ac.transpose(x)) == (3, 2)
    assert ac.shape(ac.reshape(x, (3, 2))) == (3, 2)
    assert ac.to_numpy(ac.real(x)).tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert ac.to_numpy(ac.conj(x)).tolist() == ac.to_numpy(x).tolist()
    assert ac.infer_backend(ac.transpose(x)) == library


def test_imag_and_conj_of_complex():
    z = np.asarray([1 + 2j, 3 - 1j])
    assert ac.imag(z).tolist() == [2.0, -1.0]
    assert ac.conj(z).tolist() == [1 - 2j, 3 + 1j]


def test_get_lib_fn_names_and_errors():
    assert ac.get_lib_fn("numpy", "sum") is np.sum
    assert ac.get_lib_fn(np.ones(1), "linalg.svd") is not None
    with pytest.raises(AttributeError, match="has no function 'nosuch'"):
        ac.get_lib_fn("numpy", "nosuch")


@pytest.mark.skipif(not installed("torch"), reason=missing_message("torch"))
def test_stop_gradient_and_device_dtype_on_torch():
    import torch

    t = torch.ones(2, requires_grad=True)
    assert not ac.stop_gradient(t * 2).requires_grad
    assert ac.infer_backend_device_dtype(t) == ("torch", "cpu", "float32")


def test_scalars_and_common_dtype():
    assert ac.is_scalar(2) and ac.is_scalar(np.asarray(1.0)) and not ac.is_scalar(np.ones(1))
    assert ac.get_common_dtype(np.ones(1, dtype="int32"), np.ones(1, dtype="float32")) == "float64"
    assert (ac.e, ac.pi) == (np.e, np.pi) and np.isnan(ac.nan) and ac.inf == np.inf


def test_set_backend_is_per_thread():
    seen = {}

    def other_thread():
        seen["other"] = ac.get_backend()

    ac.set_backend("numpy")
    try:
        assert ac.do("zeros", 2).shape == (2,)
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
        assert seen["other"] is None and ac.get_backend() == "numpy"
    finally:
        ac.set_backend(None)
    assert ac.get_backend() is None


def test_compose_default_and_override(library):
    @ac.compose
    def double(x):
        return x + x

    x = make_array(library, [1.0, 2.0])
    assert ac.to_numpy(double(x)).tolist() == [2.0, 4.0]
    double.register(library, lambda x: x * 3)
    assert ac.to_numpy(double(x)).tolist() == [3.0, 6.0]
    other = "numpy" if library != "numpy" else "array_api_strict"
    if other == "numpy" or installed(other):
        y = make_array(other, [1.0])
        assert ac.to_numpy(double(y)).tolist() == [2.0]
