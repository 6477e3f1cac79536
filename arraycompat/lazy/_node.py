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
from weakref import ref as _weakref

from ..core._namespace import Namespace
from ..core._resolve import get_namespace
from ._config import backend_namespace, native_dtype, refuse_if_strict
from . import _infer
from ._infer import evaluate, stand_in

__all__ = ["LazyArray", "array", "Variable"]

_SCALARS = (bool, int, float, complex)
# the default of LazyArray's dtype: a call without one is autoray's constructor
_AUTORAY = object()


def _prune(children: list) -> None:
    """Drop the references to nodes that are gone or computed, when at least half
    are (called as the list reaches a power of two, so pruning costs O(1) per node)."""
    live = []
    for ref in children:
        node = ref()
        if node is not None and node._fn is not None:
            live.append(ref)
    if 2 * len(live) <= len(children):
        children[:] = live


def add_child(x: "LazyArray", ref: Any) -> None:
    """Record ``ref`` (a weak reference to a node) among ``x``'s children."""
    children = x._children
    if children is None:
        x._children = ref
    elif type(children) is list:
        children.append(ref)
    else:
        x._children = [children, ref]


def pending_children(x: "LazyArray") -> list:
    """The nodes recorded with ``x`` among their dependencies and not computed yet.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2,), "float64")
    >>> y, z = x + 1.0, x * x
    >>> [c is y or c is z for c in pending_children(x)]
    [True, True]
    """
    children = x._children
    if children is None:
        return []
    if type(children) is not list:
        children = [children]
    out = []
    seen = set()
    for ref in children:
        node = ref()
        if node is not None and node._fn is not None and id(node) not in seen:
            seen.add(id(node))
            out.append(node)
    return out


class LazyArray:
    """A node of a lazy graph; an Array API array whose values are computed on demand.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.arange(3.0))
    >>> lazy.sum(x * 2).compute()
    np.float64(6.0)
    """

    __slots__ = (
        "_fn", "_args", "_kwargs", "_deps", "_shape", "_dtype", "_device", "_backend", "_data",
        "_children", "__weakref__",
    )

    _arraycompat_lazy = True
    # numpy defers to our reflected operators instead of converting us with __array__.
    __array_ufunc__ = None
    __array_priority__ = 1000

    def __init__(self, fn, args=None, kwargs=None, deps=None, shape=None, dtype=_AUTORAY,
                 device=None, backend=None, data=None):
        if dtype is _AUTORAY:  # autoray's LazyArray(backend, fn, args, kwargs, shape, deps)
            _autoray_init(self, fn, args, kwargs, deps, shape, backend)
            return
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._deps = deps
        self._shape = shape
        self._dtype = dtype
        self._device = device
        self._backend = backend
        self._data = data
        self._children = None
        # Each dependency learns of this node (weakly), so that x[key] = value can
        # point the nodes recorded from x before the write at x's old value.
        if deps is None:
            if not args:
                return
            deps = [a for a in args if type(a) is LazyArray]
            if not deps:
                return
        elif not deps:
            return
        ref = _weakref(self)
        for d in deps:
            children = d._children
            if children is None:
                d._children = ref  # one child: the reference itself
            elif type(children) is list:
                children.append(ref)
                n = len(children)
                if n >= 512 and not n & (n - 1):
                    _prune(children)
            else:
                d._children = [children, ref]

    # ------------------------------------------------------------ attributes
    @property
    def shape(self) -> tuple:
        shape = self._shape
        if None in shape and self._fn is None and hasattr(self._data, "shape"):
            # computed: a size unknown when traced is known now
            shape = self._shape = _data_shape(self._data)
        return shape

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
        for n in self.shape:
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
        return _above["matrix_transpose"](self)

    @property
    def T(self) -> "LazyArray":
        if self.ndim != 2:
            raise ValueError(
                f"arraycompat.lazy: x.T needs a 2-d array (the standard's rule), got shape "
                f"{self._shape}; use x.mT or lazy.permute_dims for other ranks."
            )
        return _above["permute_dims"](self, (1, 0))

    def __array_namespace__(self, /, *, api_version: str | None = None) -> Any:
        from ..core._resolve import API_VERSIONS

        if api_version is not None and api_version not in API_VERSIONS:
            raise ValueError(f"arraycompat.lazy: unknown api_version {api_version!r}")
        return sys.modules["arraycompat.lazy"]

    def to_device(self, device: Any, /, *, stream: Any = None) -> "LazyArray":
        from ..core._devices import to_device

        if device != self._device:  # a device the backend has, checked at trace time
            device = _checked_device(self._backend, device)
        if device == self._device and stream is None:
            return self  # already there (lazy arrays are values: no copy is needed)

        if stream is not None:
            fn = functools.partial(to_device, stream=stream)
        else:
            fn = to_device
        return _record.apply(fn, (self, device))

    # ------------------------------------------------------------ computing
    def compute(self) -> Any:
        """Compute (once) and return the wrapped library's array."""
        if self._fn is not None:
            _compute.evaluate_graph((self,))
            if None in self._shape:
                self.shape  # noqa: B018  (learns the sizes unknown when traced)
        elif self._data is None:
            _compute.missing_variable(self)
        return self._data

    def _value(self, operation: str) -> Any:
        if self._fn is not None or self._data is None:
            refuse_if_strict(operation)
        return self.compute()

    def __bool__(self) -> bool:
        if _is_laziness_probe(sys._getframe(1).f_code):
            raise TypeError(
                "arraycompat.lazy: a lazy array's truth value is not computed to answer "
                "array_api_compat.is_lazy_array (a lazy array is lazy)"
            )
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
        n = self.shape[0]
        if n is None:
            refuse_if_strict("len(x) of an unknown size")
            self.compute()
            return self.shape[0]
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
        _above["show"](self, file=file)

    __hash__ = object.__hash__

    # ------------------------------------------------------------ indexing
    def __getitem__(self, key: Any) -> "LazyArray":
        return _indexing.getitem(self, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        _indexing.setitem(self, key, value)

    # ------------------------------------------------------------ operators
    def __neg__(self):
        return _record.unary(_op.neg, self)

    def __pos__(self):
        return _record.unary(_op.pos, self)

    def __abs__(self):
        return _record.unary(_op.abs, self)

    def __invert__(self):
        return _record.unary(_op.invert, self)

    def __add__(self, other):
        return _record.binary(_op.add, self, other)

    def __radd__(self, other):
        return _record.binary(_op.add, other, self)

    def __sub__(self, other):
        return _record.binary(_op.sub, self, other)

    def __rsub__(self, other):
        return _record.binary(_op.sub, other, self)

    def __mul__(self, other):
        return _record.binary(_op.mul, self, other)

    def __rmul__(self, other):
        return _record.binary(_op.mul, other, self)

    def __truediv__(self, other):
        return _record.binary(_op.truediv, self, other)

    def __rtruediv__(self, other):
        return _record.binary(_op.truediv, other, self)

    def __floordiv__(self, other):
        return _record.binary(_op.floordiv, self, other)

    def __rfloordiv__(self, other):
        return _record.binary(_op.floordiv, other, self)

    def __mod__(self, other):
        return _record.binary(_op.mod, self, other)

    def __rmod__(self, other):
        return _record.binary(_op.mod, other, self)

    def __pow__(self, other):
        return _record.binary(_op.pow, self, other)

    def __rpow__(self, other):
        return _record.binary(_op.pow, other, self)

    def __matmul__(self, other):
        return _record.matmul(self, other)

    def __rmatmul__(self, other):
        return _record.matmul(other, self)

    def __and__(self, other):
        return _record.binary(_op.and_, self, other)

    def __rand__(self, other):
        return _record.binary(_op.and_, other, self)

    def __or__(self, other):
        return _record.binary(_op.or_, self, other)

    def __ror__(self, other):
        return _record.binary(_op.or_, other, self)

    def __xor__(self, other):
        return _record.binary(_op.xor, self, other)

    def __rxor__(self, other):
        return _record.binary(_op.xor, other, self)

    def __lshift__(self, other):
        return _record.binary(_op.lshift, self, other)

    def __rlshift__(self, other):
        return _record.binary(_op.lshift, other, self)

    def __rshift__(self, other):
        return _record.binary(_op.rshift, self, other)

    def __rrshift__(self, other):
        return _record.binary(_op.rshift, other, self)

    def __eq__(self, other):
        return _record.binary(_op.eq, self, other)

    def __ne__(self, other):
        return _record.binary(_op.ne, self, other)

    def __lt__(self, other):
        return _record.binary(_op.lt, self, other)

    def __le__(self, other):
        return _record.binary(_op.le, self, other)

    def __gt__(self, other):
        return _record.binary(_op.gt, self, other)

    def __ge__(self, other):
        return _record.binary(_op.ge, self, other)

    # In-place operators are functional: ``x += y`` rebinds ``x`` to a new node with
    # x's shape and dtype, as the standard requires; what the library refuses in place
    # (numpy: int array += 1.5) is refused at trace time, learned on stand-ins.
    def _inplace(self, op, inplace_op, other):
        result = _record.matmul(self, other) if op is None else _record.binary(op, self, other)
        if result is NotImplemented:
            return result
        if result._shape != self._shape and not _fits_unknown(self._shape, result._shape):
            raise ValueError(
                f"arraycompat.lazy: an in-place operation cannot change the shape "
                f"{self._shape} to {result._shape}"
            )
        if result._dtype != self._dtype:
            _check_inplace(inplace_op, self, other)
            result = _above["astype"](result, self._dtype)
        return result

    def __iadd__(self, other):
        return self._inplace(_op.add, _op.iadd, other)

    def __isub__(self, other):
        return self._inplace(_op.sub, _op.isub, other)

    def __imul__(self, other):
        return self._inplace(_op.mul, _op.imul, other)

    def __itruediv__(self, other):
        return self._inplace(_op.truediv, _op.itruediv, other)

    def __ifloordiv__(self, other):
        return self._inplace(_op.floordiv, _op.ifloordiv, other)

    def __imod__(self, other):
        return self._inplace(_op.mod, _op.imod, other)

    def __ipow__(self, other):
        return self._inplace(_op.pow, _op.ipow, other)

    def __imatmul__(self, other):
        return self._inplace(None, _op.imatmul, other)

    def __iand__(self, other):
        return self._inplace(_op.and_, _op.iand, other)

    def __ior__(self, other):
        return self._inplace(_op.or_, _op.ior, other)

    def __ixor__(self, other):
        return self._inplace(_op.xor, _op.ixor, other)

    def __ilshift__(self, other):
        return self._inplace(_op.lshift, _op.ilshift, other)

    def __irshift__(self, other):
        return self._inplace(_op.rshift, _op.irshift, other)

    # Pickling a graph is not supported; a lazy array pickles as its computed data
    # (refused under lazy.strict() when that needs computing).
    def __reduce__(self):
        return (_from_data, (self._value("pickle.dumps(x)"), self._backend.name))

    def __copy__(self) -> "LazyArray":
        """A new lazy array of the same value (nothing is computed): writing to one
        does not change the other."""
        if self._fn is None:
            if self._data is None:
                return LazyArray(None, None, None, None, self._shape, self._dtype,
                                 self._device, self._backend, None)
            return _from_data(self._data, self._backend.name)
        return _record.unary(_same, self)

    def __deepcopy__(self, memo: dict) -> "LazyArray":
        import copy

        if self._fn is None and self._data is not None:
            return _from_data(copy.deepcopy(self._data, memo), self._backend.name)
        return self.__copy__()


def _autoray_init(node: LazyArray, fn: Any, args: Any, kwargs: Any, deps: Any, shape: Any,
                  backend: Any) -> None:
    """autoray's ``LazyArray(backend, fn, args, kwargs, shape, deps=None)`` (positional or
    by keyword): a node of ``fn(*args, **kwargs)`` whose dependencies (unless given) are
    the lazy arrays inside ``args`` and ``kwargs``; its dtype and device are learned by
    running ``fn`` on stand-ins (None when that fails). ``shape`` is taken as given.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(3))
    >>> y = lazy.LazyArray(backend="numpy", fn=numpy.cumsum, args=(x,), kwargs=None, shape=(3,))
    >>> y.deps == (x,), y.compute().tolist()
    (True, [1.0, 2.0, 3.0])
    """
    if callable(args) and not callable(fn):  # positional: (backend, fn, args, kwargs, shape)
        backend, fn, args, kwargs, shape = fn, args, kwargs, deps, shape
        deps = None
    if not callable(fn):
        raise TypeError(
            f"arraycompat.lazy.LazyArray: fn must be the function to call, got "
            f"{type(fn).__name__} {fn!r:.40}; LazyArray(backend=..., fn=..., args=..., "
            f"kwargs=..., shape=...) is autoray's constructor."
        )
    args = () if args is None else tuple(args)
    kwargs = dict(kwargs) if kwargs else None
    if deps is None:
        deps = tuple(_compute._roots([args, kwargs or {}], []))
    else:
        deps = tuple(deps)
    if backend is not None and not isinstance(backend, Namespace):
        backend = backend_namespace(backend)
    elif backend is None:
        backend = deps[0]._backend if deps else backend_namespace(None)
    dtype = device = None
    try:
        spec = _record._infer(fn, args, kwargs, list(deps), backend, 1)
        dtype, device = spec[1], spec[2]
    except Exception:
        device = deps[0]._device if deps else None
    if shape is None:
        raise TypeError("arraycompat.lazy.LazyArray: shape is required (a tuple of sizes).")
    LazyArray.__init__(node, fn, args, kwargs, deps, tuple(shape), dtype, device, backend)


def _same(x: Any) -> Any:
    """The identity, as a node's function (``copy.copy`` of a lazy array)."""
    return x


def _from_data(data: Any, backend: str) -> "LazyArray":
    """A computed lazy array of ``backend`` holding ``data`` (a 0-d result may be a
    numpy scalar: it becomes a 0-d array)."""
    ns = backend_namespace(backend)
    numpy_scalar = type(data).__module__ == "numpy" and type(data).__name__ != "ndarray"
    if numpy_scalar or isinstance(data, _SCALARS):
        data = ns.asarray(data)
    return _leaf(data, ns)


def _fits_unknown(shape: tuple, result: tuple) -> bool:
    """``result`` can be ``shape`` once its unknown sizes are known (x += y with x's
    size unknown: it must be y's, or the library raises when computed)."""
    return len(shape) == len(result) and all(a is None or a == b for a, b in zip(shape, result))


# (in-place operator, backend, dtype, other dtype or scalar type) the library accepted
_inplace_ok: set = set()


def _check_inplace(inplace_op: Any, x: "LazyArray", other: Any) -> None:
    """Raise what the library raises for ``x op= other`` when the dtype would change."""
    if type(other) is LazyArray:
        other_key = (other._dtype, not other._shape)
    else:
        value_class = _record._exponent_class if inplace_op is _op.ipow else _record._value_class
        other_key = (type(other), value_class(other))
    key = (inplace_op, x._backend, x._dtype, not x._shape, other_key)
    if key in _inplace_ok:
        return
    ns = x._backend
    target = stand_in(ns, (1,) * len(x._shape), x._dtype, x._device)
    if type(other) is LazyArray:
        other = stand_in(ns, (1,) * len(other._shape), other._dtype, other._device)
    evaluate(inplace_op, (target, other), {})
    _inplace_ok.add(key)


def _is_laziness_probe(code: Any) -> bool:
    """Whether ``code`` is array-api-compat's ``is_lazy_array`` (SciPy's, scikit-learn's
    and array-api-extra's vendored copies too). For an array class it does not know,
    it calls ``bool()`` on one element and answers "lazy" when that raises, so
    ``bool()`` raises for it rather than compute the graph and be read as eager.

    >>> import array_api_compat, numpy
    >>> from arraycompat import lazy
    >>> array_api_compat.is_lazy_array(lazy.asarray(numpy.ones(3)) + 1)
    True
    """
    return code.co_name == "is_lazy_array" and "array_api_compat" in code.co_filename


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


def _data_shape(data: Any) -> tuple:
    """The shape of a library's array as a tuple of ints (None for dask's NaN)."""
    return tuple(None if (n is None or n != n) else int(n) for n in data.shape)


def _leaf(data: Any, ns: Namespace) -> LazyArray:
    from ..core._devices import device

    shape = _data_shape(data)
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
    shape = _checked_shape(shape)
    info = ns.__array_namespace_info__()
    if device is not None:
        device = _checked_device(ns, device)
    if dtype is None:
        dtype = info.default_dtypes(device=device)["real floating"]
    dtype = native_dtype(ns, dtype)
    if device is None:
        device = info.default_device()
    return LazyArray(None, None, None, None, shape, dtype, device, ns, None)


def _checked_shape(shape: Any) -> tuple:
    """A Variable's shape: a tuple of sizes >= 0 or None, else a clear error."""
    if isinstance(shape, int) and not isinstance(shape, bool):
        shape = (shape,)
    message = (
        f"arraycompat.lazy.Variable: shape must be a tuple of integer sizes >= 0 (None for "
        f"an unknown size), got {shape!r}."
    )
    try:
        if isinstance(shape, (str, bytes)):
            raise TypeError
        sizes = tuple(None if n is None else _op.index(n) for n in shape)
    except TypeError:
        raise TypeError(message) from None
    if any(n is not None and n < 0 for n in sizes):
        raise ValueError(message)
    return sizes


def _checked_device(ns: Namespace, device: Any) -> Any:
    """``device`` as the backend's arrays report it, or a ValueError listing its devices."""
    from ..core._devices import device as device_of

    try:
        return device_of(ns.empty((0,), device=device))
    except Exception:
        pass
    try:
        known = ", ".join(map(repr, ns.__array_namespace_info__().devices()))
    except Exception:
        known = "?"
    from ._config import DeviceError

    raise DeviceError(
        f"arraycompat.lazy: {device!r} is not a device of the {ns.name!r} backend; "
        f"its devices are {known}."
    )


# The modules above this one that LazyArray's methods call: each enters itself here
# when it is imported (it imports this module, never the reverse), and lazy's
# __init__ imports every one of them before a LazyArray can be made.
_compute: Any = None
_indexing: Any = None
_record: Any = None
# Functions of the modules above for x.mT, x.T, x.show() and in-place casts:
# name -> function, entered the same way.
_above: dict[str, Any] = {}
_infer.LazyArray = LazyArray  # the type elementwise_dtype recognises

from . import _gc  # noqa: E402

_gc.install(LazyArray)
