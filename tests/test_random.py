"""Random numbers: same distribution, dtype and device on every library."""

import numpy
import pytest
from conftest import make_array, import_or_skip

import arraycompat
from arraycompat import default_rng, do, get_dtype_name, infer_backend, to_numpy

N = 20000  # mean within 5 standard errors: 5 / sqrt(N) ~ 0.035 for unit variance


def _check_normal(x, loc, scale, shape, library):
    assert infer_backend(x) == library
    assert tuple(x.shape) == shape
    v = to_numpy(x).astype("float64").ravel()
    assert abs(v.mean() - loc) < 5 * scale / numpy.sqrt(v.size)
    assert abs(v.std() / scale - 1) < 0.03


def _check_uniform(x, low, high, library):
    assert infer_backend(x) == library
    v = to_numpy(x).astype("float64").ravel()
    assert v.min() >= low and v.max() < high
    assert abs(v.mean() - (low + high) / 2) < 5 * (high - low) / numpy.sqrt(12 * v.size)


@pytest.mark.parametrize("dtype", ["float32", "float64", None])
def test_do_random_normal_and_uniform(library, dtype):
    if library == "jax" and dtype == "float64":
        pytest.skip("jax makes float32 unless x64 is enabled")
    x = do("random.normal", 2.0, 3.0, size=(N // 100, 100), dtype=dtype, like=library)
    _check_normal(x, 2.0, 3.0, (N // 100, 100), library)
    y = do("random.uniform", -1.0, 4.0, size=N, dtype=dtype, like=library)
    _check_uniform(y, -1.0, 4.0, library)
    if dtype is not None:
        assert get_dtype_name(x) == dtype and get_dtype_name(y) == dtype


def test_default_rng_is_reproducible_and_honours_dtype(library):
    a = default_rng(7, like=library).normal(size=N, dtype="float32")
    b = default_rng(7, like=library).normal(size=N, dtype="float32")
    c = default_rng(8, like=library).normal(size=N, dtype="float32")
    numpy.testing.assert_array_equal(to_numpy(a), to_numpy(b))
    assert not numpy.array_equal(to_numpy(a), to_numpy(c))
    assert get_dtype_name(a) == "float32"
    _check_normal(a, 0.0, 1.0, (N,), library)
    _check_uniform(default_rng(1, like=library).uniform(2.0, 3.0, size=N), 2.0, 3.0, library)
    r = default_rng(1, like=library).random(size=(3,), dtype="float32")
    assert get_dtype_name(r) == "float32" and tuple(r.shape) == (3,)


def test_default_rng_through_do_and_the_drop_in(library):
    rng = do("random.default_rng", 3, like=library)
    again = arraycompat.numpy.random.default_rng(3, like=library)
    numpy.testing.assert_array_equal(to_numpy(rng.uniform(size=5)), to_numpy(again.uniform(size=5)))
    assert default_rng(rng) is rng


def test_random_seed_makes_do_reproducible(library):
    do("random.seed", 11, like=library)
    a = to_numpy(do("random.normal", size=5, like=library))
    do("random.seed", 11, like=library)
    b = to_numpy(do("random.normal", size=5, like=library))
    numpy.testing.assert_array_equal(a, b)


def test_jax_key_is_kept_and_advanced():
    import_or_skip("jax")
    rng = default_rng(0, like="jax")
    a, b = to_numpy(rng.normal(size=4)), to_numpy(rng.normal(size=4))
    assert not numpy.array_equal(a, b)
    c = to_numpy(do("random.normal", size=4, like="jax"))
    d = to_numpy(do("random.normal", size=4, like="jax"))
    assert not numpy.array_equal(c, d)


def test_torch_default_follows_torch_manual_seed_and_device():
    torch = import_or_skip("torch")
    torch.manual_seed(5)
    a = do("random.uniform", size=3, like="torch")
    torch.manual_seed(5)
    assert torch.equal(a, torch.rand(3))
    x = do("random.normal", size=2, like="torch", device="cpu")
    assert x.device.type == "cpu" and x.dtype == torch.get_default_dtype()
    assert default_rng(0, like="torch", device="cpu").normal(size=2).device.type == "cpu"


def test_device_is_honoured_where_the_library_has_devices(library):
    if library == "sparse":
        pytest.skip("sparse arrays have no device argument to asarray")
    device = arraycompat.device(make_array(library, [0.0]))  # where the library's arrays live
    x = default_rng(0, like=library, device=device).normal(size=3)
    assert str(arraycompat.device(x)) == str(device)
    y = do("random.uniform", size=3, like=library, device=device)
    assert str(arraycompat.device(y)) == str(device)


def test_a_complex_or_integer_dtype_is_refused_with_a_reason(library):
    with pytest.raises(ValueError, match=r"dtype 'complex64' is not a real floating dtype"):
        default_rng(0, like=library).normal(size=2, dtype="complex64")
    with pytest.raises(ValueError, match=r"dtype 'int32' is not a real floating dtype"):
        do("random.uniform", size=2, dtype="int32", like=library)


def test_numpy_refuses_a_device_it_does_not_have():
    with pytest.raises(ValueError, match=r"numpy arrays live on 'cpu', got device='cuda'"):
        default_rng(0, like="numpy").normal(size=2, device="cuda")
