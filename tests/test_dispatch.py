"""``do``: choosing the library, ``like``, errors, and autoray's README example."""

import numpy
import pytest
from conftest import INSTALLED, make_array, import_or_skip

import arraycompat
from arraycompat import do, infer_backend, infer_backend_multi
from arraycompat.dispatch._dtypes import to_numpy
from arraycompat.cli._demo import modified_gram_schmidt_with

# sparse has no linalg (no norm), so the Gram-Schmidt example cannot run on it.
DENSE = [lib for lib in INSTALLED if lib != "sparse"]


@pytest.mark.parametrize("library", DENSE)
def test_modified_gram_schmidt_gives_orthonormal_rows(library):
    values = numpy.random.default_rng(0).normal(size=(4, 5))
    Q = modified_gram_schmidt_with(make_array(library, values.tolist()), do)  # autoray README
    assert infer_backend(Q) == library
    Q = to_numpy(Q)
    assert Q.shape == (4, 5)
    # torch and jax make float32 arrays from Python floats: tolerance by precision.
    numpy.testing.assert_allclose(Q @ Q.T, numpy.eye(4), atol=100 * numpy.finfo(Q.dtype).eps)


# ------------------------------------------------------------------ which library
def test_infer_backend_names_library_and_builtins(library):
    x = make_array(library, [1.0, 2.0])
    assert infer_backend(x) == library
    assert infer_backend(1.0) == "builtins"
    assert infer_backend([x]) == "builtins"


def test_infer_backend_multi_prefers_non_numpy_then_numpy_then_scalars():
    torch = import_or_skip("torch")

    n, t = numpy.ones(2), torch.ones(2)
    assert infer_backend_multi(n, t) == "torch"
    assert infer_backend_multi(2.0, n) == "numpy"
    assert infer_backend_multi(2.0, 3) == "builtins"
    assert infer_backend_multi() == "builtins"


def test_first_array_argument_chooses_the_library(library):
    x = make_array(library, [[1.0, 2.0], [3.0, 4.0]])
    out = do("matmul", x, x)
    assert infer_backend(out) == library
    numpy.testing.assert_allclose(to_numpy(out), [[7.0, 10.0], [15.0, 22.0]])


def test_a_scalar_before_the_array_is_skipped():
    torch = import_or_skip("torch")

    out = do("where", torch.tensor([True, False]), 1.0, torch.zeros(2))
    assert isinstance(out, torch.Tensor)
    assert do("power", 2.0, numpy.arange(3.0)).tolist() == [1.0, 2.0, 4.0]


def test_sequence_functions_dispatch_on_the_first_element(library):
    x = make_array(library, [1.0, 2.0])
    for name in ("stack", "concatenate"):
        assert infer_backend(do(name, [x, x])) == library
        assert infer_backend(do(name, (x, x), axis=0)) == library


def test_einsum_dispatches_on_the_operands_not_the_equation(library):
    if library in ("sparse", "array_api_strict"):
        pytest.skip(f"{library} has no einsum (it is not in the standard)")
    x = make_array(library, [[1.0, 2.0], [3.0, 4.0]])
    out = do("einsum", "ij,jk->ik", x, x)
    assert infer_backend(out) == library
    numpy.testing.assert_allclose(to_numpy(out), [[7.0, 10.0], [15.0, 22.0]])


def test_binary_functions_prefer_the_lazy_non_numpy_operand():
    da = import_or_skip("dask.array")

    n = numpy.ones((2, 2))
    d = da.ones((2, 2), chunks=1)
    for name in ("tensordot", "matmul", "add", "multiply"):
        out = do(name, n, d)
        assert infer_backend(out) == "dask", name
    numpy.testing.assert_array_equal(do("matmul", n, d).compute(), n @ n)
    assert do("add", 1.0, d).compute().tolist() == [[2.0, 2.0], [2.0, 2.0]]


def test_the_hot_path_cache_is_per_type_and_not_fooled_by_a_scalar_first():
    da = import_or_skip("dask.array")
    torch = import_or_skip("torch")

    assert isinstance(do("multiply", numpy.ones(1), numpy.ones(1)), numpy.ndarray)
    assert infer_backend(do("multiply", numpy.ones(1), da.ones(1))) == "dask"
    with arraycompat.backend_like("torch"):
        assert isinstance(do("ones", 2), torch.Tensor)
    with arraycompat.backend_like("numpy"):
        assert isinstance(do("ones", 2), numpy.ndarray)


# ------------------------------------------------------------------ like=
@pytest.mark.parametrize("kind", ["name", "array", "namespace", "module"])
def test_like_names_the_library_in_every_form(library, kind):
    x = make_array(library, [1.0])
    like = {
        "name": library,
        "array": x,
        "namespace": arraycompat.get_namespace(x),
        "module": arraycompat.get_namespace(x).module,
    }[kind]
    out = do("zeros", (2, 3), like=like)
    assert infer_backend(out) == library
    assert tuple(out.shape) == (2, 3)


def test_like_with_a_dotted_module_name():
    jax = import_or_skip("jax")

    assert isinstance(do("ones", 2, like="jax.numpy"), jax.Array)


def test_eye_like_an_array(library):
    out = do("eye", 3, like=make_array(library, [1.0]))
    assert infer_backend(out) == library
    numpy.testing.assert_array_equal(to_numpy(out), numpy.eye(3))


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize(
    "call, expected",
    [(lambda: do("eye", 2), numpy.eye(2)), (lambda: do("add", 1, 2), 3),
     (lambda: do("abs", -0.5), 0.5), (lambda: do("zeros", 2, like=[1, 2]), numpy.zeros(2))],
    ids=["scalar-only", "two-scalars", "abs-of-a-float", "like-a-list"],
)
def test_python_numbers_and_sequences_mean_numpy_as_in_autoray(call, expected):
    out = call()
    assert infer_backend(out) in ("numpy", "builtins")
    numpy.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize(
    "call", [lambda: do("sum"), lambda: do("sum", object())], ids=["no-args", "an-object"]
)
def test_no_array_and_no_like_is_a_type_error_that_says_pass_like(call):
    with pytest.raises(TypeError, match=r"no array among the arguments .*Pass like="):
        call()


def test_a_like_that_names_nothing_is_a_type_error():
    with pytest.raises(TypeError, match=r"like=<object .*\(object\) is not an array"):
        do("zeros", 2, like=object())


def test_a_known_library_that_is_not_installed_is_an_import_error():
    import importlib.util

    missing = next((lib for lib in ("cupy", "ndonnx", "tensorflow")
                    if importlib.util.find_spec(lib) is None), None)
    if missing is None:
        pytest.skip("every known optional library is installed")
    with pytest.raises(ImportError, match=rf"library '{missing}' .*cannot be imported"):
        do("zeros", 2, like=missing)


def test_an_unknown_library_name_is_a_type_error_listing_the_known_ones():
    with pytest.raises(TypeError, match=r"'no_such_lib' is not an array library.*numpy.*torch"):
        do("zeros", 2, like="no_such_lib")


def test_an_unknown_function_names_library_and_closest_names():
    with pytest.raises(AttributeError, match=r"library 'numpy' has no function 'summ'.*'sum'"):
        do("summ", numpy.ones(2))
    with pytest.raises(AttributeError, match=r"no function 'linalg.nrom'.*'norm'"):
        do("linalg.nrom", numpy.ones(2))


def test_dotted_names_reach_submodules():
    u, s, vh = do("linalg.svd", numpy.eye(3))
    numpy.testing.assert_allclose(s, [1.0, 1.0, 1.0])
    out = do("fft.fft", numpy.ones(4))
    numpy.testing.assert_allclose(out, [4.0, 0.0, 0.0, 0.0])
