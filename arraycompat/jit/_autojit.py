"""``autojit``: one decorator, the compiler that fits the inputs' namespace.

Per call, the array arguments' namespace picks the compiler (``jax.jit`` for jax,
``torch.compile`` for torch, ``tensorflow.function`` for tensorflow, ``"python"``
for every other library); one program is compiled per signature and cached.

>>> import numpy, arraycompat
>>> @autojit
... def f(x, scale=2.0):
...     xp = arraycompat.get_namespace(x)
...     return xp.sum(x * scale)
>>> float(f(numpy.ones(3)))
6.0
>>> f.cache_info().misses
1
"""

from __future__ import annotations

import functools
import inspect
import time
import warnings
from typing import Any, Callable, Iterable

from ..core._devices import asarray
from ..core._predicates import is_array
from ..core._resolve import _by_type, get_namespace
from ._cache import DEFAULT_CACHE_SIZE, CacheInfo, CompileCache, describe_value, static_key
from ._compilers import COMPILERS, LIBRARY_OF_COMPILER, compiler_for, to_library
from ._pytree import flatten, leaf_paths, tree_map, unflatten

__all__ = ["autojit", "AutoJit"]

_STATIC = object()  # placeholder for a static argument taken out of the call


def autojit(
    fn: Callable | None = None,
    *,
    backend: str | None = None,
    static_argnames: str | Iterable[str] = (),
    compiler_opts: dict | None = None,
    cache_size: int | None = DEFAULT_CACHE_SIZE,
) -> Any:
    """Compile ``fn`` for the library of its array arguments, once per signature.

    ``backend`` forces a compiler ('python', 'jax', 'torch', 'torch-trace',
    'tensorflow', 'dask', 'pytensor'); arrays of another library are converted in and the results
    converted back. ``static_argnames`` are arguments always treated as static
    (hashable, part of the cache key); other non-array arguments are static too.
    ``compiler_opts`` go to the compiler (``jax.jit``, ``torch.compile``...; for
    'python': ``fold_constants``, ``share_intermediates``). ``cache_size`` bounds the
    programs held (64 by default; the least recently used is dropped first; None: no
    bound); ``f.cache_size = n`` changes it later.

    >>> import numpy
    >>> @autojit(backend="python")
    ... def g(x):
    ...     return {"double": x * 2}
    >>> g(numpy.arange(3.0))["double"]
    array([0., 2., 4.])
    """
    if fn is None:
        return functools.partial(
            autojit, backend=backend, static_argnames=static_argnames, compiler_opts=compiler_opts,
            cache_size=cache_size,
        )
    return AutoJit(
        fn, backend=backend, static_argnames=static_argnames, compiler_opts=compiler_opts,
        cache_size=cache_size,
    )


class AutoJit:
    """A function compiled per signature; see ``autojit``.

    ``cache_info()`` and ``clear_cache()`` inspect and empty the cache;
    ``recompile_warning`` is the compile count after which a ``RecompileWarning``
    is issued (once).
    """

    #: a backend name -> the compiler it stands for (autoray's front door maps
    #: ``"torch"`` to ``"torch:trace"``, as autoray does)
    compiler_names: dict = {}

    def __init__(
        self,
        fn: Callable,
        *,
        backend: str | None = None,
        static_argnames: str | Iterable[str] = (),
        compiler_opts: dict | None = None,
        cache_size: int | None = DEFAULT_CACHE_SIZE,
    ) -> None:
        if not callable(fn):
            raise TypeError(f"arraycompat.autojit: expected a function, got {describe_value(fn)}")
        backend = self.compiler_names.get(backend, backend)
        if backend is not None and backend not in COMPILERS:
            raise ValueError(
                f"arraycompat.autojit: unknown backend {backend!r}; use one of "
                f"{', '.join(map(repr, COMPILERS))}, or None to pick by the inputs' library."
            )
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.backend = backend
        self.compiler_opts = dict(compiler_opts or {})
        self._name = getattr(fn, "__qualname__", None) or repr(fn)
        self._cache = CompileCache(self._name, max_size=cache_size)
        self._params = _positional_names(fn)
        names = _static_names(static_argnames)
        self._static_names = frozenset(names)
        self._static_positions = _static_positions(fn, self._params, names)
        self._per_backend: dict = {}
        try:
            self._takes_backend = "backend" in inspect.signature(fn).parameters
        except (TypeError, ValueError):
            self._takes_backend = False

    @property
    def cache_size(self) -> int | None:
        """The most programs held (the least recently used is dropped first)."""
        return self._cache.max_size

    @cache_size.setter
    def cache_size(self, n: int | None) -> None:
        self._cache.resize(n)

    @property
    def recompile_warning(self) -> int:
        return self._cache.recompile_warning

    @recompile_warning.setter
    def recompile_warning(self, n: int) -> None:
        self._cache.recompile_warning = n

    def cache_info(self) -> CacheInfo:
        """Hits, misses (compiles), programs held, seconds spent compiling."""
        return self._cache.info()

    def clear_cache(self) -> None:
        """Forget every compiled program and reset the counts."""
        self._cache.clear()

    def __get__(self, instance: Any, owner: Any = None) -> Any:
        return self if instance is None else functools.partial(self, instance)

    def __repr__(self) -> str:
        return f"<autojit {self._name} backend={self.backend or 'auto'}>"

    # ------------------------------------------------------------------ calling
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        fast_key = None
        if kwargs and "backend" in kwargs and not self._takes_backend:
            return self._for_backend(kwargs.pop("backend"))(*args, **kwargs)
        if not kwargs and not self._static_names:
            # Fast path: only arrays of already-resolved types, passed by position.
            # The types fix the namespace, so the key needs no get_namespace nor flatten.
            signature = []
            for x in args:
                t = type(x)
                if t not in _by_type:
                    break
                signature.append((t, x.shape, x.dtype, getattr(x, "device", None)))
            else:
                fast_key = tuple(signature)
                cache = self._cache
                entries = cache.entries
                program = entries.get(fast_key)
                if program is not None:
                    cache.hits += 1
                    try:
                        entries.move_to_end(fast_key)  # the most recently used
                    except KeyError:  # dropped by another thread meanwhile
                        pass
                    return program(*args)
        return self._call(args, kwargs, fast_key)

    def _for_backend(self, backend: str | None) -> "AutoJit":
        """This function compiled with ``backend`` (a per-call ``backend=``, as in
        autoray: ``f(x, backend="torch")``); one cache per backend."""
        backend = self.compiler_names.get(backend, backend)
        if backend == self.backend:
            return self
        found = self._per_backend.get(backend)
        if found is None:
            found = type(self)(self.fn, backend=backend, static_argnames=tuple(self._static_names),
                            compiler_opts=self.compiler_opts)
            self._per_backend[backend] = found
        return found

    def _call(self, args: tuple, kwargs: dict, fast_key: tuple | None) -> Any:
        static: tuple = ()
        if self._static_names:
            args, kwargs, static = self._take_static(args, kwargs)
        leaves, treedef = flatten((args, kwargs))
        arrays = []
        signature = []
        for x in leaves:
            if is_array(x):
                arrays.append(x)
                shape = x.shape
                if any(n != n for n in shape):  # dask's unknown sizes are NaN: never equal
                    shape = tuple(None if n != n else n for n in shape)
                    fast_key = None
                signature.append((type(x), shape, x.dtype, getattr(x, "device", None)))
            else:
                signature.append((type(x), static_key(x)))
        if not arrays:
            raise TypeError(
                f"arraycompat.autojit: {self._name} was called with no array argument "
                f"({self._describe(args, kwargs, static)}); autojit compiles for the arrays' "
                f"library, so pass at least one array, or call the function directly."
            )
        try:
            ns = get_namespace(*arrays)
        except TypeError as e:
            raise TypeError(f"arraycompat.autojit: {self._name}: {e}") from None
        key = (ns, treedef, tuple(signature), self._static_signature(static) if static else ())
        cache = self._cache
        try:
            program = cache.entries.get(key)
        except TypeError:
            raise self._unhashable(leaves, treedef, static) from None
        if program is None:
            return self._compile((key, fast_key), ns, leaves, treedef, arrays, static)
        cache.hits += 1
        cache.used(key)
        if fast_key is not None:  # its types were resolved only now
            cache.add(fast_key, program)
        return program(*arrays)

    def _take_static(self, args: tuple, kwargs: dict) -> tuple:
        """Move the static_argnames arguments out of the call, by name."""
        found = {}
        if self._static_positions:
            args = list(args)
            for i, name in self._static_positions.items():
                if i < len(args):
                    found[name] = args[i]
                    args[i] = _STATIC
            args = tuple(args)
        if kwargs:
            kwargs = dict(kwargs)
            for name in self._static_names:
                if name in kwargs:
                    found[name] = kwargs.pop(name)
        return args, kwargs, tuple(sorted(found.items()))

    @staticmethod
    def _static_signature(static: tuple) -> tuple:
        return tuple((name, static_key(value)) for name, value in static)

    def _compile(self, keys: tuple, ns, leaves, treedef, arrays, static) -> Any:
        """Compile, run once, cache the program under ``keys`` (None skipped)."""
        compiler = self.backend
        if compiler is None:
            compiler = compiler_for(ns.name)
            compiler = self.compiler_names.get(compiler, compiler)
        target = LIBRARY_OF_COMPILER[compiler]
        convert = target is not None and ns.name != target
        positions = [i for i, x in enumerate(leaves) if is_array(x)]
        template = list(leaves)
        for i in positions:
            template[i] = None  # the program must not keep the first call's arrays alive
        fn = self.fn
        restore = self._restore

        def call(*xs):
            filled = list(template)
            for i, x in zip(positions, xs):
                filled[i] = x
            args, kwargs = unflatten(treedef, filled)
            if static:
                args, kwargs = restore(args, kwargs, static)
            return fn(*args, **kwargs)

        call.__name__ = call.__qualname__ = f"autojit_{getattr(fn, '__name__', 'fn')}"
        like = arrays[0]
        start = time.perf_counter()
        try:
            if convert:
                converted = [to_library(x, target) for x in arrays]
                _warn_if_dtypes_changed(self._name, compiler, arrays, converted)
                arrays = converted
            compiled = COMPILERS[compiler](call, arrays, ns, _options_for(compiler, self.compiler_opts))
        except Exception as e:
            args, kwargs = unflatten(treedef, leaves)
            e.add_note(
                f"arraycompat.autojit: compiling {self._describe(args, kwargs, static)} with the "
                f"{compiler!r} compiler ({ns.name} arrays) failed."
            )
            raise
        try:
            out = compiled(*arrays)  # jax and torch compile on the first call
        except Exception as e:
            if compiler != "python":  # the 'python' program was compiled above: a run error
                args, kwargs = unflatten(treedef, leaves)
                e.add_note(
                    f"arraycompat.autojit: the first call of {self._describe(args, kwargs, static)} "
                    f"with the {compiler!r} compiler ({ns.name} arrays), which compiles it, raised this."
                )
            raise
        seconds = time.perf_counter() - start
        if convert:
            back = _converter_back

            def program(*xs):
                return tree_map(back(xs[0]), compiled(*[to_library(x, target) for x in xs]))

            out = tree_map(back(like), out)
        else:
            program = compiled

        cache = self._cache
        for key in keys:
            if key is not None:
                cache.add(key, program)
        with cache.lock:
            args, kwargs = unflatten(treedef, leaves)
            cache.record_compile(seconds, self._describe(args, kwargs, static))
        return out

    # ------------------------------------------------------------------ messages
    def _restore(self, args: tuple, kwargs: dict, static: tuple) -> tuple[tuple, dict]:
        """The call's arguments with the static_argnames put back where they came from."""
        values = dict(static)
        args = tuple(
            values.pop(self._static_positions[i]) if a is _STATIC else a for i, a in enumerate(args)
        )
        return args, {**kwargs, **values}

    def _param(self, i: int) -> str:
        return self._params[i] if i < len(self._params) else f"args[{i}]"

    def _describe(self, args: tuple, kwargs: dict, static: tuple) -> str:
        """``f(x=numpy float64[3, 4], n=2)``: the signature a message refers to."""
        args, kwargs = self._restore(args, kwargs, static)
        parts = [f"{self._param(i)}={_describe_tree(a)}" for i, a in enumerate(args)]
        parts += [f"{k}={_describe_tree(v)}" for k, v in kwargs.items()]
        return f"{self._name}({', '.join(parts)})"

    def _unhashable(self, leaves: list, treedef: Any, static: tuple) -> TypeError:
        args_def, kwargs_def = treedef[1]
        paths = [p for i, d in enumerate(args_def[1]) for p in leaf_paths(d, self._param(i))]
        paths += [p for k, d in zip(kwargs_def[1], kwargs_def[2]) for p in leaf_paths(d, k)]
        named = list(static) + [(p, x) for p, x in zip(paths, leaves) if not is_array(x)]
        for name, x in named:
            try:
                hash(x)
            except TypeError:
                return TypeError(
                    f"arraycompat.autojit: argument {name} of {self._name} is "
                    f"{describe_value(x)} ({type(x).__name__}), which is neither an array nor "
                    f"hashable, so it cannot be a static argument (part of the cache key). Pass "
                    f"an array, a tuple, or a hashable value instead."
                )
        return TypeError(f"arraycompat.autojit: an argument of {self._name} is not hashable")


def _converter_back(like: Any) -> Callable:
    """Outputs of a forced compiler back to the library and device of ``like``."""
    return lambda y: asarray(y, like=like) if is_array(y) else y


def _warn_if_dtypes_changed(name: str, compiler: str, before: list, after: list) -> None:
    pairs = {(_dtype_name(a.dtype), _dtype_name(b.dtype)) for a, b in zip(before, after)}
    changed = sorted(f"{a} -> {b}" for a, b in pairs if a != b)
    if changed:
        warnings.warn(
            f"arraycompat.autojit: {name} runs on {compiler!r}, which changed the inputs' "
            f"dtypes ({', '.join(changed)}); for jax, enable 64-bit floats with "
            f"jax.config.update('jax_enable_x64', True).",
            stacklevel=4,
        )


def _dtype_name(dtype: Any) -> str:
    return getattr(dtype, "name", None) or str(dtype).rsplit(".", 1)[-1]


def _describe_tree(x: Any) -> str:
    leaves, treedef = flatten(x)
    return str(unflatten(treedef, [_describe_leaf(y) for y in leaves])).replace("'", "")


def _describe_leaf(x: Any) -> str:
    if is_array(x):
        dtype = _dtype_name(x.dtype)
        shape = ", ".join("?" if n is None else str(n) for n in x.shape)
        return f"{type(x).__module__.split('.')[0]} {dtype}[{shape}]"
    return describe_value(x)


def _static_names(static_argnames: Any) -> tuple:
    """``static_argnames`` as a tuple of names, or a TypeError saying what was passed."""
    if isinstance(static_argnames, str):
        return (static_argnames,)
    try:
        names = tuple(static_argnames)
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) for n in names):
        raise TypeError(
            f"arraycompat.autojit: static_argnames takes a parameter name or an iterable of "
            f"names, got {describe_value(static_argnames)} ({type(static_argnames).__name__}); "
            f"e.g. static_argnames=('n', 'mode')."
        )
    return names


def _positional_names(fn: Callable) -> list[str]:
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return [p.name for p in parameters if p.kind in kinds]


def _static_positions(fn: Callable, params: list[str], names: tuple) -> dict[int, str]:
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):
        return {}
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in signature.parameters.values())
    for name in names:
        if name not in signature.parameters and not takes_any:
            raise ValueError(
                f"arraycompat.autojit: static_argnames names {name!r}, which is not a parameter "
                f"of {getattr(fn, '__qualname__', fn)}{signature}."
            )
    return {params.index(n): n for n in names if n in params}


def _options_for(compiler: str, compiler_opts: dict) -> dict:
    """The options for ``compiler``: autoray's per-compiler form ``{"python": {...},
    "jax": {...}}`` (keyed by compiler names) gives that compiler's dict; otherwise the
    options are for whichever compiler runs.

    >>> _options_for("python", {"python": {"share_intermediates": False}, "jax": {}})
    {'share_intermediates': False}
    >>> _options_for("jax", {"static_argnums": 1})
    {'static_argnums': 1}
    """
    if compiler_opts and all(k in COMPILERS and isinstance(v, dict) for k, v in compiler_opts.items()):
        return dict(compiler_opts.get(compiler, {}))
    return compiler_opts
