"""Issue 14, resources, strictness and clear errors: bounded caches, a linear ``show``,
pickling under strict mode and of 0-d results, Function pickles rebuilt from their
graph, and clear errors for bad Variables, static_argnames and first-run failures."""

import copy
import io
import pickle

import numpy as np
import pytest

import arraycompat
from arraycompat import autojit, lazy
from arraycompat.testing import assert_equal


# ---------------------------------------------------------------- bounded caches
def test_autojit_cache_drops_the_least_recently_used_program():
    fn = autojit(lambda x: x * 2, cache_size=3)
    assert fn.cache_size == 3
    for n in range(1, 5):  # 4 shapes, 3 kept: shape (1,) is dropped
        fn(np.ones(n))
    assert fn.cache_info().size == 3
    fn(np.ones(2))  # used: now the most recent
    fn(np.ones(5))  # drops (3,), the least recently used
    misses = fn.cache_info().misses
    fn(np.ones(2))
    assert fn.cache_info().misses == misses
    fn(np.ones(3))
    assert fn.cache_info().misses == misses + 1
    fn.cache_size = 1
    assert fn.cache_info().size == 1
    np.testing.assert_array_equal(fn(np.ones(2)), [2.0, 2.0])


def test_autojit_default_cache_is_bounded():
    from arraycompat.jit._cache import DEFAULT_CACHE_SIZE

    fn = autojit(lambda x: x + 1)
    fn.recompile_warning = 10**6
    for n in range(DEFAULT_CACHE_SIZE + 10):
        fn(np.ones(n))
    assert fn.cache_info().size == DEFAULT_CACHE_SIZE


@pytest.mark.parametrize("bad", [-1, 2.5, "3", True])
def test_cache_sizes_must_be_counts(bad):
    with pytest.raises(ValueError, match="cache_size"):
        autojit(lambda x: x, cache_size=bad)
    with pytest.raises(ValueError, match="maxsize"):
        lazy.set_cache_size("keywords", bad)


def test_lazy_keyword_cache_is_bounded_and_settable():
    before = lazy.cache_sizes()["keywords"][1]
    lazy.set_cache_size("keywords", 5)
    try:
        x = lazy.asarray(np.array([np.nan, 1.0]))
        for i in range(50):
            assert lazy.nan_to_num(x, nan=float(i)).compute()[0] == i
        assert lazy.cache_sizes()["keywords"][0] <= 5
    finally:
        lazy.set_cache_size("keywords", before)
    with pytest.raises(ValueError, match="unknown cache 'nope'"):
        lazy.set_cache_size("nope", 3)


# ---------------------------------------------------------------- show
def test_show_has_a_default_line_limit_and_lines_of_bounded_width():
    y = lazy.asarray(np.ones(2))
    for _ in range(3000):
        y = y + 1
    out = io.StringIO()
    lazy.show(y, file=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1001 and "max_lines=None" in lines[-1]
    out = io.StringIO()
    lazy.show(y, file=out, max_lines=None)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3001  # 3000 additions and the data
    # a deep chain is not drawn ever wider: output grows linearly with the nodes
    assert max(len(line) for line in lines) < 140
    assert "…" in lines[-1]


# ---------------------------------------------------------------- pickling and copying
def test_pickling_a_lazy_array_under_strict_mode_refuses_to_compute():
    y = lazy.asarray(np.ones(3)) + 1
    with lazy.strict():
        with pytest.raises(lazy.StrictModeError, match="pickle"):
            pickle.dumps(y)
    assert not y.is_computed
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(y)).compute(), [2.0, 2.0, 2.0])


def test_zero_d_results_copy_and_unpickle():
    z = lazy.sum(lazy.asarray(np.arange(3.0)))
    c = copy.copy(z)
    assert not z.is_computed and c.shape == ()
    assert float(c.compute()) == 3.0
    assert float(pickle.loads(pickle.dumps(z)).compute()) == 3.0
    assert float(copy.deepcopy(z).compute()) == 3.0


def test_a_copy_is_written_to_independently():
    x = lazy.asarray(np.zeros(3))
    c = copy.copy(x)
    c[0] = 5.0
    np.testing.assert_array_equal(x.compute(), [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(c.compute(), [5.0, 0.0, 0.0])


def test_function_pickles_its_graph_and_unpickling_writes_the_source_again():
    x = lazy.Variable((3,), "float64")
    w = lazy.asarray(np.arange(3.0))
    f = lazy.Function(x, {"y": lazy.linalg.vector_norm(x * w) + (-2.0) ** x})
    data = pickle.dumps(f)
    assert b"def graph" not in data  # no source text travels in the pickle
    g = pickle.loads(data)
    assert g.source == f.source
    x_value = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(g(x_value)["y"], f(x_value)["y"])
    with pytest.raises(ValueError, match="shape"):
        g(np.ones(2))
    stale = lazy.Function.__new__(lazy.Function)
    with pytest.raises(TypeError, match="no graph"):
        stale.__setstate__(("def graph(x0):\n    return x0", {}, 1, 1, None))


# ---------------------------------------------------------------- clear errors
def test_variable_refuses_negative_sizes_non_integer_sizes_and_unknown_devices():
    with pytest.raises(ValueError, match=r"sizes >= 0.*\(-1,\)"):
        lazy.Variable((-1,))
    with pytest.raises(TypeError, match="integer sizes"):
        lazy.Variable((2.5,))
    with pytest.raises(TypeError, match="integer sizes"):
        lazy.Variable("ab")
    with pytest.raises(ValueError, match="'gpu7' is not a device of the 'numpy' backend; its devices are 'cpu'"):
        lazy.Variable((2,), "float64", device="gpu7")
    assert lazy.Variable((2, None), device="cpu").shape == (2, None)


def test_autojit_static_argnames_must_be_names():
    with pytest.raises(TypeError, match=r"static_argnames takes a parameter name.*got 3"):
        autojit(lambda x: x, static_argnames=3)
    with pytest.raises(TypeError, match="static_argnames"):
        autojit(lambda x, n: x, static_argnames=[1])


def test_autojit_does_not_call_a_first_run_error_a_compilation_failure():
    def inverse(x):
        return arraycompat.get_namespace(x).linalg.inv(x)

    fn = autojit(inverse)
    with pytest.raises(np.linalg.LinAlgError) as info:
        fn(np.zeros((2, 2)))
    assert not any("compiling" in note for note in getattr(info.value, "__notes__", []))
    np.testing.assert_allclose(fn(np.eye(2) * 2), np.eye(2) / 2)


def test_assert_equal_reports_the_exact_difference_of_large_integers():
    with pytest.raises(AssertionError) as info:
        assert_equal(np.array([5, 2**62 + 1]), np.array([5, 2**62]))
    text = str(info.value)
    assert "Max absolute difference: 1 at index (1,)" in text
    assert "4611686018427387905" in text and "4611686018427387904" in text
