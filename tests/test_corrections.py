"""The per-library correction layers (arraycompat/core/_corrections/): what they fix, checked
against Python's own arithmetic and the standard's special cases, and that names
with nothing to fix are array-api-compat's very objects."""

import math
import random

import numpy
import pytest

import arraycompat
from arraycompat.core._corrections import CorrectedNamespace, corrected, corrected_names

from conftest import import_or_skip

INF, NAN = math.inf, math.nan


def _same_float(a: float, b: float) -> bool:
    """Equal, with NaN equal to NaN and the sign of a zero compared."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def _same_complex(a: complex, b: complex) -> bool:
    return _same_float(a.real, b.real) and _same_float(a.imag, b.imag)


# ------------------------------------------------------------------ the layer itself
def test_numpy_namespace_is_corrected_and_other_names_are_compat_objects():
    import array_api_compat.numpy as compat

    xp = arraycompat.namespace_for("numpy")
    assert isinstance(xp.standard, CorrectedNamespace)
    assert xp.standard.__wrapped__ is compat
    assert xp.standard.__name__ == "array_api_compat.numpy"
    for name in ("add", "multiply", "matmul", "sum", "mean", "where", "asarray", "float32"):
        assert getattr(xp, name) is getattr(compat, name), name
    assert xp.linalg.standard is compat.linalg  # nothing corrected below linalg for numpy
    for name in corrected_names("numpy"):
        assert getattr(xp, name) is not getattr(compat, name), name
    assert "floor_divide" in dir(xp.standard)


def test_libraries_without_corrections_keep_their_namespace():
    strict = import_or_skip("array_api_strict")
    assert corrected("array_api_strict", strict) is strict
    assert corrected("numpy", None) is None


def test_missing_attribute_names_the_wrapped_module():
    xp = arraycompat.namespace_for("numpy")
    with pytest.raises(AttributeError, match="array_api_compat.numpy"):
        xp.standard.no_such_function


# ------------------------------------------------------------------ numpy
@pytest.mark.parametrize("dtype", ["float32", "float64", "complex64", "complex128"])
def test_numpy_finfo_attributes_are_python_floats(dtype):
    xp = arraycompat.namespace_for("numpy")
    for arg in (getattr(xp, dtype), xp.asarray(1, dtype=getattr(xp, dtype))):
        info = xp.finfo(arg)
        assert type(info.bits) is int
        for attr in ("eps", "max", "min", "smallest_normal"):
            assert type(getattr(info, attr)) is float, attr
        assert info.eps == float(numpy.finfo(dtype).eps)
        assert info.dtype == numpy.finfo(dtype).dtype
        assert info.resolution == numpy.finfo(dtype).resolution  # the rest passes through


@pytest.mark.parametrize("dtype", ["int8", "uint16", "int64", "uint64"])
def test_numpy_iinfo_attributes_are_python_ints(dtype):
    xp = arraycompat.namespace_for("numpy")
    info = xp.iinfo(getattr(xp, dtype))
    assert (type(info.max), type(info.min), info.max) == (int, int, int(numpy.iinfo(dtype).max))
    assert info.dtype == numpy.dtype(dtype)


# (x1, x2, expected) from the standard's floor_divide special cases
FLOOR_DIVIDE_CASES = [
    (INF, 2.0, INF), (INF, -2.0, -INF), (-INF, 2.0, -INF), (-INF, -2.0, INF),
    (3.0, INF, 0.0), (-3.0, INF, -0.0), (3.0, -INF, -0.0), (-3.0, -INF, 0.0),
    (7.0, 2.0, 3.0), (-7.0, 2.0, -4.0), (INF, INF, NAN), (NAN, 1.0, NAN),
]


def _floor_divide_check(xp, make):
    x1 = make([c[0] for c in FLOOR_DIVIDE_CASES])
    x2 = make([c[1] for c in FLOOR_DIVIDE_CASES])
    out = xp.floor_divide(x1, x2)
    if hasattr(out, "compute"):
        out = out.compute()
    for (a, b, want), got in zip(FLOOR_DIVIDE_CASES, out.tolist()):
        assert _same_float(got, want), (a, b, got, want)


def test_numpy_floor_divide_with_infinities():
    xp = arraycompat.namespace_for("numpy")
    with numpy.errstate(all="ignore"):
        _floor_divide_check(xp, lambda v: numpy.asarray(v, dtype=numpy.float64))
        assert xp.floor_divide(numpy.asarray([INF]), 2.0).tolist() == [INF]  # a Python scalar operand
    assert xp.floor_divide(numpy.asarray([7, -7]), 2).tolist() == [3, -4]  # integers untouched


# (input, expected) from the standard's complex expm1 special cases
EXPM1_CASES = [
    (complex(0.0, 0.0), complex(0.0, 0.0)),
    (complex(-0.0, 0.0), complex(0.0, 0.0)),
    (complex(INF, 0.0), complex(INF, 0.0)),
    (complex(INF, INF), complex(INF, NAN)),
    (complex(INF, NAN), complex(INF, NAN)),
    (complex(-INF, INF), complex(-1.0, 0.0)),
    (complex(-INF, NAN), complex(-1.0, 0.0)),
    (complex(NAN, 0.0), complex(NAN, 0.0)),
    (complex(1.0, 1.0), complex(math.e * math.cos(1.0) - 1.0, math.e * math.sin(1.0))),
]


def test_numpy_complex_expm1_tanh_sign_special_cases():
    xp = arraycompat.namespace_for("numpy")
    with numpy.errstate(all="ignore"):
        out = xp.expm1(numpy.asarray([c[0] for c in EXPM1_CASES]))
        for (z, want), got in zip(EXPM1_CASES, out.tolist()):
            if math.isfinite(want.real) and want.real not in (0.0, -1.0):
                assert abs(got - want) < 1e-12, z
            else:
                assert _same_complex(got, want), (z, got, want)
        tanh = xp.tanh(numpy.asarray([complex(INF, 2.0), complex(INF, -2.0)])).tolist()
        assert _same_complex(tanh[0], complex(1.0, 0.0)) and _same_complex(tanh[1], complex(1.0, -0.0))
        assert _same_complex(xp.sign(numpy.asarray(complex(-0.0, -0.0)))[()], complex(0.0, 0.0))
    assert xp.expm1(numpy.asarray([0.5])).tolist() == [math.expm1(0.5)]  # real input untouched


# ------------------------------------------------------------------ torch
@pytest.fixture
def torch_xp():
    torch = import_or_skip("torch")
    return torch, arraycompat.namespace_for("torch")


def test_torch_finfo_iinfo_dtype_is_a_torch_dtype(torch_xp):
    torch, xp = torch_xp
    assert xp.finfo(torch.complex64).dtype is torch.float32
    assert xp.finfo(torch.ones(1, dtype=torch.float64)).dtype is torch.float64
    assert type(xp.finfo(torch.float32).eps) is float
    for dtype in (torch.int8, torch.uint8, torch.uint16, torch.uint64):
        info = xp.iinfo(dtype)
        assert info.dtype is dtype and type(info.max) is int


def test_torch_broadcast_shapes_raises_value_error(torch_xp):
    torch, xp = torch_xp
    assert xp.broadcast_shapes((3, 1), (1, 4)) == (3, 4)
    with pytest.raises(ValueError, match=r"\(3,\), \(4,\)"):
        xp.broadcast_shapes((3,), (4,))


def test_torch_floor_divide_and_remainder_special_cases(torch_xp):
    torch, xp = torch_xp
    _floor_divide_check(xp, lambda v: torch.tensor(v, dtype=torch.float64))
    out = xp.remainder(torch.tensor([0.0, -0.0, 4.0, 5.0]), torch.tensor([-2.0, 2.0, -2.0, 3.0])).tolist()
    assert [math.copysign(1, v) for v in out[:3]] == [-1, 1, -1] and out[3] == 2.0


def test_torch_complex_special_cases(torch_xp):
    torch, xp = torch_xp
    out = xp.expm1(torch.tensor([c[0] for c in EXPM1_CASES], dtype=torch.complex128)).tolist()
    for (z, want), got in zip(EXPM1_CASES[:-1], out[:-1]):
        assert _same_complex(got, want), (z, got, want)
    acos = xp.acos(torch.tensor([complex(0.0, 0.0), complex(-0.0, -0.0)], dtype=torch.complex128)).tolist()
    assert _same_complex(acos[0], complex(math.pi / 2, -0.0)) and _same_complex(acos[1], complex(math.pi / 2, 0.0))
    tanh = xp.tanh(torch.tensor([complex(INF, 2.0), complex(INF, -2.0)], dtype=torch.complex128)).tolist()
    assert _same_complex(tanh[0], complex(1.0, 0.0)) and _same_complex(tanh[1], complex(1.0, -0.0))
    log1p = xp.log1p(torch.tensor([complex(INF, NAN), complex(NAN, -INF)], dtype=torch.complex128)).tolist()
    assert all(_same_complex(v, complex(INF, NAN)) for v in log1p)


def test_torch_unique_all(torch_xp):
    torch, xp = torch_xp
    x = torch.tensor([[3.0, 1.0], [3.0, NAN]])
    values, indices, inverse, counts = xp.unique_all(x)
    assert values.tolist()[:2] == [1.0, 3.0] and math.isnan(values.tolist()[2])
    assert indices.tolist() == [1, 0, 3] and counts.tolist() == [1, 2, 1]
    assert inverse.shape == x.shape and torch.equal(values[inverse.reshape(-1)][:3], x.reshape(-1)[:3])
    z = torch.tensor([1 + 1j, 2j, 1 + 1j])
    values, indices, inverse, counts = xp.unique_all(z)
    assert values.tolist() == [2j, 1 + 1j] and indices.tolist() == [1, 0] and counts.tolist() == [1, 2]


def test_torch_std_var_fractional_correction(torch_xp):
    torch, xp = torch_xp
    x = torch.tensor([[1.0, 2.0, 4.0, 8.0], [0.0, 1.0, 0.0, 1.0]], dtype=torch.float64)
    rows = x.tolist()
    for axis, groups in ((1, rows), (None, [sum(rows, [])])):
        want = []
        for g in groups:
            mean = sum(g) / len(g)
            want.append(sum((v - mean) ** 2 for v in g) / (len(g) - 0.5))
        got = xp.var(x, axis=axis, correction=0.5)
        assert torch.allclose(got.reshape(-1), torch.tensor(want, dtype=torch.float64))
        assert torch.allclose(xp.std(x, axis=axis, correction=0.5).reshape(-1), torch.tensor(want).sqrt().double())
    assert torch.equal(xp.std(x, axis=1, correction=1.0), x.std(dim=1, correction=1))


UNSIGNED = ["uint16", "uint32", "uint64"]


def _values(bits: int, n: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    edge = [0, 1, 2**bits - 1, 2 ** (bits - 1), 2 ** (bits - 1) - 1]
    return edge + [rng.randrange(2**bits) for _ in range(n - len(edge))]


def _unsigned_tensor(torch, values: list[int], dtype):
    """A uint16/32/64 tensor holding ``values`` (built from int64 bits: torch cannot
    convert a Python int above 2**63 - 1)."""
    bits = torch.tensor([v - 2**64 if v >= 2**63 else v for v in values], dtype=torch.int64)
    return bits.view(dtype) if dtype is torch.uint64 else bits.to(dtype)


@pytest.mark.parametrize("name", UNSIGNED)
def test_torch_unsigned_arithmetic_matches_python(torch_xp, name):
    import bisect

    torch, xp = torch_xp
    dtype = getattr(torch, name)
    bits = int(name[4:])
    mod = 2**bits
    a_vals, b_vals = _values(bits, 40, 1), _values(bits, 40, 2)[::-1]
    a, b = _unsigned_tensor(torch, a_vals, dtype), _unsigned_tensor(torch, b_vals, dtype)
    assert a.tolist() == a_vals and b.tolist() == b_vals
    pairs = list(zip(a_vals, b_vals))
    checks = {
        "add": [(x + y) % mod for x, y in pairs],
        "subtract": [(x - y) % mod for x, y in pairs],
        "multiply": [(x * y) % mod for x, y in pairs],
        "bitwise_xor": [x ^ y for x, y in pairs],
        "less": [x < y for x, y in pairs],
        "greater_equal": [x >= y for x, y in pairs],
        "not_equal": [x != y for x, y in pairs],
    }
    for fn, want in checks.items():
        out = getattr(xp, fn)(a, b)
        assert out.tolist() == want, fn
        assert out.dtype is (torch.bool if isinstance(want[0], bool) else dtype), fn
    nonzero = [v or 1 for v in b_vals]
    divisor = _unsigned_tensor(torch, nonzero, dtype)
    assert xp.floor_divide(a, divisor).tolist() == [x // y for x, y in zip(a_vals, nonzero)]
    assert xp.remainder(a, divisor).tolist() == [x % y for x, y in zip(a_vals, nonzero)]
    shifts = _unsigned_tensor(torch, [v % bits for v in b_vals], dtype)
    assert xp.bitwise_right_shift(a, shifts).tolist() == [x >> (y % bits) for x, y in pairs]
    assert xp.bitwise_left_shift(a, shifts).tolist() == [(x << (y % bits)) % mod for x, y in pairs]
    assert xp.bitwise_invert(a).tolist() == [mod - 1 - x for x in a_vals]
    assert xp.abs(a).tolist() == a_vals
    assert int(xp.count_nonzero(a)) == sum(1 for x in a_vals if x)
    total = xp.sum(a)
    assert total.dtype is torch.uint64 and total.item() == sum(a_vals) % 2**64
    assert xp.clip(a, min=5, max=mod - 3).tolist() == [min(max(x, 5), mod - 3) for x in a_vals]
    assert xp.where(xp.less(a, b), a, b).tolist() == [min(x, y) for x, y in pairs]
    ordered = sorted(set(a_vals))
    found = xp.searchsorted(_unsigned_tensor(torch, ordered, dtype), b)
    assert found.tolist() == [bisect.bisect_left(ordered, y) for y in b_vals]
    assert xp.isin(a, b).tolist() == [x in set(b_vals) for x in a_vals]


def test_torch_unsigned_promotion_and_mixed_signs(torch_xp):
    torch, xp = torch_xp
    u16, i8, u8, u32, u64 = torch.uint16, torch.int8, torch.uint8, torch.uint32, torch.uint64
    assert xp.result_type(u16, i8) is torch.int32
    assert xp.result_type(u32, torch.int16) is torch.int64
    assert xp.result_type(u8, u64, u16) is u64
    assert xp.result_type(torch.ones(1, dtype=u16), 1.0) is torch.float32
    assert xp.result_type(torch.float32, torch.int8) is torch.float32  # untouched path
    with pytest.raises(TypeError, match="uint64"):
        xp.result_type(u64, torch.int64)
    out = xp.add(torch.tensor([65535], dtype=u16), torch.tensor([-1], dtype=i8))
    assert out.dtype is torch.int32 and out.tolist() == [65534]
    m = xp.matmul(torch.tensor([[70000, 2]], dtype=u32), torch.tensor([[70000], [3]], dtype=u32))
    assert m.dtype is u32 and m.tolist() == [[(70000 * 70000 + 6) % 2**32]]
    assert xp.linalg.cross(torch.tensor([1, 2, 3], dtype=u16), torch.tensor([3, 2, 1], dtype=u16)).tolist() == [
        (-4) % 2**16, 8, (-4) % 2**16]
    assert xp.sum(torch.tensor([200, 100], dtype=u8)).dtype is u64
    assert xp.cumulative_sum(torch.tensor([200, 100], dtype=u8)).tolist() == [200, 300]
    assert xp.linalg.trace(torch.tensor([[1, 0], [0, 2]], dtype=u8)).dtype is u64
    assert xp.diff(torch.tensor([5, 3], dtype=u64)).tolist() == [2**64 - 2]


def test_torch_hot_path_dtypes_unchanged(torch_xp):
    torch, xp = torch_xp
    x = torch.ones(3, dtype=torch.float32)
    assert xp.add(x, x).dtype is torch.float32 and xp.sum(x).dtype is torch.float32
    assert xp.sum(torch.ones(3, dtype=torch.int8)).dtype is torch.int64
    assert xp.where(x > 0, x, 0.0).tolist() == [1.0, 1.0, 1.0]


# ------------------------------------------------------------------ dask
def test_dask_corrections_stay_lazy():
    da = import_or_skip("dask.array")
    import dask

    xp = arraycompat.namespace_for("dask")
    assert type(xp.finfo(xp.float32).eps) is float
    calls = []

    def count(*args, **kwargs):
        calls.append(1)
        return dask.get(*args, **kwargs)

    z = da.from_array(numpy.asarray([complex(INF, 0.0), complex(1.0, 1.0)]), chunks=1)
    with dask.config.set(scheduler=count):
        out = xp.expm1(z)
        fd = xp.floor_divide(da.from_array(numpy.asarray([INF, -3.0]), chunks=1), 2.0)
    assert calls == [] and isinstance(out, da.Array)
    assert _same_complex(complex(out.compute()[0]), complex(INF, 0.0))
    assert fd.compute().tolist() == [INF, -2.0]


def test_torch_fast_paths_give_array_api_compat_results(torch_xp):
    """Where the correction layer skips array-api-compat's wrapper (one dtype: nothing to
    promote), the results are the wrapper's, values, dtypes and shapes."""
    torch, xp = torch_xp
    import array_api_compat.torch as compat

    m = torch.arange(12.0).reshape(3, 4)
    z = torch.tensor(2.0, dtype=torch.float64)  # a 0-D operand: torch would downcast it
    cases = [
        ("add", (m, m), {}), ("add", (m, z), {}), ("multiply", (m, 2), {}),
        ("matmul", (m, m.T), {}), ("matmul", (m, m.T.double()), {}),
        ("sum", (m,), {}), ("sum", (m,), {"axis": 0}), ("sum", (m,), {"axis": (0, 1), "keepdims": True}),
        ("sum", (m,), {"axis": ()}), ("sum", (m,), {"axis": None, "keepdims": True}),
        ("sum", (m,), {"axis": 1, "dtype": torch.float64}), ("prod", (m + 1,), {}),
        ("where", (m > 3, m, 0.5), {}), ("where", (m > 3, m, m.double()), {}), ("where", (m > 3, m, -m), {}),
        ("less", (m, z), {}), ("equal", (m, m), {}),
    ]
    for name, args, kwargs in cases:
        ours, theirs = getattr(xp, name)(*args, **kwargs), getattr(compat, name)(*args, **kwargs)
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape, (name, kwargs)
        assert torch.equal(ours, theirs), (name, kwargs)


def test_torch_complex_log1p_special_cases(torch_xp):
    torch, xp = torch_xp
    cases = [
        (complex(2.0, INF), complex(INF, math.pi / 2)), (complex(2.0, -INF), complex(INF, -math.pi / 2)),
        (complex(-INF, INF), complex(INF, 3 * math.pi / 4)), (complex(INF, INF), complex(INF, math.pi / 4)),
        (complex(INF, NAN), complex(INF, NAN)), (complex(NAN, INF), complex(INF, NAN)),
    ]
    out = xp.log1p(torch.tensor([c[0] for c in cases], dtype=torch.complex128)).tolist()
    for (z, want), got in zip(cases, out):
        assert _same_complex(got, want), (z, got, want)
    assert abs(xp.log1p(torch.tensor([1j], dtype=torch.complex128)).item() - complex(math.log(2) / 2, math.pi / 4)) < 1e-12


# ------------------------------------------------------------------ the official suite
@pytest.mark.skipif(
    not __import__("os").environ.get("ARRAY_API_TESTS_DIR"),
    reason="the official array-api-tests suite is not assembled here: set ARRAY_API_TESTS_DIR "
    "(see conformance/README.md)",
)
def test_official_suite_passes_what_array_api_compat_fails():
    """Tests array_api_compat.numpy fails (conformance/README.md) pass on arraycompat's numpy."""
    from arraycompat.cli import _conformance as conformance

    special = "array_api_tests/test_special_cases.py::test_binary"
    ids = [
        "array_api_tests/test_data_type_functions.py::test_finfo",
        f"{special}[floor_divide(x1_i is +infinity and isfinite(x2_i) and x2_i > 0) -> +infinity]",
        f"{special}[floor_divide(isfinite(x1_i) and x1_i < 0 and x2_i is +infinity) -> -0]",
        "array_api_tests/test_special_cases.py::test_unary[expm1(real(x_i) is +infinity and imag(x_i) is +0) -> +infinity + 0j]",
    ]
    summary = conformance.run_suite("numpy", max_examples=5, workers=0, test_ids=ids, derandomize=True)
    assert summary.counts["total"] == 7 and summary.counts["passed"] == 7, summary.failing


@pytest.fixture
def dask_xp():
    da = import_or_skip("dask.array")
    return da, arraycompat.namespace_for("dask")


def test_dask_linalg_matches_numpy_per_matrix_and_stays_lazy(dask_xp):
    da, xp = dask_xp
    import dask

    n = numpy.random.default_rng(0).normal(size=(3, 4, 4))
    x = da.from_array(n, chunks=(1, 2, 2))
    calls = []
    with dask.config.set(scheduler=lambda *a, **k: calls.append(1) or dask.get(*a, **k)):
        results = {
            "det": xp.linalg.det(x), "inv": xp.linalg.inv(x), "pinv": xp.linalg.pinv(x[:, :, :3]),
            "slogdet": xp.linalg.slogdet(x), "eigvalsh": xp.linalg.eigvalsh(x + numpy.swapaxes(n, -1, -2)),
            "svdvals": xp.linalg.svdvals(x), "matrix_power": xp.linalg.matrix_power(x, 3),
            "eigvals": xp.linalg.eigvals(x), "svd": xp.linalg.svd(x[:, :, :3]),
        }
    assert calls == []  # building them computed nothing
    assert numpy.allclose(results["det"].compute(), numpy.linalg.det(n))
    assert numpy.allclose(results["inv"].compute(), numpy.linalg.inv(n))
    assert numpy.allclose(results["pinv"].compute(), numpy.linalg.pinv(n[:, :, :3]))
    assert numpy.allclose(results["slogdet"].logabsdet.compute(), numpy.linalg.slogdet(n)[1])
    assert numpy.allclose(results["eigvalsh"].compute(), numpy.linalg.eigvalsh(n + numpy.swapaxes(n, -1, -2)))
    assert numpy.allclose(results["svdvals"].compute(), numpy.linalg.svd(n, compute_uv=False))
    assert numpy.allclose(results["matrix_power"].compute(), numpy.linalg.matrix_power(n, 3))
    assert results["eigvals"].dtype == numpy.complex128  # always complex, as the standard has it
    u, s, vh = results["svd"]
    assert (u.shape, s.shape, vh.shape) == ((3, 4, 4), (3, 3), (3, 3, 3))  # full_matrices=True
    assert xp.linalg.inv(x.astype("float32")).dtype == numpy.float32
    assert xp.linalg.matrix_rank(x).compute().tolist() == [4, 4, 4]
    assert xp.linalg.inv(da.zeros((0, 0))).shape == (0, 0)
    with pytest.raises(TypeError, match="tol"):
        xp.linalg.pinv(x, tol=1.0)
    cross = xp.linalg.cross(da.asarray([[1, 2, 3]]), da.asarray([3, 2, 1])).compute()
    assert cross.tolist() == numpy.cross([[1, 2, 3]], [3, 2, 1]).tolist()


def test_dask_missing_and_wrong_functions(dask_xp):
    da, xp = dask_xp
    assert xp.broadcast_shapes((2, 1), (3,), ()) == (2, 3)
    with pytest.raises(ValueError, match=r"\(3,\), \(4,\)"):
        xp.broadcast_shapes((3,), (4,))
    assert xp.eye(1, 3, k=2).compute().tolist() == [[0.0, 0.0, 1.0]]  # dask's own loses this block
    assert xp.eye(3, dtype=xp.int8).compute().tolist() == numpy.eye(3, dtype="int8").tolist()
    assert xp.linspace(-10.0, -6.63260991420605, 7)[-1].compute() == -6.63260991420605
    a = numpy.asarray([[10, 20, 30], [40, 50, 60]])
    idx = numpy.asarray([[2, 0], [1, 1]])
    got = xp.take_along_axis(da.from_array(a, chunks=1), da.from_array(idx, chunks=1), axis=1)
    assert got.compute().tolist() == numpy.take_along_axis(a, idx, axis=1).tolist()
    assert xp.repeat(da.asarray([[1, 2], [3, 4]]), 2).compute().tolist() == [1, 1, 2, 2, 3, 3, 4, 4]
    empty = xp.repeat(da.zeros((0, 2), dtype="int8"), 3, axis=1)
    assert empty.shape == (0, 6) and empty.dtype == numpy.int8
    tanh = xp.tanh(da.from_array(numpy.asarray([complex(INF, -2.0), complex(INF, 2.0)]))).compute().tolist()
    assert _same_complex(tanh[0], complex(1.0, -0.0)) and _same_complex(tanh[1], complex(1.0, 0.0))
    found = xp.searchsorted(da.asarray([1, 2, 3]), 2)
    assert found.shape == () and int(found.compute()) == 1
    u16 = numpy.asarray([[200, 100]], dtype="uint16")
    out = xp.tensordot(da.from_array(u16), da.from_array(u16.T), axes=1)
    assert out.dtype == numpy.uint16 and out.compute().tolist() == numpy.tensordot(u16, u16.T, axes=1).tolist()
    assert xp.from_dlpack(numpy.arange(3)).compute().tolist() == [0, 1, 2]


def test_jax_corrections_trace_under_jit():
    jax = import_or_skip("jax")
    jnp = jax.numpy
    xp = arraycompat.namespace_for("jax")
    assert xp.add is jnp.add  # nothing to fix: jax's own function
    assert type(xp.finfo(jnp.float32).eps) is float and xp.finfo(jnp.complex64).dtype == jnp.float32
    x1 = jnp.asarray([INF, -INF, 3.0, -3.0, 7.0], dtype=jnp.float32)
    x2 = jnp.asarray([2.0, 2.0, -INF, INF, 2.0], dtype=jnp.float32)
    for floor_divide in (xp.floor_divide, jax.jit(xp.floor_divide)):
        got = floor_divide(x1, x2).tolist()
        assert all(_same_float(g, w) for g, w in zip(got, [INF, -INF, -0.0, -0.0, 3.0])), got
    rem = xp.remainder(jnp.asarray([0.0, -0.0, 4.0]), jnp.asarray([-2.0, 2.0, -2.0])).tolist()
    assert [math.copysign(1, v) for v in rem] == [-1, 1, -1]
    z = jnp.asarray([complex(INF, INF), complex(-INF, INF), complex(NAN, 0.0)], dtype=jnp.complex64)
    for expm1 in (xp.expm1, jax.jit(xp.expm1)):
        got = expm1(z).tolist()
        want = [complex(INF, NAN), complex(-1.0, 0.0), complex(NAN, 0.0)]
        assert all(_same_complex(g, w) for g, w in zip(got, want)), got
    assert _same_complex(xp.sign(jnp.asarray([complex(-0.0, -0.0)])).tolist()[0], complex(0.0, 0.0))


def test_torch_isin_correction_passes_torchs_own_keywords_on():
    # array-api-extra calls xp.isin(a, b, assume_unique=..., invert=...) on torch
    torch = import_or_skip("torch")
    import arraycompat

    xp = arraycompat.get_namespace(torch.ones(1))
    a, b = torch.asarray([1, 2, 3]), torch.asarray([2, 5])
    out = xp.isin(a, b, assume_unique=True, invert=True)
    assert out.tolist() == torch.isin(a, b, assume_unique=True, invert=True).tolist()
    assert xp.isin(a, b).tolist() == [False, True, False]


def _keywords_dropped(library: str, compat) -> list[str]:
    """The corrected names of ``library`` whose wrapper cannot take every keyword the
    wrapped function takes (a builtin or ufunc, whose keywords inspect cannot list,
    must be passed ``**kwargs``)."""
    import inspect

    xp = corrected(library, compat)
    dropped = []
    for name in corrected_names(library):
        base, fn = compat, xp
        for part in name.split("."):
            base, fn = getattr(base, part), getattr(fn, part)
        own = inspect.signature(fn, follow_wrapped=False).parameters.values()
        if any(p.kind is p.VAR_KEYWORD for p in own):
            continue
        try:
            wanted = [
                p.name for p in inspect.signature(base).parameters.values()
                if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_KEYWORD)
            ]
        except ValueError:  # a builtin: its keywords are unknown, so all must pass
            wanted = ["**kwargs"]
        if set(wanted) - {p.name for p in own}:
            dropped.append(name)
    return dropped


def test_no_correction_narrows_the_library_signature():
    import array_api_compat.numpy as np_compat

    assert _keywords_dropped("numpy", np_compat) == []
    torch_compat = pytest.importorskip("array_api_compat.torch", reason="torch is optional")
    assert _keywords_dropped("torch", torch_compat) == []


def test_library_keywords_survive_the_corrections_on_numpy():
    xp = arraycompat.get_namespace(numpy.ones(1))
    x1, x2 = numpy.asarray([INF, -1.0, 7.0]), numpy.asarray([2.0, INF, 2.0])
    buffer = numpy.zeros(3)
    assert xp.floor_divide(x1, x2, out=buffer) is buffer
    assert all(_same_float(g, w) for g, w in zip(buffer.tolist(), [INF, -0.0, 3.0])), buffer
    # where=: the fix lands only where the mask holds; elsewhere out keeps its value
    kept = numpy.full(3, 9.0)
    xp.floor_divide(x1, x2, out=kept, where=numpy.asarray([False, True, True]))
    assert all(_same_float(g, w) for g, w in zip(kept.tolist(), [9.0, -0.0, 3.0])), kept
    z = numpy.asarray([complex(0.0, -0.0), complex(1.0, 0.0)])
    assert xp.expm1(z, dtype=numpy.complex64).dtype == numpy.complex64
    assert xp.sign(z).tolist() == [0j, 1 + 0j]


def test_library_keywords_survive_the_corrections_on_torch():
    torch = import_or_skip("torch")
    xp = arraycompat.get_namespace(torch.ones(1))
    sorted_, values = torch.asarray([1.0, 2.0, 2.0, 3.0]), torch.asarray([2.0])
    got = xp.searchsorted(sorted_, values, right=True, out_int32=True)
    assert got.tolist() == [3] and got.dtype == torch.int32
    wide = torch.asarray([1, 2, 2, 3], dtype=torch.uint32)
    assert xp.searchsorted(wide, torch.asarray([2], dtype=torch.uint32), right=True).tolist() == [3]
    x = torch.asarray([[1.0, 2.0], [3.0, 5.0]])
    buffer = torch.empty(2)
    assert xp.var(x, axis=1, correction=1, out=buffer) is buffer
    assert buffer.tolist() == torch.var(x, dim=1, correction=1).tolist()
    quotient = torch.empty(2)
    assert xp.floor_divide(torch.asarray([INF, -1.0]), torch.asarray([2.0, INF]), out=quotient) is quotient
    assert all(_same_float(g, w) for g, w in zip(quotient.tolist(), [INF, -0.0])), quotient
    u16 = torch.asarray([1, 65535], dtype=torch.uint16)
    assert xp.add(u16, u16, alpha=2).tolist() == [3, (65535 * 3) % 65536]


def test_lazy_operators_use_the_corrected_functions():
    # a lazy array's operator records the backend's corrected function where the
    # library's own operator is wrong: numpy's // with infinities, torch's uint16/32 +
    from arraycompat import lazy

    x = lazy.asarray([INF, -1.0, 7.0], backend="numpy")
    y = lazy.asarray([2.0, INF, 2.0], backend="numpy")
    for got in (x // y, _floordiv_in_place(x, y)):
        assert all(_same_float(g, w) for g, w in zip(numpy.asarray(got).tolist(), [INF, -0.0, 3.0]))
    assert float((x + y)[2]) == 9.0
    torch = import_or_skip("torch")
    u = lazy.asarray(torch.tensor([1, 65535], dtype=torch.uint16), backend="torch")
    v = lazy.asarray(torch.tensor([2, 70000], dtype=torch.uint32), backend="torch")
    total = u + v
    assert total.dtype == torch.uint32 and numpy.asarray(total).tolist() == [3, 135535]
    assert numpy.asarray(u < v).tolist() == [True, True]
    assert numpy.asarray(v // u).tolist() == [2, 1]
    zero = lazy.asarray(torch.tensor([0.0, -0.0]), backend="torch")
    assert [math.copysign(1, r) for r in numpy.asarray(zero % -2.0).tolist()] == [-1, -1]


def _floordiv_in_place(x, y):
    x //= y
    return x


def test_lazy_linalg_keeps_torchs_named_results():
    # torch's linalg results are structseqs (torch.return_types.*): the standard's field
    # names must survive the lazy namespace (the suite reads .eigenvalues, .sign, .Q, .U)
    torch = import_or_skip("torch")
    from arraycompat import lazy

    x = lazy.asarray(torch.tensor([[2.0, 1.0], [1.0, 2.0]], dtype=torch.float64), backend="torch")
    eigh, slogdet = lazy.linalg.eigh(x), lazy.linalg.slogdet(x)
    assert numpy.asarray(eigh.eigenvalues).tolist() == pytest.approx([1.0, 3.0])
    assert float(slogdet.sign) == 1.0 and float(slogdet.logabsdet) == pytest.approx(math.log(3.0))
    q, r = lazy.linalg.qr(x)
    assert lazy.linalg.qr(x).Q.shape == q.shape == (2, 2)
    assert numpy.asarray(lazy.linalg.svd(x).S).tolist() == pytest.approx([3.0, 1.0])


def test_lazy_indexing_zero_step_and_unsigned_mask_assignment():
    torch = import_or_skip("torch")
    from arraycompat import lazy

    x = lazy.asarray(torch.arange(4), backend="torch")
    with pytest.raises(IndexError, match="step cannot be zero"):
        x[::0]
    for dtype, top in ((torch.uint16, 2**16 - 1), (torch.uint32, 2**32 - 1)):
        m = lazy.asarray(torch.tensor([1, 2, 3], dtype=dtype), backend="torch")
        m[lazy.asarray(torch.tensor([True, False, True]), backend="torch")] = top
        assert m.dtype == dtype and numpy.asarray(m).tolist() == [top, 2, top]
    big = lazy.asarray(torch.tensor([1, 2], dtype=torch.uint64), backend="torch")
    big[lazy.asarray(torch.tensor([False, True]), backend="torch")] = 2**64 - 1
    # the bits of 2**64 - 1 read as int64 are -1
    from arraycompat.core._corrections._unsigned import set_items

    plain = torch.tensor([1, 2], dtype=torch.uint64)
    set_items(plain, torch.tensor([False, True]), 2**64 - 1)
    assert plain.view(torch.int64).tolist() == [1, -1]


def test_jax_shape_and_index_corrections():
    jax = import_or_skip("jax")
    jnp = jax.numpy
    xp = arraycompat.namespace_for("jax")
    x = jnp.zeros((0, 4, 3), dtype=jnp.int8)
    assert xp.permute_dims(x, (-2, -1, 0)).shape == (4, 3, 0)
    assert jax.jit(lambda a: xp.permute_dims(a, (-1, 0, 1)))(x).shape == (3, 0, 4)
    with pytest.raises(IndexError, match="axis 3 is out of range"):
        xp.expand_dims(jnp.zeros((1, 2)), axis=3)
    assert xp.expand_dims(jnp.zeros((1, 2)), axis=-3).shape == (1, 1, 2)
    with jax.enable_x64(True):  # jax.numpy's searchsorted stays int32 under x64
        found = xp.searchsorted(jnp.asarray([0, 1, 2], dtype=jnp.uint8), jnp.asarray([1], dtype=jnp.uint8))
        assert found.dtype == jnp.int64 and found.tolist() == [1]
        assert jax.jit(xp.searchsorted)(jnp.asarray([0.0, 1.0]), jnp.asarray([0.5])).dtype == jnp.int64


def test_dask_repeat_with_an_array_of_repeats_along_an_empty_axis(dask_xp):
    da, xp = dask_xp
    out = xp.repeat(da.zeros((4, 0), dtype="int32"), da.zeros((0,), dtype="int16"), axis=1)
    assert out.shape == (4, 0) and out.dtype == numpy.int32 and out.compute().shape == (4, 0)


def test_lazy_over_torch_unsigned_square_arrays_pow_and_negative_steps():
    torch = import_or_skip("torch")
    from arraycompat import lazy

    for dtype in (torch.uint16, torch.uint32, torch.uint64):
        # a square last pair of axes makes lazy's stand-in 2 * eye + 1: torch has no uint32 +
        x = lazy.reshape(lazy.asarray(torch.full((16,), 3, dtype=dtype), backend="torch"), (4, 4))
        assert numpy.asarray(lazy.abs(x)).tolist() == [[3] * 4] * 4
        assert numpy.asarray(x**2).tolist() == [[9] * 4] * 4 and (x**2).dtype == dtype
    top = torch.tensor([2**16 - 1], dtype=torch.uint16)
    assert arraycompat.namespace_for("torch").pow(top, 2).tolist() == [(2**16 - 1) ** 2 % 2**16]
    t = torch.arange(24, dtype=torch.int16).reshape(2, 3, 4)
    x = lazy.asarray(t, backend="torch")
    for key in [(None, slice(3, -4, -2), Ellipsis), (slice(None, None, -1),), (1, slice(None, None, -1), slice(0, 0, -1)),
                (slice(None, None, -1), None, 0, slice(3, None, -2))]:
        assert numpy.array_equal(numpy.asarray(x[key]), t.numpy()[key]), key


def test_jax_complex_special_cases_sign_of_zero_and_cumulative_prod_dtype():
    jax = import_or_skip("jax")
    jnp = jax.numpy
    xp = arraycompat.namespace_for("jax")
    cases = [  # (function, input, the standard's result)
        ("acos", complex(-0.0, NAN), complex(math.pi / 2, NAN)),
        ("acosh", complex(0.0, NAN), complex(NAN, math.pi / 2)),
        ("asinh", complex(NAN, 0.0), complex(NAN, 0.0)),
        ("atanh", complex(INF, NAN), complex(0.0, NAN)),
        ("cosh", complex(0.0, INF), complex(NAN, 0.0)),
        ("exp", complex(-INF, INF), complex(0.0, 0.0)),
        ("log", complex(-INF, NAN), complex(INF, NAN)),
        ("sinh", complex(INF, NAN), complex(INF, NAN)),
        ("sqrt", complex(-INF, NAN), complex(NAN, INF)),
        ("tanh", complex(0.0, NAN), complex(0.0, NAN)),
        ("tanh", complex(INF, -2.0), complex(1.0, -0.0)),
    ]
    with jax.enable_x64(True):  # complex128, so pi/2 compares exactly
        for name, z, want in cases:
            for fn in (getattr(xp, name), jax.jit(getattr(xp, name))):
                got = fn(jnp.asarray([z], dtype=jnp.complex128)).tolist()[0]
                assert _same_complex(got, want), (name, z, got)
    assert [math.copysign(1, v) for v in xp.sign(jnp.asarray([-0.0, 0.0])).tolist()] == [1, 1]
    got = xp.floor_divide(jnp.asarray([-0.0, -0.0]), jnp.asarray([2.0, -2.0])).tolist()
    assert all(_same_float(g, w) for g, w in zip(got, [-0.0, 0.0])), got
    with jax.enable_x64(True):
        assert xp.cumulative_prod(jnp.asarray([2, 3], dtype=jnp.uint8)).dtype == jnp.uint64
        assert xp.cumulative_prod(jnp.asarray([2, 3], dtype=jnp.int16)).tolist() == [2, 6]
    assert math.copysign(1, float(arraycompat.namespace_for("numpy").sign(numpy.asarray(-0.0)))) == 1


def test_torch_asarray_of_nested_unsigned_scalars():
    # the suite builds expected values as asarray([[x1[i] * x2[j] ...]]) from 0-d tensors
    torch = import_or_skip("torch")
    xp = arraycompat.namespace_for("torch")
    big = torch.tensor([3, 2**63 + 1], dtype=torch.uint64)
    out = xp.asarray([[big[0], big[1]]], dtype=torch.uint64)
    assert out.dtype == torch.uint64 and out.view(torch.int64).tolist() == [[3, -(2**63) + 1]]
    assert xp.asarray([[torch.tensor(5, dtype=torch.uint16)]], dtype=torch.uint16).tolist() == [[5]]
    with pytest.raises(RuntimeError, match="infer dtype"):  # torch's own error, unchanged
        xp.asarray(object())
