"""Every translation against numpy's result and the library's own call, on random input."""

import numpy
import pytest
from conftest import INSTALLED, import_or_skip
from hypothesis import given, settings
from hypothesis import strategies as st

import arraycompat
from arraycompat import do
from arraycompat.dispatch._dtypes import from_numpy, to_numpy
from arraycompat.dispatch._translations import _standard, translated_names

torch = import_or_skip("torch")

RNG = numpy.random.default_rng(42)
A = RNG.normal(size=(3, 4))
SQUARE = RNG.normal(size=(3, 3))
INDEX = RNG.integers(0, 4, size=(3, 2))


def T(a):
    return torch.asarray(a)


# name -> (numpy-style args, kwargs, the same computation written in torch by hand)
TORCH_CASES = {
    "sum": ((A,), {"axis": 0}, lambda a: torch.sum(T(a), dim=0)),
    "prod": ((A,), {"axis": (0, 1), "keepdims": True}, lambda a: torch.prod(T(a)).reshape(1, 1)),
    "mean": ((A,), {"axis": 1, "keepdims": True}, lambda a: torch.mean(T(a), 1, keepdim=True)),
    "max": ((A,), {"axis": 1}, lambda a: torch.amax(T(a), dim=1)),
    "min": ((A,), {}, lambda a: torch.amin(T(a))),
    "amax": ((A,), {"keepdims": True}, lambda a: torch.amax(T(a), (0, 1), keepdim=True)),
    "amin": ((A,), {"axis": -1}, lambda a: torch.amin(T(a), -1)),
    "all": ((A > 0,), {"axis": 0}, lambda a: torch.all(T(a), 0)),
    "any": ((A > 0,), {"axis": 1, "keepdims": True}, lambda a: torch.any(T(a), 1, keepdim=True)),
    "std": ((A,), {"axis": 0}, lambda a: torch.std(T(a), 0, correction=0)),
    "var": ((A,), {"ddof": 1}, lambda a: torch.var(T(a), correction=1)),
    "median": ((A,), {"axis": 1}, lambda a: torch.quantile(T(a), 0.5, dim=1)),
    "cumsum": ((A,), {}, lambda a: torch.cumsum(T(a).reshape(-1), 0)),
    "cumprod": ((A,), {"axis": 1}, lambda a: torch.cumprod(T(a), 1)),
    "count_nonzero": ((A > 0,), {"axis": 0}, lambda a: torch.count_nonzero(T(a), 0)),
    "argmax": ((A,), {"axis": 1}, lambda a: torch.argmax(T(a), 1)),
    "argmin": ((A,), {}, lambda a: torch.argmin(T(a))),
    "sort": ((A,), {"axis": 0}, lambda a: torch.sort(T(a), 0).values),
    "argsort": ((A,), {}, lambda a: torch.argsort(T(a), -1)),
    "nonzero": ((A > 0,), {}, lambda a: torch.nonzero(T(a), as_tuple=True)),
    "clip": ((A, -0.5, 0.5), {}, lambda a, lo, hi: torch.clamp(T(a), lo, hi)),
    "power": ((A, 2.0), {}, lambda a, p: torch.pow(T(a), p)),
    "conjugate": ((A + 1j * A,), {}, lambda a: torch.conj_physical(T(a))),
    "equal": ((A, A), {}, lambda a, b: torch.eq(T(a), T(b))),
    "empty": (((2, 3),), {"dtype": "float32"}, None),  # values are arbitrary
    "zeros": (((2, 3),), {"dtype": "int32"}, lambda s: torch.zeros(s, dtype=torch.int32)),
    "ones": ((4,), {"dtype": "float64"}, lambda n: torch.ones(n, dtype=torch.float64)),
    "full": (((2,), 7.0), {}, lambda s, v: torch.full(s, v)),
    "eye": ((3, 4), {"k": 1}, lambda n, m: torch.eye(n, m).roll(1, 1).triu(1)),
    "identity": ((3,), {}, lambda n: torch.eye(n)),
    "array": (([1.0, 2.0],), {"dtype": "float32"}, lambda v: torch.tensor(v)),
    "asarray": ((A,), {}, lambda a: torch.as_tensor(a)),
    "tril": ((SQUARE,), {"k": -1}, lambda a: torch.tril(T(a), diagonal=-1)),
    "triu": ((SQUARE,), {"k": 1}, lambda a: torch.triu(T(a), diagonal=1)),
    "concatenate": (([A, A],), {"axis": 1}, lambda xs: torch.cat([T(x) for x in xs], dim=1)),
    "stack": (([A, A],), {"axis": -1}, lambda xs: torch.stack([T(x) for x in xs], dim=-1)),
    "split": ((A, [1, 3]), {"axis": 1}, lambda a, i: torch.tensor_split(T(a), i, dim=1)),
    "array_split": ((A, 3), {"axis": 1}, lambda a, n: torch.tensor_split(T(a), n, dim=1)),
    "take_along_axis": ((A, INDEX), {"axis": 1},
                        lambda a, i: torch.take_along_dim(T(a), T(i), dim=1)),
    "transpose": ((A,), {}, lambda a: T(a).permute(1, 0)),
    "expand_dims": ((A, (0, 3)), {}, lambda a, ax: T(a).unsqueeze(0).unsqueeze(3)),
    "squeeze": ((A[None],), {"axis": 0}, lambda a: T(a).squeeze(0)),
    "flip": ((A,), {"axis": 1}, lambda a: torch.flip(T(a), (1,))),
    "roll": ((A, 2), {"axis": 1}, lambda a, s: torch.roll(T(a), s, 1)),
    "diagonal": ((A,), {"offset": 1}, lambda a: torch.diagonal(T(a), 1)),
    "astype": ((A, "float32"), {}, lambda a, d: T(a).to(torch.float32)),
    "tensordot": ((A, A.T), {"axes": 1}, lambda a, b: torch.tensordot(T(a), T(b), dims=1)),
    "take": ((A, [1, 0]), {"axis": 1}, lambda a, i: torch.index_select(T(a), 1, torch.tensor(i))),
    "trace": ((A[:, :2].reshape(1, -1, 2),), {"axis1": 1, "axis2": 2},
              lambda a: torch.diagonal(T(a), dim1=1, dim2=2).sum(-1)),
    "imag": ((A,), {}, lambda a: torch.zeros_like(T(a))),
    "linalg.norm": ((A,), {"axis": 1}, lambda a: torch.linalg.norm(T(a), dim=1)),
    "linalg.expm": ((SQUARE,), {}, lambda a: torch.linalg.matrix_exp(T(a))),
    "pad": ((A, ((0, 1), (2, 0))), {}, lambda a, w: torch.nn.functional.pad(T(a), (2, 0, 0, 1))),
    "indices": (((2, 3),), {}, lambda d: torch.stack(torch.meshgrid(torch.arange(2), torch.arange(3), indexing="ij"))),
    "scipy.linalg.solve_triangular": (
        (numpy.triu(SQUARE) + 3 * numpy.eye(3), A[:, :2]), {"lower": False},
        lambda a, b: torch.linalg.solve_triangular(T(a), T(b), upper=True)),
}


def _torch_args(args):
    def convert(a):
        if isinstance(a, numpy.ndarray):
            return T(a)
        if isinstance(a, list) and a and isinstance(a[0], numpy.ndarray):
            return [T(x) for x in a]
        return a

    return tuple(convert(a) for a in args)


def _numpy_reference(name, args, kwargs):
    if name == "linalg.expm":
        import scipy.linalg

        return scipy.linalg.expm(*args)
    if name.startswith("scipy."):
        import scipy.linalg

        return arraycompat.dispatch._dispatch.dotted_attribute(scipy, name.removeprefix("scipy."))(*args, **kwargs)
    kwargs = {k: v for k, v in kwargs.items() if k != "dtype" or name in ("zeros", "ones")}
    return arraycompat.dispatch._dispatch.dotted_attribute(numpy, name)(*args, **kwargs)


def _tolerance(x):
    """Relative tolerance for the precision of ``x`` (jax makes float32 by default)."""
    return 1e-5 if "32" in arraycompat.get_dtype_name(x) else 1e-10


def _assert_same(got, want):
    if isinstance(want, (tuple, list)):
        assert isinstance(got, (tuple, list)) and len(got) == len(want)
        for g, w in zip(got, want):
            _assert_same(g, w)
        return
    numpy.testing.assert_allclose(to_numpy(got), to_numpy(want), rtol=1e-6, atol=1e-6)


def test_every_torch_translation_has_a_case():
    assert set(translated_names("torch")) == set(TORCH_CASES)


@pytest.mark.parametrize("name", sorted(TORCH_CASES))
def test_torch_translation_matches_torch_and_numpy(name):
    args, kwargs, native = TORCH_CASES[name]
    torch_args = _torch_args(args)
    got = do(name, *torch_args, **kwargs, like="torch")
    if native is None:  # empty: only shape and dtype are defined
        assert tuple(got.shape) == (2, 3) and got.dtype == torch.float32
        return
    _assert_same(got, native(*args))
    if name not in ("array",):  # numpy gives float64 from a list: the values still agree
        _assert_same(got, _numpy_reference(name, args, kwargs))


def test_translations_fill_in_what_the_standard_namespace_lacks():
    from arraycompat.dispatch._translations import translation

    xp = arraycompat.get_namespace(T(SQUARE))
    assert xp.linalg.expm is translation("torch", "linalg.expm")
    _assert_same(xp.linalg.expm(T(SQUARE)), torch.linalg.matrix_exp(T(SQUARE)))
    xn = arraycompat.get_namespace(SQUARE)
    assert xn.linalg.expm is translation("numpy", "linalg.expm")
    strict = import_or_skip("array_api_strict")
    xs = arraycompat.get_namespace(strict.asarray(A))
    assert xs.concatenate is translation("array_api_strict", "concatenate")
    _assert_same(xs.linalg.norm(strict.asarray(A)), numpy.linalg.norm(A))
    _assert_same(xs.concatenate([strict.asarray(A)] * 2, axis=1), numpy.concatenate([A, A], 1))


def test_torch_split_into_unequal_sections_is_numpys_error():
    with pytest.raises(ValueError, match="array split does not result in an equal division"):
        do("split", T(A), 3, axis=1)


def test_torch_translation_of_a_dtype_name_and_keepdims_without_axis():
    out = do("sum", T(A), dtype="float32", keepdims=True)
    assert out.dtype == torch.float32 and tuple(out.shape) == (1, 1)
    _assert_same(out, A.sum(keepdims=True))


# ------------------------------------------------------------------ every library
DENSE = [lib for lib in INSTALLED if lib != "sparse"]


@pytest.mark.parametrize("library", DENSE)
def test_svd_is_thin_by_default_and_returns_u_s_vh(library):
    a = from_numpy(A, like=library)
    u, s, vh = do("linalg.svd", a)
    assert tuple(u.shape) == (3, 3) and tuple(s.shape) == (3,) and tuple(vh.shape) == (3, 4)
    tol = _tolerance(a)
    u, s, vh = to_numpy(u), to_numpy(s), to_numpy(vh)
    numpy.testing.assert_allclose((u * s) @ vh, A, atol=tol)
    numpy.testing.assert_allclose(s, numpy.linalg.svd(A, compute_uv=False), atol=tol)
    s_only = do("linalg.svd", a, compute_uv=False)
    numpy.testing.assert_allclose(to_numpy(s_only), s, atol=tol)


@pytest.mark.parametrize("library", [lib for lib in DENSE if lib != "dask"])
def test_svd_full_matrices_on_request(library):
    u, s, vh = do("linalg.svd", from_numpy(A, like=library), full_matrices=True)
    assert tuple(u.shape) == (3, 3) and tuple(vh.shape) == (4, 4)


@pytest.mark.parametrize("library", [lib for lib in DENSE if lib != "array_api_strict"])
def test_expm_matches_scipy(library):
    import scipy.linalg

    got = do("linalg.expm", from_numpy(SQUARE, like=library))
    numpy.testing.assert_allclose(to_numpy(got), scipy.linalg.expm(SQUARE), rtol=1e-6)


@pytest.mark.parametrize("library", DENSE)
def test_linalg_norm_matches_numpy(library):
    a = from_numpy(A, like=library)
    for args, kwargs in [((), {}), ((2,), {}), ((), {"axis": 1}), (("fro",), {}),
                         ((1,), {"axis": 0, "keepdims": True}), ((2,), {"axis": (0, 1)})]:
        got = do("linalg.norm", a, *args, **kwargs)
        want = numpy.linalg.norm(A, *args, **kwargs)
        numpy.testing.assert_allclose(
            to_numpy(got), want, rtol=_tolerance(a), err_msg=str((args, kwargs))
        )


# ------------------------------------------------------------------ standard-only libraries
strict = import_or_skip("array_api_strict")


@pytest.mark.parametrize(
    "name, args",
    [
        ("concatenate", ([A, A],)),
        ("transpose", (A,)),
        ("power", (numpy.abs(A), 1.5)),
        ("arccos", (numpy.tanh(A),)),
        ("arccosh", (1.0 + numpy.abs(A),)),
        ("arcsin", (numpy.tanh(A),)),
        ("arcsinh", (A,)),
        ("arctan", (A,)),
        ("arctan2", (A, A[::-1])),
        ("arctanh", (numpy.tanh(A) * 0.9,)),
        ("conjugate", (A + 2j * A,)),
        ("absolute", (A,)),
        ("invert", (INDEX,)),
        ("left_shift", (INDEX, INDEX)),
        ("right_shift", (INDEX * 8, INDEX)),
    ],
)
def test_numpy_names_on_a_standard_only_library(name, args):
    assert _standard.library_lacks("array_api_strict", name)
    strict_args = tuple(
        [strict.asarray(x) for x in a] if isinstance(a, list) else
        strict.asarray(a) if isinstance(a, numpy.ndarray) else a
        for a in args
    )
    got = do(name, *strict_args)
    assert type(got).__module__.startswith("array_api_strict")
    want = getattr(numpy, name)(*args)
    numpy.testing.assert_allclose(to_numpy(got), want, rtol=1e-12)


def test_numpy_positional_arguments_on_a_standard_only_library():
    x = strict.asarray(A)
    numpy.testing.assert_allclose(to_numpy(do("sum", x, 0)), A.sum(0))
    numpy.testing.assert_allclose(to_numpy(do("tensordot", x, x.T, 1)), numpy.tensordot(A, A.T, 1))
    numpy.testing.assert_allclose(to_numpy(do("mean", x, 1, None, None, True)),
                                  A.mean(1, keepdims=True))
    with pytest.raises(TypeError, match=r"array_api_strict's sum has no parameter 'out' "
                                        r"\(numpy's argument 4\)"):
        do("sum", x, 0, None, strict.ones(4))


def test_linalg_norm_over_other_axes_is_refused_with_a_reason():
    with pytest.raises(ValueError, match=r"matrix norms over the last two axes only, got "
                                         r"axis=\(0, 2\)"):
        do("linalg.norm", strict.ones((2, 2, 2)), axis=(0, 2))


# ------------------------------------------------------------------ sparse
@pytest.mark.parametrize("name", ["conj", "real", "imag"])
def test_sparse_translations_match_numpy(name):
    sparse = import_or_skip("sparse")
    values = A * (A > 0) + 1j * A
    got = do(name, sparse.COO.from_numpy(values))
    numpy.testing.assert_allclose(got.todense(), getattr(numpy, name)(values))


# ------------------------------------------------------------------ torch reductions, any shape
@st.composite
def _reduction_call(draw):
    ndim = draw(st.integers(1, 3))
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=ndim, max_size=ndim)))
    axes = st.one_of(
        st.none(),
        st.integers(-ndim, ndim - 1),
        st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(tuple),
    )
    name = draw(st.sampled_from(["sum", "prod", "mean", "max", "min", "any", "all", "std"]))
    return name, shape, draw(axes), draw(st.booleans()), draw(st.integers(0, 2**31))


@settings(max_examples=40, deadline=None)
@given(_reduction_call())
def test_torch_reductions_match_numpy_for_any_axis_and_keepdims(call):
    name, shape, axis, keepdims, seed = call
    a = numpy.random.default_rng(seed).normal(size=shape)
    if name in ("any", "all"):
        a = a > 0
    want = getattr(numpy, name)(a, axis=axis, keepdims=keepdims)
    got = do(name, T(a), axis=axis, keepdims=keepdims)
    assert tuple(got.shape) == numpy.shape(want)
    numpy.testing.assert_allclose(to_numpy(got), want, rtol=1e-10, atol=1e-12)


def test_numpy_expm_without_scipy_says_to_install_it(monkeypatch):
    import sys

    from arraycompat.dispatch._translations import _numpy

    monkeypatch.setitem(sys.modules, "scipy.linalg", None)  # makes `import scipy.linalg` fail
    with pytest.raises(ImportError, match=r"linalg.expm for numpy needs scipy.*pip install scipy"):
        _numpy.TABLE["linalg.expm"]()
