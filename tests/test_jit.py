"""autojit: the compiler picked by the inputs' library, one program per signature.

Every compiler installed here is checked against eager results on random input;
torch.compile with its default (inductor) backend is slow to start, so it runs in
one test, and the other torch.compile tests use its "eager" backend.
"""

import importlib.util
import subprocess
import sys
import warnings

import numpy as np
import pytest
from conftest import import_or_skip, make_array
from hypothesis import given, settings
from hypothesis import strategies as st

import arraycompat
from arraycompat.jit import RecompileWarning, autojit
from arraycompat.jit._pytree import flatten, leaf_paths, unflatten
from arraycompat.cli._demo import modified_gram_schmidt

# The libraries the "python" compiler serves (traced with arraycompat.lazy).
PYTHON_LIBRARIES = ["numpy", "array_api_strict", "dask"]
TORCH_EAGER = {"backend": "eager"}  # torch.compile's dynamo tracing, no C++ build


def counted(fn):
    """``fn`` that counts how often its Python body runs (traces, not compiled calls)."""

    def wrapper(*args, **kwargs):
        wrapper.runs += 1
        return fn(*args, **kwargs)

    wrapper.runs = 0
    wrapper.__name__ = wrapper.__qualname__ = fn.__name__
    return wrapper


def random(library, shape, seed=0):
    return make_array(library, np.random.default_rng(seed).standard_normal(shape).tolist())


def to_numpy(x):
    return np.asarray(x.compute() if hasattr(x, "compute") else x)


# ---------------------------------------------------------------- pytrees
trees = st.recursive(
    st.integers() | st.text(max_size=3) | st.none(),
    lambda children: st.lists(children, max_size=3)
    | st.lists(children, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=2), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=30, deadline=None)
@given(trees)
def test_flatten_then_unflatten_gives_the_tree_back(tree):
    leaves, treedef = flatten(tree)
    assert unflatten(treedef, leaves) == tree
    assert len(leaf_paths(treedef)) == len(leaves)
    hash(treedef)  # part of the cache key


def test_leaf_paths_name_where_each_leaf_sits():
    _, treedef = flatten({"a": [1, (2, 3)], "b": 4})
    assert leaf_paths(treedef, "x") == ["x['a'][0]", "x['a'][1][0]", "x['a'][1][1]", "x['b']"]


# ---------------------------------------------------------------- every compiler equals eager
@pytest.mark.parametrize("library", PYTHON_LIBRARIES)
def test_python_compiler_equals_eager(library):
    X = random(library, (6, 6))
    f = autojit(counted(modified_gram_schmidt))
    out = f(X)
    again = f(random(library, (6, 6), seed=1))
    assert type(out) is type(X)
    np.testing.assert_allclose(to_numpy(out), to_numpy(modified_gram_schmidt(X)), rtol=1e-12)
    expected = modified_gram_schmidt(random(library, (6, 6), seed=1))
    np.testing.assert_allclose(to_numpy(again), to_numpy(expected), rtol=1e-12)
    assert f.__wrapped__.runs == 1  # traced once, then the compiled program ran
    assert f.cache_info()[:3] == (1, 1, 1)


def test_jax_compiler_equals_eager():
    X = random("jax", (5, 5))
    f = autojit(counted(modified_gram_schmidt))
    out = f(X)
    f(random("jax", (5, 5), seed=2))
    assert type(out).__module__.startswith("jax")
    np.testing.assert_allclose(np.asarray(out), np.asarray(modified_gram_schmidt(X)), rtol=1e-5)
    assert f.__wrapped__.runs == 1  # jax traced it once


def test_torch_compile_inductor_equals_eager():
    torch = import_or_skip("torch")

    X = random("torch", (4, 4))
    f = autojit(counted(lambda x, y: (torch.sin(x) @ y + 1, x.sum())))
    out, total = f(X, X.T)
    again, _ = f(X * 2, X.T)
    np.testing.assert_allclose(out.numpy(), (torch.sin(X) @ X.T + 1).numpy(), rtol=1e-5)
    np.testing.assert_allclose(again.numpy(), (torch.sin(X * 2) @ X.T + 1).numpy(), rtol=1e-5)
    assert float(total) == pytest.approx(float(X.sum()))
    assert f.cache_info().misses == 1


def test_torch_compile_and_trace_equal_eager_and_recompile_per_shape():
    for opts in ({"backend": "torch-trace"}, {"compiler_opts": TORCH_EAGER}):
        f = autojit(counted(modified_gram_schmidt), **opts)
        for n in (3, 4):
            X = random("torch", (n, n))
            np.testing.assert_allclose(
                f(X).numpy(), modified_gram_schmidt(X).numpy(), rtol=1e-6, atol=1e-12
            )
            f(random("torch", (n, n), seed=3))
        assert f.cache_info()[:3] == (2, 2, 2), opts


@pytest.mark.skipif(importlib.util.find_spec("tensorflow") is not None, reason="installed")
def test_tensorflow_backend_says_it_is_not_installed():
    f = autojit(lambda x: x + 1, backend="tensorflow")
    with pytest.raises(ImportError) as info:
        f(np.ones(2))
    assert "'tensorflow' compiler" in "".join(info.value.__notes__)


# ---------------------------------------------------------------- forced backends
@pytest.mark.parametrize(
    "backend, opts", [("jax", {}), ("torch", TORCH_EAGER), ("torch-trace", {}), ("python", {})]
)
def test_forced_backend_converts_numpy_in_and_out(backend, opts):
    if backend != "python":
        import_or_skip(backend.partition("-")[0])
    X = random("numpy", (4, 4)).astype(np.float32)
    f = autojit(modified_gram_schmidt, backend=backend, compiler_opts=opts)
    out = f(X)
    assert type(out) is np.ndarray and out.dtype == np.float32
    np.testing.assert_allclose(out, modified_gram_schmidt(X), rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("library", ["torch", "jax"])
def test_python_compiler_on_torch_and_jax_keeps_their_arrays(library):
    X = random(library, (4, 4))
    f = autojit(counted(modified_gram_schmidt), backend="python")
    out = f(X)
    f(X * 2)
    assert type(out) is type(X) and f.__wrapped__.runs == 1
    np.testing.assert_allclose(np.asarray(out), np.asarray(modified_gram_schmidt(X)), rtol=1e-5)


def _ramp(x):
    """Multiplies by a range made with the namespace's creation function."""
    from arraycompat import get_namespace

    xp = get_namespace(x)
    return x * xp.arange(x.shape[-1], dtype=x.dtype) + xp.ones(x.shape, dtype=x.dtype)


@pytest.mark.parametrize("library", ["torch", "array_api_strict"])
def test_python_compiler_makes_new_arrays_in_the_inputs_library(library):
    # traced with arraycompat.lazy, xp.arange/xp.ones build on the inputs' library, as
    # eagerly (not on lazy's default backend, numpy, which would not combine with them)
    X = random(library, (3, 4))
    out = autojit(_ramp, backend="python")(X)
    assert type(out) is type(X)
    np.testing.assert_allclose(np.asarray(out), np.asarray(_ramp(X)), rtol=1e-12)


def test_forced_jax_warns_when_float64_becomes_float32():
    jax = import_or_skip("jax")

    if jax.config.jax_enable_x64:
        pytest.skip("jax runs float64 here")
    with pytest.warns(UserWarning, match="float64 -> float32"):
        autojit(lambda x: x * 2, backend="jax")(np.ones(3))


# ---------------------------------------------------------------- signatures and the cache
@pytest.mark.parametrize("library", ["numpy", "jax"])
def test_new_shape_compiles_again_and_never_reuses_a_graph(library):
    f = autojit(counted(lambda x: x[1:] - x[:-1]))
    for n in (3, 5, 3):
        x = random(library, (n,))
        np.testing.assert_allclose(np.asarray(f(x)), np.diff(np.asarray(x)), rtol=1e-6)
    assert f.cache_info()[:3] == (1, 2, 2)
    assert f.__wrapped__.runs == 2


def test_new_dtype_compiles_again():
    f = autojit(lambda x: x * 2)
    assert f(np.ones(2, dtype=np.float32)).dtype == np.float32
    assert f(np.ones(2, dtype=np.int64)).dtype == np.int64
    assert f.cache_info().misses == 2


@pytest.mark.parametrize("library", ["numpy", "jax"])
def test_pytree_arguments_and_outputs(library):
    def fn(pair, weights, scale=1.0):
        a, b = pair
        return {"sum": [a + b, (a * weights["w"],)], "scaled": b * scale, "tag": "done"}

    f = autojit(fn)
    a, b, w = random(library, (3,)), random(library, (3,), 1), random(library, (3,), 2)
    out = f((a, b), {"w": w}, scale=2.0)
    expected = fn((a, b), {"w": w}, scale=2.0)
    assert set(out) == {"sum", "scaled", "tag"} and out["tag"] == "done"
    assert isinstance(out["sum"], list) and isinstance(out["sum"][1], tuple)
    got, want = flatten(out)[0], flatten(expected)[0]
    assert len(got) == len(want) == 4
    for g, w in zip(got, want):
        if isinstance(w, str):
            assert g == w
        else:
            np.testing.assert_allclose(np.asarray(g), np.asarray(w), rtol=1e-6)


def test_non_array_arguments_are_static():
    f = autojit(counted(lambda x, n, mode="add": x + n if mode == "add" else x * n))
    x = np.arange(3.0)
    np.testing.assert_array_equal(f(x, 2), x + 2)
    np.testing.assert_array_equal(f(x, 3), x + 3)
    np.testing.assert_array_equal(f(x, 3, mode="mul"), x * 3)
    np.testing.assert_array_equal(f(x, 3, mode="mul"), x * 3)
    assert f.cache_info()[:2] == (1, 3)
    # 1, 1.0 and True hash alike: the type is part of the key, so each compiles its own.
    assert f(np.arange(3), 1).dtype == np.int64
    assert f(np.arange(3), 1.0).dtype == np.float64


def test_static_argnames_by_position_or_keyword():
    def fn(x, shape):
        xp = arraycompat.get_namespace(x)
        return xp.reshape(x, shape)

    f = autojit(fn, static_argnames="shape")
    x = np.arange(6.0)
    assert f(x, (2, 3)).shape == (2, 3)
    assert f(x, shape=(3, 2)).shape == (3, 2)
    assert f(x, (2, 3)).shape == (2, 3)
    assert f.cache_info()[:2] == (1, 2)


def test_unhashable_argument_is_named():
    f = autojit(lambda x, opts: x)
    with pytest.raises(TypeError, match=r"argument opts\['k'\] of .*set.*neither an array nor"):
        f(np.ones(2), {"k": {1, 2}})
    g = autojit(lambda x, table: x, static_argnames=["table"])
    with pytest.raises(TypeError, match=r"argument table of .*list"):
        g(np.ones(2), table=[1, 2])


def test_cache_info_clear_cache_and_recompile_warning():
    f = autojit(lambda x: x + 1)
    f.recompile_warning = 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f(np.ones(1)), f(np.ones(2)), f(np.ones(2))
    with pytest.warns(RecompileWarning, match="compiled 3 times"):
        f(np.ones(3))
    info = f.cache_info()
    assert (info.hits, info.misses, info.size) == (1, 3, 3) and info.compile_seconds > 0
    f.clear_cache()
    assert f.cache_info()[:3] == (0, 0, 0)


def test_bare_and_with_arguments_and_on_methods():
    @autojit
    def bare(x):
        return x * 2

    @autojit(backend="python")
    def configured(x):
        return x * 3

    class Model:
        scale = 4.0

        @autojit
        def apply(self, x):
            return x * self.scale

    x = np.ones(2)
    np.testing.assert_array_equal(bare(x), x * 2)
    np.testing.assert_array_equal(configured(x), x * 3)
    np.testing.assert_array_equal(Model().apply(x), x * 4)
    assert bare.__name__ == "bare" and "bare" in repr(bare)


# ---------------------------------------------------------------- errors
def test_error_while_tracing_names_function_and_signature():
    f = autojit(lambda x: modified_gram_schmidt(x)[2:, :] @ x[:, :2])  # (1, 4) @ (3, 2)
    with pytest.raises(Exception) as info:
        f(np.ones((3, 4)))
    notes = "".join(getattr(info.value, "__notes__", []))
    assert "<lambda>(x=numpy float64[3, 4]) with the" in notes and "'python' compiler" in notes
    assert f.cache_info().size == 0  # a failed compile is not cached


def test_bad_uses_raise_clear_errors():
    with pytest.raises(ValueError, match="unknown backend 'numba'"):
        autojit(lambda x: x, backend="numba")
    with pytest.raises(ValueError, match="'shape', which is not a parameter"):
        autojit(lambda x: x, static_argnames=("shape",))
    with pytest.raises(TypeError, match="no array argument"):
        autojit(lambda n: n)(3)
    with pytest.raises(TypeError, match="more than one library"):
        autojit(lambda a, b: a)(np.ones(1), make_array("array_api_strict", [1.0]))


def test_importing_arraycompat_does_not_import_jit():
    code = (
        "import sys, arraycompat; print('arraycompat.jit' in sys.modules); "
        "arraycompat.autojit; print('arraycompat.jit' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_torch_compile_backend_failure_falls_back_to_trace():
    def no_cxx_compiler(graph, example_inputs):
        raise RuntimeError("no C++ compiler here")

    f = autojit(counted(lambda x: x.cos() * 2), compiler_opts={"backend": no_cxx_compiler})
    x = random("torch", (3,))
    with pytest.warns(RuntimeWarning, match="backend failed.*no C\\+\\+ compiler.*torch.jit.trace"):
        out = f(x)
    np.testing.assert_allclose(out.numpy(), (x.cos() * 2).numpy(), rtol=1e-6)
    np.testing.assert_allclose(f(x + 1).numpy(), ((x + 1).cos() * 2).numpy(), rtol=1e-6)


def test_python_compiler_options():
    def fn(x):
        xp = arraycompat.get_namespace(x)
        table = xp.exp(xp.arange(4.0))  # needs no input: folded into a constant
        return x * table + x * table

    x = np.arange(4.0)
    for opts in ({}, {"fold_constants": False, "share_intermediates": False}):
        np.testing.assert_allclose(autojit(fn, compiler_opts=opts)(x), fn(x), rtol=1e-12)
    f = autojit(fn)
    f(x)
    (program,) = set(f._cache.entries.values())
    assert "exp" not in program.source and program.source.count("*") == 1  # folded, shared
    with pytest.raises(TypeError, match="not inline"):
        autojit(fn, compiler_opts={"inline": True})(x)


def test_dask_unknown_sizes_reuse_one_program():
    import dask.array as da

    x = da.from_array(np.arange(10.0), chunks=5)
    f = autojit(counted(lambda a: a * 2 + 1))
    for threshold in (3, 2, 3):
        selected = x[x > threshold]  # shape (nan,)
        np.testing.assert_array_equal(f(selected).compute(), np.arange(threshold + 1, 10.0) * 2 + 1)
    assert f.cache_info()[:3] == (2, 1, 1) and f.__wrapped__.runs == 1


@pytest.mark.parametrize("share", [False, True])
def test_autojit_of_an_autojit_function_traces_the_inner_one(share):
    # autoray's test_compile_python[nested]: the inner function is called with the outer
    # trace's lazy arrays; its creation functions must not make lazy arrays of lazy arrays
    import numpy as np

    from arraycompat import autojit, do

    def mgs(X):
        Q = []
        for j in range(X.shape[0]):
            q = X[j, :]
            for i in range(j):
                q = q - do("tensordot", do("conj", Q[i]), q, axes=1) * Q[i]
            Q.append(q / do("linalg.norm", q, 2))
        return do("stack", tuple(Q), axis=0)

    opts = {"python": {"share_intermediates": share}}
    x = np.random.default_rng(0).random((5, 5))
    nested = autojit(autojit(mgs, compiler_opts=opts), compiler_opts=opts)
    np.testing.assert_allclose(nested(x), mgs(x))
    np.testing.assert_allclose(nested(x + 1), mgs(x + 1))
