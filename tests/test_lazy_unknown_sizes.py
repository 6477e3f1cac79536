"""Unknown sizes in arraycompat.lazy (issues 14 and 15): a size that depends on values
or on a Variable's unknown size is None from trace time on, never a stand-in's guess;
shape arithmetic on it works; data-dependent functions stay lazy under strict mode;
a mismatch surfaces when computed, naming the node."""

from __future__ import annotations

import numpy as np
import pytest

import arraycompat
from arraycompat import lazy


@pytest.fixture
def forced():
    """The operations that forced values while the test ran."""
    seen: list = []
    with lazy.on_force(seen.append):
        yield seen


# ---------------------------------------------------------------- no guessed sizes (issue 14, 4)
def test_rfft_of_unknown_length_has_unknown_length():
    x = lazy.Variable((None,), "float64")
    y = lazy.fft.rfft(x)
    assert y.shape == (None,)
    for n in (4, 5):
        assert lazy.compute(y, {x: np.ones(n)}).shape == (n // 2 + 1,)


def test_svdvals_of_unknown_rows_has_unknown_length():
    assert lazy.linalg.svdvals(lazy.Variable((None, 2), "float64")).shape == (None,)
    assert lazy.linalg.svdvals(lazy.Variable((None, 1), "float64")).shape == (1,)


def test_size_that_fits_only_one_stand_in_is_not_reported():
    # squeeze needs the unknown size to be 1: the result is 0-d, no size to guess
    assert lazy.squeeze(lazy.Variable((None, 3), "float64"), axis=0).shape == (3,)
    # stack: the unknown size must equal the known one, which is a fact, not a guess
    assert lazy.stack([lazy.Variable((None,), "float64"), lazy.ones(5)]).shape == (2, 5)


def test_result_rank_depending_on_unknown_size_is_a_clear_error():
    x = lazy.Variable((None, 3), "float64")
    with pytest.raises(ValueError, match="number of dimensions.*unknown size"):
        lazy.squeeze(x, axis=None)


# ---------------------------------------------------------------- shape arithmetic (issue 14)
def test_reshape_of_unknown_size_to_explicit_shape_and_minus_one():
    x = lazy.Variable((None,), "float64")
    assert lazy.reshape(x, (5,)).shape == (5,)
    y = lazy.reshape(x, (-1, 2))
    assert y.shape == (None, 2)
    np.testing.assert_array_equal(lazy.compute(y, {x: np.arange(6.0)}), np.arange(6.0).reshape(3, 2))


def test_broadcast_to_squeeze_stack_on_unknown_sizes():
    x = lazy.Variable((None,), "float64")
    assert lazy.broadcast_to(x, (3, 5)).shape == (3, 5)
    assert lazy.squeeze(lazy.Variable((None, 1), "float64"), axis=1).shape == (None,)
    assert lazy.stack([x, x], axis=1).shape == (None, 2)
    out = lazy.compute(lazy.broadcast_to(x, (3, 5)), {x: np.arange(5.0)})
    np.testing.assert_array_equal(out, np.broadcast_to(np.arange(5.0), (3, 5)))


def test_mismatch_of_unknown_size_raises_when_computed_naming_the_node():
    x = lazy.Variable((None,), "float64")
    y = lazy.reshape(x, (5,))
    with pytest.raises(ValueError, match="cannot reshape") as info:
        lazy.compute(y, {x: np.ones(6)})
    assert any("fn=reshape" in note and "shape=(5,)" in note for note in info.value.__notes__)


def test_inv_and_cholesky_of_integer_variable_trace():
    x = lazy.Variable((3, 3), "int64")
    assert lazy.linalg.inv(x).shape == (3, 3)
    assert lazy.linalg.cholesky(x).shape == (3, 3)
    value = np.array([[4, 2, 0], [2, 5, 0], [0, 0, 9]])
    np.testing.assert_allclose(lazy.compute(lazy.linalg.inv(x), {x: value}), np.linalg.inv(value))


def test_power_of_empty_integer_array_by_huge_negative_exponent():
    x = lazy.Variable((0,), "int64")
    y = x ** -(2**63)
    assert y.shape == (0,) and y.dtype == np.int64
    assert lazy.compute(y, {x: np.empty(0, np.int64)}).shape == (0,)
    # a non-empty integer array still refuses, at trace time, as numpy does
    with pytest.raises(ValueError, match="negative integer powers"):
        lazy.Variable((2,), "int64") ** -2


def test_integer_index_into_unknown_size_is_not_checked_against_a_stand_in():
    x = lazy.Variable((None, 4), "float64")
    assert x[3].shape == (4,) and x[-4, 1].shape == () and x[5:, 1].shape == (None,)
    np.testing.assert_array_equal(lazy.compute(x[3], {x: np.eye(4)}), [0, 0, 0, 1])


# ---------------------------------------------------------------- data-dependent, lazily (issue 15)
def test_boolean_mask_under_strict_has_unknown_size_and_computes_nothing(forced):
    a = lazy.asarray(np.arange(12.0).reshape(3, 4))
    with lazy.strict():
        y = a[a > 4.5]
        rows = a[lazy.asarray(np.array([True, False, True]))]
        total = lazy.sum(y * 2) / lazy.sum(lazy.ones_like(y))
    assert y.shape == (None,) and rows.shape == (None, 4) and total.shape == ()
    assert forced == []
    np.testing.assert_allclose(total.compute(), 2 * np.arange(5.0, 12.0).mean())
    assert y.shape == (7,)  # computed: the size is known now


def test_nonzero_and_unique_under_strict_stay_lazy(forced):
    x = lazy.asarray(np.array([[3, 1], [3, 0]]))
    with lazy.strict():
        rows, cols = lazy.nonzero(x)
        values, indices, inverse, counts = lazy.unique_all(x)
        u = lazy.unique_values(x)
        r = lazy.repeat(lazy.asarray(np.arange(3)), lazy.asarray(np.array([0, 2, 1])))
    assert rows.shape == cols.shape == values.shape == counts.shape == u.shape == (None,)
    assert inverse.shape == (2, 2)  # unique_inverse keeps x's shape
    assert r.shape == (None,)
    assert forced == []
    np.testing.assert_array_equal(u.compute(), [0, 1, 3])
    np.testing.assert_array_equal(r.compute(), [1, 1, 2])
    np.testing.assert_array_equal(rows.compute(), [0, 0, 1])


def test_strict_mode_changes_no_shape(forced):
    # DESIGN.md: a data-dependent size is None from trace time on, in every mode;
    # strict() only decides whether a forced value raises
    a = lazy.asarray(np.arange(6.0))
    outside = [a[a > 2], lazy.unique_values(a), lazy.nonzero(a)[0]]
    with lazy.strict():
        inside = [a[a > 2], lazy.unique_values(a), lazy.nonzero(a)[0]]
    assert [y.shape for y in outside] == [y.shape for y in inside] == [(None,)] * 3
    assert forced == []
    assert [y.compute().shape for y in outside] == [(3,), (6,), (5,)]


def test_downstream_of_unknown_size_traces_and_computes(forced):
    a = lazy.asarray(np.arange(8.0))
    with lazy.strict():
        y = a[a > 1.5]
        z = lazy.reshape(y, (-1, 2))
        s = lazy.sum(z, axis=0) + lazy.mean(y)
        stacked = lazy.stack([y, y * 2])
        b = lazy.broadcast_to(lazy.reshape(y, (1, -1)), (3, y.shape[0]))
    assert z.shape == (None, 2) and s.shape == (2,) and stacked.shape == (2, None)
    assert b.shape == (3, None)
    assert forced == []
    np.testing.assert_allclose(s.compute(), [2 + 4 + 6 + 4.5, 3 + 5 + 7 + 4.5])
    assert b.compute().shape == (3, 6)


def test_mask_setitem_records_a_node_and_computes_nothing(forced):
    a = lazy.asarray(np.arange(5.0))
    b = lazy.asarray(np.arange(5.0))
    a[a > 2] = 0.0  # outside strict mode too: nothing forced
    b[b < 2] = lazy.asarray(np.array([10.0, 20.0]))
    assert forced == [] and a.shape == (5,) and b.shape == (5,)
    np.testing.assert_array_equal(a.compute(), [0, 1, 2, 0, 0])
    np.testing.assert_array_equal(b.compute(), [10, 20, 2, 3, 4])


def test_mask_setitem_checks_what_it_can_without_values():
    a = lazy.asarray(np.arange(5.0))
    with pytest.raises(IndexError, match="boolean index did not match"):
        a[lazy.asarray(np.array([True, False]))] = 1.0
    with pytest.raises(ValueError, match="could not broadcast"):
        a[a > 2] = lazy.asarray(np.ones((2, 2)))
    a[a > 2] = lazy.asarray(np.ones(3))  # wrong count: raises when computed
    with pytest.raises(ValueError, match="cannot assign 3 input values") as info:
        a.compute()
    assert any("fn=_set" in note for note in info.value.__notes__)


def test_inplace_op_on_unknown_size_with_known_operand():
    a = lazy.asarray(np.arange(4.0))
    with lazy.strict():
        y = a[a > 1]
        y += lazy.asarray(np.array([10.0, 20.0]))
    assert y.shape == (2,)
    np.testing.assert_array_equal(y.compute(), [12.0, 23.0])


def test_info_devices_is_the_standards_list():
    """SciPy's ``devices`` fixture appends ``[None]`` to it (a tuple failed there)."""
    devices = lazy.__array_namespace_info__().devices()
    assert isinstance(devices, list) and devices + [None] == ["cpu", None]


# ---------------------------------------------------------------- one answer to "are you lazy?"
def test_capabilities_are_the_same_in_and_out_of_strict():
    outside = lazy.__array_namespace_info__().capabilities()
    with lazy.strict():
        inside = lazy.__array_namespace_info__().capabilities()
    assert inside == outside
    assert outside["data-dependent shapes"] is True and outside["boolean indexing"] is True


def test_is_lazy_array_answers_without_computing(forced):
    y = lazy.sum(lazy.asarray(np.ones(3)) * 2)
    with lazy.strict():
        assert arraycompat.is_lazy_array(y)
    assert arraycompat.is_lazy_array(y)
    assert forced == [] and not y.is_computed


def test_array_api_compat_sees_lazy_arrays_as_lazy_in_both_modes(forced):
    array_api_compat = pytest.importorskip("array_api_compat", reason="array-api-compat not installed")
    y = lazy.sum(lazy.asarray(np.ones(3)) * 2)
    assert array_api_compat.is_lazy_array(y)  # its bool() probe is refused, not computed
    assert array_api_compat.is_lazy_array(lazy.asarray(np.ones(3)))  # a computed leaf too
    with lazy.strict():
        assert array_api_compat.is_lazy_array(y)
        masked = y[None][y[None] > 0]
        assert array_api_compat.is_lazy_array(masked)  # an unknown size: no probe at all
    assert not y.is_computed and forced == []
    assert bool(y > 5)  # bool() anywhere else computes, as before
    assert forced == ["bool(x)"]


def test_vendored_array_api_compat_copies_see_lazy_arrays_as_lazy(forced):
    scipy_api = pytest.importorskip("scipy._lib._array_api", reason="scipy not installed")
    y = lazy.asarray(np.ones(3)) + 1
    assert scipy_api.is_lazy_array(y)
    assert not y.is_computed and forced == []


def test_lazy_special_records_scipy_special_without_computing(forced):
    sc = pytest.importorskip("scipy.special", reason="lazy.special records SciPy's functions")
    a = np.array([0.2, 0.5, 0.9], dtype=np.float32)
    x = lazy.array(a)
    with lazy.strict():
        y = lazy.special.betaincc(1.5, 2.0, x * 1) + lazy.special.erf(x)
    assert forced == [] and y.shape == (3,) and y.dtype == np.float32
    np.testing.assert_allclose(y.compute(), sc.betaincc(1.5, 2.0, a) + sc.erf(a), rtol=1e-6)
    with pytest.raises(AttributeError, match="no function 'not_a_function'"):
        lazy.special.not_a_function
