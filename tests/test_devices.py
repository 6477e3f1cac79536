"""Devices: device, to_device, devices, default_device, size, asarray(like=)."""

import numpy as np
import pytest

from arraycompat.core._install import missing_message
import arraycompat
from conftest import installed, make_array

needs_strict = pytest.mark.skipif(not installed("array_api_strict"), reason=missing_message("array_api_strict"))
needs_torch = pytest.mark.skipif(not installed("torch"), reason=missing_message("torch"))


def test_device_of_numpy_is_cpu():
    assert arraycompat.device(np.ones(1)) == "cpu"
    assert arraycompat.devices("numpy") == ("cpu",)
    assert arraycompat.default_device(arraycompat.get_namespace(np.ones(1))) == "cpu"


def test_size_counts_and_unknown_is_none():
    assert arraycompat.size(np.ones((2, 3))) == 6
    assert arraycompat.size(np.ones((0, 3))) == 0

    class Unknown:
        shape = (None, 3)

    assert arraycompat.size(Unknown()) is None


@pytest.mark.skipif(not installed("dask"), reason=missing_message("dask"))
def test_size_of_dask_array_with_unknown_chunks_is_none():
    import dask.array as da

    x = da.arange(10, chunks=5)
    y = x[x > 3]
    assert arraycompat.size(x) == 10
    assert arraycompat.size(y) is None


@needs_strict
def test_strict_fake_devices():
    import array_api_strict as strict

    d1, d2 = strict.Device("device1"), strict.Device("device2")
    assert d1 in arraycompat.devices(strict) and d2 in arraycompat.devices("array_api_strict")
    x = strict.asarray([1.0, 2.0], device=d1)
    assert arraycompat.device(x) == d1
    y = arraycompat.to_device(x, d2)
    assert arraycompat.device(y) == d2


@needs_strict
def test_asarray_from_numpy_onto_a_strict_device():
    import array_api_strict as strict

    d1 = strict.Device("device1")
    like = strict.zeros(1, device=d1)
    y = arraycompat.asarray(np.arange(3.0), like=like)
    assert arraycompat.library_name(y) == "array_api_strict"
    assert y.device == d1
    assert bool(strict.all(y == strict.asarray([0.0, 1.0, 2.0], device=d1)))
    # an explicit device overrides the one of `like`
    d2 = strict.Device("device2")
    assert arraycompat.asarray(np.arange(3.0), like=like, device=d2).device == d2


@needs_strict
def test_asarray_same_library_moves_device():
    import array_api_strict as strict

    x = strict.asarray([1.0], device=strict.Device("device1"))
    like = strict.zeros(1, device=strict.Device("device2"))
    y = arraycompat.asarray(x, like=like)
    assert y.device == strict.Device("device2")


@needs_strict
def test_asarray_to_a_namespace_with_a_device():
    import array_api_strict as strict

    xp = arraycompat.get_namespace(strict.zeros(1))
    y = arraycompat.asarray(np.ones(2), like=xp, device=strict.Device("device2"))
    assert y.device == strict.Device("device2") and y.shape == (2,)


@needs_torch
def test_asarray_numpy_to_torch_and_back_keeps_values():
    import torch

    x = np.arange(4.0)
    t = arraycompat.asarray(x, like=torch.zeros(1))
    assert isinstance(t, torch.Tensor) and t.tolist() == [0.0, 1.0, 2.0, 3.0]
    back = arraycompat.asarray(torch.ones(2, requires_grad=True) * 2, like=np.zeros(1))
    assert isinstance(back, np.ndarray) and back.tolist() == [2.0, 2.0]
    by_name = arraycompat.asarray(x, like="torch", dtype=torch.float32)
    assert by_name.dtype == torch.float32


@needs_torch
def test_asarray_onto_torch_meta_device():
    import torch

    meta = torch.zeros(1, device="meta")
    y = arraycompat.asarray(np.arange(3.0), like=meta)
    assert y.device.type == "meta" and y.shape == (3,)


@needs_torch
def test_asarray_off_meta_device_is_an_error_not_a_wrong_device():
    import torch

    meta = torch.zeros(3, device="meta")
    with pytest.raises(ValueError, match=r"cannot bring a torch array on device .*meta.* into numpy"):
        arraycompat.asarray(meta, like=np.zeros(1))


@needs_torch
def test_asarray_to_unreachable_device_is_an_error():
    import torch

    with pytest.raises(ValueError, match=r"cannot move a torch array.*cuda"):
        arraycompat.asarray(torch.zeros(1), like="torch", device="cuda:7")


def test_asarray_python_values_need_like():
    with pytest.raises(TypeError, match="like="):
        arraycompat.asarray([1, 2])
    y = arraycompat.asarray([1.0, 2.0], like=np.zeros(1))
    assert isinstance(y, np.ndarray) and y.tolist() == [1.0, 2.0]


def test_asarray_each_library_to_numpy(library):
    x = make_array(library, [1.0, 2.0])
    y = arraycompat.asarray(x, like=np.zeros(1))
    assert isinstance(y, np.ndarray) and y.tolist() == [1.0, 2.0]


def test_asarray_numpy_to_each_library(library):
    y = arraycompat.asarray(np.array([1.0, 2.0]), like=make_array(library, [0.0]))
    assert arraycompat.get_namespace(y).name == library
    back = arraycompat.asarray(y, like=np.zeros(1))
    assert back.tolist() == [1.0, 2.0]


def test_devices_of_namespace_modules_including_lazy():
    from arraycompat import lazy

    assert arraycompat.devices(np) == ("cpu",)
    assert arraycompat.devices(lazy) == ("cpu",)
    assert arraycompat.default_device(lazy) == "cpu"
