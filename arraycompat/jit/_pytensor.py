"""The pytensor compiler of ``autojit``: the traced graph rebuilt in pytensor and
compiled with ``pytensor.function``.

The function is traced once per signature with ``arraycompat.lazy`` on numpy (as the
'python' compiler does), everything that does not depend on the inputs is computed
once, and each remaining node becomes the pytensor operation of the same name
(``linalg.inv`` -> ``pytensor.tensor.linalg.inv``, ``x[k] = v`` ->
``set_subtensor``...). Python scalars take the dtype numpy would give them and every
node's result is cast to the dtype the trace recorded, so results have eager
numpy's dtypes. A traced operation pytensor has no counterpart for raises
``NotImplementedError`` naming it, when the function is compiled.

Example (pytensor is optional, so this is not run as a doctest)::

    @autojit(backend="pytensor")
    def f(x):
        xp = get_namespace(x)
        return xp.sum(xp.exp(x) * 2.0, axis=0)

    f(numpy.zeros((2, 3)))        # array([4., 4., 4.])
"""

from __future__ import annotations

import contextlib
import functools
import operator
from typing import Any, Callable

from ._pytree import flatten, unflatten

__all__ = ["compile_pytensor", "TRANSLATED"]


def _axis_kwargs(fn_name: str) -> Callable:
    """A reduction taking ``axis`` and ``keepdims`` (and ``dtype``, dropped: the
    result is cast to the traced dtype anyway)."""

    def call(pt, x, axis=None, keepdims=False, dtype=None):
        return getattr(pt, fn_name)(x, axis=axis, keepdims=keepdims)

    return call


def _std_var(fn_name: str) -> Callable:
    def call(pt, x, axis=None, correction=0.0, keepdims=False):
        return getattr(pt, fn_name)(x, axis=axis, ddof=correction, keepdims=keepdims)

    return call


def _arg_reduce(fn_name: str) -> Callable:
    def call(pt, x, axis=None, keepdims=False):
        return getattr(pt, fn_name)(x, axis=axis, keepdims=keepdims)

    return call


def _same(fn_name: str) -> Callable:
    """``pytensor.tensor.<fn_name>`` with the same arguments."""

    def call(pt, *args, **kwargs):
        return getattr(pt, fn_name)(*args, **kwargs)

    return call


def _vector_norm(pt, x, axis=None, keepdims=False, ord=2):
    if ord == 2:  # the common case, as sums: differentiable and fused by pytensor
        return pt.sqrt(pt.sum(pt.square(abs(x)), axis=axis, keepdims=keepdims))
    if axis is None:
        x, axis = x.ravel(), 0
    return pt.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)


def _cumulative_sum(pt, x, axis=None, dtype=None, include_initial=False):
    if include_initial:
        raise NotImplementedError("cumulative_sum(include_initial=True)")
    return pt.cumsum(x, axis=0 if axis is None else axis)


def _sort(fn_name: str) -> Callable:
    def call(pt, x, axis=-1, descending=False, stable=True):
        if descending:
            raise NotImplementedError(f"{fn_name}(descending=True)")
        return getattr(pt, fn_name)(x, axis=axis, stable=stable)

    return call


def _clip(pt, x, min=None, max=None):
    if min is not None:
        x = pt.maximum(x, min)
    return x if max is None else pt.minimum(x, max)


def _qr(pt, x, mode="reduced"):
    return tuple(pt.linalg.qr(x, mode=mode))


def _svd(pt, x, full_matrices=True):
    return tuple(pt.linalg.svd(x, full_matrices=full_matrices))


#: standard name -> ``f(pytensor.tensor, *args, **kwargs)``; the traced operations
#: this compiler knows. Elementwise names take the dtype handling in ``_convert_args``.
TRANSLATED: dict[str, Callable] = {
    **{n: _same(n) for n in (
        "abs", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "square", "sin",
        "cos", "tan", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "sign", "isnan",
        "isinf", "isfinite", "real", "imag", "conj", "reciprocal", "maximum", "minimum",
        "logaddexp", "where", "matmul", "tensordot", "round",
    )},
    **{std: _same(pt) for std, pt in {
        "acos": "arccos", "asin": "arcsin", "atan": "arctan", "acosh": "arccosh",
        "asinh": "arcsinh", "atanh": "arctanh", "atan2": "arctan2", "negative": "neg",
        "add": "add", "subtract": "sub", "multiply": "mul", "divide": "true_div",
        "pow": "pow", "equal": "eq", "not_equal": "neq", "less": "lt", "less_equal": "le",
        "greater": "gt", "greater_equal": "ge", "logical_and": "and_", "logical_or": "or_",
        "logical_xor": "xor", "logical_not": "invert", "bitwise_and": "and_",
        "bitwise_or": "or_", "bitwise_xor": "xor", "bitwise_invert": "invert",
        "remainder": "mod", "floor_divide": "floor_div",
    }.items()},
    "positive": lambda pt, x: x,
    **{n: _axis_kwargs(n) for n in ("sum", "prod", "max", "min", "mean", "all", "any")},
    "std": _std_var("std"),
    "var": _std_var("var"),
    "argmax": _arg_reduce("argmax"),
    "argmin": _arg_reduce("argmin"),
    "cumulative_sum": _cumulative_sum,
    "sort": _sort("sort"),
    "argsort": _sort("argsort"),
    "clip": _clip,
    "astype": lambda pt, x, dtype, copy=True, device=None: pt.cast(x, dtype),
    "reshape": lambda pt, x, shape, copy=None: pt.reshape(x, shape),
    "permute_dims": lambda pt, x, axes: pt.transpose(x, axes),
    "matrix_transpose": lambda pt, x: pt.swapaxes(x, -1, -2),
    "expand_dims": lambda pt, x, axis=0: pt.expand_dims(x, axis),
    "squeeze": lambda pt, x, axis: pt.squeeze(x, axis),
    "concat": lambda pt, arrays, axis=0: pt.concatenate(list(arrays), axis=axis),
    "stack": lambda pt, arrays, axis=0: pt.stack(list(arrays), axis=axis),
    "flip": lambda pt, x, axis=None: pt.flip(x, axis=axis),
    "roll": lambda pt, x, shift, axis=None: pt.roll(x, shift, axis=axis),
    "broadcast_to": lambda pt, x, shape: pt.broadcast_to(x, shape),
    "zeros_like": lambda pt, x, dtype=None, device=None: pt.zeros_like(x, dtype=dtype),
    "ones_like": lambda pt, x, dtype=None, device=None: pt.ones_like(x, dtype=dtype),
    "full_like": lambda pt, x, fill_value, dtype=None, device=None: pt.full_like(
        x, fill_value, dtype=dtype
    ),
    "vecdot": lambda pt, a, b, axis=-1: pt.sum(pt.conj(a) * b, axis=axis),
    "linalg.vector_norm": _vector_norm,
    "linalg.inv": lambda pt, x: pt.linalg.inv(x),
    "linalg.det": lambda pt, x: pt.linalg.det(x),
    "linalg.solve": lambda pt, a, b: pt.linalg.solve(a, b),
    "linalg.cholesky": lambda pt, x, upper=False: pt.linalg.cholesky(x, lower=not upper),
    "linalg.qr": _qr,
    "linalg.svd": _svd,
    "linalg.eigh": lambda pt, x: tuple(pt.linalg.eigh(x)),
    "linalg.matmul": lambda pt, a, b: pt.matmul(a, b),
    "linalg.matrix_transpose": lambda pt, x: pt.swapaxes(x, -1, -2),
}

# Python's operators: pytensor's tensors implement them with numpy's meaning.
_OPERATORS = {
    getattr(operator, n) for n in (
        "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "neg", "pos",
        "abs", "invert", "and_", "or_", "xor", "lshift", "rshift", "eq", "ne", "lt", "le",
        "gt", "ge",
    )
}
_ELEMENTWISE = _OPERATORS | {"add", "subtract", "multiply", "divide", "pow", "maximum",
                              "minimum", "where", "atan2", "logaddexp", "remainder",
                              "floor_divide", "equal", "not_equal", "less", "less_equal",
                              "greater", "greater_equal", "clip"}


def compile_pytensor(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """Trace ``call`` on numpy, rebuild the graph in pytensor, ``pytensor.function``.

    ``opts`` go to ``pytensor.function`` (``mode=``...); ``on_unused_input`` is
    'ignore' unless given, since a traced function may not read every argument.
    """
    import pytensor
    import pytensor.tensor as pt

    from .. import lazy
    from ..lazy._function import _backend_names
    from ..lazy._shared import SharedWriteError
    from ..lazy._traverse import ascend_list
    from ..core._resolve import get_namespace

    numpy_ns = get_namespace(arrays[0])

    def trace(share: bool) -> tuple:
        variables = [lazy.Variable(tuple(x.shape), x.dtype, backend=numpy_ns) for x in arrays]
        with lazy.shared_intermediates() if share else contextlib.nullcontext():
            return variables, call(*variables)

    try:
        variables, outputs = trace(True)
    except SharedWriteError:
        variables, outputs = trace(False)
    leaves, treedef = flatten(outputs)
    positions = [i for i, y in enumerate(leaves) if type(y) is lazy.LazyArray]
    if not positions:
        return lambda *xs: outputs  # nothing depends on the inputs
    lazy_outs = [leaves[i] for i in positions]
    order = ascend_list(lazy_outs)
    lazy.compute_constants(lazy_outs, variables=variables, order=order)

    names = _backend_names()
    built: dict = {}
    inputs = []
    for v in variables:
        tensor = pt.tensor(dtype=str(v.dtype), shape=v.shape)
        built[id(v)] = tensor
        inputs.append(tensor)
    for node in order:
        if id(node) in built:
            continue
        built[id(node)] = _build(node, built, names, pt)
    opts = {"on_unused_input": "ignore", **opts}
    function = pytensor.function(inputs, [built[id(y)] for y in lazy_outs], **opts)
    template = list(leaves)

    def program(*xs):
        filled = list(template)
        for i, y in zip(positions, function(*xs)):
            filled[i] = y
        return unflatten(treedef, filled)

    return program


def _name_of(fn: Any, names: dict) -> tuple[str | None, dict]:
    """The standard name of a traced function and the keywords a partial bound."""
    if type(fn) is functools.partial:
        name, kwargs = _name_of(fn.func, names)
        return name, {**kwargs, **fn.keywords}
    ref = names.get(id(fn))
    return (ref.name if ref is not None else None), {}


def _build(node: Any, built: dict, names: dict, pt: Any) -> Any:
    """The pytensor variable computing ``node`` from the ones already ``built``."""
    from ..lazy._indexing import _set
    from ..lazy._node import LazyArray, _fn_name

    if node._fn is None:  # a constant (computed at trace time)
        return pt.constant(node._data)
    fn = node._fn
    args = _map(node._args, built, LazyArray)
    kwargs = _map(node._kwargs or {}, built, LazyArray)
    if fn in _OPERATORS:
        result = fn(*_typed_scalars(args, node, pt))
    elif type(fn) is operator.itemgetter:
        (x,) = args
        result = fn(x)
    elif fn is operator.getitem:
        result = args[0][args[1]]
    elif fn is _set:
        x, key, value = args
        if not hasattr(value, "type"):
            value = pt.constant(value, dtype=x.dtype)
        result = pt.set_subtensor(x[key], value)
    else:
        name, bound = _name_of(fn, names)
        translate = TRANSLATED.get(name)
        if translate is None:
            raise NotImplementedError(
                f"arraycompat.autojit: the 'pytensor' compiler has no translation for the "
                f"traced operation {name or _fn_name(fn)!r}; use backend='python' (or the "
                f"inputs' own compiler) for this function, or write it with the operations "
                f"listed in arraycompat.jit._pytensor.TRANSLATED."
            )
        if name in _ELEMENTWISE:
            args = _typed_scalars(args, node, pt)
        try:
            result = translate(pt, *args, **{**bound, **kwargs})
        except NotImplementedError as e:
            raise NotImplementedError(
                f"arraycompat.autojit: the 'pytensor' compiler cannot translate {e}; use "
                f"backend='python' for this function."
            ) from None
    return _checked(result, node, pt)


def _map(x: Any, built: dict, lazy_type: type) -> Any:
    t = type(x)
    if t is lazy_type:
        return built[id(x)]
    if t is tuple or t is list:
        return t(_map(y, built, lazy_type) for y in x)
    if t is dict:
        return {k: _map(v, built, lazy_type) for k, v in x.items()}
    return x


_KIND_RANK = {"b": 0, "u": 1, "i": 1, "f": 2, "c": 3}
_SCALAR_RANK = {bool: 0, int: 1, float: 2, complex: 3}


def _typed_scalars(args: tuple, node: Any, pt: Any) -> tuple:
    """Python scalars as constants of the dtype numpy gives them next to an array:
    the array's dtype when it holds the scalar's kind, else the result's (``int array
    * 2.5`` is float64). pytensor would otherwise make every float a float64."""
    import numpy

    arrays = [a for a in args if hasattr(a, "type")]
    if len(arrays) == len(args) or not arrays:
        return args
    other = next((a.dtype for a in arrays if a.dtype != "bool"), arrays[0].dtype)
    out = []
    for a in args:
        rank = _SCALAR_RANK.get(type(a))
        if rank is None:
            out.append(a)
            continue
        kind = numpy.dtype(other).kind
        dtype = other if _KIND_RANK.get(kind, -1) >= rank else str(node._dtype)
        out.append(pt.constant(a, dtype=dtype))
    return tuple(out)


def _checked(result: Any, node: Any, pt: Any) -> Any:
    """``result`` with the traced dtype; a clear error when its known shape differs
    from the traced one (never a silent wrong answer)."""
    if not hasattr(result, "type") or not hasattr(result.type, "shape"):
        return result  # a tuple of results (qr, svd...): their items are checked
    dtype = str(node._dtype)
    if result.dtype != dtype:
        result = pt.cast(result, dtype)
    for traced, got in zip(node._shape, result.type.shape):
        if traced is not None and got is not None and traced != got:
            raise ValueError(
                f"arraycompat.autojit: the 'pytensor' compiler built shape "
                f"{result.type.shape} for {node!r}, traced as {node._shape}; this is a bug "
                f"in arraycompat, please report it (backend='python' avoids it)."
            )
    if len(result.type.shape) != len(node._shape):
        raise ValueError(
            f"arraycompat.autojit: the 'pytensor' compiler built a {len(result.type.shape)}-d "
            f"result for {node!r}, traced as {len(node._shape)}-d; this is a bug in "
            f"arraycompat, please report it (backend='python' avoids it)."
        )
    return result
