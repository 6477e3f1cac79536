"""Random programs of standard functions give the same shapes, dtypes, devices and
values lazily as eagerly, and raise the same kind of error at trace time."""

import importlib.util

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import arraycompat
from arraycompat import lazy

LIBRARIES = [lib for lib in ("numpy", "array_api_strict", "torch") if importlib.util.find_spec(lib)]

# name -> (number of operands, how to call it on namespace xp)
OPS = {
    "add": (2, lambda xp, a, b: xp.add(a, b)),
    "sub_op": (2, lambda xp, a, b: a - b),
    "mul_scalar": (1, lambda xp, a: a * 1.5),
    "rdiv_scalar": (1, lambda xp, a: 2.0 / (xp.abs(a) + 1)),
    "maximum": (2, lambda xp, a, b: xp.maximum(a, b)),
    "where": (2, lambda xp, a, b: xp.where(a > b, a, b)),
    "sin": (1, lambda xp, a: xp.sin(a)),
    "square": (1, lambda xp, a: xp.square(a)),
    "neg_op": (1, lambda xp, a: -a),
    "sum0": (1, lambda xp, a: xp.sum(a, axis=0)),
    "mean_keep": (1, lambda xp, a: xp.mean(a, axis=-1, keepdims=True)),
    "max_all": (1, lambda xp, a: xp.max(a)),
    "cumsum": (1, lambda xp, a: xp.cumulative_sum(a, axis=0)),
    "flip": (1, lambda xp, a: xp.flip(a, axis=0)),
    "reshape": (1, lambda xp, a: xp.reshape(a, (-1,))),
    "expand": (1, lambda xp, a: xp.expand_dims(a, axis=0)),
    "transpose": (1, lambda xp, a: xp.permute_dims(a, tuple(range(a.ndim))[::-1])),
    "concat": (2, lambda xp, a, b: xp.concat([a, b], axis=0)),
    "stack": (2, lambda xp, a, b: xp.stack([a, b], axis=-1)),
    "matmul": (2, lambda xp, a, b: xp.matmul(a, b)),
    "tensordot": (2, lambda xp, a, b: xp.tensordot(a, b, axes=1)),
    "index0": (1, lambda xp, a: a[0]),
    "slice": (1, lambda xp, a: a[..., ::2]),
    "newaxis": (1, lambda xp, a: a[None, ...]),
    "astype32": (1, lambda xp, a: xp.astype(a, xp.float32)),
    "sort": (1, lambda xp, a: xp.sort(a, axis=-1)),
    "argmax": (1, lambda xp, a: xp.argmax(a, axis=0)),
    "sqrt_abs": (1, lambda xp, a: xp.sqrt(xp.abs(a))),
}


def to_numpy(x):
    return np.asarray(arraycompat.asarray(x, like="numpy"))


@st.composite
def programs(draw):
    n_inputs = draw(st.integers(1, 3))
    shapes = [draw(st.lists(st.integers(1, 4), min_size=1, max_size=3).map(tuple)) for _ in range(n_inputs)]
    if draw(st.booleans()):  # make broadcasting likely to succeed sometimes
        shapes = [shapes[0]] * n_inputs
    seeds = [draw(st.integers(0, 2**16)) for _ in range(n_inputs)]
    steps = []
    for _ in range(draw(st.integers(1, 8))):
        name = draw(st.sampled_from(sorted(OPS)))
        operands = [draw(st.integers(0, 100)) for _ in range(OPS[name][0])]
        steps.append((name, operands))
    return shapes, seeds, steps


def run(xp, inputs, steps, lazy_mode):
    """Run a program; each step's result (or the exception type) is recorded."""
    values = list(inputs)
    trace = []
    for name, picks in steps:
        arity, fn = OPS[name]
        operands = [values[p % len(values)] for p in picks]
        try:
            out = fn(xp, *operands)
        except Exception as e:  # the eager error, or the lazy trace-time error
            trace.append(type(e))
            continue
        values.append(out)
        trace.append(out)
    return trace


def check_program(library, program):
    shapes, seeds, steps = program
    ns = arraycompat.namespace_for(library)
    inputs = [
        ns.asarray(np.random.default_rng(seed).standard_normal(shape)) for shape, seed in zip(shapes, seeds)
    ]
    eager = run(ns, inputs, steps, False)
    traced = run(lazy, [lazy.array(x) for x in inputs], steps, True)
    computed = lazy.compute([t for t in traced if isinstance(t, lazy.LazyArray)])
    k = 0
    for (name, _), e, t in zip(steps, eager, traced):
        if isinstance(e, type):
            assert isinstance(t, type) and issubclass(t, Exception), (name, e, t)
            assert issubclass(t, e) or issubclass(e, t), (name, e, t)
            continue
        assert not isinstance(t, type), (name, e, t)
        assert tuple(t.shape) == tuple(e.shape), name
        assert t.dtype == e.dtype, name
        assert t.device == arraycompat.device(e), name
        np.testing.assert_allclose(to_numpy(computed[k]), to_numpy(e), rtol=1e-6, atol=1e-6, err_msg=name)
        k += 1


@pytest.mark.parametrize("library", LIBRARIES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(program=programs())
def test_random_programs_match_eager(library, program):
    check_program(library, program)


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_fixed_program_matches_eager(library):
    program = ([(3, 4), (4,)], [1, 2], [("matmul", [0, 1]), ("add", [0, 1]), ("sum0", [3]), ("concat", [2, 2])])
    check_program(library, program)
