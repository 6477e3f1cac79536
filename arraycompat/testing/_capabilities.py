"""Declare, next to a function, where it works; get test markers and a docs table.

>>> @xp_capabilities(skip_backends=[("dask.array", "needs concrete shapes")])
... def spread(x):
...     return x.max() - x.min()
>>> print(capabilities_table([spread], backends=["numpy", "dask.array"]))
| function | numpy | dask.array |
|---|---|---|
| spread | yes | no: needs concrete shapes |
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from ._backends import BACKENDS, LAZY_BACKENDS, canonical_backend

__all__ = ["Capabilities", "xp_capabilities", "make_xp_test_case", "capabilities_table"]


@dataclass(frozen=True)
class Capabilities:
    """Where a function works. Backends are named as ``--xp`` names them.

    >>> from arraycompat.testing import Capabilities
    >>> caps = Capabilities(skip_backends=(("torch", "no float128"),), cpu_only=True)
    >>> caps.status("numpy"), caps.status("torch")
    ('CPU only', 'no: no float128')
    """

    skip_backends: tuple[tuple[str, str], ...] = ()
    xfail_backends: tuple[tuple[str, str], ...] = ()
    cpu_only: bool = False
    np_only: bool = False
    exceptions: tuple[str, ...] = ()
    lazy_safe: bool = True
    allow_compute: int = 0
    jit: bool = True
    reason: str = ""
    static_argnames: tuple[str, ...] = field(default=())

    def status(self, backend: str) -> str:
        """'yes', 'no: reason', 'xfail: reason', 'CPU only' for one backend."""
        backend = canonical_backend(backend)
        if backend not in self.exceptions:
            for name, why in self.skip_backends:
                if canonical_backend(name) == backend:
                    return f"no: {why}"
            if self.np_only and backend != "numpy":
                return f"no: {self.reason or 'numpy only'}"
            if not self.lazy_safe and backend in LAZY_BACKENDS:
                return f"no: {self.reason or 'needs concrete values'}"
            for name, why in self.xfail_backends:
                if canonical_backend(name) == backend:
                    return f"xfail: {why}"
        if self.cpu_only and backend not in self.exceptions:
            return "CPU only"
        return "yes"


def xp_capabilities(
    *,
    skip_backends: Iterable[tuple[str, str]] = (),
    xfail_backends: Iterable[tuple[str, str]] = (),
    cpu_only: bool = False,
    np_only: bool = False,
    exceptions: Iterable[str] = (),
    lazy_safe: bool = True,
    allow_compute: int = 0,
    jit: bool = True,
    reason: str = "",
    static_argnames: Iterable[str] = (),
) -> Callable[[Callable], Callable]:
    """Decorator recording a function's capabilities on ``func.__xp_capabilities__``.

    >>> from arraycompat.testing import xp_capabilities
    >>> @xp_capabilities(np_only=True, reason="uses numpy.frompyfunc")
    ... def f(x):
    ...     return x
    >>> f.__xp_capabilities__.status("torch")
    'no: uses numpy.frompyfunc'
    """
    caps = Capabilities(
        tuple((canonical_backend(b), r) for b, r in skip_backends),
        tuple((canonical_backend(b), r) for b, r in xfail_backends),
        cpu_only, np_only, tuple(canonical_backend(b) for b in exceptions), lazy_safe,
        allow_compute, jit, reason, tuple(static_argnames),
    )

    def decorate(func: Callable) -> Callable:
        func.__xp_capabilities__ = caps
        return func

    return decorate


def _capabilities_of(func: Callable) -> Capabilities:
    caps = getattr(func, "__xp_capabilities__", None)
    if caps is None:
        raise TypeError(
            f"{getattr(func, '__qualname__', func)!r} has no capabilities: decorate it with "
            f"@arraycompat.testing.xp_capabilities(...) first."
        )
    return caps


def make_xp_test_case(*funcs: Callable) -> Callable[[Callable], Callable]:
    """Decorator for a test of ``funcs``: the markers their capabilities call for.

    It also tags each function with ``lazy_xp_function`` in the test's module, so the
    lazy backends run it in strict mode and under jit.

    >>> from arraycompat.testing import make_xp_test_case, xp_capabilities
    >>> @xp_capabilities(skip_backends=[("dask", "needs concrete shapes")])
    ... def spread(x):
    ...     return x.max() - x.min()
    >>> @make_xp_test_case(spread)
    ... def test_spread(xp):
    ...     assert spread(xp.asarray([1.0, 3.0])) == 2.0
    >>> [(m.name, m.args) for m in test_spread.pytestmark]
    [('skip_xp_backends', ('dask.array',))]
    """
    import pytest

    from ._lazy_functions import _REGISTRY

    module_globals = inspect.currentframe().f_back.f_globals
    marks = []
    for func in funcs:
        caps = _capabilities_of(func)
        for backend, why in caps.skip_backends:
            marks.append(pytest.mark.skip_xp_backends(backend, reason=why, exceptions=caps.exceptions))
        for backend, why in caps.xfail_backends:
            marks.append(pytest.mark.xfail_xp_backends(backend, reason=why, exceptions=caps.exceptions))
        flags = {k: True for k in ("cpu_only", "np_only") if getattr(caps, k)}
        if not caps.lazy_safe:
            flags["eager_only"] = True
        if flags:
            marks.append(pytest.mark.skip_xp_backends(
                reason=caps.reason or None, exceptions=caps.exceptions, **flags))
        if caps.lazy_safe:
            module_globals.setdefault(_REGISTRY, {})[func] = {
                "allow_compute": caps.allow_compute, "jit": caps.jit,
                "static_argnames": caps.static_argnames,
            }

    def decorate(test: Callable) -> Callable:
        for mark in marks:
            test = mark(test)
        return test

    return decorate


def capabilities_table(funcs: Sequence[Callable], backends: Sequence[str] | None = None) -> str:
    """A Markdown table: one row per function, one column per backend.

    >>> from arraycompat.testing import capabilities_table, xp_capabilities
    >>> @xp_capabilities(xfail_backends=[("jax", "no in-place updates")])
    ... def total(x):
    ...     return x.sum()
    >>> print(capabilities_table([total], backends=["numpy", "jax"]))
    | function | numpy | jax.numpy |
    |---|---|---|
    | total | yes | xfail: no in-place updates |
    """
    backends = [canonical_backend(b) for b in (backends or BACKENDS)]
    lines = ["| function | " + " | ".join(backends) + " |", "|---" * (len(backends) + 1) + "|"]
    for func in funcs:
        caps = _capabilities_of(func)
        cells = [caps.status(b) for b in backends]
        lines.append(f"| {func.__name__} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
