"""tensorflow: a Namespace over tensorflow.experimental.numpy plus translations;
``do`` with numpy-style names, dtype helpers, ``autojit`` through ``tf.function``, and
``arraycompat.lazy`` over tensorflow tensors.

tensorflow takes a minute or more to import: every test shares one module-level import.
"""

import numpy
import pytest

from conftest import import_or_skip

tf = import_or_skip("tensorflow")

import arraycompat  # noqa: E402
from arraycompat import autojit, do, get_namespace, infer_backend, lazy  # noqa: E402

A = numpy.array([[1.0, 2.0], [3.0, 4.0]], dtype=numpy.float32)


@pytest.fixture
def x():
    return tf.constant(A)


def close(got, expected, rtol=1e-5):
    numpy.testing.assert_allclose(numpy.asarray(got), expected, rtol=rtol, atol=1e-6)


def test_namespace_is_tnp_with_translations(x):
    xp = get_namespace(x)
    assert xp.name == "tensorflow" and infer_backend(x) == "tensorflow"
    assert xp.module is tf.experimental.numpy
    assert get_namespace(tf.Variable(A)) is xp
    close(xp.sum(x, axis=1), A.sum(axis=1))
    close(xp.concat([x, x], axis=0), numpy.concatenate([A, A]))
    close(xp.permute_dims(x, (1, 0)), A.T)
    close(xp.matrix_transpose(x), A.T)
    close(xp.pow(x, 2.0), A**2)
    close(xp.acos(x / 4.0), numpy.arccos(A / 4.0))
    assert xp.astype(x, "float64").dtype == tf.float64
    assert xp.isdtype(tf.float32, "real floating") and not xp.isdtype(tf.int32, "real floating")
    assert xp.isdtype(tf.uint8, ("unsigned integer", "bool"))


@pytest.mark.parametrize(
    "name, args, expected",
    [
        ("sum", (), A.sum()),
        ("clip", (1.5, 3.5), numpy.clip(A, 1.5, 3.5)),
        ("transpose", (), A.T),
        ("matmul", (A,), A @ A),
        ("tensordot", (A, 1), numpy.tensordot(A, A, 1)),
        ("cumsum", (0,), A.cumsum(0)),
        ("linalg.norm", (), numpy.linalg.norm(A)),
        ("linalg.inv", (), numpy.linalg.inv(A)),
    ],
)
def test_do_numpy_style(x, name, args, expected):
    args = tuple(tf.constant(a) if isinstance(a, numpy.ndarray) else a for a in args)
    out = do(name, x, *args)
    assert infer_backend(out) == "tensorflow"
    close(out, expected, rtol=1e-4)


def test_do_linalg_returns_numpy_order(x):
    u, s, vh = do("linalg.svd", x)
    close(do("matmul", u * s, vh), A, rtol=1e-4)
    close(s, numpy.linalg.svd(A, compute_uv=False), rtol=1e-4)
    q, r = do("linalg.qr", x)
    close(q @ r, A, rtol=1e-4)
    close(do("concatenate", [x, x], axis=1), numpy.concatenate([A, A], axis=1))
    close(do("einsum", "ij,jk->ik", x, x), A @ A)


def test_creation_and_random_like_tensorflow():
    assert do("zeros", (2, 3), like="tensorflow").shape == (2, 3)
    assert do("eye", 3, like="tensorflow").dtype == tf.float64  # tnp follows numpy
    r = do("random.normal", size=(4,), like="tensorflow")
    assert infer_backend(r) == "tensorflow" and r.shape == (4,)


def test_dtype_helpers(x):
    assert arraycompat.to_backend_dtype("float32", like="tensorflow") == tf.float32
    assert arraycompat.get_dtype_name(x) == "float32"
    assert do("astype", x, "int32").dtype == tf.int32
    back = arraycompat.to_numpy(x)
    assert type(back) is numpy.ndarray and back.dtype == numpy.float32
    close(back, A)


def test_asarray_to_and_from_tensorflow(x):
    y = arraycompat.asarray(numpy.arange(3.0), like=x)
    assert infer_backend(y) == "tensorflow"
    close(y, [0.0, 1.0, 2.0])
    z = arraycompat.asarray(x, like="numpy")
    assert type(z) is numpy.ndarray
    close(z, A)
    assert "CPU" in arraycompat.device(x)


def test_autojit_uses_tf_function(x):
    traced = []

    @autojit
    def f(a):
        traced.append(type(a).__name__)
        return do("sum", do("sin", a) ** 2, axis=0)

    close(f(x), (numpy.sin(A) ** 2).sum(0))
    close(f(x + 1.0), (numpy.sin(A + 1) ** 2).sum(0))
    assert f.cache_info().hits == 1
    assert traced and all(t != "EagerTensor" for t in traced)  # traced symbolically


def test_lazy_over_tensorflow(x):
    y = lazy.sum(lazy.sin(lazy.array(x)) * 2.0, axis=0)
    assert y.shape == (2,)
    out = y.compute()
    assert infer_backend(out) == "tensorflow"
    close(out, (numpy.sin(A) * 2).sum(0))


def test_info_row():
    from arraycompat.__main__ import info_rows

    assert arraycompat.namespace_for("tensorflow").name == "tensorflow"
    (row,) = info_rows(["tensorflow"])
    assert row[0] == "tensorflow" and row[1] != "?"  # the distribution is tensorflow-cpu
    assert row[2] == "none" and "CPU" in row[4]


def test_devices_and_default_device(x):
    found = arraycompat.devices("tensorflow")
    assert any("CPU:0" in d for d in found)
    assert arraycompat.default_device("tensorflow") in {x.device, *found}
