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
from typing import Any

from .._namespace import Namespace
from .._resolve import get_namespace, library_of_type
from . import _compute
from ._config import backend_namespace, is_strict, refuse_if_strict
from ._infer import BroadcastError, Spec, broadcast_shapes, elementwise_dtype, evaluate, spec_of, stand_in
from ._node import LazyArray, _fn_name, _leaf

__all__ = ["apply", "unary", "binary", "matmul", "backend_function", "depends_on_variable"]

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


def unary(fn: Any, x: LazyArray) -> LazyArray:
    """Record elementwise ``fn(x)``: same shape, dtype by the library's rule."""
    ns = x._backend
    key = (fn, ns, x._dtype)
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
            key = (fn, ns, a._dtype, b._dtype)
            args = deps = (a, b)
        elif tb in _SCALAR_TYPES:
            shape = a._shape
            device = a._device
            key = (fn, ns, a._dtype, tb)
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
            key = (fn, ns, ta, b._dtype)
            args = (a, b)
            deps = None
        else:
            a = _wrap_foreign(a, ns)
            return a if a is NotImplemented else binary(fn, a, b)
    found = _binary_cache.get(key)
    if found is None:
        # Errors are not cached: with a Python scalar the value matters (uint8 + 300).
        found = elementwise_dtype(fn, ns, args)
        _binary_cache[key] = found
    node = LazyArray(fn, args, None, deps, shape, found[0], device, ns)
    return node if share_hook is None else share_hook(node)


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


#: id(backend function) -> the name it was first looked up by (the functions stay
#: alive in ``_functions``, so an id is never reused while it is here).
called_as: dict[int, str] = {}


# (fn, signature) -> Spec or (container type, [Spec...]); emptied when it grows past
# _MAX_SPECS, so programs with ever new shapes do not grow it without end.
_specs: dict = {}
_MAX_SPECS = 50_000
# (fn, frozen kwargs) -> functools.partial(fn, **kwargs): nodes share one partial
_partials: dict = {}


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
    if t in _SCALAR_TYPES:
        return (t, x)
    return x


def _stand_ins(x: Any, ns: Namespace, fill: int, unknown: int) -> Any:
    t = type(x)
    if t is LazyArray:
        shape = x._shape
        if None in shape:
            shape = tuple(unknown if n is None else n for n in shape)
        return stand_in(ns, shape, x._dtype, x._device, 0 if fill == 0 else 1)
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
    (nonzero, unique_*...) compute at once when their inputs are concrete.
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
            if len(_specs) >= _MAX_SPECS:
                _specs.clear()
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


def _count_lazy(args: tuple) -> int:
    n = 0
    for a in args:
        t = type(a)
        if t is LazyArray:
            n += 1
        elif t is tuple or t is list:
            n += _count_lazy(a)
    return n


def _infer(fn, args, kwargs, deps, ns, fill):
    if not any(None in d._shape for d in deps):
        stand_kwargs = _stand_ins(kwargs, ns, fill, 2) if kwargs else {}
        return spec_of(evaluate(fn, _stand_ins(args, ns, fill, 2), stand_kwargs))
    # Unknown sizes: try stand-in sizes (2, 3, then the known sizes, which an unknown
    # size may have to equal); sizes of the result that change with them are unknown.
    known = {n for d in deps for n in d._shape if n is not None}
    candidates = [2, 3, 4, 6, *sorted(known - {2, 3, 4, 6})]
    found = []
    first_error = None
    for size in candidates:
        try:
            stand_kwargs = _stand_ins(kwargs, ns, fill, size) if kwargs else {}
            found.append(spec_of(evaluate(fn, _stand_ins(args, ns, fill, size), stand_kwargs)))
        except Exception as e:
            first_error = first_error or e
            continue
        if len(found) == 2:
            return _merge_unknown(found[0], found[1])
    if found:
        return found[0]
    raise first_error


def _merge_unknown(a: Any, b: Any) -> Any:
    if isinstance(a, Spec):
        shape = tuple(x if x == y else None for x, y in zip(a[0], b[0]))
        return Spec((shape, a[1], a[2]))
    return (a[0], [_merge_unknown(x, y) for x, y in zip(a[1], b[1])])


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
    try:
        return container(*outs)  # a namedtuple
    except TypeError:
        return tuple(outs)


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


def _data_dependent(fn, args, kwargs, deps, ns, fill):
    if depends_on_variable(deps):
        spec = _all_unknown(_infer(fn, args, kwargs, deps, ns, fill))
        return _nodes(fn, tuple(args), kwargs, tuple(deps), spec, ns)
    return _compute_now(fn, args, kwargs, deps, ns, "its output size depends on the values")


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
        return type(result)(*outs)
    return _leaf(result, ns)


def _all_unknown(spec: Any) -> Any:
    if isinstance(spec, Spec):
        return Spec((tuple(None for _ in spec[0]), spec[1], spec[2]))
    return (spec[0], [_all_unknown(s) for s in spec[1]])
