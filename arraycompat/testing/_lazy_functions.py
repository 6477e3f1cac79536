"""``lazy_xp_function``: run a library function lazily and under jit in its tests.

Tag a function in a test module; every test there that uses ``xp`` then calls a
wrapped version on the lazy backends: under ``jax.jit`` for jax, with every dask
``compute`` counted for dask, and traced by ``arraycompat.lazy`` in strict mode
for ``lazy``. A function that forces values more often than ``allow_compute``
fails the test, naming the line that forced it::

    from mylib import standardise
    lazy_xp_function(standardise, allow_compute=0)

    def test_standardise(xp):
        standardise(xp.asarray([1.0, 2.0]))   # on dask: fails if it calls .compute()
"""

from __future__ import annotations

import functools
import inspect
import os
import traceback
from typing import Any, Callable

__all__ = ["lazy_xp_function", "wrap_for_backend", "ComputeCounter"]

_REGISTRY = "_arraycompat_lazy_xp_functions"


def lazy_xp_function(
    func: Callable, *, allow_compute: int = 0, jit: bool = True,
    static_argnames: tuple[str, ...] = (),
) -> None:
    """Register ``func`` so the tests of the calling module run it lazily.

    >>> def double(x):
    ...     return 2 * x
    >>> lazy_xp_function(double, allow_compute=0)
    """
    module_globals = inspect.currentframe().f_back.f_globals
    registry = module_globals.setdefault(_REGISTRY, {})
    registry[func] = {"allow_compute": allow_compute, "jit": jit,
                      "static_argnames": tuple(static_argnames)}


def registered_functions(module: Any) -> dict[Callable, dict]:
    return getattr(module, _REGISTRY, {})


def wrap_for_backend(func: Callable, backend: str, options: dict) -> Callable:
    """The version of ``func`` a test on ``backend`` should call."""
    if backend == "jax.numpy" and options["jit"]:  # autojit: jax.jit, static non-arrays
        return _jax_jit(func, options["static_argnames"])
    if backend == "dask.array":
        return _count_dask_computes(func, options["allow_compute"])
    if backend == "lazy":
        return _lazy_strict(func, options["allow_compute"])
    return func


def _jax_jit(func: Callable, static_argnames: tuple[str, ...]) -> Callable:
    """``autojit`` (jax.jit for jax arrays); non-array arguments are static."""
    from ..jit import autojit

    return functools.wraps(func)(autojit(func, static_argnames=static_argnames))


class ComputeCounter:
    """Counts forced computations and remembers the line of each.

    ``where`` is the test-facing line: the first frame of the stack, from the
    innermost, that lies in ``func``'s file, else outside any installed library.
    """

    def __init__(self, func: Callable, allow: int, what: str) -> None:
        self.func_file = inspect.getsourcefile(func) or ""
        self.allow = allow
        self.what = what
        self.lines: list[str] = []

    def record(self) -> None:
        self.lines.append(self._where(traceback.extract_stack()[:-2]))

    def _where(self, stack: list) -> str:
        for frame in reversed(stack):
            if os.path.abspath(frame.filename) == os.path.abspath(self.func_file):
                return f"{frame.filename}:{frame.lineno}: {frame.line}"
        for frame in reversed(stack):
            if "site-packages" not in frame.filename and "arraycompat" not in frame.filename:
                return f"{frame.filename}:{frame.lineno}: {frame.line}"
        frame = stack[-1]
        return f"{frame.filename}:{frame.lineno}: {frame.line}"

    def check(self, name: str) -> None:
        __tracebackhide__ = True
        if len(self.lines) > self.allow:
            raise AssertionError(
                f"{name} forced {self.what} {len(self.lines)} time(s), allowed {self.allow} "
                f"(lazy_xp_function(allow_compute=...)). First forced at:\n  {self.lines[0]}"
                + "".join(f"\n  {line}" for line in self.lines[1:])
            )


def _count_dask_computes(func: Callable, allow: int) -> Callable:
    from dask.callbacks import Callback

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        __tracebackhide__ = True
        counter = ComputeCounter(func, allow, "a dask compute")
        with Callback(start=lambda dsk: counter.record()):
            out = func(*args, **kwargs)
        counter.check(func.__qualname__)
        return out

    return wrapper


def _lazy_strict(func: Callable, allow: int) -> Callable:
    """Run under ``arraycompat.lazy``, refusing values forced past ``allow``.

    The refusal is raised where the value is forced, so the traceback ends on that line.
    """
    from .. import lazy

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        __tracebackhide__ = True
        counter = ComputeCounter(func, allow, "a lazy value")

        def forced(operation: str) -> None:
            counter.record()
            counter.lines[-1] += f"  [{operation}]"
            counter.check(func.__qualname__)

        with lazy.on_force(forced):
            return func(*args, **kwargs)

    return wrapper
