"""arraycompat.lazy: nodes, compute, conversions, strict mode, errors at trace time."""

import importlib.util
import operator

import numpy as np
import pytest

from arraycompat.core._install import missing_message
from arraycompat import lazy

HAS_TORCH = importlib.util.find_spec("torch") is not None


def test_lazy_array_has_the_standard_attributes():
    x = lazy.array(np.arange(6.0).reshape(2, 3))
    assert x.shape == (2, 3) and x.ndim == 2 and x.size == 6
    assert x.dtype == np.float64 and x.device == "cpu"
    assert x.mT.shape == (3, 2) and x.T.shape == (3, 2)
    assert x.__array_namespace__() is lazy
    assert type(x)._arraycompat_lazy is True


def test_operators_match_numpy():
    a = np.arange(1.0, 7.0).reshape(2, 3)
    b = np.arange(3.0) + 1
    x, y = lazy.array(a), lazy.array(b)
    for op in (operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
               operator.mod, operator.pow, operator.lt, operator.le, operator.eq, operator.ne,
               operator.gt, operator.ge):
        out = op(x, y)
        expected = op(a, b)
        assert out.shape == expected.shape and out.dtype == expected.dtype
        np.testing.assert_array_equal(out.compute(), expected)
        np.testing.assert_array_equal(op(2.5, x).compute(), op(2.5, a))
    np.testing.assert_array_equal((x @ x.mT).compute(), a @ a.T)
    np.testing.assert_array_equal((-x).compute(), -a)
    ia = np.arange(6).reshape(2, 3)
    i = lazy.array(ia)
    for op in (operator.and_, operator.or_, operator.xor, operator.lshift, operator.rshift):
        np.testing.assert_array_equal(op(i, 1).compute(), op(ia, 1))
    np.testing.assert_array_equal((~i).compute(), ~ia)


def test_in_place_operators_rebind_and_keep_dtype():
    x = lazy.asarray([1, 2, 3], dtype=lazy.int32)
    y = x
    x += 2
    assert x is not y and x.dtype == np.int32
    np.testing.assert_array_equal(x.compute(), [3, 4, 5])
    np.testing.assert_array_equal(y.compute(), [1, 2, 3])
    with pytest.raises(ValueError):
        z = lazy.ones(3)
        z += lazy.ones((2, 3))


def test_python_scalar_promotion_follows_the_library():
    x = lazy.asarray([1, 2], dtype=lazy.float32)
    assert (x * 2.0).dtype == np.float32
    assert (x * 2).dtype == np.float32
    i = lazy.asarray([1, 2], dtype=lazy.int8)
    assert (i + 1).dtype == np.int8
    assert (i / 2).dtype == (np.ones(1, np.int8) / 2).dtype


def test_variable_shapes_and_dtypes_at_trace_time():
    x = lazy.Variable((4, 3), "float32")
    assert (x @ lazy.Variable((3, 5), "float32")).shape == (4, 5)
    assert lazy.sum(x, axis=0, keepdims=True).shape == (1, 3)
    assert lazy.reshape(x, (-1, 2)).shape == (6, 2)
    assert lazy.tensordot(x, lazy.Variable((3, 2), "float32"), axes=1).shape == (4, 2)
    assert lazy.einsum("ij,kj->ik", x, x).shape == (4, 4)
    assert x[1:, None, ...].shape == (3, 1, 3)
    assert (x + lazy.Variable((1, 3), "float64")).dtype == np.float64
    u = lazy.Variable((None, 3), "float64")
    assert lazy.sum(u, axis=1).shape == (None,)
    assert lazy.reshape(u, (-1,)).shape == (None,)
    assert lazy.nonzero(x > 0)[0].shape == (None,)


def test_errors_at_trace_time_match_eager():
    a, b = np.ones((2, 3)), np.ones((4,))
    x, y = lazy.array(a), lazy.array(b)
    for fn in (lambda p, q: p + q, lambda p, q: p @ q):
        with pytest.raises(ValueError) as eager:
            fn(a, b)
        with pytest.raises(eager.type):
            fn(x, y)
    with pytest.raises(IndexError):
        x[2]
    with pytest.raises(IndexError):
        x[0, 0, 0]
    with pytest.raises(Exception) as eager:
        np.sum(a, axis=2)
    with pytest.raises(eager.type):
        lazy.sum(x, axis=2)


@pytest.mark.skipif(not HAS_TORCH, reason=missing_message("torch"))
def test_errors_at_trace_time_are_torch_errors_on_torch():
    import torch

    x = lazy.array(torch.ones((2, 3)))
    with pytest.raises(RuntimeError):
        torch.ones((2, 3)) + torch.ones(4)
    with pytest.raises(RuntimeError):
        x + lazy.array(torch.ones(4))


def test_indexing_forms():
    a = np.arange(24.0).reshape(2, 3, 4)
    x = lazy.array(a)
    for key in [(0,), (slice(None), 1), (Ellipsis, -1), (None, 1, slice(1, None, 2)), (1, Ellipsis, None)]:
        assert x[key].shape == a[key].shape
        np.testing.assert_array_equal(x[key].compute(), a[key])
    idx = np.array([2, 0])
    assert x[:, lazy.array(idx)].shape == a[:, idx].shape
    np.testing.assert_array_equal(x[:, lazy.array(idx)].compute(), a[:, idx])
    mask = a > 10
    picked = x[lazy.array(mask)]
    assert picked.shape == (None,)  # data-dependent: unknown until computed
    picked.compute()
    assert picked.shape == a[mask].shape
    np.testing.assert_array_equal(x[x > 10].compute(), a[a > 10])


def test_setitem_is_a_functional_update():
    a = np.zeros((2, 3))
    x = lazy.array(a)
    x[0, 1] = 5.0
    x[1] = lazy.asarray([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(x.compute(), [[0, 5, 0], [1, 2, 3]])
    assert (a == 0).all()  # the wrapped array is not modified


def test_conversions_compute_and_strict_mode_raises():
    x = lazy.array(np.arange(3.0))
    s = lazy.sum(x)
    assert float(s) == 3.0 and int(s) == 3 and bool(s) and complex(s) == 3
    assert operator.index(lazy.asarray(2)) == 2
    np.testing.assert_array_equal(np.asarray(x * 2), [0, 2, 4])
    with lazy.strict():
        y = lazy.sum(x) + 1
        for convert in (bool, int, float, complex, operator.index, np.asarray,
                        lambda v: v.__dlpack__()):
            with pytest.raises(lazy.StrictModeError, match="strict"):
                convert(y)
    assert float(y) == 4.0


def test_compute_frees_function_and_arguments():
    x = lazy.array(np.ones(3))
    y = lazy.exp(x) + 1
    z = y * 2
    assert lazy.history_num_nodes(z) == 4
    data = lazy.compute({"z": z, "both": [y, z]})
    np.testing.assert_allclose(data["z"], (np.exp(1) + 1) * 2)
    assert z._fn is None and z._args is None and z._deps is None


def test_variables_get_values_at_compute():
    v = lazy.Variable((3,), "float64")
    y = lazy.sin(v) * 2
    with pytest.raises(ValueError, match="Variable"):
        y.compute()
    np.testing.assert_allclose(lazy.compute(y, {v: np.ones(3)}), 2 * np.sin(1))


def test_deep_chain_computes_without_recursion():
    x = lazy.array(np.ones(2))
    y = x
    for _ in range(200_000):
        y = y + 1.0
    np.testing.assert_array_equal(y.compute(), [200_001.0, 200_001.0])


def test_data_dependent_sizes_are_known_once_computed():
    x = lazy.array(np.array([3, 1, 3, 2]))
    values = lazy.unique_values(x)
    assert values.shape == (None,)
    np.testing.assert_array_equal(values.compute(), [1, 2, 3])
    assert values.shape == (3,)
    vals, counts = lazy.unique_counts(x)
    np.testing.assert_array_equal(counts.compute(), [1, 1, 2])
    assert counts.shape == (3,) and vals.shape == (None,)  # vals is not computed yet
    repeated = lazy.repeat(x, lazy.asarray([1, 0, 2, 1]), axis=0)
    assert repeated.shape == (None,)
    assert repeated.compute().shape == (4,) and repeated.shape == (4,)
    assert lazy.unique_values(lazy.Variable((4,), "int64")).shape == (None,)


def test_repr_and_show(capsys):
    x = lazy.array(np.ones((2, 2)))
    y = lazy.exp(x) + x
    assert repr(y) == "LazyArray(fn=add, shape=(2, 2), dtype=float64, backend='numpy', device='cpu')"
    y.show()
    out = capsys.readouterr().out
    assert "exp(#)" in out and "from line" in out


def test_default_backend_and_backend_keyword():
    import array_api_strict as strict

    with lazy.default_backend("array_api_strict"):
        z = lazy.zeros((2,))
        assert z.backend == "array_api_strict" and z.dtype == strict.float64
    assert lazy.default_backend() == "numpy"
    w = lazy.ones(3, dtype=lazy.float32, backend="array_api_strict")
    assert w.dtype == strict.float32
    assert isinstance((w + 1).compute(), type(strict.ones(1)))
    with pytest.raises(TypeError, match="two libraries"):
        w + lazy.ones(3, dtype=lazy.float32)
    # asarray brings another library's array to the backend; lazy.array wraps as it is
    converted = lazy.asarray(np.arange(3.0), backend="array_api_strict")
    assert converted.backend == "array_api_strict" and converted.dtype == strict.float64
    assert lazy.array(np.arange(3.0)).backend == "numpy"


def test_beyond_the_standard_names_use_the_wrapped_library():
    a = np.arange(4.0).reshape(2, 2)
    x = lazy.array(a)
    np.testing.assert_allclose(lazy.linalg.norm(x).compute(), np.linalg.norm(a))
    np.testing.assert_allclose(lazy.kron(x, x).compute(), np.kron(a, a))
    np.testing.assert_allclose(lazy.einsum("ij,jk->ik", x, x).compute(), a @ a)
    with pytest.raises(AttributeError, match="no function"):
        lazy.not_a_function_anywhere


def test_import_arraycompat_does_not_import_lazy():
    import subprocess
    import sys

    code = "import arraycompat, sys; assert 'arraycompat.lazy' not in sys.modules; " \
           "print(arraycompat.lazy.__array_api_version__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2025.12"


def test_get_namespace_resolves_lazy_arrays_to_the_lazy_namespace():
    import arraycompat

    x = lazy.ones(3)
    xp = arraycompat.get_namespace(x)
    assert xp.name == "lazy" and xp.standard is lazy
    assert arraycompat.is_lazy_array(x)
    assert float(xp.sum(x)) == 3.0
    assert xp.linalg.norm(x).shape == ()


def test_setitem_leaves_earlier_dependents_reading_the_old_value():
    a = np.zeros(3)
    x = lazy.array(a)
    y = x * 2 + 1
    stacked = lazy.stack([x, y])
    picked = x[lazy.asarray([0, 1])]
    x[1] = 7.0
    eager = a.copy()
    eager_y = eager * 2 + 1
    eager_stacked = np.stack([eager.copy(), eager_y])
    eager_picked = eager[[0, 1]]
    eager[1] = 7.0
    np.testing.assert_array_equal(x.compute(), eager)
    np.testing.assert_array_equal(y.compute(), eager_y)
    np.testing.assert_array_equal(stacked.compute(), eager_stacked)
    np.testing.assert_array_equal(picked.compute(), eager_picked)


def test_setitem_reading_x_itself_and_later_writes_to_the_value():
    a = np.arange(4.0)
    x = lazy.array(a)
    v = x * 10
    x[x > 1] = 0.0  # the mask reads x before the write
    x[:] = x + 1  # so does the value
    y = x[0:2] * 1
    v[0] = -1.0  # x was written with v's old value: it keeps it
    x[0] = v[3]  # v's new value
    eager = a.copy()
    eager_v = eager * 10
    eager[eager > 1] = 0.0
    eager[:] = eager + 1
    eager_y = eager[0:2] * 1
    eager_v[0] = -1.0
    eager[0] = eager_v[3]
    np.testing.assert_array_equal(x.compute(), eager)
    np.testing.assert_array_equal(y.compute(), eager_y)
    np.testing.assert_array_equal(v.compute(), eager_v)


def test_setitem_costs_the_dependents_not_the_heap(monkeypatch):
    import gc

    def refuse(*objs):
        raise AssertionError("x[key] = value asked the garbage collector for referrers")

    monkeypatch.setattr(gc, "get_referrers", refuse)
    x = lazy.array(np.zeros(3))
    ys = [x + float(i) for i in range(100)]
    held = {"x": [x]}
    for i in range(3):
        x[i] = 1.0
    assert held["x"][0] is x
    np.testing.assert_array_equal(x.compute(), [1.0, 1.0, 1.0])
    np.testing.assert_array_equal(lazy.stack(ys).compute()[:, 0], np.arange(100.0))


def test_compute_of_a_list_that_holds_itself():
    x = lazy.array(np.arange(2.0))
    tree = [x + 1]
    tree.append(tree)
    out = lazy.compute(tree)
    assert out[1] is out and isinstance(out, list)
    np.testing.assert_array_equal(out[0], [1.0, 2.0])


def test_compute_keeps_scipy_result_objects():
    stats = pytest.importorskip("scipy.stats", reason="SciPy's result objects carry extra fields")
    x = lazy.array(np.arange(5.0))
    eager = stats.ttest_1samp(np.arange(5.0), 1.0)
    result = type(eager).__new__(type(eager), x + 1, x * 2, df=x - 1, alternative="less",
                                 standard_error=x, estimate=x)
    result.__dict__.update(df=x - 1, alternative="less", standard_error=x, estimate=x)
    out = lazy.compute(result)
    assert type(out) is type(eager) and out.alternative == "less"
    np.testing.assert_array_equal(out.statistic, np.arange(5.0) + 1)
    np.testing.assert_array_equal(out.df, np.arange(5.0) - 1)


def test_in_place_refusals_match_eager():
    a = np.array([1, 2, 3], dtype=np.int32)
    with pytest.raises(Exception) as eager:
        a += 1.5
    x = lazy.array(np.array([1, 2, 3], dtype=np.int32))
    with pytest.raises(eager.type):
        x += 1.5
    f = lazy.asarray([1.0, 2.0], dtype=lazy.float32)
    f += lazy.asarray([1.0, 1.0])  # float64 into float32: same kind, allowed
    assert f.dtype == np.float32


def test_a_failed_compute_can_be_retried():
    singular = lazy.array(np.zeros((2, 2)))
    y = lazy.linalg.inv(singular + lazy.asarray(0.0)) * 2
    for _ in range(2):  # the graph is left as it was: the same error again
        with pytest.raises(np.linalg.LinAlgError):
            y.compute()


def test_strict_mode_keeps_trace_time_errors_as_they_are():
    a = np.ones((2, 3))
    with pytest.raises(Exception) as eager:
        np.sum(a, axis=5)
    x = lazy.array(a) + 1
    with lazy.strict():
        with pytest.raises(eager.type):
            lazy.sum(x, axis=5)
    with pytest.raises(eager.type):
        lazy.sum(x, axis=5)
    assert not x.is_computed  # the error came from stand-ins, nothing was computed


def test_list_operand_is_a_clear_type_error_not_a_forced_repetition():
    x = lazy.Variable((3,), "float64")
    for op in (lambda: x * [3.0], lambda: [3.0] * x, lambda: x + (1.0,)):
        with pytest.raises(TypeError, match=r"is not an array operand.*xp\.asarray"):
            op()
