"""``LazyArray``: one node of a traced graph, and the functions that record nodes.

A node holds the function to call, its arguments (lazy arrays among them), the lazy
arrays it depends on, and the shape, dtype, device and backend of its result, all
known at trace time. Once computed it keeps only its data.

>>> from arraycompat import lazy
>>> x = lazy.Variable((3,), "float64")
>>> y = (x + 1.0) * 2
>>> y.shape, str(y.dtype), y.backend
((3,), 'float64', 'numpy')
"""

from __future__ import annotations

import functools
import operator as _op
import sys
from typing import Any

from .._namespace import Namespace
from .._resolve import get_namespace, library_of_type
from ._config import backend_namespace, native_dtype, refuse_if_strict
from ._infer import (
    BroadcastError,
    Spec,
    broadcast_shapes,
    elementwise_dtype,
    evaluate,
    spec_of,
    stand_in,
)

__all__ = ["LazyArray", "array", "Variable", "apply", "unary", "binary"]

_SCALARS = (bool, int, float, complex)
# Set by ``lazy.shared_intermediates`` while a sharing context is open: maps a new
# node to the node already recorded for the same call.
share_hook = None
_SCALAR_TYPES = frozenset(_SCALARS)


class LazyArray:
    """A node of a lazy graph; an Array API array whose values are computed on demand.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.arange(3.0))
    >>> lazy.sum(x * 2).compute()
    np.float64(6.0)
    """

    __slots__ = ("_fn", "_args", "_kwargs", "_deps", "_shape", "_dtype", "_device", "_backend", "_data")

    _arraycompat_lazy = True
    # numpy defers to our reflected operators instead of converting us with __array__.
    __array_ufunc__ = None
    __array_priority__ = 1000

    def __init__(self, fn, args, kwargs, deps, shape, dtype, device, backend, data=None):
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._deps = deps
        self._shape = shape
        self._dtype = dtype
        self._device = device
        self._backend = backend
        self._data = data

    # ------------------------------------------------------------ attributes
    @property
    def shape(self) -> tuple:
        return self._shape

    @property
    def dtype(self) -> Any:
        return self._dtype

    @property
    def device(self) -> Any:
        return self._device

    @property
    def ndim(self) -> int:
        return len(self._shape)

    @property
    def size(self) -> int | None:
        total = 1
        for n in self._shape:
            if n is None:
                return None
            total *= n
        return total

    @property
    def backend(self) -> str:
        """The wrapped library's name ('numpy', 'torch', ...)."""
        return self._backend.name

    @property
    def is_computed(self) -> bool:
        return self._fn is None and self._data is not None

    @property
    def mT(self) -> "LazyArray":
        from .linear_algebra import matrix_transpose

        return matrix_transpose(self)

    @property
    def T(self) -> "LazyArray":
        if self.ndim != 2:
            raise ValueError(
                f"arraycompat.lazy: x.T needs a 2-d array (the standard's rule), got shape "
                f"{self._shape}; use x.mT or lazy.permute_dims for other ranks."
            )
        from .manipulation import permute_dims

        return permute_dims(self, (1, 0))

    def __array_namespace__(self, /, *, api_version: str | None = None) -> Any:
        from .._resolve import API_VERSIONS

        if api_version is not None and api_version not in API_VERSIONS:
            raise ValueError(f"arraycompat.lazy: unknown api_version {api_version!r}")
        return sys.modules["arraycompat.lazy"]

    def to_device(self, device: Any, /, *, stream: Any = None) -> "LazyArray":
        from .._devices import to_device

        if stream is not None:
            fn = functools.partial(to_device, stream=stream)
        else:
            fn = to_device
        return apply(fn, (self, device), name="to_device")

    # ------------------------------------------------------------ computing
    def compute(self) -> Any:
        """Compute (once) and return the wrapped library's array."""
        if self._fn is not None:
            _compute.evaluate_graph((self,))
        elif self._data is None:
            _compute.missing_variable(self)
        return self._data

    def _value(self, operation: str) -> Any:
        if self._fn is not None or self._data is None:
            refuse_if_strict(operation)
        return self.compute()

    def __bool__(self) -> bool:
        return bool(self._value("bool(x)"))

    def __int__(self) -> int:
        return int(self._value("int(x)"))

    def __float__(self) -> float:
        return float(self._value("float(x)"))

    def __complex__(self) -> complex:
        return complex(self._value("complex(x)"))

    def __index__(self) -> int:
        return _op.index(self._value("x.__index__()"))

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> Any:
        import numpy

        data = self._value("numpy.asarray(x) (__array__)")
        if self._backend.name == "torch":
            data = data.detach().cpu().numpy()
        out = numpy.asarray(data, dtype=dtype)
        return out.copy() if copy else out

    def __dlpack__(self, /, *, stream=None, max_version=None, dl_device=None, copy=None) -> Any:
        data = self._value("x.__dlpack__()")
        if not hasattr(data, "__dlpack__"):  # a numpy scalar from a 0-d operation
            data = self._backend.asarray(data)
        kwargs = {}
        for key, value in (("stream", stream), ("max_version", max_version),
                           ("dl_device", dl_device), ("copy", copy)):
            if value is not None:
                kwargs[key] = value
        return data.__dlpack__(**kwargs)

    def __dlpack_device__(self) -> tuple:
        data = self._value("x.__dlpack_device__()")
        if not hasattr(data, "__dlpack_device__"):
            data = self._backend.asarray(data)
        return data.__dlpack_device__()

    def __len__(self) -> int:
        if not self._shape:
            raise TypeError("arraycompat.lazy: len() of a 0-d array")
        n = self._shape[0]
        if n is None:
            refuse_if_strict("len(x) of an unknown size")
            return len(self.compute())
        return n

    def __iter__(self):
        if not self._shape:
            raise TypeError("arraycompat.lazy: iteration over a 0-d array")
        for i in range(len(self)):
            yield self[i]

    # ------------------------------------------------------------ repr, show
    def __repr__(self) -> str:
        fn = "data" if self._fn is None else _fn_name(self._fn)
        if self._fn is None and self._data is None:
            fn = "Variable"
        shape = "(" + ", ".join("?" if n is None else str(n) for n in self._shape)
        shape += ",)" if len(self._shape) == 1 else ")"
        from ._config import dtype_name

        return (
            f"LazyArray(fn={fn}, shape={shape}, dtype={dtype_name(self._dtype)}, "
            f"backend={self._backend.name!r}, device={self._device!r})"
        )

    def show(self, file: Any = None) -> None:
        """Print the graph below this node as a tree."""
        from ._compute import show

        show(self, file=file)

    __hash__ = object.__hash__

    # ------------------------------------------------------------ indexing
    def __getitem__(self, key: Any) -> "LazyArray":
        return _indexing.getitem(self, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        _indexing.setitem(self, key, value)

    # ------------------------------------------------------------ operators
    def __neg__(self):
        return unary(_op.neg, self)

    def __pos__(self):
        return unary(_op.pos, self)

    def __abs__(self):
        return unary(_op.abs, self)

    def __invert__(self):
        return unary(_op.invert, self)

    def __add__(self, other):
        return binary(_op.add, self, other)

    def __radd__(self, other):
        return binary(_op.add, other, self)

    def __sub__(self, other):
        return binary(_op.sub, self, other)

    def __rsub__(self, other):
        return binary(_op.sub, other, self)

    def __mul__(self, other):
        return binary(_op.mul, self, other)

    def __rmul__(self, other):
        return binary(_op.mul, other, self)

    def __truediv__(self, other):
        return binary(_op.truediv, self, other)

    def __rtruediv__(self, other):
        return binary(_op.truediv, other, self)

    def __floordiv__(self, other):
        return binary(_op.floordiv, self, other)

    def __rfloordiv__(self, other):
        return binary(_op.floordiv, other, self)

    def __mod__(self, other):
        return binary(_op.mod, self, other)

    def __rmod__(self, other):
        return binary(_op.mod, other, self)

    def __pow__(self, other):
        return binary(_op.pow, self, other)

    def __rpow__(self, other):
        return binary(_op.pow, other, self)

    def __matmul__(self, other):
        return _matmul(self, other)

    def __rmatmul__(self, other):
        return _matmul(other, self)

    def __and__(self, other):
        return binary(_op.and_, self, other)

    def __rand__(self, other):
        return binary(_op.and_, other, self)

    def __or__(self, other):
        return binary(_op.or_, self, other)

    def __ror__(self, other):
        return binary(_op.or_, other, self)

    def __xor__(self, other):
        return binary(_op.xor, self, other)

    def __rxor__(self, other):
        return binary(_op.xor, other, self)

    def __lshift__(self, other):
        return binary(_op.lshift, self, other)

    def __rlshift__(self, other):
        return binary(_op.lshift, other, self)

    def __rshift__(self, other):
        return binary(_op.rshift, self, other)

    def __rrshift__(self, other):
        return binary(_op.rshift, other, self)

    def __eq__(self, other):
        return binary(_op.eq, self, other)

    def __ne__(self, other):
        return binary(_op.ne, self, other)

    def __lt__(self, other):
        return binary(_op.lt, self, other)

    def __le__(self, other):
        return binary(_op.le, self, other)

    def __gt__(self, other):
        return binary(_op.gt, self, other)

    def __ge__(self, other):
        return binary(_op.ge, self, other)

    # In-place operators are functional: ``x += y`` rebinds ``x`` to a new node,
    # after checking the result keeps x's shape and dtype, as the standard requires.
    def _inplace(self, result):
        if result is NotImplemented:
            return result
        if result._shape != self._shape:
            raise ValueError(
                f"arraycompat.lazy: an in-place operation cannot change the shape "
                f"{self._shape} to {result._shape}"
            )
        if result._dtype != self._dtype:
            from .data_types import astype

            result = astype(result, self._dtype)
        return result

    def __iadd__(self, other):
        return self._inplace(binary(_op.add, self, other))

    def __isub__(self, other):
        return self._inplace(binary(_op.sub, self, other))

    def __imul__(self, other):
        return self._inplace(binary(_op.mul, self, other))

    def __itruediv__(self, other):
        return self._inplace(binary(_op.truediv, self, other))

    def __ifloordiv__(self, other):
        return self._inplace(binary(_op.floordiv, self, other))

    def __imod__(self, other):
        return self._inplace(binary(_op.mod, self, other))

    def __ipow__(self, other):
        return self._inplace(binary(_op.pow, self, other))

    def __imatmul__(self, other):
        return self._inplace(_matmul(self, other))

    def __iand__(self, other):
        return self._inplace(binary(_op.and_, self, other))

    def __ior__(self, other):
        return self._inplace(binary(_op.or_, self, other))

    def __ixor__(self, other):
        return self._inplace(binary(_op.xor, self, other))

    def __ilshift__(self, other):
        return self._inplace(binary(_op.lshift, self, other))

    def __irshift__(self, other):
        return self._inplace(binary(_op.rshift, self, other))

    # Pickling a graph is not supported; a computed array pickles as its data.
    def __reduce__(self):
        return (array, (self.compute(),))


def _fn_name(fn: Any) -> str:
    if isinstance(fn, functools.partial):
        return _fn_name(fn.func)
    if isinstance(fn, _op.itemgetter):
        return "getitem"
    return getattr(fn, "__name__", None) or type(fn).__name__


# ---------------------------------------------------------------- leaves
def array(x: Any, /) -> LazyArray:
    """Wrap an array of any library the resolver knows as a computed lazy array.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> lazy.array(numpy.ones((2, 3)))
    LazyArray(fn=data, shape=(2, 3), dtype=float64, backend='numpy', device='cpu')
    """
    if type(x) is LazyArray:
        return x
    if isinstance(x, _SCALARS) or isinstance(x, (list, tuple)):
        raise TypeError(
            f"arraycompat.lazy.array: got a {type(x).__name__}, which is not an array; "
            f"use lazy.asarray(x) to make one on the default backend."
        )
    ns = get_namespace(x)
    return _leaf(x, ns)


def _leaf(data: Any, ns: Namespace) -> LazyArray:
    from .._devices import device

    shape = tuple(None if (n is None or n != n) else int(n) for n in data.shape)
    try:
        dev = device(data)
    except Exception:
        dev = None
    return LazyArray(None, None, None, None, shape, data.dtype, dev, ns, data)


def Variable(shape: tuple, dtype: Any = None, *, backend: Any = None, device: Any = None) -> LazyArray:
    """A placeholder of known shape and dtype, with no value (yet).

    ``None`` in ``shape`` is an unknown size. ``dtype`` may be any library's dtype
    or a name; it becomes the backend's own dtype object.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, None), "float32", backend="numpy")
    >>> (x @ lazy.ones((3, 4), dtype=lazy.float32)).shape
    (2, 4)
    """
    ns = backend_namespace(backend)
    if isinstance(shape, int):
        shape = (shape,)
    shape = tuple(None if n is None else _op.index(n) for n in shape)
    if dtype is None:
        dtype = ns.__array_namespace_info__().default_dtypes(device=device)["real floating"]
    dtype = native_dtype(ns, dtype)
    if device is None:
        device = ns.__array_namespace_info__().default_device()
    return LazyArray(None, None, None, None, shape, dtype, device, ns, None)


# ---------------------------------------------------------------- elementwise
def _wrap_foreign(x: Any, ns: Namespace) -> Any:
    """A non-lazy array operand (numpy array with a lazy numpy array...) as a leaf;
    NotImplemented for what we do not know."""
    t = type(x)
    if t is LazyArray or t in _SCALAR_TYPES:
        return x
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


def _matmul(a: Any, b: Any) -> Any:
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
    return fn


# (fn, signature) -> Spec or (container type, [Spec...])
_specs: dict = {}
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
    name: str | None = None,
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
        label = fn
        fn = backend_function(ns, fn)
    else:
        label = name
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
        except Exception:
            if depends_on_variable(deps):
                raise
            # Stand-in values can fail where real ones do not (a singular stand-in for
            # solve): with concrete inputs, compute the node now; a real error is real.
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
    return _nodes(fn, tuple(args), kwargs, deps_t, spec, ns, label)


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


def _nodes(fn, args, kwargs, deps, spec, ns, label=None):
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


# Bound late: these modules import this one.
from . import _compute, _indexing  # noqa: E402
