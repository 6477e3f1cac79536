"""assert_close / assert_equal / assert_less on every installed library."""

import numpy as np
import pytest

from arraycompat.core._install import missing_message
import arraycompat
from arraycompat.testing import assert_close, assert_equal, assert_less
from conftest import installed, make_array


def test_close_passes_within_default_rtol(library):
    x = make_array(library, [1.0, 2.0, 3.0])
    y = make_array(library, [1.0, 2.0 * (1 + 1e-9), 3.0])
    assert_close(x, y)


def test_close_reports_count_largest_errors_and_index(library):
    x = make_array(library, [[1.0, 2.0], [3.0, 4.0]])
    y = make_array(library, [[1.0, 2.5], [3.0, 4.0]])
    with pytest.raises(AssertionError) as err:
        assert_close(x, y, err_msg="context here")
    message = str(err.value)
    assert "Mismatched elements: 1 / 4 (25%)" in message
    assert "Max absolute difference: 0.5 at index (0, 1)" in message
    assert "Max relative difference: 0.2 at index (0, 1)" in message
    assert message.endswith("context here")


def test_equal_and_nan(library):
    nan = float("nan")
    x = make_array(library, [1.0, nan])
    assert_equal(x, make_array(library, [1.0, nan]))
    with pytest.raises(AssertionError, match="Arrays are not equal"):
        assert_equal(x, make_array(library, [2.0, nan]))


def test_less(library):
    assert_less(make_array(library, [1.0, 2.0]), make_array(library, [2.0, 3.0]))
    with pytest.raises(AssertionError, match=r"Mismatched elements: 1 / 2.*\n.*index \(1,\)"):
        assert_less(make_array(library, [1.0, 3.0]), make_array(library, [2.0, 3.0]))


def test_dtype_and_shape_are_checked(library):
    x = make_array(library, [1.0, 2.0])
    xp = arraycompat.get_namespace(x)
    with pytest.raises(AssertionError, match="dtypes differ"):
        assert_close(x, xp.astype(x, xp.int32))
    assert_close(x, xp.astype(x, xp.int32), check_dtype=False)
    with pytest.raises(AssertionError, match=r"Shapes differ: actual \(2,\), desired \(1, 2\)"):
        assert_close(x, xp.reshape(x, (1, 2)))


@pytest.mark.skipif(not installed("torch"), reason=missing_message("torch"))
def test_namespace_is_checked_and_can_convert():
    import torch

    t = torch.asarray([1.0, 2.0], dtype=torch.float64)
    with pytest.raises(AssertionError, match="Namespaces differ: actual is torch, desired is numpy"):
        assert_close(t, np.asarray([1.0, 2.0]))
    assert_close(t, np.asarray([1.0, 2.0]), check_namespace=False)


@pytest.mark.skipif(not installed("array_api_strict"), reason=missing_message("array_api_strict"))
def test_device_is_checked_and_compared_on_device():
    import array_api_strict as strict

    d1, d2 = strict.Device("device1"), strict.Device("device2")
    f32 = strict.float32
    x = strict.asarray([1.0, 2.0], device=d1, dtype=f32)
    assert_close(x, strict.asarray([1.0, 2.0], device=d1, dtype=f32))
    with pytest.raises(AssertionError, match="Devices differ"):
        assert_close(x, strict.asarray([1.0, 2.0], device=d2, dtype=f32))
    # a failure on a non-CPU device is computed there (strict refuses host copies of device1)
    with pytest.raises(AssertionError, match="Mismatched elements: 1 / 2"):
        assert_close(x, strict.asarray([1.0, 3.0], device=d1, dtype=f32))


def test_numpy_0d_versus_scalar():
    with pytest.raises(AssertionError, match="numpy scalar but desired is a numpy 0-d array"):
        assert_close(np.float64(1.0), np.asarray(1.0))
    assert_close(np.float64(1.0), np.asarray(1.0), check_0d=False)
    assert_close(np.float64(1.0), np.float64(1.0))


def test_default_rtol_follows_the_dtype():
    x32 = np.asarray([1.0], dtype=np.float32)
    assert_close(x32, x32 * np.float32(1 + 1e-4))  # 4*sqrt(eps32) ~ 1.4e-3
    with pytest.raises(AssertionError):
        assert_close(x32, x32 * np.float32(1 + 1e-2))
    with pytest.raises(AssertionError):
        assert_close(np.asarray([1.0]), np.asarray([1.0 + 1e-6]))  # 4*sqrt(eps64) ~ 6e-8
    with pytest.raises(AssertionError, match="not equal|not close"):
        assert_close(np.asarray([1]), np.asarray([2]))


def test_infinities_and_complex():
    inf = float("inf")
    assert_close(np.asarray([inf, -inf, 1.0]), np.asarray([inf, -inf, 1.0]))
    with pytest.raises(AssertionError):
        assert_close(np.asarray([inf]), np.asarray([-inf]))
    assert_close(np.asarray([1 + 1j]), np.asarray([1 + 1j + 1e-12]))
