"""pytensor tensors: ``get_namespace`` and ``do`` build pytensor graphs.

pytensor's tensors are symbolic (graph nodes without values) and pytensor has no
Array API namespace: the 'pytensor' Namespace falls through to ``pytensor.tensor``,
numpy-style names. Values come from evaluating the graph; asking for the values of a
symbolic tensor is an error that says so. (The 'pytensor' autojit compiler, which
takes numpy arrays, is tested in test_jit_pytensor.py.)
"""

import numpy
import pytest

from conftest import import_or_skip

pytensor = import_or_skip("pytensor")
pt = import_or_skip("pytensor.tensor")

import arraycompat  # noqa: E402
from arraycompat import do, get_namespace, infer_backend, to_numpy  # noqa: E402

X = numpy.array([0.5, -1.0, 2.0])


@pytest.fixture(autouse=True)
def fast_compile():
    """Evaluate graphs with pytensor's Python implementations: no C compilation."""
    with pytensor.config.change_flags(mode="FAST_COMPILE"):
        yield


def test_a_symbolic_tensor_resolves_to_pytensor_tensor():
    x = pt.dvector("x")
    xp = get_namespace(x)
    assert xp.name == "pytensor" and infer_backend(x) == "pytensor"
    assert xp.standard is None and xp.__array_api_version__ is None
    y = xp.sum(xp.exp(x) * 2.0)
    assert isinstance(y, pytensor.graph.basic.Variable)
    assert float(y.eval({x: X})) == pytest.approx(2.0 * numpy.exp(X).sum())


def test_do_builds_the_numpy_style_graph():
    a, b = pt.dmatrix("a"), pt.dmatrix("b")
    c = do("tensordot", a, b, axes=1) + do("clip", a, 0.0, 1.0)
    av, bv = numpy.arange(4.0).reshape(2, 2) / 3, numpy.eye(2) * 2
    numpy.testing.assert_allclose(
        c.eval({a: av, b: bv}), numpy.tensordot(av, bv, axes=1) + numpy.clip(av, 0, 1)
    )
    z = do("zeros", (2, 3), like=a, dtype="float32")
    assert z.dtype == "float32" and z.eval().shape == (2, 3)


def test_values_of_a_symbolic_tensor_are_refused_clearly():
    x = pt.dvector("x")
    with pytest.raises(ValueError, match="symbolic pytensor tensor with no values"):
        to_numpy(pt.sum(x))
    with pytest.raises(ValueError, match="symbolic pytensor tensor with no values"):
        arraycompat.asarray(x, like="numpy")
    # a constant has values
    assert to_numpy(pt.constant(X)).tolist() == X.tolist()


def test_device_and_info_row():
    from arraycompat.__main__ import info_rows

    assert arraycompat.device(pt.dvector()) == "cpu"
    assert arraycompat.devices("pytensor") == ("cpu",)
    (row,) = info_rows(["pytensor"])
    assert row[0] == "pytensor" and row[2] == "none" and row[4] == "cpu"
