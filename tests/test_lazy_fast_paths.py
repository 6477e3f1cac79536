"""The lazy hot paths: cheaper kernels recorded at trace time, and the collector kept
off large traces without changing the program's own GC settings."""

import gc

import numpy as np
import pytest

from arraycompat import lazy
from arraycompat.lazy import _gc


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "int64"])
def test_tensordot_of_two_vectors_equals_numpys_bit_for_bit(dtype):
    rng = np.random.default_rng(3)
    a = rng.standard_normal(257).astype(dtype)
    b = rng.standard_normal(257).astype(dtype)
    if dtype == "complex128":
        a = a + 1j * rng.standard_normal(257)
    node = lazy.tensordot(lazy.array(a), lazy.array(b), axes=1)
    out = node.compute()
    expected = np.tensordot(a, b, axes=1)
    assert type(out) is np.ndarray and out.shape == () and out.dtype == expected.dtype
    assert out.tobytes() == expected.tobytes()


def test_the_vector_tensordot_still_reads_as_tensordot():
    x = lazy.Variable((4,), "float64")
    node = lazy.tensordot(x, x, axes=1)
    assert lazy.fn_name(node) == "tensordot"
    assert node.shape == () and node.dtype == np.float64
    f = lazy.Function([x], node * x)
    data = np.arange(4.0)
    np.testing.assert_array_equal(f(data), np.tensordot(data, data, axes=1) * data)


def _chain(n):
    y = lazy.asarray(1.0)
    paused = False
    for i in range(n):
        y = y * 1.0
        if i % 5000 == 0:
            paused = paused or _gc.is_paused()
    return y, paused


def _other_work():
    # allocations that are not lazy nodes: the young collections that end a pause
    for _ in range(20):
        [[] for _ in range(5_000)]


def test_a_large_trace_pauses_the_collector_and_gives_the_settings_back():
    gc.collect()
    before = gc.get_threshold()
    custom = (900, 11, 12)
    gc.set_threshold(*custom)
    try:
        y, paused = _chain(120_000)
        assert paused, "the collector was never kept off the trace"
        assert y.compute() == 1.0
        del y
        _other_work()
        assert not _gc.is_paused()
        assert gc.get_threshold() == custom
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
    finally:
        gc.set_threshold(*before)


def test_thresholds_the_program_sets_during_a_pause_are_kept():
    before = gc.get_threshold()
    try:
        gc.collect()
        y, paused = _chain(60_000)
        assert paused
        gc.set_threshold(800, 9, 9)  # the program's own choice, mid-trace
        del y
        _other_work()
        assert gc.get_threshold() == (800, 9, 9)
        assert gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*before)


def test_gc_collect_during_a_trace_collects_cycles():
    gc.collect()
    y, paused = _chain(60_000)
    assert paused

    class Cycle:
        pass

    a = Cycle()
    a.self = a
    del a
    assert gc.collect() >= 1  # ends the pause first: the cycle is found
    assert gc.get_freeze_count() == 0
    del y


def test_a_program_that_freezes_objects_keeps_them_frozen():
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        y, paused = _chain(60_000)
        assert paused
        del y
        _other_work()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_pausing_can_be_switched_off():
    gc.collect()
    _gc.set_pausing(False)
    try:
        y, paused = _chain(60_000)
        assert not paused
    finally:
        _gc.set_pausing(True)
    del y
