"""ndonnx: resolved through its own ``__array_namespace__``; arrays to and from it."""

import warnings

import numpy
import pytest

from conftest import import_or_skip

with warnings.catch_warnings():  # "onnxruntime is not installed": the reference runtime is used
    warnings.simplefilter("ignore", UserWarning)
    ndx = import_or_skip("ndonnx")

import arraycompat  # noqa: E402
from arraycompat import asarray, do, get_namespace, infer_backend, to_numpy  # noqa: E402

VALUES = [0.5, -1.0, 2.0]


def test_resolves_through_its_own_namespace():
    x = ndx.asarray(numpy.array(VALUES))
    xp = get_namespace(x)
    assert xp.name == "ndonnx" and infer_backend(x) == "ndonnx"
    assert xp.standard is x.__array_namespace__()
    assert xp.__array_api_version__ == x.__array_namespace__().__array_api_version__
    y = xp.sum(xp.sin(x) * 2.0)
    assert type(y) is type(x)
    assert float(y.unwrap_numpy()) == pytest.approx(2.0 * numpy.sin(VALUES).sum())


def test_do_numpy_style_names():
    x = ndx.asarray(numpy.array(VALUES))
    out = do("clip", x, -0.5, 1.0)
    assert type(out) is type(x)
    numpy.testing.assert_array_equal(out.unwrap_numpy(), numpy.clip(VALUES, -0.5, 1.0))
    joined = do("concatenate", [x, x])
    numpy.testing.assert_array_equal(joined.unwrap_numpy(), VALUES * 2)


def test_asarray_from_numpy_and_torch_into_ndonnx():
    like = ndx.asarray(numpy.zeros(1))
    y = asarray(numpy.arange(3.0), like=like)
    assert get_namespace(y).name == "ndonnx"
    numpy.testing.assert_array_equal(y.unwrap_numpy(), [0.0, 1.0, 2.0])
    assert asarray(numpy.arange(3), like="ndonnx").dtype == ndx.int64


def test_asarray_from_ndonnx_into_numpy_reads_values():
    x = ndx.asarray(numpy.array(VALUES))
    for out in (asarray(x, like=numpy.ones(1)), asarray(x, like="numpy"), to_numpy(x)):
        assert type(out) is numpy.ndarray
        assert out.dtype == numpy.float64 and out.shape == (3,)  # not an object scalar
        numpy.testing.assert_array_equal(out, VALUES)


def test_asarray_into_torch():
    torch = import_or_skip("torch")
    out = asarray(ndx.asarray(numpy.array(VALUES)), like=torch.zeros(1))
    assert isinstance(out, torch.Tensor)
    assert out.tolist() == VALUES


def test_lazy_ndonnx_array_refuses_with_the_reason():
    symbolic = ndx.argument(shape=("N",), dtype=ndx.float64)
    with pytest.raises(ValueError, match="lazy ndonnx array with no values"):
        asarray(symbolic, like="numpy")


def test_namespace_for_and_info_row():
    from arraycompat.__main__ import info_rows

    assert arraycompat.namespace_for("ndonnx").name == "ndonnx"
    (row,) = info_rows(["ndonnx"])
    assert row[0] == "ndonnx" and row[2] == "ndonnx" and row[3].startswith("20")
    assert "object at 0x" not in row[4]
