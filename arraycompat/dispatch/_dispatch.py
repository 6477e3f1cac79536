"""``do(name, *args, like=None, **kwargs)``: call a numpy-style function on any library.

The library comes from the first array argument (or the operands a function is
known to dispatch on: the first element of ``stack``'s sequence, both operands of
``tensordot``...), else from ``like``, else from ``backend_like``. The hot path is
one dict lookup keyed on ``(type(args[0]), name)`` and a call.

>>> import numpy
>>> from arraycompat import do
>>> float(do("sum", numpy.arange(4.0)))
6.0
>>> do("eye", 2, like="numpy").shape
(2, 2)
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import importlib
import types
from typing import Any, Callable, Iterator

from ..core import _namespace, _resolve
from ._lookup import (  # noqa: F401  (finding a library's functions; the names stay here too)
    COMPOSED,
    _DO_MODULES,
    _SCIPY_MODULES,
    _above,
    _by_library,
    _find,
    _missing_message,
    _scipy_attribute,
    _standard_attribute,
    do_module,
    dotted_attribute,
    function_for,
    module_attribute,
)

__all__ = ["do", "infer_backend", "infer_backend_multi", "backend_like", "get_backend"]

# function name -> {type of the first argument -> the final callable}: the hot path
# (nested, so a lookup builds no tuple). Only functions that dispatch on their first
# argument, and only when that argument is an array, are stored here.
_fast: dict[str, dict[type, Callable]] = {}
# type -> library name ('numpy', 'torch', ..., 'builtins' for non-arrays).
_library_of_type: dict[type, str] = {}

_NOT_ARRAY = "builtins"
# How many backend_like blocks / set_backend settings are active in any thread or
# task: while none is, `do` skips reading the context variable.
_overrides = 0
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "arraycompat_backend", default=None
)

# ---------------------------------------------------------------- inference
def infer_backend(x: Any) -> str:
    """The library name of ``x``: 'numpy', 'torch', ...; 'builtins' for non-arrays.

    >>> import numpy
    >>> infer_backend(numpy.ones(1)), infer_backend(1.0)
    ('numpy', 'builtins')
    """
    try:
        return _library_of_type[type(x)]
    except KeyError:
        return _learn_type(x)


def _learn_type(x: Any) -> str:
    t = type(x)
    if t in (bool, int, float, complex, str, bytes, list, tuple, dict, type(None)):
        library = _NOT_ARRAY
    else:
        found = _resolve._by_type.get(t)
        library = found.name if found is not None else _resolve.library_of_type(t, x)
        if library is None:  # a random Generator: like=rng means its library
            library = getattr(t, "_arraycompat_library", None)
        if library is None:
            library = t.__module__.split(".", 1)[0]
            library = BACKEND_ALIASES.get(library, library)
    _library_of_type[t] = library
    return library


# Lower is preferred by infer_backend_multi: lazy arrays, then other libraries,
# then numpy, then Python objects.
_LAZY_LIBRARIES = frozenset({"lazy", "autoray"})


def _rank(library: str) -> int:
    if library in _LAZY_LIBRARIES:
        return 0
    if library == _NOT_ARRAY:
        return 3
    return 2 if library == "numpy" else 1


def infer_backend_multi(*xs: Any) -> str:
    """The library to use for several arguments: a lazy or non-numpy array wins
    over numpy arrays, which win over Python scalars ('builtins').

    >>> import numpy, torch
    >>> infer_backend_multi(numpy.ones(1), torch.ones(1), 2.0)
    'torch'
    """
    best, best_rank = _NOT_ARRAY, 3
    for x in xs:
        library = infer_backend(x)
        rank = _rank(library)
        if rank < best_rank:
            best, best_rank = library, rank
            if rank == 0:
                break
    return best


# ---------------------------------------------------------------- dispatchers
# Each returns (library or 'builtins', cacheable): cacheable means the library is
# a function of type(args[0]) alone, so the result may go in the hot-path dict.
def _first_array(args: tuple, kwargs: dict) -> tuple[str, bool]:
    for i, x in enumerate(args):
        library = infer_backend(x)
        if library != _NOT_ARRAY:
            return library, i == 0
    for x in kwargs.values():
        library = infer_backend(x)
        if library != _NOT_ARRAY:
            return library, False
    return _NOT_ARRAY, False


def _first_of_sequence(args: tuple, kwargs: dict) -> tuple[str, bool]:
    """stack, concatenate...: the first array in the sequence (one look for arrays)."""
    if args and isinstance(args[0], (list, tuple)):
        for x in args[0]:
            library = infer_backend(x)
            if library != _NOT_ARRAY:
                return library, False
        return _first_array(args[1:], kwargs)[0], False
    return _first_array(args, kwargs)


def _operands(args: tuple, kwargs: dict) -> tuple[str, bool]:
    library = infer_backend_multi(*args[:2])
    if library == _NOT_ARRAY:
        return _first_array(args[2:], kwargs)[0], False
    return library, False


def _random_source(args: tuple, kwargs: dict) -> tuple[str, bool]:
    """random.array: the library of ``rng`` (a generator, the library's seed object or
    a jax key), else of an array ``loc``/``scale``."""
    import numbers  # not at import time: `import arraycompat` stays small

    rng = kwargs.get("rng")
    if rng is not None and not isinstance(rng, numbers.Integral):  # an int seeds any library
        library = getattr(rng, "library", None)  # an arraycompat Generator
        return (library if isinstance(library, str) else infer_backend(rng)), False
    return _first_array(args[1:], kwargs)[0], False


def _einsum_operands(args: tuple, kwargs: dict) -> tuple[str, bool]:
    operands = args[1:] if args and isinstance(args[0], str) else args
    return infer_backend_multi(*operands), False


_JOIN = (
    "stack", "concatenate", "concat", "block", "vstack", "hstack", "dstack",
    "column_stack", "row_stack", "einsum_path",
)
_BINARY = (
    "tensordot", "matmul", "dot", "vdot", "inner", "outer", "kron", "multiply", "divide",
    "true_divide", "floor_divide", "add", "subtract", "power", "maximum", "minimum",
    "linalg.solve", "linalg.lstsq", "allclose", "isclose", "array_equal",
)
_DISPATCHERS: dict[str, Callable[[tuple, dict], tuple[str, bool]]] = {
    **{name: _first_of_sequence for name in _JOIN},
    **{name: _operands for name in _BINARY},
    "einsum": _einsum_operands,
    "random.array": _random_source,
}

# Creation functions that take `device`: `like=<array>` puts the result on its device.
_CREATION = frozenset({
    "empty", "zeros", "ones", "full", "eye", "identity", "arange", "linspace", "asarray",
    "array", "random.normal", "random.uniform", "random.random", "random.default_rng",
    "random.array",
})
_DEVICE_LIBRARIES = frozenset({"torch", "jax", "cupy"})
# Libraries whose creation functions take ``dtype=`` (a numpy-like module of unknown
# signature is called with the arguments given, nothing added).
_DTYPE_LIBRARIES = frozenset({
    "numpy", "torch", "jax", "cupy", "dask", "sparse", "array_api_strict", "tensorflow",
    "autograd", "ndonnx", "lazy",
})


# ---------------------------------------------------------------- do
def do(name: str, /, *args: Any, like: Any = None, **kwargs: Any) -> Any:
    """Call the function ``name`` ('sum', 'linalg.svd') of the arrays' library.

    ``like`` (an array, a library name or a Namespace) names the library when the
    arguments hold no array, e.g. for creation functions.

    >>> import numpy
    >>> do("linalg.norm", numpy.array([3.0, 4.0])).item()
    5.0
    """
    if like is None:
        if not _overrides:
            try:
                fn = _fast[name][type(args[0])]
            except (KeyError, IndexError, TypeError):
                _check_name(name)
                fn = _dispatch(name, args, kwargs)
            else:
                return fn(*args, **kwargs) if kwargs else fn(*args)
        else:
            _check_name(name)
            fn = _dispatch_overridden(name, args, kwargs)
    else:
        _check_name(name)
        library = library_of_like(like, name)
        if name in _CREATION and type(like) is not str:
            _inject_like(like, library, name, kwargs)
        fn = _by_library.get((library, name)) or function_for(library, name)
    return fn(*args, **kwargs)


def _dispatch_overridden(name: str, args: tuple, kwargs: dict) -> Callable:
    """``do`` while some ``backend_like`` / ``set_backend`` is active somewhere: the
    library it set for this thread or task wins over the arguments' (autoray's rule)."""
    library = _current.get()
    if library is None:
        return _dispatch(name, args, kwargs)
    fn = _by_library.get((library, name))
    if fn is None:
        if library not in _array_libraries:  # backend_like takes any name; used, it is checked
            check_library(library, f"do({name!r}, ...) under backend_like({library!r})")
        fn = function_for(library, name)
    adapt = ADAPT_ARGUMENTS.get(library)
    if adapt is None:
        return fn
    return lambda *args, **kwargs: fn(*adapt(args), **kwargs)


#: library -> function turning the positional arguments of a call forced onto that
#: library by ``backend_like`` into ones it takes (the lazy layer fills in 'lazy':
#: other libraries' arrays become lazy leaves).
ADAPT_ARGUMENTS: dict[str, Callable[[tuple], tuple]] = {}


def _check_name(name: Any) -> None:
    if not isinstance(name, str):
        raise TypeError(
            f"arraycompat.do: the first argument is the function's name, a str such as "
            f"'sum' or 'linalg.svd'; got {_short(name)} ({type(name).__name__}). "
            f"Call do(name, *args), e.g. do('sum', x)."
        )


def _dispatch(name: str, args: tuple, kwargs: dict) -> Callable:
    """The slow path: choose the library, find the function, fill the caches."""
    library, cacheable = _DISPATCHERS.get(name, _first_array)(args, kwargs)
    if library == _NOT_ARRAY:
        # Python numbers and sequences: a function registered for 'builtins' (autoray's
        # name for them), else numpy, as autoray does (`do("abs", -0.5)`).
        fn = _above["registered"](_NOT_ARRAY, name)
        if fn is not None:
            return fn
        library = _current.get() or _no_array_library(name, args)
    fn = _by_library.get((library, name)) or function_for(library, name)
    if cacheable:
        _fast.setdefault(name, {})[type(args[0])] = fn
    return fn


def _no_array_library(name: str, args: tuple) -> str:
    """The library for a call with no array: numpy, when the arguments are Python
    objects numpy takes; otherwise a ``TypeError`` saying what to pass."""
    for x in args or (None,):
        if not args or not isinstance(x, _PLAIN):
            seen = ", ".join(type(x).__name__ for x in args) or "no positional arguments"
            raise TypeError(
                f"arraycompat.do({name!r}): no array among the arguments ({seen}) to choose "
                f"a library from. Pass like=<array, library name or Namespace>, e.g. "
                f"do({name!r}, ..., like='numpy'), or call it inside "
                f"`with arraycompat.backend_like('numpy'):`."
            )
    return "numpy"


_PLAIN = (bool, int, float, complex, str, list, tuple, dict, type(None), slice)
# Creation functions that take the dtype of `like=<array>` when none is given (autoray's
# rule; the standard's creation functions use the default dtype instead).
_TAKE_DTYPE = frozenset({"empty", "eye", "full", "identity", "ones", "zeros"})
# Random creation that takes `like`'s dtype when it is a float (and, for random.array,
# complex) dtype: the generator's default float dtype, the array's dtype.
_TAKE_INEXACT_DTYPE = {"random.default_rng": ("float",), "random.array": ("float", "complex")}


def _inject_like(like: Any, library: str, name: str, kwargs: dict) -> None:
    """``like=<array>`` on a creation function: its device (torch, jax, cupy: the
    array's, unless it is the CPU) and, for ``ones``/``zeros``/..., its dtype; a
    Python number lends its type (``like=1.0`` gives float64)."""
    if isinstance(like, (_namespace.Namespace, types.ModuleType)):
        return
    if name in _TAKE_DTYPE and "dtype" not in kwargs and library in _DTYPE_LIBRARIES:
        dtype = getattr(like, "dtype", None)
        if dtype is None and type(like) in (int, float, complex):
            dtype = type(like)
        if dtype is not None:
            kwargs["dtype"] = dtype
    elif name in _TAKE_INEXACT_DTYPE and "dtype" not in kwargs:
        dtype = getattr(like, "dtype", None)
        if dtype is not None and any(kind in str(dtype) for kind in _TAKE_INEXACT_DTYPE[name]):
            kwargs["dtype"] = dtype
    if "device" not in kwargs and library in _DEVICE_LIBRARIES:
        device = getattr(like, "device", None)
        if device is not None and not callable(device) and str(device) != "cpu":
            kwargs["device"] = device


#: Names ``like=`` / ``backend_like`` accept for a library besides its module's name.
LIBRARY_ALIASES = {
    "arraycompat.lazy": "lazy", "autoray.lazy": "lazy", "lazy": "lazy",
    "builtins": "numpy", "autoray.numpy": "numpy",
}


#: ``register_backend_alias(alias, backend)``: arrays whose module is ``alias`` are
#: ``backend``'s (autoray's backend aliases).
BACKEND_ALIASES: dict[str, str] = {}


def library_of_like(like: Any, name: str = "") -> str:
    """The library named by ``like``: an array, a library or module name, a module or a Namespace.

    A name or module must be an array library (see ``check_library``).

    >>> library_of_like("jax.numpy")
    'jax'
    """
    if isinstance(like, _namespace.Namespace):
        return like.name
    if isinstance(like, str):
        alias = LIBRARY_ALIASES.get(like) or BACKEND_ALIASES.get(like)
        if alias is not None:
            return alias
        root = like.split(".", 1)[0]
        library = _resolve._LIBRARY_OF_MODULE_ROOT.get(root, root)
    elif isinstance(like, types.ModuleType):
        from ..core._predicates import library_name

        library = library_name(like)
    else:
        library = infer_backend(like)
        if library == _NOT_ARRAY:
            if isinstance(like, (bool, int, float, complex, list, tuple)):
                return "numpy"  # autoray's rule: Python numbers and sequences mean numpy
            what = f"do({name!r}, ...)" if name else "like"
            raise TypeError(
                f"arraycompat.{what}: like={_short(like)} ({type(like).__name__}) is not an "
                f"array, a library name, a module nor a Namespace; pass e.g. like='numpy' or "
                f"like=x for an array x."
            )
        return library
    if library not in _array_libraries:
        check_library(library, f"do({name!r}, ..., like={like!r})" if name else f"like={like!r}")
    return library


def library_name(like: Any) -> str:
    """The library ``like`` names, as ``library_of_like``, except that a name is taken
    as it is, unchecked (autoray's ``set_backend("test")``): ``do`` checks it when it
    uses it.

    >>> library_name("my_future_library"), library_name("autoray.lazy")
    ('my_future_library', 'lazy')
    """
    if isinstance(like, str):
        alias = LIBRARY_ALIASES.get(like) or BACKEND_ALIASES.get(like)
        if alias is not None:
            return alias
        root = like.split(".", 1)[0]
        return _resolve._LIBRARY_OF_MODULE_ROOT.get(root, root)
    return library_of_like(like)


# Library names that make arrays: every name do() translates for, and those checked.
_KNOWN_LIBRARIES = frozenset(
    set(_resolve._LIBRARY_OF_MODULE_ROOT.values()) | set(_DO_MODULES) | {"autoray"}
)
_array_libraries: set[str] = set(_KNOWN_LIBRARIES)


def check_library(library: str, where: str, *, registered_functions: bool = True) -> None:
    """Refuse a name that is not an array library, with the names that are.

    An array library is one arraycompat knows, one a user registered (with
    ``register_backend``, or ``register_function`` unless ``registered_functions`` is
    False), or an importable module whose ``asarray`` or ``zeros`` makes arrays with
    ``__array_namespace__``. A known library that is not installed passes here and
    raises ImportError when it is used.

    >>> check_library("os", "like='os'")
    Traceback (most recent call last):
    ...
    TypeError: arraycompat: like='os': 'os' is not an array library. ...
    """
    if library in _array_libraries or library in _resolve._registered_types.values():
        return
    if registered_functions:
        if _above["has_backend"](library):
            return
    if _makes_arrays(library):
        _array_libraries.add(library)
        return
    known = sorted(_array_libraries | set(_resolve._registered_types.values()))
    close = difflib.get_close_matches(library, known, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise TypeError(
        f"arraycompat: {where}: {library!r} is not an array library.{hint} Known: "
        f"{', '.join(known)}; also any importable module whose asarray/zeros make arrays "
        f"with __array_namespace__, and array types taught with "
        f"arraycompat.register_backend(type, module_name)."
    )


def _makes_arrays(library: str) -> bool:
    """True for an importable module whose ``zeros``/``asarray`` make arrays: standard
    ones, or numpy-like ones that ``get_namespace`` accepts (autoray's "any module")."""
    import importlib.util

    try:
        found = importlib.util.find_spec(library)
    except (ImportError, ValueError):
        return False
    if found is None:
        return False
    module = importlib.import_module(library)
    for maker, arg in (("zeros", 1), ("asarray", 0)):
        fn = getattr(module, maker, None)
        if callable(fn):
            try:
                made = fn(arg)
            except Exception:
                continue
            if hasattr(made, "__array_namespace__"):
                return True
            try:
                return _resolve.get_namespace(made).name == library
            except TypeError:
                return False
    return False


def _short(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 40 else text[:37] + "..."


# ---------------------------------------------------------------- invalidation
def forget(library: str, name: str) -> None:
    """Drop every cached callable for ``(library, name)``, and for the translations
    built on it (``concatenate`` on ``concat``), and nothing else."""
    for dependent in _above["forget_dependents"](library, name):
        forget(library, dependent)
    _by_library.pop((library, name), None)
    by_type = _fast.get(name, {})
    for t in [t for t in by_type if _library_of_type.get(t) == library]:
        del by_type[t]
    _namespace.invalidate(library, name)


def forget_library_name(library: str) -> None:
    """Drop what was learnt about array types whose library was called ``library``."""
    for t in [t for t, lib in _library_of_type.items() if lib == library]:
        forget_type(t)


def forget_type(array_type: type) -> None:
    """Drop what was learnt about ``array_type`` and its subclasses."""
    for t in [t for t in _library_of_type if issubclass(t, array_type)]:
        del _library_of_type[t]
    for by_type in _fast.values():
        for t in [t for t in by_type if issubclass(t, array_type)]:
            del by_type[t]


# ---------------------------------------------------------------- backend_like
def get_backend() -> str | None:
    """The library set by the innermost ``backend_like`` of this thread / task, or None.

    >>> from arraycompat import backend_like, get_backend
    >>> get_backend() is None
    True
    >>> with backend_like("numpy"):
    ...     get_backend()
    'numpy'
    """
    return _current.get()


def set_current(library: str | None) -> None:
    """Set (or clear, with None) this thread's / task's library for ``do``."""
    global _overrides
    if library is not None:
        _overrides += 1  # never taken back: a setting without a block has no end
    _current.set(library)


@contextlib.contextmanager
def backend_like(like: Any) -> Iterator[str]:
    """Within the block, ``do`` calls without ``like`` use the library ``like`` names,
    whatever their arguments (autoray's rule: ``backend_like("arraycompat.lazy")``
    makes ``do`` trace lazily).

    Nestable; each thread and each asyncio task sees only its own setting.

    >>> with backend_like("numpy"):
    ...     do("zeros", 2).shape
    (2,)
    """
    global _overrides
    library = None if like is None else library_name(like)
    token = _current.set(library)
    _overrides += 1
    try:
        yield library
    finally:
        _current.reset(token)
        _overrides -= 1
