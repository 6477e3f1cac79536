"""The "any numpy-like module" path, on tinyvec (tests/tinyvec.py): arrays with
``shape`` and ``dtype`` but no ``__array_namespace__`` resolve to their top-level
module, autoray-style. (mars, the library this path is for, does not install
here: see docs/backends.md.)"""

import math

import pytest

import tinyvec

import arraycompat
from arraycompat import do, get_namespace, infer_backend


def test_get_namespace_falls_through_to_the_module():
    v = tinyvec.asarray([0.0, 1.0, 2.0])
    xp = get_namespace(v)
    assert xp.name == "tinyvec" and xp.module is tinyvec and xp.standard is None
    assert xp.sum(xp.sin(v)) == pytest.approx(math.sin(1.0) + math.sin(2.0))
    with pytest.raises(AttributeError, match="tinyvec.*'sine'.*Did you mean: 'sin'"):
        xp.sine


def test_do_dispatches_on_tinyvec_arrays():
    v = tinyvec.asarray([0.5, 1.5])
    assert infer_backend(v) == "tinyvec"
    out = do("exp", v)
    assert isinstance(out, tinyvec.Vec)
    assert out.values == pytest.approx((math.exp(0.5), math.exp(1.5)))
    assert do("sum", do("multiply", v, v)) == pytest.approx(0.25 + 2.25)
    assert do("zeros", 3, like=v).values == (0.0, 0.0, 0.0)
    assert do("zeros", 2, like="tinyvec").values == (0.0, 0.0)


def test_register_function_adds_a_missing_name():
    v = tinyvec.asarray([3.0, 4.0])
    arraycompat.register_function("tinyvec", "linalg.norm", lambda x: math.sqrt(tinyvec.sum(x * x)))
    # tinyvec exists only for this file, so the registration is left in place.
    assert do("linalg.norm", v) == pytest.approx(5.0)
    arraycompat.register_function("tinyvec", "dot", lambda a, b: tinyvec.sum(a * b))
    assert get_namespace(v).dot(v, v) == pytest.approx(25.0)
