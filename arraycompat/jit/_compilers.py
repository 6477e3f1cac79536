"""One compiler per backend: each turns ``call(*arrays) -> outputs`` into a program.

``call`` runs the user's function on the flat array arguments of one signature
(the other arguments are baked in); the program returned takes arrays of the same
shapes, dtypes and devices and returns the same nesting of outputs.

>>> import numpy
>>> program = COMPILERS["python"](lambda x: (x + 1, {"y": x * 2}), [numpy.ones(2)], None, {})
>>> program(numpy.arange(2.0))
(array([1., 2.]), {'y': array([0., 2.])})
"""

from __future__ import annotations

import types
from typing import Any, Callable

from ._pytree import LEAF, flatten, unflatten

__all__ = ["COMPILERS", "LIBRARY_OF_COMPILER", "compiler_for", "register_compiler", "to_library"]

# The library each compiler runs on; "python" runs on the inputs' own library.
LIBRARY_OF_COMPILER = {
    "python": None,
    "jax": "jax",
    "torch": "torch",
    "torch-trace": "torch",
    "torch:compile": "torch",
    "torch:trace": "torch",
    "tensorflow": "tensorflow",
    "pytensor": "numpy",
}

_COMPILER_OF_LIBRARY = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}


def compiler_for(library: str) -> str:
    """The default compiler for arrays of ``library``: its own, else ``"python"``.

    >>> compiler_for("jax"), compiler_for("numpy")
    ('jax', 'python')
    """
    return _COMPILER_OF_LIBRARY.get(library, "python")


def register_compiler(
    name: str, compile: Callable, library: str | None = None, *, default_for: str | None = None
) -> None:
    """Add the compiler ``name``: ``compile(call, arrays, ns, opts) -> program``, whose
    programs take arrays of ``library`` (None: the inputs' own library). With
    ``default_for``, autojit uses it for that library's arrays when no backend is named.
    Compilers built on this module (the dask one, in ``_dask``) register themselves, so
    this module imports none of them.

    >>> COMPILERS["dask"].__module__, LIBRARY_OF_COMPILER["dask"], compiler_for("dask")
    ('arraycompat.jit._dask', 'dask', 'dask')
    """
    COMPILERS[name] = compile
    LIBRARY_OF_COMPILER[name] = library
    if default_for is not None:
        _COMPILER_OF_LIBRARY[default_for] = name


def to_library(x: Any, library: str) -> Any:
    """``x`` in ``library`` (a compiler's library): DLPack first (same device), else a host copy.

    >>> import numpy
    >>> type(to_library(numpy.ones(2), "torch")).__name__
    'Tensor'
    """
    if library == "tensorflow":  # not a library arraycompat resolves by name
        import tensorflow as tf

        from ..core._devices import asarray

        return tf.convert_to_tensor(asarray(x, like="numpy"))
    from ..core._devices import asarray

    return asarray(x, like=library)


def compile_jax(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """``jax.jit``; outputs that are not arrays (strings, Python numbers) come back
    as traced, as with the other compilers."""
    import jax

    flat, rebuild = _flat_outputs(call, lambda x: isinstance(x, jax.Array))
    jitted = jax.jit(flat, **opts)

    def program(*xs):
        return rebuild(jitted(*xs))

    return program


def compile_torch(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """``torch.compile`` with static shapes (each signature is its own graph).

    Every program gets a fresh code object: dynamo caches guards per code object, so
    programs of one function neither share graphs nor use up one recompile limit.
    Where ``torch.compile`` is unsupported, or its backend fails to build the graph
    (no C++ compiler for inductor...), a warning says why and ``torch.jit.trace``
    is used instead.
    """
    import torch

    if not torch._dynamo.is_dynamo_supported():
        _warn_torch_fallback("torch.compile is not supported on this Python/platform")
        return compile_torch_trace(call, arrays, ns, {})
    compiled = torch.compile(_fresh_function(call), **{"dynamic": False, **opts})
    chosen = []

    def program(*xs):
        if chosen:
            return chosen[0](*xs)
        try:
            out = compiled(*xs)  # the first call compiles
        except torch._dynamo.exc.BackendCompilerFailed as e:
            inner = getattr(e, "inner_exception", None) or e
            _warn_torch_fallback(
                f"torch.compile's backend failed ({type(inner).__name__}: {inner})"
            )
            chosen.append(compile_torch_trace(call, xs, ns, {}))
            return chosen[0](*xs)
        chosen.append(compiled)
        return out

    return program


def _warn_torch_fallback(reason: str) -> None:
    import warnings

    warnings.warn(
        f"arraycompat.autojit: {reason}; using torch.jit.trace instead (Python control flow "
        f"is fixed by the first call). Pass backend='torch-trace' to choose it directly.",
        RuntimeWarning,
        stacklevel=6,  # the caller of the autojit function
    )


def compile_torch_trace(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """``torch.jit.trace``, for where ``torch.compile`` is unavailable: runs ``call``
    once on the arrays, so Python control flow is fixed by that run."""
    import warnings

    import torch

    flat, rebuild = _flat_outputs(call, lambda x: isinstance(x, torch.Tensor))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "`torch.jit.trace` is deprecated", DeprecationWarning)
        traced = torch.jit.trace(flat, tuple(arrays), **{"check_trace": False, **opts})

    def program(*xs):
        return rebuild(traced(*xs))

    return program


def compile_tensorflow(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """``tensorflow.function`` (tensorflow is imported only here; untested where it is
    not installed)."""
    import tensorflow as tf

    return tf.function(call, **opts)


def trace_options(compiler: str, opts: dict) -> dict:
    """The options of a compiler that traces with ``lazy`` ('python', 'dask'), with
    their defaults; anything else is a TypeError naming the compiler.

    >>> trace_options("python", {"share_intermediates": False})
    {'fold_constants': True, 'share_intermediates': False}
    """
    opts = {"fold_constants": True, "share_intermediates": True, **opts}
    unknown = set(opts) - {"fold_constants", "share_intermediates"}
    if unknown:
        raise TypeError(
            f"arraycompat.autojit: the {compiler!r} compiler takes compiler_opts fold_constants "
            f"and share_intermediates, not {', '.join(sorted(unknown))}"
        )
    return opts


def compile_python(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """Trace ``call`` with ``arraycompat.lazy`` on Variables shaped like ``arrays``
    (sharing common subexpressions), then ``lazy.Function``: constants folded, one
    straight-line Python function compiled from the graph's source.

    ``opts``: ``fold_constants`` and ``share_intermediates`` (both True by default).
    """
    import contextlib

    from .. import lazy
    from ..core._devices import device

    opts = trace_options("python", opts)
    from ..lazy._config import backend_namespace
    from ..lazy._shared import SharedWriteError

    backend = backend_namespace(ns if ns is not None else arrays[0])

    def trace(share: bool) -> tuple:
        variables = [
            lazy.Variable(_shape(x), x.dtype, backend=backend, device=device(x)) for x in arrays
        ]
        # creation functions (xp.arange...) make arrays of the inputs' library, as eagerly;
        # inputs that are lazy arrays themselves (autojit inside a traced function) keep
        # lazy's default: lazy arrays of lazy arrays do not exist
        creation = contextlib.nullcontext() if backend.name == "lazy" else lazy.default_backend(backend)
        with creation, (
            lazy.shared_intermediates() if share else contextlib.nullcontext()
        ):
            return variables, call(*variables)

    try:
        variables, outputs = trace(opts["share_intermediates"])
    except SharedWriteError:
        # the function writes to a value that equals another one: trace it unshared
        variables, outputs = trace(False)
    if not any(type(x) is lazy.LazyArray for x in flatten(outputs)[0]):
        return lambda *xs: outputs  # nothing depends on the inputs
    # the signature is checked by autojit's cache key already
    return lazy.Function(
        variables, outputs, fold_constants=opts["fold_constants"], check_inputs=False
    )


def _shape(x: Any) -> tuple:
    """``x.shape`` with unknown sizes (None, or NaN for dask) as None."""
    return tuple(None if n is None or n != n else int(n) for n in x.shape)


def compile_pytensor(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """The traced graph rebuilt in pytensor and compiled with ``pytensor.function``
    (see ``arraycompat.jit._pytensor``)."""
    from ._pytensor import compile_pytensor

    return compile_pytensor(call, arrays, ns, opts)


# More register themselves (register_compiler): "dask" from ._dask.
COMPILERS: dict[str, Callable] = {
    "python": compile_python,
    "jax": compile_jax,
    "torch": compile_torch,
    "torch-trace": compile_torch_trace,
    # autoray's names for the two torch compilers
    "torch:compile": compile_torch,
    "torch:trace": compile_torch_trace,
    "tensorflow": compile_tensorflow,
    "pytensor": compile_pytensor,
}


def _fresh_function(fn: Callable) -> Callable:
    """A copy of ``fn`` with its own code object (same behaviour, closure and name)."""
    code = fn.__code__.replace()
    copy = types.FunctionType(code, fn.__globals__, fn.__name__, fn.__defaults__, fn.__closure__)
    copy.__qualname__ = fn.__qualname__
    return copy


def _flat_outputs(call: Callable, is_dynamic: Callable) -> tuple[Callable, Callable]:
    """``flat(*xs)``: ``call``'s dynamic outputs as a tuple, recording the rest (the
    nesting, and non-array outputs) for ``rebuild(tuple) -> outputs``."""
    record: dict = {}

    def flat(*xs):
        leaves, treedef = flatten(call(*xs))
        dynamic = [i for i, x in enumerate(leaves) if is_dynamic(x)]
        record["treedef"] = treedef
        record["template"] = [None if i in dynamic else x for i, x in enumerate(leaves)]
        record["dynamic"] = dynamic
        return tuple(leaves[i] for i in dynamic)

    def rebuild(outs: Any) -> Any:
        if not isinstance(outs, (tuple, list)):
            outs = (outs,)
        treedef = record["treedef"]
        if treedef is LEAF and record["dynamic"]:
            return outs[0]
        leaves = list(record["template"])
        for i, x in zip(record["dynamic"], outs):
            leaves[i] = x
        return unflatten(treedef, leaves)

    return flat, rebuild
