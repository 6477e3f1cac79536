"""autograd: get_namespace, do and autojit on autograd.numpy, gradients included.

autograd.numpy returns plain numpy arrays; inside ``autograd.grad`` a function sees
``ArrayBox`` values, which resolve to the 'autograd' namespace (autograd.numpy), so
the gradient is recorded through every call made via arraycompat.
"""

import numpy
import pytest

from conftest import import_or_skip

autograd = import_or_skip("autograd")
anp = import_or_skip("autograd.numpy")

import arraycompat  # noqa: E402
from arraycompat import autojit, do, get_namespace, infer_backend  # noqa: E402

X = numpy.array([0.1, -0.4, 0.7])


def numerical_grad(f, x, h=1e-6):
    """Central differences: the reference every autograd gradient here is checked against."""
    out = numpy.empty_like(x)
    for i in range(x.size):
        e = numpy.zeros_like(x)
        e[i] = h
        out[i] = (f(x + e) - f(x - e)) / (2 * h)
    return out


def test_arraybox_resolves_to_autograd_numpy():
    seen = {}

    def f(x):
        xp = get_namespace(x)
        seen["name"], seen["backend"], seen["type"] = xp.name, infer_backend(x), type(x).__name__
        return xp.sum(xp.sin(x) ** 2)

    g = autograd.grad(f)(X)
    assert seen == {"name": "autograd", "backend": "autograd", "type": "ArrayBox"}
    numpy.testing.assert_allclose(g, 2 * numpy.sin(X) * numpy.cos(X), rtol=1e-12)


def test_namespace_standard_is_autograd_numpy():
    xp = arraycompat.namespace_for("autograd")
    assert xp.name == "autograd"
    assert xp.standard is anp.numpy_wrapper
    assert xp.sum is anp.sum  # the gradient-recording wrapper, not numpy's own


def test_box_and_numpy_constant_resolve_to_autograd():
    w = numpy.array([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0], [1.0, 0.0, 1.0]])

    def f(x):
        xp = get_namespace(w, x)
        assert xp.name == "autograd"
        return xp.sum(xp.matmul(w, x) ** 2)

    g = autograd.grad(f)(X)
    numpy.testing.assert_allclose(g, 2 * w.T @ (w @ X), rtol=1e-12)
    assert get_namespace(w).name == "numpy"  # plain numpy stays numpy


@pytest.mark.parametrize(
    "name, fn",
    [
        ("linalg.norm", lambda x: do("linalg.norm", x)),
        ("concatenate", lambda x: do("sum", do("concatenate", [x, 2 * x]) ** 3)),
        ("einsum", lambda x: do("einsum", "i,i->", x, do("exp", x))),
        ("tanh+mean", lambda x: do("mean", do("tanh", x))),
        ("clip", lambda x: do("sum", do("clip", x, -0.2, 0.5) ** 2)),
        ("stack+prod", lambda x: do("prod", do("stack", [x, x + 1.0]))),
    ],
)
def test_do_numpy_style_names_inside_grad(name, fn):
    g = autograd.grad(fn)(X)
    numpy.testing.assert_allclose(g, numerical_grad(fn, X), rtol=1e-6, atol=1e-8)


def test_do_like_autograd_outside_grad():
    assert do("sum", X, like="autograd") == pytest.approx(X.sum())
    assert do("zeros", (2, 3), like="autograd").shape == (2, 3)
    assert arraycompat.to_backend_dtype("float32", like="autograd") == numpy.float32


def test_grad_through_autojit_compiled_function():
    calls = []

    @autojit
    def energy(x):
        calls.append(type(x).__name__)  # runs only while tracing
        xp = get_namespace(x)
        return xp.sum(xp.sin(x) * xp.exp(-x) + x**2)

    def loss(x):
        return 3.0 * energy(x)

    plain = lambda x: 3.0 * numpy.sum(numpy.sin(x) * numpy.exp(-x) + x**2)  # noqa: E731
    g = autograd.grad(loss)(X)
    numpy.testing.assert_allclose(g, numerical_grad(plain, X), rtol=1e-6)
    # The program was traced once for ArrayBox inputs (lazy Variables), then reused.
    g2 = autograd.grad(loss)(2 * X)
    numpy.testing.assert_allclose(g2, numerical_grad(plain, 2 * X), rtol=1e-6)
    assert calls == ["LazyArray"]
    assert energy.cache_info().hits == 1
    # Plain numpy inputs compile their own program with the same values.
    assert energy(X) == pytest.approx(plain(X) / 3.0)


def test_autograd_device_is_cpu():
    def f(x):
        assert arraycompat.device(x) == "cpu"
        return anp.sum(x)

    autograd.grad(f)(X)


def test_info_row():
    from arraycompat.__main__ import info_rows

    (row,) = info_rows(["autograd"])
    assert row[0] == "autograd" and row[2] == "autograd.numpy.numpy_wrapper"
    assert row[4] == "cpu"
