"""autojit(backend="pytensor"): the traced graph rebuilt in pytensor and compiled with
pytensor.function; every result is checked against the same function run eagerly
on numpy (values, dtype and shape).

Most tests compile with ``mode="FAST_COMPILE"`` (pytensor's Python implementations):
the graph built is the same, and pytensor's default mode compiles C code, which
takes tens of seconds per graph on a loaded machine; one test runs the default mode.
"""

import numpy
import pytest

from conftest import import_or_skip

pytensor = import_or_skip("pytensor")

from arraycompat import autojit, get_namespace  # noqa: E402

FAST = {"mode": "FAST_COMPILE"}
RNG = numpy.random.default_rng(7)


def check_equal(got, want, rtol=1e-12):
    if isinstance(want, (tuple, list)):
        assert type(got) is type(want) and len(got) == len(want)
        for g, w in zip(got, want):
            check_equal(g, w, rtol)
        return
    if isinstance(want, dict):
        assert got.keys() == want.keys()
        for k in want:
            check_equal(got[k], want[k], rtol)
        return
    if isinstance(want, str):
        assert got == want
        return
    got, want = numpy.asarray(got), numpy.asarray(want)
    assert got.dtype == want.dtype, (got.dtype, want.dtype)
    if want.dtype == numpy.float32:
        rtol = max(rtol, 1e-5)
    assert got.shape == want.shape, (got.shape, want.shape)
    numpy.testing.assert_allclose(got, want, rtol=rtol, atol=rtol)


def compare(fn, *arrays, rtol=1e-12, opts=FAST):
    """``fn`` compiled by pytensor equals ``fn`` run eagerly on numpy."""
    want = fn(*arrays)
    got = autojit(fn, backend="pytensor", compiler_opts=opts)(*arrays)
    check_equal(got, want, rtol)
    return got


def mgs(a):
    """Modified Gram-Schmidt, columns collected and stacked. (Item assignment is tested
    in test_indexing_and_manipulation: tracing ``x[i] = v`` costs a scan of every live
    Python object, seconds each once tensorflow and torch are imported.)"""
    xp = get_namespace(a)
    n = a.shape[1]
    qs, rs = [], []
    for k in range(n):
        v = a[:, k]
        r = []
        for j in range(k):
            r.append(xp.sum(qs[j] * v))
            v = v - r[j] * qs[j]
        norm = xp.linalg.vector_norm(v)
        qs.append(v / norm)
        rs.append(xp.stack(r + [norm] + [xp.zeros((), dtype=a.dtype)] * (n - k - 1)))
    return xp.stack(qs, axis=1), xp.stack(rs, axis=1)


def test_mgs_equals_eager_numpy():
    a = RNG.random((4, 4))
    q, r = compare(mgs, a, rtol=1e-10)
    numpy.testing.assert_allclose(q @ r, a, rtol=1e-10)  # and it is a QR decomposition
    numpy.testing.assert_allclose(numpy.triu(r), r)


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
def test_elementwise_chain_keeps_numpys_dtypes(dtype):
    def chain(x, y):
        xp = get_namespace(x)
        z = xp.exp(-(x / 7)) * xp.sin(x) + 2.5 * y - abs(x) ** 2
        return {
            "z": z,
            "scaled": x * 3,  # a Python int keeps int64/float32
            "cmp": xp.where(x > 1, x, y),
            "logic": xp.logical_and(x > 0, y < 2),
            "tanh": xp.tanh(xp.astype(x, xp.float32) / 5),
            "clip": xp.clip(z, -1.0, 1.0),
            "label": "kept",  # a non-array output comes back as traced
        }

    x = (RNG.random((3, 4)) * 5).astype(dtype)
    y = (RNG.random((4,)) * 3).astype(dtype)
    compare(chain, x, y, rtol=1e-5 if dtype == "float32" else 1e-12)


def test_reductions():
    def reductions(x):
        xp = get_namespace(x)
        return (
            xp.sum(x), xp.sum(x, axis=0), xp.mean(x, axis=1, keepdims=True), xp.max(x, axis=-1),
            xp.min(x), xp.prod(x, axis=0), xp.std(x, axis=0, correction=1), xp.var(x),
            xp.argmax(x, axis=1), xp.any(x > 0.9), xp.all(x > 0, axis=0),
            xp.cumulative_sum(x, axis=1),
        )

    compare(reductions, RNG.random((4, 5)))


def test_matmul_and_linear_algebra():
    def linear(a, b, v):
        xp = get_namespace(a)
        return (
            a @ b, xp.matmul(a, v), xp.tensordot(a, b, axes=1), xp.vecdot(a, b.T),
            a.T @ a, xp.linalg.inv(a), xp.linalg.solve(a, v[:, None]),
            xp.linalg.vector_norm(a, axis=0), xp.linalg.det(a),
        )

    a = RNG.random((3, 3)) + 3 * numpy.eye(3)
    compare(linear, a, RNG.random((3, 3)), RNG.random(3), rtol=1e-9)


def test_indexing_and_manipulation():
    def index(x):
        xp = get_namespace(x)
        y = xp.reshape(x * 1.0, (4, 6))  # a new array: eager numpy's reshape is a view
        y[1:3, ::2] = 0.5
        y[0] = y[0] * 10
        return (
            x[0, 1:3], x[..., None][:, 0, ::-1, 0], x[:, xp.asarray([2, 0]), -1], y,
            xp.permute_dims(x, (2, 0, 1)), xp.concat([y, y], axis=0), xp.stack([y, y]),
            xp.expand_dims(y, axis=1), xp.flip(y, axis=0), xp.squeeze(x[:1], axis=0),
        )

    compare(index, RNG.random((2, 3, 4)))


def test_inputs_of_another_library_are_converted_in_and_back():
    torch = import_or_skip("torch")

    @autojit(backend="pytensor", compiler_opts=FAST)
    def f(x):
        xp = get_namespace(x)
        return xp.sum(x * x, axis=0)

    out = f(torch.arange(6.0).reshape(2, 3))
    assert isinstance(out, torch.Tensor)
    assert out.tolist() == [9.0, 17.0, 29.0]


def test_an_operation_pytensor_lacks_is_named():
    def spectrum(x):
        xp = get_namespace(x)
        return xp.fft.fft(x)

    with pytest.raises(NotImplementedError, match=r"no translation for the traced operation 'fft.fft'"):
        autojit(spectrum, backend="pytensor", compiler_opts=FAST)(numpy.ones(4))


def test_an_unsupported_keyword_is_named():
    def descending(x):
        xp = get_namespace(x)
        return xp.sort(x, descending=True)

    with pytest.raises(NotImplementedError, match=r"sort\(descending=True\)"):
        autojit(descending, backend="pytensor", compiler_opts=FAST)(numpy.ones(4))


def test_pytensors_default_mode_compiles_and_is_cached():
    calls = []

    @autojit(backend="pytensor")
    def energy(x):
        calls.append(1)
        xp = get_namespace(x)
        return xp.sum(xp.exp(-x) * x, axis=1)

    x = RNG.random((2, 3))
    check_equal(energy(x), numpy.sum(numpy.exp(-x) * x, axis=1))
    check_equal(energy(x + 1), numpy.sum(numpy.exp(-x - 1) * (x + 1), axis=1))
    assert len(calls) == 1  # traced once for the signature
