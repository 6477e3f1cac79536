"""Recording nodes: elementwise operations (the hot path) and every other function.

Elementwise operations get their shape by broadcasting and their dtype from a cache
keyed on (function, backend, dtypes), learned on one-element arrays. Every other
function goes through ``apply``: its result's shape, dtype and device come from
running the backend function once on stand-in arrays per signature.

>>> from arraycompat import lazy
>>> x = lazy.Variable((2, 3), "float32")
>>> apply("linalg.matrix_norm", (x,)).shape
()
"""

from __future__ import annotations

import functools
import operator as _op
import sys
from typing import Any

from ..core._lru import LRU
from ..core._namespace import Namespace
from ..core._resolve import get_namespace, library_of_type
from . import _compute, _node
from ._config import backend_namespace, is_strict, refuse_if_strict
from ._infer import BroadcastError, Spec, broadcast_shapes, elementwise_dtype, evaluate, spec_of, stand_in
from ._node import LazyArray, _fn_name, _leaf
from ._traverse import called_as

__all__ = [
    "apply", "record", "unary", "binary", "matmul", "backend_function", "depends_on_variable",
    "set_cache_size", "cache_sizes",
]

_SCALARS = (bool, int, float, complex)
_SCALAR_TYPES = frozenset(_SCALARS)


# Set by ``lazy.shared_intermediates`` while a sharing context is open: maps a new
# node to the node already recorded for the same call.
share_hook = None


def _wrap_foreign(x: Any, ns: Namespace) -> Any:
    """A non-lazy array operand (numpy array with a lazy numpy array...) as a leaf;
    NotImplemented for what we do not know."""
    t = type(x)
    if t is LazyArray or t in _SCALAR_TYPES:
        return x
    if t is list or t is tuple:
        # Returning NotImplemented would let Python try `list * x`, a repetition that
        # calls x.__index__() and forces the graph: refuse clearly instead.
        raise TypeError(
            f"arraycompat.lazy: a {t.__name__} is not an array operand (the standard takes "
            f"arrays and Python scalars); convert it first with xp.asarray(...)."
        )
    if library_of_type(t, x) is None:
        return NotImplemented
    xns = get_namespace(x)
    if xns is not ns:
        raise TypeError(
            f"arraycompat.lazy: cannot combine a lazy {ns.name} array with a {xns.name} array; "
            f"bring it to one library first, e.g. arraycompat.asarray(x, like=y)."
        )
    return _leaf(x, ns)


#: A Python operator -> the standard's function it stands for.
OPERATOR_FUNCTIONS = {
    _op.add: "add", _op.sub: "subtract", _op.mul: "multiply", _op.truediv: "divide",
    _op.floordiv: "floor_divide", _op.mod: "remainder", _op.pow: "pow",
    _op.and_: "bitwise_and", _op.or_: "bitwise_or", _op.xor: "bitwise_xor",
    _op.lshift: "bitwise_left_shift", _op.rshift: "bitwise_right_shift",
    _op.eq: "equal", _op.ne: "not_equal", _op.lt: "less", _op.le: "less_equal",
    _op.gt: "greater", _op.ge: "greater_equal",
    _op.neg: "negative", _op.pos: "positive", _op.abs: "abs", _op.invert: "bitwise_invert",
}
# (operator, backend Namespace) -> what a lazy array's operator records
_routes: dict = {}


def routed(op: Any, ns: Namespace) -> Any:
    """What ``op`` on lazy arrays of ``ns`` records: the backend's standard function
    where arraycompat corrects it for that library (torch's ``+`` on uint16, numpy's
    ``//`` with infinities: the library's own operator would be wrong), else ``op``.

    >>> import operator
    >>> from arraycompat import lazy
    >>> x = lazy.asarray([float("inf")], backend="numpy")
    >>> routed(operator.floordiv, x._backend).fn.__name__, routed(operator.add, x._backend)
    ('floor_divide', <built-in function add>)
    """
    key = (op, ns)
    fn = _routes.get(key)
    if fn is None:
        from ..core._corrections import corrections_table

        name = OPERATOR_FUNCTIONS[op]
        fn = op
        if name in corrections_table(ns.name):
            fn = OperatorRoute(op.__name__, backend_function(ns, name))
        _routes[key] = fn
    return fn


class OperatorRoute:
    """A corrected backend function that an operator records: it computes with the
    function and keeps the operator's name (``'sub'``, not ``'subtract'``), so the
    history reports what the user wrote on every library.

    >>> import operator
    >>> route = OperatorRoute("sub", operator.sub)
    >>> route.__name__, route(5, 3)
    ('sub', 2)
    """

    __slots__ = ("fn", "__name__")

    def __init__(self, name: str, fn: Any) -> None:
        self.fn = fn
        self.__name__ = name

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)

    def __repr__(self) -> str:
        return f"<operator {self.__name__} computed by {self.fn!r}>"


def unary(fn: Any, x: LazyArray) -> LazyArray:
    """Record elementwise ``fn(x)``: same shape, dtype by the library's rule."""
    ns = x._backend
    if fn in OPERATOR_FUNCTIONS:
        fn = routed(fn, ns)
    key = (fn, id(ns), x._dtype)  # namespaces live forever; id() hashes in C
    found = _unary_cache.get(key)
    if found is None:
        found = elementwise_dtype(fn, ns, args := (x,))
        _unary_cache[key] = found
    args = (x,)
    node = LazyArray(fn, args, None, args, x._shape, found[0], x._device, ns)
    return node if share_hook is None else share_hook(node)


_unary_cache: dict = {}
_binary_cache: dict = {}


def binary(fn: Any, a: Any, b: Any) -> Any:
    """Record elementwise ``fn(a, b)``; one of them is a LazyArray, the other a lazy
    array, a Python scalar or an array of the same library."""
    ta = type(a)
    tb = type(b)
    if fn in OPERATOR_FUNCTIONS:
        fn = routed(fn, (a if ta is LazyArray else b)._backend)
    if ta is LazyArray:
        ns = a._backend
        if tb is LazyArray:
            if b._backend is not ns:
                _mixed_backends(a, b)
            sa = a._shape
            sb = b._shape
            device = a._device
            if sa is sb or sa == sb:
                shape = sa
            else:
                try:
                    shape = broadcast_shapes(sa, sb)
                except BroadcastError:
                    return apply(fn, (a, b))  # raises the library's own error
            if device != b._device:
                return apply(fn, (a, b))
            # 0-d operands promote differently on torch: rank 0 or not is in the key
            key = (fn, id(ns), a._dtype, b._dtype, not sa, not sb)
            args = deps = (a, b)
        elif tb in _SCALAR_TYPES:
            shape = a._shape
            device = a._device
            value_class = (
                _exponent_class(b) if fn is _op.pow else _int_class(b) if tb is int else None
            )
            key = (fn, id(ns), a._dtype, not a._shape, tb, value_class)
            args = (a, b)
            deps = None  # the lazy arrays among args: saves a tuple per node
        else:
            b = _wrap_foreign(b, ns)
            return b if b is NotImplemented else binary(fn, a, b)
    else:
        ns = b._backend
        if ta in _SCALAR_TYPES:
            shape = b._shape
            device = b._device
            key = (fn, id(ns), ta, _int_class(a) if ta is int else None, b._dtype, not b._shape)
            args = (a, b)
            deps = None
        else:
            a = _wrap_foreign(a, ns)
            return a if a is NotImplemented else binary(fn, a, b)
    found = _binary_cache.get(key)
    if found is None:
        # Errors are not cached: with a Python scalar the value matters (uint8 + 300).
        try:
            found = elementwise_dtype(fn, ns, args)
        except Exception:
            if 0 not in shape and None not in shape:
                raise
            # An empty (or maybe empty) result: eager libraries compute it without
            # touching a value (empty_int ** -2**63); its dtype comes from empty
            # stand-ins, not cached, and a non-empty value raises when computed.
            found = elementwise_dtype(fn, ns, args, size=0)
        else:
            _binary_cache[key] = found
    node = LazyArray(fn, args, None, deps, shape, found[0], device, ns)
    return node if share_hook is None else share_hook(node)


# Bounds of the integer dtypes: a Python int's result dtype can depend on which it fits
# (numpy: ``bool_array ** 2`` is int8, ``bool_array ** 255`` int64).
_INT_BOUNDS = (
    -(2**63), -(2**31), -(2**15), -(2**7), 0, 2**7, 2**8, 2**15, 2**16, 2**31, 2**32, 2**63, 2**64
)


def _int_class(x: int) -> int:
    """Which integer dtypes a Python int fits, as a number: part of the result-dtype
    cache key, since the value can change the dtype (a float's value never does)."""
    if 0 <= x < 128:
        return 5
    n = 0
    for bound in _INT_BOUNDS:
        if x < bound:
            return n
        n += 1
    return n


# Exponents numpy's ``ndarray ** scalar`` computes by a fast path (square, sqrt,
# reciprocal, ...), which can keep a dtype that ``** 3`` promotes: ``bool_array ** 2``
# is int8 but ``bool_array ** 1`` and ``** 3`` are int64.
_FAST_EXPONENTS = (-1, 0, 0.5, 1, 2)


def _exponent_class(x: Any) -> Any:
    """Cache-key part of a Python scalar exponent: the value itself for the fast-path
    exponents, else as for any scalar."""
    if x in _FAST_EXPONENTS:
        return ("exact", x)
    return _int_class(x) if type(x) is int else None


def _value_class(x: Any) -> Any:
    """The part of a Python scalar's value that may change a result dtype."""
    return _int_class(x) if type(x) is int else None


def _mixed_backends(a: LazyArray, b: LazyArray) -> None:
    raise TypeError(
        f"arraycompat.lazy: cannot combine lazy arrays of two libraries ({a._backend.name} and "
        f"{b._backend.name}); bring them to one first with lazy.asarray(..., backend=...)."
    )


def matmul(a: Any, b: Any) -> Any:
    """Record ``a @ b`` (NotImplemented for operands this library does not take)."""
    if type(a) is not LazyArray or type(b) is not LazyArray:
        ns = (a if type(a) is LazyArray else b)._backend
        a, b = _wrap_foreign(a, ns), _wrap_foreign(b, ns)
        if a is NotImplemented or b is NotImplemented or type(a) in _SCALAR_TYPES or type(b) in _SCALAR_TYPES:
            return NotImplemented
    return apply(_op.matmul, (a, b))


# ---------------------------------------------------------------- general nodes
# (backend Namespace, "linalg.solve") -> the backend's function
_functions: dict = {}


def backend_function(ns: Namespace, name: str) -> Any:
    """``ns.<name>`` for a dotted name, cached."""
    key = (ns, name)
    fn = _functions.get(key)
    if fn is None:
        fn = ns
        for part in name.split("."):
            fn = getattr(fn, part)
        _functions[key] = fn
        # the name the user called, for show() and the statistics (torch's conj is
        # conj_physical, its linalg.norm is linalg_norm: they report 'conj', 'norm')
        called_as.setdefault(id(fn), name.rpartition(".")[2])
    return fn


# (fn, signature) -> Spec or (container type, [Spec...]), least recently used dropped
# first, so programs with ever new shapes do not grow it without end.
_specs = LRU(20_000)
# (fn, frozen kwargs) -> functools.partial(fn, **kwargs): nodes share one partial
_partials = LRU(10_000)
CACHES = {"shapes": _specs, "keywords": _partials}


def set_cache_size(name: str, maxsize: int | None) -> None:
    """Bound one of lazy's trace-time caches: 'shapes' (result shape, dtype and device
    per function and signature; 20,000 entries by default) or 'keywords' (one shared
    function per function and keyword values; 10,000 by default). ``None``: no bound.

    >>> from arraycompat import lazy
    >>> lazy.set_cache_size("keywords", 5000)
    >>> lazy.cache_sizes()["keywords"][1]
    5000
    >>> lazy.set_cache_size("keywords", 10_000)
    """
    cache = CACHES.get(name)
    if cache is None:
        raise ValueError(
            f"arraycompat.lazy.set_cache_size: unknown cache {name!r}; use one of "
            f"{', '.join(map(repr, CACHES))}."
        )
    cache.resize(maxsize)


def cache_sizes() -> dict:
    """``{name: (entries, maxsize)}`` of lazy's trace-time caches.

    >>> from arraycompat import lazy
    >>> sorted(lazy.cache_sizes())
    ['keywords', 'shapes']
    """
    return {name: (len(cache), cache.maxsize) for name, cache in CACHES.items()}


def _signature(x: Any, deps: list) -> Any:
    t = type(x)
    if t is LazyArray:
        deps.append(x)
        return (LazyArray, x._shape, x._dtype, x._device)
    if t is tuple or t is list:
        return (t, *[_signature(y, deps) for y in x])
    if t is slice:
        return (slice, x.start, x.stop, x.step)
    if t is dict:
        return (dict, *[(k, _signature(v, deps)) for k, v in x.items()])
    if t is float:
        return (float, x.hex())  # 0.0 and -0.0 differ; every NaN is the same key
    if t is complex:
        return (complex, x.real.hex(), x.imag.hex())
    if t in _SCALAR_TYPES:
        return (t, x)
    return x


def _stand_ins(x: Any, ns: Namespace, fill: int, unknown: int) -> Any:
    t = type(x)
    if t is LazyArray:
        shape = x._shape
        if None in shape:
            shape = tuple(unknown if n is None else n for n in shape)
        return stand_in(ns, shape, x._dtype, x._device, fill)
    if t is tuple or t is list:
        return t(_stand_ins(y, ns, fill, unknown) for y in x)
    if t is dict:
        return {k: _stand_ins(v, ns, fill, unknown) for k, v in x.items()}
    return x


def apply(
    fn: Any,
    args: tuple,
    kwargs: dict | None = None,
    *,
    backend: Any = None,
    data_dependent: bool = False,
    fill: int = 1,
) -> Any:
    """Record ``fn(*args, **kwargs)`` as a node (or a tuple of nodes).

    ``fn`` is a callable, or a dotted name looked up in the backend's Namespace
    ('linalg.solve'). The result's shape, dtype and device come from running the
    function once on stand-in arrays per signature; ``data_dependent`` functions
    (nonzero, unique_*...) get None for the sizes their values decide.
    """
    deps: list = []
    sig = _signature(args, deps)
    if kwargs:
        ksig = _signature(kwargs, deps)
    else:
        ksig = None
        kwargs = None
    if deps:
        ns = deps[0]._backend
        for d in deps:
            if d._backend is not ns:
                _mixed_backends(deps[0], d)
    else:
        ns = backend_namespace(backend)
    if type(fn) is str:
        fn = backend_function(ns, fn)
    if data_dependent:
        return _data_dependent(fn, args, kwargs, deps, ns, fill)
    key = (fn, sig, ksig)
    try:
        spec = _specs.get(key)
        hashable = True
    except TypeError:
        spec = None
        hashable = False
    if spec is None:
        try:
            spec = _infer(fn, args, kwargs, deps, ns, fill)
        except Exception as e:
            # Stand-in values can fail where real ones do not (a singular stand-in for
            # solve): with concrete inputs, compute the node now; a real error is real.
            # Errors of kind or position (TypeError, IndexError, numpy's AxisError) and
            # strict mode raise at once.
            if isinstance(e, (TypeError, IndexError)) or is_strict() or depends_on_variable(deps):
                raise
            return _compute_now(fn, args, kwargs, deps, ns, "stand-in values could not infer it")
        if hashable:
            _specs[key] = spec
    if kwargs is not None and hashable:
        # one partial per (fn, kwargs) when the keywords hold no arrays: nodes store no dict
        if len(deps) == _count_lazy(args):
            pkey = (fn, ksig)
            part = _partials.get(pkey)
            if part is None:
                part = _partials[pkey] = functools.partial(fn, **kwargs)
            fn, kwargs = part, None
    deps_t = tuple(deps)
    if len(deps_t) == len(args) and all(a is d for a, d in zip(args, deps_t)):
        deps_t = args = tuple(args)
    return _nodes(fn, tuple(args), kwargs, deps_t, spec, ns)


def record(fn, args, kwargs, deps, shape, dtype, device, ns) -> LazyArray:
    """Record a node whose shape, dtype and device a rule of the caller gives."""
    return _nodes(fn, args, kwargs, deps, Spec((shape, dtype, device)), ns)


def _count_lazy(args: tuple) -> int:
    n = 0
    for a in args:
        t = type(a)
        if t is LazyArray:
            n += 1
        elif t is tuple or t is list:
            n += _count_lazy(a)
    return n


def _infer(fn, args, kwargs, deps, ns, fill, fills=None):
    """The Spec of ``fn(*args, **kwargs)`` learned on stand-ins.

    With every size known and one ``fill``, one run. Otherwise the function runs on
    several stand-ins: each unknown size set to several candidate sizes, and (for a
    data-dependent function) each of ``fills`` (ones, zeros, distinct values). A size
    of the result is known only when it is the same in every run that succeeded;
    any other is unknown (None), never one stand-in's guess.
    """
    unknown = any(None in d._shape for d in deps)
    if not unknown and fills is None:
        stand_kwargs = _stand_ins(kwargs, ns, fill, 2) if kwargs else {}
        return spec_of(evaluate(fn, _stand_ins(args, ns, fill, 2), stand_kwargs))
    sizes = _candidate_sizes(args, kwargs, deps) if unknown else (2,)
    found = []
    first_error = None
    for f in fills or (fill,):
        for size in sizes:
            try:
                stand_kwargs = _stand_ins(kwargs, ns, f, size) if kwargs else {}
                spec = spec_of(evaluate(fn, _stand_ins(args, ns, f, size), stand_kwargs))
            except Exception as e:
                first_error = first_error or e
                continue
            found.append((f, size, spec))
    if not found:
        raise first_error
    if fills is not None and len({f for f, _, _ in found}) < 2:
        return _all_unknown(found[0][2])  # one fill cannot tell value-dependent sizes
    if unknown and len(found) == 1:
        # Only one candidate size fits: sizes of the result equal to it may be the
        # stand-in's, unless an input's known size forces the unknown one to match.
        _, size, spec = found[0]
        known = {n for d in deps for n in d._shape if n is not None}
        return spec if size in known else _forget_size(spec, size)
    spec = found[0][2]
    for _, _, other in found[1:]:
        spec = _merge_unknown(spec, other, fn)
    return spec


# Candidate values of an unknown size: small sizes of both parities, 1 (broadcasting),
# the known sizes of the inputs and the small integers among the arguments (a target
# shape), which an unknown size may have to equal.
_BASE_SIZES = (1, 2, 3, 4, 5, 7)
_MAX_CANDIDATE = 256


def _candidate_sizes(args, kwargs, deps) -> list:
    extra = {n for d in deps for n in d._shape if n is not None}
    _small_ints(args, extra)
    if kwargs:
        _small_ints(kwargs, extra)
    extra = {n for n in extra if 0 < n <= _MAX_CANDIDATE} - set(_BASE_SIZES)
    return [*_BASE_SIZES, *sorted(extra)]


def _small_ints(x: Any, out: set) -> None:
    t = type(x)
    if t is int:
        out.add(x)
    elif t is tuple or t is list:
        for y in x:
            _small_ints(y, out)
    elif t is dict:
        for y in x.values():
            _small_ints(y, out)


def _forget_size(spec: Any, size: int) -> Any:
    if isinstance(spec, Spec):
        shape = tuple(None if n == size else n for n in spec[0])
        return Spec((shape, spec[1], spec[2]))
    return (spec[0], [_forget_size(s, size) for s in spec[1]])


def _merge_unknown(a: Any, b: Any, fn: Any = None) -> Any:
    if isinstance(a, Spec):
        if len(a[0]) != len(b[0]):
            raise ValueError(
                f"arraycompat.lazy: the number of dimensions of {_fn_name(fn)}()'s result "
                f"depends on an unknown size; give that size, or an explicit axis."
            )
        shape = tuple(x if x == y else None for x, y in zip(a[0], b[0]))
        return Spec((shape, a[1], a[2]))
    return (a[0], [_merge_unknown(x, y, fn) for x, y in zip(a[1], b[1])])


_getters: dict = {}


def _nodes(fn, args, kwargs, deps, spec, ns):
    if type(spec) is Spec:
        shape, dtype, device = spec
        node = LazyArray(fn, args, kwargs, deps, shape, dtype, device, ns)
        return node if share_hook is None else share_hook(node)
    container, specs = spec
    parent = LazyArray(fn, args, kwargs, deps, (), None, None, ns)
    if share_hook is not None:
        parent = share_hook(parent)
    outs = []
    for i, s in enumerate(specs):
        getter = _getters.get(i)
        if getter is None:
            getter = _getters[i] = _Item(i)
        p = (parent,)
        outs.append(_nodes(getter, p, None, p, s, ns))
    if container is list:
        return outs
    if container is tuple:
        return tuple(outs)
    return _named_tuple(container, outs)


def _named_tuple(container: type, items: list) -> Any:
    """``items`` in the tuple type a library returned: a namedtuple takes them as
    arguments, torch's ``torch.return_types`` (structseq) as one sequence; a plain
    tuple when neither works."""
    try:
        return container(*items)  # a namedtuple
    except TypeError:
        pass
    try:
        return container(items)  # a structseq (torch.linalg.eigh's result)
    except TypeError:
        return tuple(items)


class _Item:
    """``x[i]`` of a tuple result, named for ``show``."""

    __slots__ = ("index", "__name__")

    def __init__(self, index: int) -> None:
        self.index = index
        self.__name__ = f"item{index}"

    def __call__(self, x: Any) -> Any:
        return x[self.index]


def depends_on_variable(nodes: list) -> bool:
    """True when any of ``nodes`` needs a Variable that has no value."""
    stack = [n for n in nodes if n._fn is not None or n._data is None]
    seen = set()
    while stack:
        node = stack.pop()
        if node._fn is None:
            if node._data is None:
                return True
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.extend(_compute.deps_of(node))
    return False


# The stand-in fills a data-dependent function is run on: ones, zeros, distinct values.
_DATA_FILLS = (1, 0, 2)


def _data_dependent(fn, args, kwargs, deps, ns, fill):
    """A function whose output sizes depend on the values (nonzero, unique_*, a mask):
    a node whose value-dependent sizes are None, in every mode and whatever the
    inputs; computing it (or ``lazy.compute``) makes them known."""
    key = (fn, _DATA_FILLS, _signature(args, []), _signature(kwargs, []) if kwargs else None)
    try:
        spec = _specs.get(key)
    except TypeError:
        key = spec = None
    if spec is None:
        spec = _infer(fn, args, kwargs, deps, ns, fill, _DATA_FILLS)
        if key is not None:
            _specs[key] = spec
    return _nodes(fn, tuple(args), kwargs, tuple(deps), spec, ns)


def _compute_now(fn, args, kwargs, deps, ns, reason):
    """Compute ``fn`` on concrete inputs at trace time (refused in strict mode)."""
    refuse_if_strict(f"{_fn_name(fn)}() ({reason})")
    _compute.evaluate_graph(deps)
    subst = _compute.substitute
    result = fn(*subst(args), **(subst(kwargs) if kwargs else {}))
    return _leaves(result, ns)


def _leaves(result: Any, ns: Namespace) -> Any:
    if isinstance(result, (tuple, list)):
        outs = [_leaves(r, ns) for r in result]
        if type(result) in (tuple, list):
            return type(result)(outs)
        return _named_tuple(type(result), outs)
    return _leaf(result, ns)


def _all_unknown(spec: Any) -> Any:
    if isinstance(spec, Spec):
        return Spec((tuple(None for _ in spec[0]), spec[1], spec[2]))
    return (spec[0], [_all_unknown(s) for s in spec[1]])


_node._record = sys.modules[__name__]  # LazyArray's operators call this module
