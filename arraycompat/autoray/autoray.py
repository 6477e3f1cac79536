"""The names of autoray's ``autoray.autoray`` module that code imports directly, with
autoray's meanings: ``DoFunc``, ``compose``, ``dag``, ``to``, ``get_namespace(like)``,
``register_function`` as a decorator, module and backend aliases, ``choose_backend``.

>>> import numpy
>>> from arraycompat.autoray.autoray import DoFunc, to
>>> DoFunc("sqrt")(numpy.array([4.0])).tolist()
[2.0]
>>> to({"a": numpy.ones(2)}, "torch-float32")["a"].dtype
torch.float32
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable

from ..dispatch import _dispatch, _registry
from .. import numpy  # noqa: F401  (autoray.numpy: the dispatching drop-in)
from ..dispatch._dispatch import (  # noqa: F401  (autoray.autoray has these too)
    backend_like, do, get_backend, infer_backend, infer_backend_multi, library_of_like,
)
from ..dispatch._registry import register_backend  # noqa: F401
from ..dispatch._shortcuts import (  # noqa: F401
    conj, get_common_dtype, get_lib_fn, imag, is_scalar, ndim, real, reshape, set_backend,
    transpose,
)
from ..dispatch._dtypes import astype, get_dtype_name, to_backend_dtype
from ..dispatch._random_libraries import _warn_jax_generated_seed  # noqa: F401  (once-only warning)
from ..dispatch._shortcuts import shape
from ..core._tree import (  # noqa: F401
    tree_apply, tree_flatten, tree_iter, tree_map, tree_register_container, tree_unflatten,
)
from ._namespace import AutoNamespace, get_namespace, infer_backend_device_dtype
from ._registries import (  # noqa: F401  (autoray's registry dicts, written by libraries)
    _BACKEND_ALIASES, _CUSTOM_WRAPPERS, _FUNC_ALIASES, _FUNCS, _MODULE_ALIASES,
    _SUBMODULE_ALIASES, register_backend_alias, register_module_alias,
)

__all__ = [
    "DoFunc", "compose", "Composed", "dag", "to", "get_namespace", "AutoNamespace", "size",
    "is_array", "register_function", "register_module_alias", "register_backend_alias",
    "infer_backend_device_dtype", "choose_backend", "tree_register_container", "to_device",
    "to_numpy", "from_numpy",
]


class DoFunc:
    """``do`` with the function name fixed: ``DoFunc("sqrt")(x)`` is ``do("sqrt", x)``."""

    __slots__ = ("fn",)

    def __init__(self, fn: str) -> None:
        self.fn = fn

    def __call__(self, *args: Any, like: Any = None, **kwargs: Any) -> Any:
        return do(self.fn, *args, like=like, **kwargs)

    def __repr__(self) -> str:
        return f"<DoFunc {self.fn}>"


def choose_backend(fn: str, *args: Any, like: Any = None, **kwargs: Any) -> str:
    """The library ``do(fn, *args, like=like, **kwargs)`` would call.

    >>> import numpy
    >>> choose_backend("sum", numpy.ones(2))
    'numpy'
    """
    if like is not None:
        return like if isinstance(like, str) else library_of_like(like, fn)
    current = _dispatch._current.get()
    if current is not None:
        return current
    library, _ = _dispatch._DISPATCHERS.get(fn, _dispatch._first_array)(args, kwargs)
    return library


def register_function(backend: Any, name: str, fn: Callable | None = None, wrap: bool = False,
                      *, module: str | None = None, alias: str | None = None,
                      wrapper: Callable | None = None) -> Any:
    """autoray's ``register_function``; without ``fn`` it is a decorator, or ``fn`` is
    ``module.alias`` (module: the library's ``do`` module by default, alias: ``name``),
    passed through ``wrapper`` when given.

    >>> import numpy
    >>> @register_function("numpy", "halve")
    ... def halve(x):
    ...     return x / 2
    >>> do("halve", numpy.ones(1)).tolist()
    [0.5]
    """
    if fn is None and (module is not None or alias is not None or wrapper is not None):
        import importlib

        library = library_of_like(backend)
        source = (importlib.import_module(module) if module is not None
                  else _dispatch.do_module(library))
        fn = _dispatch.dotted_attribute(source, alias or name)
        if fn is None:
            raise AttributeError(
                f"arraycompat.autoray.register_function: {source.__name__} has no "
                f"{alias or name!r} to register as {name!r} for {library!r}."
            )
        if wrapper is not None:
            fn = wrapper(fn)
    if fn is None:
        def decorator(f: Callable) -> Callable:
            _registry.register_function(backend, name, f, wrap=wrap)
            return f

        return decorator
    _registry.register_function(backend, name, fn, wrap=wrap)
    return None


def to_device(x: Any, device: Any, /, *, stream: Any = None) -> Any:
    """autoray's ``to_device``: ``device=None`` leaves ``x`` as it is; a lazy array asked
    for a device its library does not have raises ``lazy.DeviceError`` (a TypeError,
    as in autoray, and a ValueError) at once, not when computed.

    >>> import numpy
    >>> x = numpy.ones(2)
    >>> to_device(x, None) is x
    True
    """
    if device is None:
        return x
    from ..core._devices import device as device_of
    from ..core._devices import to_device as move

    try:
        current = device_of(x)
    except Exception:
        current = None
    if current is not None and (device == current or _device_kind(current) == device):
        return x  # already there ('cpu' names a jax CpuDevice or torch's device('cpu'))
    if isinstance(device, str) and infer_backend(x) == "jax":
        import jax

        kind, _, index = device.partition(":")
        device = jax.devices(kind)[int(index or 0)]
    return move(x, device, stream=stream)


def _device_kind(device: Any) -> str:
    """'cpu' for numpy's 'cpu', torch's device('cpu') and jax's CpuDevice(id=0)."""
    kind = getattr(device, "type", None) or getattr(device, "platform", None)
    return kind if isinstance(kind, str) else str(device)


def to_numpy(x: Any) -> Any:
    """autoray's ``to_numpy``; a lazy array that cannot be computed (its graph needs a
    Variable with no value) is a ``TypeError`` naming what to do, as in autoray.

    >>> import numpy
    >>> to_numpy(numpy.ones(2)).tolist()
    [1.0, 1.0]
    """
    from ..dispatch import _dtypes

    if getattr(x, "_arraycompat_lazy", False):
        from ..lazy._record import depends_on_variable

        if depends_on_variable([x]):
            raise TypeError(
                f"to_numpy: {x!r} cannot compute: its graph needs a Variable with no value. "
                f"Compute it with values first: lazy.compute(x, {{variable: value}})."
            )
    return _dtypes.to_numpy(x)


def from_numpy(x: Any, like: Any = None, *, dtype: Any = None, device: Any = None) -> Any:
    """autoray's ``from_numpy``: a numpy array as an array of ``like``'s library; an
    example array ``like`` also gives its dtype and device unless they are given.

    >>> import numpy, torch
    >>> from_numpy(numpy.ones(2), like=torch.zeros(1, dtype=torch.float32)).dtype
    torch.float32
    """
    from ..dispatch import _dtypes

    if like is not None and not isinstance(like, str) and hasattr(like, "shape"):
        _, like_device, like_dtype = infer_backend_device_dtype(like)
        dtype = like_dtype if dtype is None else dtype
        device = like_device if device is None else device
        if device is not None and "cpu" in str(device).lower():
            device = None  # the default device: every library's from_numpy lands there
    return _dtypes.from_numpy(x, like, dtype=dtype, device=device)


def is_array(x: Any) -> bool:
    """``x`` has a ``shape`` (0-d arrays count, lists do not), as autoray decides."""
    return hasattr(x, "shape")


def size(x: Any) -> int:
    """The number of elements of an array, nested list or tuple.

    >>> size([[1, 2, 3], [4, 5, 6]])
    6
    """
    n = 1
    for d in shape(x):
        n *= d
    return n


def dag(x: Any) -> Any:
    """The Hermitian transpose (conjugate of the transpose)."""
    h = getattr(x, "H", None)
    if h is not None and not callable(h):
        return h
    return do("conj", do("transpose", x))


def _choose_backend(fn: str, args: tuple, kwargs: dict, like: Any = None) -> str:
    """``choose_backend`` with the arguments as a tuple and a dict (autoray's private
    spelling, which some libraries call)."""
    return choose_backend(fn, *args, like=like, **kwargs)


# ---------------------------------------------------------------- compose
class Composed:
    """A function written with ``do``, callable as ``do(name, ...)`` on every library,
    with per-library overrides (``.register``). Parameters named ``backend`` and
    ``namespace`` receive the library name and an autoray-style namespace."""

    def __init__(self, fn: Callable, name: str | None = None) -> None:
        self._default_fn = fn
        self._name = name or fn.__name__
        functools.update_wrapper(self, fn)
        parameters = inspect.signature(fn).parameters
        self._supply_backend = "backend" in parameters
        self._supply_namespace = "namespace" in parameters
        _dispatch.COMPOSED[self._name] = self.make_function

    def make_function(self, backend: str, namespace: Any = None) -> Callable:
        """The default implementation for ``backend``."""
        fn = self._default_fn
        if not (self._supply_backend or self._supply_namespace):
            return fn
        supply_backend, supply_namespace = self._supply_backend, self._supply_namespace

        @functools.wraps(fn)
        def composed(*args: Any, **kwargs: Any) -> Any:
            if supply_backend and "backend" not in kwargs:
                kwargs["backend"] = backend
            if supply_namespace and "namespace" not in kwargs:
                kwargs["namespace"] = namespace if namespace is not None else _namespace_of_call(backend, args)
            return fn(*args, **kwargs)

        composed._arraycompat_composed = self
        return composed

    def register(self, backend: Any, fn: Callable | None = None) -> Any:
        """Use ``fn`` for ``backend`` (a decorator when ``fn`` is omitted)."""
        if fn is None:
            def decorator(f: Callable) -> Callable:
                _registry.register_function(backend, self._name, f)
                return f

            return decorator
        _registry.register_function(backend, self._name, fn)
        return None

    def __call__(self, *args: Any, like: Any = None, **kwargs: Any) -> Any:
        return do(self._name, *args, like=like, **kwargs)

    def __repr__(self) -> str:
        return f"Composed('{self._name}')"


def _namespace_of_call(backend: str, args: tuple) -> AutoNamespace:
    for x in args:
        if hasattr(x, "shape") and infer_backend(x) == backend:
            return get_namespace(x)
    return get_namespace(backend)


def compose(fn: Callable | None = None, *, name: str | None = None) -> Any:
    """Make ``fn`` (written with ``do``) a function ``do`` knows by name, overridable per
    library with ``.register(backend, impl)``.

    >>> import numpy
    >>> @compose
    ... def softplus(x, backend):
    ...     return do("log1p", do("exp", x, like=backend), like=backend)
    >>> round(float(do("softplus", numpy.asarray(0.0))), 6)
    0.693147
    """
    if fn is None:
        return functools.partial(compose, name=name)
    return Composed(fn, name=name)


# ---------------------------------------------------------------- to
_INEXACT = ("float", "complex", "bfloat")


def _parse_spec(spec: str) -> tuple:
    """``"torch-float32-cuda:0"`` -> ``('torch', 'float32', 'cuda:0')`` (parts in any
    order; two of a kind is a ValueError).

    >>> _parse_spec("cpu-numpy")
    ('numpy', None, 'cpu')
    """
    found: dict = {"backends": [], "dtypes": [], "devices": []}
    for part in spec.split("-"):
        if not part:
            continue
        if part.startswith(("float", "complex", "int", "uint", "bool", "bfloat")):
            found["dtypes"].append(part)
        elif part in ("cpu", "gpu", "cuda", "mps", "tpu") or ":" in part:
            found["devices"].append(part)
        else:
            found["backends"].append(part)
    for kind, parts in found.items():
        if len(parts) > 1:
            raise ValueError(
                f"arraycompat.autoray.to: the spec {spec!r} names several {kind} "
                f"({', '.join(parts)}); give at most one of each."
            )
    return tuple(parts[0] if parts else None for parts in found.values())


_PYTHON_DTYPES = {bool: "bool", int: "int64", float: "float64", complex: "complex128"}


_parse_compound_backend_spec = _parse_spec


def to(tree: Any, like: Any = None, *, backend: str | None = None, dtype: Any = None,
       device: Any = None) -> Any:
    """Arrays in ``tree`` converted to another library, dtype and/or device (only
    floating and complex arrays change dtype; other leaves pass through; an array seen
    twice is converted once)."""
    if like is not None:
        if isinstance(like, str):
            b, d, dev = _parse_spec(like)
        else:
            b, dev, d = infer_backend_device_dtype(like)
        backend = backend or b
        dtype = dtype if dtype is not None else d
        device = device if device is not None else dev
    if dtype is not None and not isinstance(dtype, str):
        from ..dispatch._dtypes import dtype_name

        dtype = _PYTHON_DTYPES.get(dtype) or dtype_name(dtype)
    cast = dtype is not None and dtype.startswith(_INEXACT)
    done: dict[int, Any] = {}

    def convert(x: Any) -> Any:
        if not hasattr(x, "shape"):
            return x
        key = id(x)
        if key in done:
            return done[key]
        leaf_dtype = dtype if cast and get_dtype_name(x).startswith(_INEXACT) else None
        old = infer_backend(x)
        new = library_of_like(backend) if backend is not None else old
        if new != old:
            y = from_numpy(to_numpy(x), like=new, dtype=leaf_dtype, device=device)
        else:
            y = x
            if leaf_dtype is not None and get_dtype_name(y) != leaf_dtype:
                y = astype(y, leaf_dtype)
            if device is not None:
                y = to_device(y, device)
        done[key] = y
        return y

    return tree_map(convert, tree)


__all__ += ["to_backend_dtype"]


# Small helpers of autoray.autoray that libraries import to build their translations.
def nothing(f: Any, tree: Any, is_leaf: Any) -> None:
    """A tree applier that does nothing (autoray's ``nothing``)."""


def complex_add_re_im(re: Any, im: Any) -> Any:
    """``re + 1j * im``.

    >>> complex_add_re_im(1.0, 2.0)
    (1+2j)
    """
    return re + 1j * im


def svd_not_full_matrices_wrapper(fn: Callable) -> Callable:
    """``fn`` (an svd) with ``full_matrices=False`` unless the call says otherwise.

    >>> import numpy
    >>> [a.shape for a in svd_not_full_matrices_wrapper(numpy.linalg.svd)(numpy.ones((3, 2)))]
    [(3, 2), (2,), (2, 2)]
    """
    @functools.wraps(fn)
    def svd(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("full_matrices", False)
        return fn(*args, **kwargs)

    return svd
