"""autoray code on arraycompat (issue 13): the compatibility module, autoray's ``do``
rules, and the deliberate differences of docs/migration.md, each shown here."""

import importlib
import sys

import numpy
import pytest

import arraycompat
import arraycompat.autoray as ar
from arraycompat import lazy
from conftest import import_or_skip


# ------------------------------------------------------------------ the deliberate differences
def test_lazy_repr_carries_dtype_and_device():
    y = lazy.stack([lazy.array(numpy.ones(5))] * 5)
    assert repr(y) == "LazyArray(fn=stack, shape=(5, 5), dtype=float64, backend='numpy', device='cpu')"


def test_lazy_arrays_infer_as_lazy_and_every_lazy_name_selects_it():
    z = lazy.Variable((4, 5), "float64")
    assert ar.infer_backend_multi(1.0, numpy.ones(2), z) == "lazy"
    assert z.backend == "numpy"
    for name in ("lazy", "arraycompat.lazy", "autoray.lazy"):
        with ar.backend_like(name):
            assert isinstance(ar.do("ones", 2), lazy.LazyArray)


def test_input_nodes_are_named_by_kind_and_functions_as_called():
    torch = import_or_skip("torch")

    x = lazy.array(torch.ones(3, 3))
    v = lazy.Variable((3,), "float32", backend="torch")
    y = ar.do("linalg.norm", ar.do("conj", x[0]), 2) + ar.do("sum", v)
    assert y.history_fn_frequencies() == {
        "data": 1, "Variable": 1, "getitem": 1, "conj": 1, "norm": 1, "sum": 1, "add": 1,
    }


def test_a_missing_function_is_an_attribute_error_naming_the_closest():
    with pytest.raises(AttributeError, match=r"'numpy' has no function 'sqrtt'.*'sqrt'"):
        ar.do("sqrtt", numpy.ones(1))


def test_top_level_get_namespace_is_the_standard_and_autoray_one_takes_like_dtype():
    x = numpy.ones(1, dtype="float32")
    assert arraycompat.get_namespace(x).ones((2,)).dtype == numpy.float64
    assert ar.get_namespace(x).ones((2,)).dtype == numpy.float32
    assert arraycompat.get_namespace("numpy").name == "numpy"  # a library name is accepted


def test_torch_keepdims_without_axis_works():
    torch = import_or_skip("torch")
    out = ar.do("sum", torch.ones(2, 3), keepdims=True)
    assert tuple(out.shape) == (1, 1) and float(out) == 6.0


def test_random_normal_refuses_a_complex_dtype_that_random_array_draws():
    with pytest.raises(ValueError, match="dtype 'complex64' is not a real floating dtype"):
        ar.do("random.normal", size=3, dtype="complex64", like="numpy")
    z = ar.do("random.array", (4000,), dtype="complex64", rng=0, like="numpy")
    assert z.dtype == numpy.complex64 and z.imag.std() > 0.6  # each part's variance is 1/2


def test_default_rng_is_arraycompats_generator_on_numpy_too():
    rng = ar.do("random.default_rng", 0, like=numpy.ones(1, dtype="float32"))
    from arraycompat.dispatch._random import Generator

    assert isinstance(rng, Generator) and not isinstance(rng, numpy.random.Generator)
    assert rng.normal(size=2).dtype == numpy.float32  # like's float dtype, as on torch
    assert rng.normal(size=2, dtype="float64").dtype == numpy.float64
    # numpy's other Generator methods are numpy's own
    numpy.testing.assert_array_equal(
        ar.do("random.default_rng", 1, like="numpy").standard_normal(3),
        numpy.random.default_rng(1).standard_normal(3))


# ------------------------------------------------------------------ compatibility
def test_count_nonzero_keepdims_and_complex_cholesky_on_dask_work():
    torch = import_or_skip("torch")
    da = import_or_skip("dask.array")

    x = torch.tensor([[0.0, 1.0], [2.0, 0.0]])
    assert ar.do("count_nonzero", x, keepdims=True).tolist() == [[2]]
    a = numpy.array([[2.0, 1j], [-1j, 2.0]])
    c = ar.do("linalg.cholesky", da.from_array(a)).compute()
    numpy.testing.assert_allclose(c @ c.conj().T, a)


def test_get_source_is_a_runnable_function_with_literal_dict_keys():
    xs = [lazy.array(numpy.full(2, float(i))) for i in range(3)]

    def pick(a, b):
        return a[0] + b["key"]

    y = lazy.LazyArray(backend="numpy", fn=pick, args=((xs[0], xs[1]), {"key": xs[2]}),
                       kwargs=None, shape=(2,))
    assert y.deps == tuple(xs)
    params = {}
    source = y.get_source(params)
    assert source.startswith("def graph():") and "{c2: c3}" in source and params["c2"] == "key"
    exec(source, params)
    assert params["graph"]().tolist() == [2.0, 2.0]
    assert y.compute().tolist() == [2.0, 2.0]


def test_lazy_arrays_move_to_devices_their_library_has():
    x = lazy.array(numpy.ones(2))
    assert ar.to_device(x, "cpu") is x
    with pytest.raises(lazy.DeviceError, match="'cuda:0' is not a device of the 'numpy'"):
        ar.to_device(x, "cuda:0")
    with pytest.raises(ValueError):  # also a ValueError, as eager libraries raise
        x.to_device("cuda:0")


def test_lazy_matmul_broadcasts_batch_dimensions():
    a = lazy.Variable((2, 2, 3, 4))
    b = lazy.Variable((1, 2, 4, 5))
    assert (a @ b).shape == (2, 2, 3, 5) == (numpy.ones((2, 2, 3, 4)) @ numpy.ones((1, 2, 4, 5))).shape


def test_a_variable_refuses_a_value_of_another_dtype():
    a = lazy.Variable(shape=(4,), backend="numpy")
    f = lazy.Function([a], a * 2)
    with pytest.raises(TypeError, match="dtype int64.*expected dtype is float64.*astype"):
        f(numpy.arange(4))
    assert f(numpy.arange(4.0)).tolist() == [0.0, 2.0, 4.0, 6.0]


def test_backend_like_holds_per_thread():
    from concurrent.futures import ThreadPoolExecutor

    with ar.backend_like("torch"), ThreadPoolExecutor(1) as pool:
        assert ar.get_backend() == "torch"
        assert pool.submit(ar.get_backend).result() is None
        assert ar.autoray.choose_backend("sum", 1) == "torch"
        assert pool.submit(ar.autoray.choose_backend, "sum", 1).result() == "builtins"


def test_backend_like_takes_any_name_and_do_checks_it_when_used(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ar.set_backend("not_yet_a_library")
    try:
        assert ar.get_backend() == "not_yet_a_library"
    finally:
        ar.set_backend(None)
    with ar.backend_like("os"):
        with pytest.raises(TypeError, match="'os' is not an array library"):
            ar.do("system", "touch ran")
    assert not (tmp_path / "ran").exists()


def test_install_redirects_autoray_imports():
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k.split(".")[0] == "autoray"}
    try:
        ar.install()
        autoray = importlib.import_module("autoray")
        assert autoray is ar
        from autoray.lazy.core import LazyArray, lazy_cache  # noqa: F401
        from autoray import DoFunc, dag, to, tree_flatten, tree_unflatten  # noqa: F401
        from autoray.compiler import autojit  # noqa: F401
        assert LazyArray is lazy.LazyArray
    finally:
        for k in [k for k in sys.modules if k.split(".")[0] == "autoray"]:
            del sys.modules[k]
        sys.modules.update(saved)


def test_lazy_core_is_ours_not_the_backends():
    import arraycompat.lazy.core as core

    assert core.LazyArray is lazy.LazyArray
    assert lazy.core is core


def test_numpy_style_arguments_on_the_lazy_namespace():
    a = numpy.arange(6.0).reshape(2, 3)
    la = lazy.array(a)
    assert numpy.allclose(ar.do("tensordot", la, lazy.array(numpy.ones(3)), 1).compute(), a.sum(1))
    assert numpy.allclose(lazy.sort(la, 0).compute(), numpy.sort(a, 0))
    assert numpy.allclose(lazy.flip(la, 0).compute(), numpy.flip(a, 0))
    assert lazy.stack([la, la], 1).shape == (2, 2, 3)
    assert numpy.allclose(lazy.take(la, lazy.array(numpy.array([2, 0])), axis=1).compute(),
                          numpy.take(a, [2, 0], axis=1))
    b = numpy.arange(18.0).reshape(2, 3, 3)
    assert numpy.allclose(lazy.trace(lazy.array(b), axis1=1, axis2=2).compute(),
                          numpy.trace(b, axis1=1, axis2=2))
    assert numpy.isclose(lazy.std(la, ddof=1).compute(), numpy.std(a, ddof=1))
    mask = a > 2
    assert numpy.isclose(lazy.sum(la, where=lazy.array(mask)).compute(), numpy.sum(a, where=mask))
    with pytest.raises(TypeError, match="ddof=1 and correction=0"):
        lazy.std(la, ddof=1, correction=0)
    with pytest.raises(TypeError, match="out= is not supported"):
        lazy.sum(la, None, None, numpy.empty(()))


def test_autoray_do_rules():
    torch = import_or_skip("torch")
    assert ar.do("abs", -0.5) == 0.5
    assert ar.do("ones", 2, like=1.0).dtype == numpy.float64
    assert ar.do("zeros", 2, like=torch.ones(1, dtype=torch.float32)).dtype == torch.float32
    assert ar.do("complex", numpy.ones(1), numpy.ones(1)).tolist() == [1 + 1j]
    assert ar.do("shape", torch.ones(2, 3)) == (2, 3)
    assert ar.do("to_numpy", torch.ones(2)).tolist() == [1.0, 1.0]
    with ar.backend_like("torch"):
        assert isinstance(ar.do("ones", 2), torch.Tensor)


def test_autojit_takes_a_backend_per_call():
    f = ar.autojit(lambda x: ar.do("sum", x * 2))
    x = numpy.ones(3)
    assert float(f(x, backend="python")) == 6.0
    assert float(f(x)) == 6.0


def test_autojit_torch_names_are_autorays():
    """autoray's ``backend="torch"`` is ``torch.jit.trace``; ``"torch:compile"`` and
    ``"torch:trace"`` name the two compilers; arraycompat's own autojit keeps
    ``"torch"`` for ``torch.compile``."""
    torch = import_or_skip("torch")

    def mgs_step(x):
        q = x[0] - ar.do("tensordot", ar.do("conj", x[1]), x[0], 1) * x[1]
        return q / ar.do("linalg.norm", q, 2)

    x = numpy.random.default_rng(0).normal(size=(3, 3))
    f = ar.autojit(mgs_step)
    out = f(x, backend="torch")
    assert isinstance(out, numpy.ndarray) and numpy.allclose(out, mgs_step(x))
    assert f._for_backend("torch").backend == "torch:trace"
    assert ar.autojit(mgs_step, backend="torch:compile").backend == "torch:compile"
    assert arraycompat.autojit(mgs_step, backend="torch").backend == "torch"
    traced = ar.autojit(mgs_step)
    assert numpy.allclose(traced(torch.from_numpy(x)).numpy(), mgs_step(x))
    assert traced._per_backend == {}  # chose by the input: torch.jit.trace, autoray's default
    program = next(iter(traced._cache.entries.values()))
    assert program.__qualname__.startswith("compile_torch_trace.")


def test_operators_on_corrected_libraries_are_named_as_written():
    """torch's ``-`` and ``*`` compute through arraycompat's corrected functions, and
    the history still says ``sub`` and ``mul``, as on numpy (autoray's names)."""
    torch = import_or_skip("torch")
    for x in (lazy.array(torch.ones(3, 3)), lazy.array(numpy.ones((3, 3)))):
        y = x[0] - x[1] * x[2]
        assert y.history_fn_frequencies() == {"data": 1, "getitem": 3, "mul": 1, "sub": 1}
        assert numpy.allclose(numpy.asarray(y.compute()), 0.0)


def test_to_and_trees():
    torch = import_or_skip("torch")
    ys = ar.to({"a": numpy.ones(2), "b": numpy.arange(3)}, "torch-float32")
    assert ys["a"].dtype == torch.float32 and ys["b"].dtype == torch.int64
    objs, ref = ar.tree_flatten([1, (2, {"k": 3})], get_ref=True)
    assert objs == [1, 2, 3] and ar.tree_unflatten("abc", ref) == ["a", ("b", {"k": "c"})]


def test_lazy_array_autoray_attributes():
    x = lazy.array(numpy.ones((2, 3)) * (1 + 2j))
    assert x.H.shape == (3, 2)
    assert numpy.allclose(x.H.compute(), numpy.conj(numpy.ones((2, 3)) * (1 + 2j)).T)
    assert numpy.allclose(x.imag.compute(), 2.0)
    assert x.real.reshape((6,)).astype("float32").dtype == numpy.float32
    y = x + 1
    assert y.fn is not None and len(y.args) == 2 and y.kwargs == {}
    assert numpy.allclose(lazy.complex(x.real, x.imag).compute(), x.compute())


def test_compose_registers_with_do():
    @ar.compose
    def double_it(x, backend):
        return ar.do("multiply", x, 2, like=backend)

    assert ar.do("double_it", numpy.ones(1)).tolist() == [2.0]
    double_it.register("numpy", lambda x: "numpy's own")
    assert ar.do("double_it", numpy.ones(1)) == "numpy's own"


def test_numpy_style_extras_keep_the_standards_signatures():
    """The official suite's signature rule, against array-api-strict's (the standard's)
    signatures: positional parameters in order, keyword-only ones present by name and
    taking keywords (positional-or-keyword is allowed)."""
    import inspect

    strict = import_or_skip("array_api_strict")
    checked = 0
    for name in strict.__all__:
        spec_fn, ours = getattr(strict, name), getattr(lazy, name, None)
        if not inspect.isfunction(spec_fn) or ours is None or not callable(ours):
            continue
        try:
            spec, sig = inspect.signature(spec_fn), inspect.signature(ours)
        except (TypeError, ValueError):
            continue
        params = list(sig.parameters.values())
        for i, p in enumerate(q for q in spec.parameters.values() if q.kind is not q.KEYWORD_ONLY):
            assert len(params) > i, f"{name}: parameter {p.name} missing"
            if p.kind is p.POSITIONAL_OR_KEYWORD:
                assert params[i].name == p.name and params[i].kind == p.kind, name
        for p in (q for q in spec.parameters.values() if q.kind is q.KEYWORD_ONLY):
            assert p.name in sig.parameters, f"{name}: keyword {p.name} missing"
            assert sig.parameters[p.name].kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD), name
        checked += 1
    assert checked > 100


def test_dask_cholesky_is_the_lower_factor_everywhere():
    # dask's own cholesky returns the upper factor: a silent wrong answer before
    da = import_or_skip("dask.array")
    a = numpy.array([[4.0, 2.0], [2.0, 3.0]])
    x = da.from_array(a)
    for c in (arraycompat.get_namespace(x).linalg.cholesky(x), ar.do("linalg.cholesky", x),
              lazy.linalg.cholesky(lazy.array(x)).compute()):
        c = c.compute()
        assert numpy.allclose(numpy.tril(c), c) and numpy.allclose(c @ c.T, a)
    u = ar.do("linalg.cholesky", x, upper=True).compute()
    assert numpy.allclose(numpy.triu(u), u) and numpy.allclose(u.T @ u, a)


def test_lazy_transpose_and_swapaxes_follow_autorays_graph_rules():
    torch = import_or_skip("torch")
    data = torch.arange(24.0).reshape(2, 3, 4)
    x = lazy.array(data)
    once = ar.do("transpose", x, (1, 0, 2))
    twice = ar.do("transpose", once, (1, 0, 2))
    assert twice.args[0] is x and twice.history_num_nodes() == 2
    assert torch.equal(twice.compute(), data)
    assert ar.do("swapaxes", x, 1, -2) is x
    assert torch.equal(ar.do("swapaxes", x, 0, 2).compute(), data.permute(2, 1, 0))
    assert ar.do("transpose", x).shape == (4, 3, 2)


def test_lazy_masked_reductions_and_allclose_are_single_nodes():
    data = numpy.linspace(0, 1, 24).reshape(2, 3, 4)
    x, mask = lazy.array(data), lazy.array(data > 0.5)
    s = ar.do("sum", x, axis=0, where=mask)
    assert any(d is mask for d in s.deps) and s.history_num_nodes() == 3
    numpy.testing.assert_allclose(s.compute(), data.sum(0, where=data > 0.5))
    p = ar.do("prod", x, axis=1, where=mask, keepdims=True)
    numpy.testing.assert_allclose(p.compute(), data.prod(1, where=data > 0.5, keepdims=True))
    close = ar.do("allclose", x, x + 1e-9)
    assert isinstance(close, lazy.LazyArray) and bool(close.compute())
    assert not bool(ar.do("allclose", x, x + 1.0).compute())


def test_lazy_plots_take_autorays_options(tmp_path):
    import_or_skip("networkx")
    matplotlib = import_or_skip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    a = lazy.array(numpy.ones((3, 3)))
    y = ar.do("sum", ar.do("tanh", a @ a) + a)
    y.plot_graph(variables=[a], color_by="variables")
    y.plot_circuit(color_by="id")
    y.plot_history_functions_lines(log=2)
    fig, ax = y.plot_history_functions_image(rasterize=True)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["data", "matmul", "tanh", "add", "sum"]
    with pytest.raises(ValueError, match="color_by must be"):
        y.plot_circuit(color_by="variables")
    plt.close("all")


def test_torch_pad_indices_and_solve_triangular_as_numpy_and_scipy():
    torch = import_or_skip("torch")
    a = torch.arange(24.0, dtype=torch.float64).reshape(2, 3, 4)
    for width in (1, ((1, 2),), ((0, 1), (2, 0), (3, 1))):
        numpy.testing.assert_array_equal(ar.do("pad", a, width).numpy(), numpy.pad(a.numpy(), width))
    numpy.testing.assert_array_equal(ar.do("indices", (2, 3), like="torch").numpy(), numpy.indices((2, 3)))
    u = torch.triu(torch.ones(3, 3, dtype=torch.float64)) + torch.eye(3, dtype=torch.float64)
    b = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)
    x = ar.do("scipy.linalg.solve_triangular", u, b)
    assert torch.allclose(u @ x, b)
    x = ar.do("scipy.linalg.solve_triangular", u.T, b[:, None], lower=True)
    assert torch.allclose(u.T @ x, b[:, None])


def test_autojit_takes_autorays_per_compiler_options_and_stop_gradient_dispatches():
    torch = import_or_skip("torch")
    calls = []

    def f(x):
        calls.append(1)
        return ar.do("sum", x * 2)

    g = ar.autojit(f, compiler_opts={"python": {"share_intermediates": False}, "jax": {}})
    assert float(g(numpy.ones(3))) == 6.0
    x = torch.ones(2, requires_grad=True)
    assert not ar.do("stop_gradient", x).requires_grad


def test_to_spec_names_one_of_each_kind():
    from arraycompat.autoray.autoray import _parse_compound_backend_spec as parse

    assert parse("cuda:1-float32-torch") == ("torch", "float32", "cuda:1")
    with pytest.raises(ValueError, match="several backends"):
        parse("torch-numpy")
    y = ar.to(numpy.ones(2), dtype=complex)
    assert ar.get_dtype_name(y) == "complex128"
    assert ar.shape([numpy.ones(3), numpy.ones(3)]) == (2, 3)


# ------------------------------------------------------------------ swapping by hand
SWAP_SCRIPT = """
import sys, arraycompat, arraycompat.autoray
sys.modules["autoray"] = {target}
from autoray import compiler, lazy
import autoray.lazy, autoray.compiler
from autoray.lazy.core import LazyArray, lazy_cache
assert compiler is arraycompat.autoray.compiler and lazy is arraycompat.lazy
from autoray.lazy import linalg
assert autoray.lazy is arraycompat.lazy and LazyArray is arraycompat.lazy.LazyArray
assert autoray.compiler is arraycompat.autoray.compiler
assert arraycompat.lazy.__spec__.name == "arraycompat.lazy"
copies = [k for k in sys.modules if k.startswith("autoray.lazy.") and k != "autoray.lazy.core"]
assert copies == [], copies  # no second copy of arraycompat.lazy's modules
print("ok")
"""


@pytest.mark.parametrize("target", ["arraycompat", "arraycompat.autoray"])
def test_a_hand_swap_of_autoray_reaches_its_submodules(target):
    import subprocess

    out = subprocess.run([sys.executable, "-c", SWAP_SCRIPT.format(target=target)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_the_swap_finder_leaves_the_real_autoray_alone():
    import subprocess

    pytest.importorskip("autoray", reason="autoray is not installed")
    script = ("import arraycompat, autoray.lazy.core, sys\n"
              "assert autoray.lazy.core.__name__ == 'autoray.lazy.core'\n"
              "assert 'arraycompat' not in autoray.lazy.core.__file__\nprint('ok')")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr


def test_variable_takes_autorays_backend_names():
    v = lazy.Variable((3,), backend="autoray.numpy")
    assert v.backend == "numpy"
    assert numpy.allclose(lazy.compute(v * 2, {v: numpy.ones(3)}), 2.0)
    with pytest.raises(ValueError, match="cannot be 'autoray.lazy'.*name the library"):
        lazy.Variable((3,), backend="autoray.lazy")


def test_autorays_extra_lazy_and_compiler_names():
    x = lazy.array(numpy.arange(1.0, 5.0))
    assert numpy.allclose(lazy.truedivide(x, 2.0).compute(), numpy.arange(1.0, 5.0) / 2)
    assert numpy.allclose(lazy.floordivide(x, 2.0).compute(), numpy.arange(1.0, 5.0) // 2)
    assert ar.compiler.AutoCompiled is ar.compiler.AutoJit


def test_lazy_core_shape_helpers_downstream_libraries_import():
    """symmray imports ``find_full_reshape`` from ``autoray.lazy.core``."""
    from arraycompat.lazy.core import find_broadcast_shape, find_full_reshape

    assert find_full_reshape((2, -1, 3), 24) == (2, 4, 3)
    assert find_full_reshape((4, 6), 24) == (4, 6)
    with pytest.raises(ValueError, match=r"cannot reshape 10 elements to \(-1, 3\)"):
        find_full_reshape((-1, 3), 10)  # no whole size: an error, never a guess
    assert find_broadcast_shape((5, 1, 4), (3, 1)) == (5, 3, 4)


def test_autorays_registry_dicts_take_effect_in_do():
    """Libraries built on autoray (PennyLane) write autoray.autoray's registry dicts
    directly: each write changes what ``do`` calls, lazily, and can be undone."""
    import math

    from arraycompat.autoray import autoray as core

    x = numpy.array([[3.0, 0.0], [0.0, 4.0]])
    try:
        core._FUNC_ALIASES["numpy", "vector_total"] = "sum"
        assert ar.do("vector_total", x).item() == 7.0
        core._SUBMODULE_ALIASES["numpy", "frobenius"] = "numpy.linalg"
        core._FUNC_ALIASES["numpy", "frobenius"] = "norm"
        assert ar.do("frobenius", x).item() == 5.0
        core._CUSTOM_WRAPPERS["numpy", "cumsum"] = lambda f: lambda *a, **k: f(*a, **k) + 100
        assert ar.do("cumsum", x.ravel()).tolist() == [103.0, 103.0, 103.0, 107.0]
        core._FUNCS["numpy", "double_it"] = lambda a: 2 * a
        assert ar.do("double_it", x)[1, 1] == 8.0
        # never imported until used: a library that is not installed is harmless here
        core._SUBMODULE_ALIASES["not_installed_lib", "f"] = "not_installed_lib.sub"
        core._MODULE_ALIASES["decimal_like"] = "math"
        assert ar.get_lib_fn("decimal_like", "sqrt") is math.sqrt
    finally:
        for table, key in [(core._FUNC_ALIASES, ("numpy", "vector_total")),
                           (core._SUBMODULE_ALIASES, ("numpy", "frobenius")),
                           (core._FUNC_ALIASES, ("numpy", "frobenius")),
                           (core._CUSTOM_WRAPPERS, ("numpy", "cumsum")),
                           (core._FUNCS, ("numpy", "double_it")),
                           (core._SUBMODULE_ALIASES, ("not_installed_lib", "f"))]:
            table.pop(key, None)
    assert ar.do("cumsum", x.ravel()).tolist() == [3.0, 3.0, 3.0, 7.0]  # unwrapped again
    assert core.svd_not_full_matrices_wrapper(numpy.linalg.svd)(numpy.ones((3, 2)))[0].shape == (3, 2)
    with pytest.raises(AttributeError):
        ar.do("vector_total", x)


def test_register_function_for_builtins_and_scipy_as_autoray_takes_them():
    """PennyLane registers functions for Python objects ('builtins') and for scipy
    sparse matrices ('scipy'); ``do`` on Python objects uses the 'builtins' one."""
    from arraycompat.dispatch import _dispatch, _registry

    try:
        ar.register_function("builtins", "count_items", lambda x: len(x))
        assert ar.do("count_items", [1.0, 2.0, 3.0]) == 3
        ar.register_function("scipy", "to_numpy", lambda x: x.toarray())
        sparse = pytest.importorskip("scipy.sparse", reason="needs scipy, which is not installed")
        assert ar.get_lib_fn("scipy", "to_numpy")(sparse.eye(2)).tolist() == [[1, 0], [0, 1]]
    finally:
        for key in [("builtins", "count_items"), ("scipy", "to_numpy")]:
            _registry._registered.pop(key, None)
            _dispatch.forget(*key)
    with pytest.raises(TypeError, match=r"'nupmy' is not an array library\. Did you mean 'numpy'"):
        ar.register_function("nupmy", "twice", lambda x: 2 * x)  # a typo still is an error


def test_an_installed_package_registers_under_its_own_name_but_never_the_stdlib(tmp_path, monkeypatch):
    """symmray registers its functions as ``register_function("symmray", ...)``: any
    installed package may; a standard-library module may not, so ``like="os"`` stays
    refused and ``os.system`` is never reachable through ``do``."""
    from arraycompat.dispatch import _dispatch, _registry

    try:
        ar.register_function("pytest", "identity_fn", lambda x: x)  # installed, not stdlib
        assert _registry.registered("pytest", "identity_fn")(3) == 3
    finally:
        _registry._registered.pop(("pytest", "identity_fn"), None)
        _dispatch.forget("pytest", "identity_fn")
    with pytest.raises(TypeError, match="'os' is not an array library"):
        ar.register_function("os", "system", print)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError, match="'os' is not an array library"):
        ar.do("system", "touch ran", like="os")
    assert not (tmp_path / "ran").exists()
