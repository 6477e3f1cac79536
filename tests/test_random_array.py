"""random.array and the Generator methods: autoray 0.11's random API on every library."""

import warnings
from collections import Counter

import numpy
import pytest
from conftest import import_or_skip, make_array

import arraycompat
from arraycompat import default_rng, do, get_dtype_name, infer_backend, to_numpy

N = 20000  # a mean within 5 standard errors: 5 / sqrt(N) ~ 0.035 for unit variance


def _values(x):
    return to_numpy(x).ravel()


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
def test_random_array_normal_has_mean_zero_and_unit_total_variance(library, dtype):
    x = do("random.array", (N,), dtype=dtype, rng=1, like=library)
    assert infer_backend(x) == library
    assert get_dtype_name(x) == dtype
    v = _values(x).astype("complex128")
    assert abs(v.mean()) < 5 / numpy.sqrt(N)
    assert abs((abs(v) ** 2).mean() - 1) < 0.04
    if dtype == "complex64":  # each part carries half the variance
        assert abs(v.real.var() - 0.5) < 0.03 and abs(v.imag.var() - 0.5) < 0.03


@pytest.mark.parametrize("dtype", ["float32", "complex64"])
def test_random_array_uniform_fills_the_unit_interval_or_square(library, dtype):
    x = do("random.array", (N,), dist="uniform", dtype=dtype, rng=2, like=library)
    assert get_dtype_name(x) == dtype
    v = _values(x).astype("complex128")
    for part in (v.real, v.imag) if dtype == "complex64" else (v.real,):
        assert part.min() >= 0 and part.max() < 1
        assert abs(part.mean() - 0.5) < 5 / numpy.sqrt(12 * N)
    if dtype == "float32":
        assert not v.imag.any()


@pytest.mark.parametrize("rng", [3, None])
@pytest.mark.parametrize("dtype,values", [("float32", 2), ("complex64", 4)])
def test_random_array_rademacher_takes_each_root_of_unity_equally_often(library, dtype,
                                                                        values, rng):
    x = do("random.array", (N,), dist="rademacher", dtype=dtype, rng=rng, like=library)
    assert get_dtype_name(x) == dtype
    counts = Counter(_values(x).tolist())
    expected = {1, -1} if values == 2 else {1, 1j, -1, -1j}
    assert set(counts) == expected
    assert min(counts.values()) > 0.9 * N / values


def test_random_array_loc_and_scale_shift_and_scale_the_sample(library):
    base = do("random.array", (3, 4), dtype="float32", rng=4, like=library)
    moved = do("random.array", (3, 4), loc=2.0, scale=3.0, dtype="float32", rng=4, like=library)
    numpy.testing.assert_allclose(to_numpy(moved), 2.0 + 3.0 * to_numpy(base), rtol=1e-6)


def test_random_array_loc_and_scale_arrays_broadcast():
    loc = numpy.array([0.0, 10.0, 100.0])
    x = do("random.array", (2000, 3), dist="uniform", loc=loc, scale=numpy.array([1.0]), rng=5,
           like="numpy")
    assert x.shape == (2000, 3)
    assert (x.min(axis=0) >= loc).all() and (x.max(axis=0) < loc + 1).all()


def test_random_array_int_rng_repeats_and_a_generator_advances(library):
    a = do("random.array", (5,), dtype="float32", rng=6, like=library)
    b = do("random.array", (5,), dtype="float32", rng=6, like=library)
    numpy.testing.assert_array_equal(to_numpy(a), to_numpy(b))
    e = do("random.array", (5,), dtype="float32", rng=numpy.int64(6), like=library)
    numpy.testing.assert_array_equal(to_numpy(a), to_numpy(e))  # any integer seeds any library
    rng = default_rng(6, like=library)
    c = do("random.array", (5,), dtype="float32", rng=rng)
    d = do("random.array", (5,), dtype="float32", rng=rng)
    assert infer_backend(c) == library
    assert not numpy.array_equal(to_numpy(c), to_numpy(d))


@pytest.mark.parametrize("library_", ["numpy", "torch", "jax", "dask"])
def test_random_array_shared_state_follows_random_seed(library_):
    import_or_skip(library_)
    do("random.seed", 7, like=library_)
    a = do("random.array", (4,), dist="rademacher", dtype="complex64", like=library_)
    do("random.seed", 7, like=library_)
    b = do("random.array", (4,), dist="rademacher", dtype="complex64", like=library_)
    numpy.testing.assert_array_equal(to_numpy(a), to_numpy(b))


def test_numpy_shared_state_is_numpys_global_one():
    numpy.random.seed(8)
    a = do("random.array", (3,), like="numpy")
    b = do("random.normal", size=3, like="numpy")
    numpy.random.seed(8)
    numpy.testing.assert_array_equal(a, numpy.random.standard_normal(3))
    numpy.testing.assert_array_equal(b, numpy.random.standard_normal(3))


def test_like_lends_its_dtype_and_the_dtype_argument_wins(library):
    like = arraycompat.astype(make_array(library, [1.0]), "float32")
    assert get_dtype_name(do("random.array", (2,), rng=0, like=like)) == "float32"
    if library != "jax":  # jax makes float32 unless x64 is enabled
        x = do("random.array", (2,), dtype="float64", rng=0, like=like)
        assert get_dtype_name(x) == "float64"
    ints = arraycompat.astype(make_array(library, [1.0]), "int32")
    assert "float" in get_dtype_name(do("random.array", (2,), rng=0, like=ints))


def test_the_rng_chooses_the_library_when_like_is_left_out():
    seeded = numpy.random.default_rng(9)
    x = do("random.array", (3, 4), dtype="float32", rng=seeded)
    numpy.testing.assert_array_equal(
        x, numpy.random.default_rng(9).standard_normal((3, 4), dtype=numpy.float32))
    torch = import_or_skip("torch")
    assert infer_backend(do("random.array", (2,), rng=torch.Generator().manual_seed(1))) == "torch"
    jax = import_or_skip("jax")
    assert infer_backend(do("random.array", (2,), rng=jax.random.key(1))) == "jax"


def test_bad_arguments_are_refused_with_what_to_pass():
    with pytest.raises(ValueError, match="Unknown distribution 'cauchy'; use one of 'normal'"):
        do("random.array", (2,), dist="cauchy", like="numpy")
    with pytest.raises(ValueError, match="dtype 'int32' is not a floating or complex dtype"):
        do("random.array", (2,), dtype="int32", like="numpy")
    torch = import_or_skip("torch")
    with pytest.raises(ValueError, match="is a torch generator or seed, but the array is for numpy"):
        do("random.array", (2,), rng=torch.Generator(), like="numpy")


def test_torch_generator_on_another_device_is_a_clear_error():
    torch = import_or_skip("torch")
    rng = default_rng(0, like="torch")
    with pytest.raises(ValueError, match="this generator draws on cpu, not on device='meta'"):
        do("random.array", (2,), rng=rng, device="meta")
    own = torch.Generator().manual_seed(3)
    with pytest.raises(ValueError, match="torch needs the generator and the result on one"):
        do("random.array", (2,), rng=own, device="meta")


# ---------------------------------------------------------------- Generator methods
_METHODS = [
    ("integers", (100, 1000), {"size": (3, 4)}),
    ("choice", (numpy.arange(100.0),), {"size": (3, 4)}),
    ("permutation", (numpy.arange(100.0),), {}),
    ("binomial", (7, 0.4), {"size": (3, 4)}),
    ("exponential", (), {"size": (3, 4)}),
    ("gumbel", (), {"size": (3, 4)}),
    ("poisson", (100,), {"size": (3, 4)}),
]
# what torch's generator lacks (as in autoray 0.11): asking for it raises.
_TORCH_LACKS = {"binomial", "exponential", "gumbel", "poisson"}


@pytest.mark.parametrize("method,args,kwargs", _METHODS, ids=[m[0] for m in _METHODS])
def test_generator_methods_repeat_per_seed_and_advance(library, method, args, kwargs):
    if library == "torch" and method in _TORCH_LACKS:
        with pytest.raises(AttributeError, match=f"torch has no '{method}' draw"):
            getattr(default_rng(0, like="torch"), method)
        return
    if method in ("choice", "permutation") and library != "array_api_strict":
        args = (do("asarray", args[0], like=library),)

    def draws(seed):
        rng = default_rng(seed, like=library)
        return [to_numpy(getattr(rng, method)(*args, **kwargs)) for _ in range(2)]

    first, second = draws(10)
    assert first.shape == (kwargs["size"] if "size" in kwargs else (100,))
    assert not numpy.array_equal(first, second)
    numpy.testing.assert_array_equal(draws(10)[0], first)
    assert not numpy.array_equal(draws(11)[0], first)
    if method == "integers":
        assert first.min() >= 100 and first.max() < 1000
    if method == "permutation":
        numpy.testing.assert_array_equal(numpy.sort(first), numpy.arange(100.0))


def test_torch_choice_and_integers_follow_numpys_rules():
    torch = import_or_skip("torch")
    rng = default_rng(0, like="torch")
    assert sorted(rng.choice(5, size=5, replace=False).tolist()) == [0, 1, 2, 3, 4]
    weighted = rng.choice(torch.tensor([10.0, 20.0]), size=200, p=torch.tensor([0.0, 1.0]))
    assert set(weighted.tolist()) == {20.0}
    assert set(rng.integers(3, size=200).tolist()) == {0, 1, 2}
    assert set(rng.integers(1, 2, size=50, endpoint=True).tolist()) == {1, 2}
    with pytest.raises(ValueError, match="cannot choose 6 of 5 entries without replacement"):
        rng.choice(5, size=6, replace=False)


def test_default_rng_takes_likes_float_dtype_but_not_others():
    torch = import_or_skip("torch")
    rng = do("random.default_rng", 0, like=torch.ones(1, dtype=torch.bfloat16))
    assert rng.normal(size=2).dtype == torch.bfloat16
    assert rng.uniform(size=2, dtype=torch.float64).dtype == torch.float64
    assert rng.integers(0, 5, size=2).dtype == torch.int64
    other = do("random.default_rng", 0, like=torch.ones(1, dtype=torch.complex64))
    assert other.normal(size=2).dtype == torch.get_default_dtype()
    mine = default_rng(0, like=numpy.ones(1, dtype="float32"))  # numpy too (migration.md)
    assert mine.normal(size=2).dtype == numpy.float32


def test_a_generator_is_accepted_as_like():
    torch = import_or_skip("torch")
    rng = default_rng(0, like="torch")
    assert infer_backend(rng) == "torch"
    picks = rng.choice(do("arange", 10, like=rng), size=5)
    assert isinstance(picks, torch.Tensor) and picks.shape == (5,)


def test_jax_seedless_generator_warns_once_and_a_traced_seed_works():
    jax = import_or_skip("jax")
    from arraycompat.dispatch._random_libraries import _warn_jax_generated_seed

    _warn_jax_generated_seed.cache_clear()
    with pytest.warns(RuntimeWarning, match="reuses the same seed on every call"):
        do("random.default_rng", None, like="jax")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        do("random.default_rng", None, like="jax")  # once only
        do("random.array", (2,), like="jax")  # the shared state never warns

    @jax.jit
    def sample(seed):
        return do("random.array", (3,), rng=do("random.default_rng", seed, like="jax"))

    a, b, c = sample(1), sample(1), sample(2)
    assert (a == b).all() and not (a == c).all()


def test_torch_compile_fullgraph_draws_from_torchs_shared_state():
    torch = import_or_skip("torch")
    # warm the lookup caches first: dynamo cannot trace the first lookup's import (as autoray)
    do("random.array", (1,), dist="rademacher", dtype="float32", like="torch")

    @torch.compile(backend="eager", fullgraph=True)
    def sample():
        return do("random.array", (3,), dist="rademacher", dtype="float32", like="torch")

    torch.manual_seed(0)
    a = sample()
    torch.manual_seed(0)
    assert torch.equal(a, sample())
    assert set(a.tolist()) <= {-1.0, 1.0}


def test_autoray_namespace_random_array_takes_the_namespace_dtype():
    import arraycompat.autoray as ar

    xp = ar.get_namespace(numpy.ones((), dtype="float32"))
    assert xp.random.array((2, 3), rng=0).dtype == numpy.float32
    assert arraycompat.autoray.autoray._warn_jax_generated_seed is not None
