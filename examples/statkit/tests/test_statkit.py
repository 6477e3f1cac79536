"""statkit's tests: only arraycompat.testing, on every installed backend."""

import numpy as np
import pytest
import scipy.signal
import scipy.special

from arraycompat.testing import assert_close, make_xp_test_case
from statkit import cov, logsumexp, standardized_cov, welch


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


@make_xp_test_case(logsumexp)
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_logsumexp_matches_scipy(xp, rng, axis):
    a = rng.standard_normal((4, 5)) * 300  # large values: the naive formula overflows
    expected = scipy.special.logsumexp(a, axis=axis)
    assert_close(logsumexp(xp.asarray(a), axis=axis), xp.asarray(expected))


@make_xp_test_case(logsumexp)
@pytest.mark.filterwarnings("ignore:divide by zero")  # log(0) of the all -inf row is the point
def test_logsumexp_keepdims_and_infinities(xp):
    a = xp.asarray([[-np.inf, -np.inf], [0.0, 0.0]], dtype=xp.float64)
    expected = xp.asarray([[-np.inf], [np.log(2.0)]], dtype=xp.float64)
    assert_close(logsumexp(a, axis=1, keepdims=True), expected)


@make_xp_test_case(welch)
def test_welch_matches_scipy(xp, rng):
    x = rng.standard_normal(1000)
    f_ref, p_ref = scipy.signal.welch(x, fs=10.0, window="hann", nperseg=64, noverlap=0,
                                      detrend="constant", scaling="density")
    f, p = welch(xp.asarray(x), fs=10.0, nperseg=64)
    assert_close(f, xp.asarray(f_ref))
    assert_close(p, xp.asarray(p_ref))


@make_xp_test_case(welch)
def test_welch_rejects_a_short_signal(xp):
    with pytest.raises(ValueError, match="shorter than nperseg=64"):
        welch(xp.zeros(10), nperseg=64)


@make_xp_test_case(cov)
def test_cov_matches_numpy(xp, rng):
    x = rng.standard_normal((3, 50))
    assert_close(cov(xp.asarray(x)), xp.asarray(np.cov(x)))


@make_xp_test_case(cov)
def test_cov_on_every_device(xp, device, rng):
    x = rng.standard_normal((3, 20))
    assert_close(cov(xp.asarray(x, device=device)), xp.asarray(np.cov(x), device=device))


@make_xp_test_case(standardized_cov)
def test_standardized_cov_is_the_correlation_matrix(xp, rng):
    x = rng.standard_normal((4, 30))
    assert_close(standardized_cov(xp.asarray(x)), xp.asarray(np.corrcoef(x)))
