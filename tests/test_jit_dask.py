"""autojit's dask compiler: a few tasks per call, lazy results, eager dask's values."""

import numpy as np
import pytest

da = pytest.importorskip("dask.array", reason="dask is not installed")

import arraycompat  # noqa: E402
from arraycompat import autojit, get_namespace  # noqa: E402
from arraycompat.cli._demo import modified_gram_schmidt  # noqa: E402
from arraycompat.jit import _dask  # noqa: E402


@pytest.fixture
def no_single_task(monkeypatch):
    """Every input counts as large: the per-block and op-by-op programs run."""
    monkeypatch.setattr(_dask, "SMALL_INPUT_BYTES", 0)


def _logsumexp(x):
    xp = get_namespace(x)
    m = xp.max(x, axis=-1, keepdims=True)
    return xp.log(xp.sum(xp.exp(x - m), axis=-1)) + m[..., 0]


def _elementwise(x, y):
    xp = get_namespace(x, y)
    return {"a": xp.exp(x) * 2.0 - y, "b": (x > y, 3)}


def test_mgs_on_small_dask_arrays_is_one_task_and_equals_eager_dask():
    X = np.random.default_rng(0).standard_normal((30, 30))
    x = da.from_array(X, chunks=15)
    f = autojit(modified_gram_schmidt)
    out = f(x)
    eager = modified_gram_schmidt(x)
    assert isinstance(out, da.Array) and out.shape == (30, 30) and out.dtype == X.dtype
    assert out.compute().shape == (30, 30)
    # the eager graph has thousands of tasks; the compiled one: the input's (which dask's
    # finalize copies), gathering its chunks, one task, the output
    assert len(out.__dask_graph__()) <= 2 * len(x.__dask_graph__()) + 4
    assert len(eager.__dask_graph__()) > 1000
    np.testing.assert_allclose(out.compute(), eager.compute(), rtol=1e-12, atol=1e-12)
    f(x)
    assert f.cache_info().misses == 1 and f.cache_info().hits == 1


def test_results_stay_lazy_until_computed():
    calls = []

    def counted(block):
        if block.size:  # not the empty blocks dask infers metadata with
            calls.append(1)
        return block

    x = da.ones((8, 8), chunks=4).map_blocks(counted, dtype=float)
    f = autojit(_logsumexp)
    out = f(x)
    assert calls == [] and isinstance(out, da.Array)
    np.testing.assert_allclose(out.compute(), np.log(8.0) + np.ones(8))
    assert calls


def test_nested_outputs_and_python_values_come_back_in_place():
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((6, 4)), rng.standard_normal((6, 4))
    out = autojit(_elementwise)(da.from_array(X, chunks=3), da.from_array(Y, chunks=3))
    assert set(out) == {"a", "b"} and out["b"][1] == 3
    np.testing.assert_array_equal(out["a"].compute(), np.exp(X) * 2.0 - Y)
    np.testing.assert_array_equal(out["b"][0].compute(), X > Y)


def test_elementwise_programs_on_large_inputs_run_per_block(no_single_task):
    rng = np.random.default_rng(2)
    X, Y = rng.standard_normal((40, 30)), rng.standard_normal((40, 30))
    x, y = da.from_array(X, chunks=(10, 15)), da.from_array(Y, chunks=(10, 15))
    out = autojit(_elementwise)(x, y)
    assert out["a"].chunks == x.chunks
    # one task per block and output, besides the inputs' own
    inputs = len(x.__dask_graph__()) + len(y.__dask_graph__())
    assert len(out["a"].__dask_graph__()) == inputs + x.npartitions
    np.testing.assert_array_equal(out["a"].compute(), _elementwise(x, y)["a"].compute())
    np.testing.assert_array_equal(out["b"][0].compute(), X > Y)


def test_other_programs_on_large_inputs_use_daskss_chunked_algorithms(no_single_task):
    X = np.random.default_rng(3).standard_normal((20, 64))
    x = da.from_array(X, chunks=(5, 16))
    out = autojit(_logsumexp)(x)
    assert isinstance(out, da.Array) and out.npartitions > 1
    np.testing.assert_allclose(out.compute(), _logsumexp(x).compute(), rtol=1e-13)


def test_unknown_sizes_fall_back_to_the_op_by_op_program():
    x = da.from_array(np.arange(10.0), chunks=5)
    y = x[x > 3]  # unknown size
    out = autojit(lambda v: get_namespace(v).sum(v * 2))(y)
    assert float(out.compute()) == 2 * sum(range(4, 10))


def test_numpy_inputs_can_be_forced_onto_dask():
    f = autojit(_logsumexp, backend="dask")
    X = np.random.default_rng(4).standard_normal((3, 5))
    out = f(X)
    assert isinstance(out, np.ndarray)
    np.testing.assert_allclose(out, _logsumexp(X))


def test_the_compiler_is_chosen_for_dask_arrays():
    assert arraycompat.jit._compilers.compiler_for("dask") == "dask"


def _welch_like(x):
    xp = get_namespace(x)
    window = 0.5 - 0.5 * xp.cos(xp.arange(x.shape[-1], dtype=x.dtype))
    return xp.sum(x * window, axis=-1)


@pytest.mark.parametrize("large", [False, True])
def test_new_arrays_are_made_in_the_traced_library(large, monkeypatch):
    # large inputs are traced on dask itself: xp.arange must make a dask array there,
    # and a numpy one when traced on the chunks' library
    if large:
        monkeypatch.setattr(_dask, "SMALL_INPUT_BYTES", 0)
    X = np.random.default_rng(1).standard_normal((6, 8))
    x = da.from_array(X, chunks=(3, 8))
    out = autojit(_welch_like)(x)
    assert isinstance(out, da.Array)
    np.testing.assert_allclose(out.compute(), _welch_like(x).compute(), rtol=1e-12)
