"""pytest plugin: run a suite's lazy checks on ``arraycompat.lazy`` the way it runs dask's.

Loaded with ``-p lazy_backend_plugin`` (this folder on ``PYTHONPATH``) into the test
run of array-api-extra's own suite, whose ``Backend`` enum has been given one more
member, ``LAZY = "arraycompat.lazy"`` (``lazy_add_backend.py`` writes that line).
What the plugin adds:

* ``patch_lazy_xp_functions``, which the suite calls in its ``xp`` fixture, treats
  ``arraycompat.lazy`` as it treats dask: every function the test module tags with
  ``lazy_xp_function`` is wrapped, by the suite's own search for tags. Our wrapper
  runs the function under ``lazy.strict()`` (no value may be forced; where the tag
  allows ``allow_dask_compute=n``, at most n values), then computes its results, as
  array-api-extra's dask wrapper persists them, so errors surface in the call.
* only the items parametrized with the lazy or the dask backend are kept (the same
  run gives both counts); ``ARRAYCOMPAT_LAZY_BACKENDS`` (comma-separated enum names,
  default ``LAZY,DASK``) changes that.

It imports nothing of the suite until pytest loads it, so importing this module
(the project's doctest collection does) has no effect.
"""

from __future__ import annotations

import functools
import os
from typing import Any

LAZY_MODULE = "arraycompat.lazy"


def is_lazy_namespace(xp: Any) -> bool:
    """True for the ``arraycompat.lazy`` module (or a wrapper naming it).

    >>> from arraycompat import lazy
    >>> is_lazy_namespace(lazy), is_lazy_namespace(object())
    (True, False)
    """
    return getattr(xp, "__name__", None) == LAZY_MODULE


class _ForceBudget:
    """``lazy.on_force`` callback allowing ``limit`` forced values, then refusing."""

    def __init__(self, limit: int, name: str) -> None:
        self.limit = limit
        self.count = 0
        self.name = name

    def __call__(self, operation: str) -> None:
        from arraycompat import lazy

        self.count += 1
        if self.count > self.limit:
            raise lazy.StrictModeError(
                f"{self.name}: forced values {self.count} times ({operation}), but its "
                f"lazy_xp_function tag allows {self.limit}"
            )


def lazy_wrap(func: Any, allowed: int) -> Any:
    """``func`` run lazily: under ``lazy.strict()`` (or with at most ``allowed`` forced
    values), its lazy results computed afterwards so errors surface in the call."""
    from arraycompat import lazy

    name = getattr(func, "__name__", repr(func))

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        guard = lazy.strict() if allowed == 0 else lazy.on_force(_ForceBudget(allowed, name))
        with guard:
            out = func(*args, **kwargs)
        lazy.compute(out)
        return out

    return wrapper


class _LazyAsDask:
    """The suite's ``_compat`` module, answering True to ``is_dask_namespace`` (for
    the one call of ``patch_lazy_xp_functions`` made with ``arraycompat.lazy``)."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    @staticmethod
    def is_dask_namespace(xp: Any) -> bool:
        return True

    @staticmethod
    def is_jax_namespace(xp: Any) -> bool:
        return False


def _install() -> None:
    import array_api_extra.testing as public
    from array_api_extra.testing import _testing as impl

    original = impl.patch_lazy_xp_functions

    @functools.wraps(original)
    def patch_lazy_xp_functions(request: Any, monkeypatch: Any = None, *, xp: Any) -> Any:
        if not is_lazy_namespace(xp):
            return original(request, monkeypatch, xp=xp)
        real_compat, real_wrap = impl._compat, impl._dask_wrap
        impl._compat, impl._dask_wrap = _LazyAsDask(real_compat), lazy_wrap
        try:
            return original(request, monkeypatch, xp=xp)
        finally:
            impl._compat, impl._dask_wrap = real_compat, real_wrap

    impl.patch_lazy_xp_functions = public.patch_lazy_xp_functions = patch_lazy_xp_functions


def pytest_load_initial_conftests(early_config: Any, parser: Any, args: Any) -> None:
    # Before the suite's conftest imports patch_lazy_xp_functions.
    _install()


def _backend_of(item: Any) -> str | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    backend = callspec.params.get("library")
    return getattr(backend, "name", None)


def pytest_collection_modifyitems(config: Any, items: list) -> None:
    wanted = set(os.environ.get("ARRAYCOMPAT_LAZY_BACKENDS", "LAZY,DASK").split(","))
    keep, drop = [], []
    for item in items:
        (keep if _backend_of(item) in wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# nodeid -> outcome ('passed', 'failed', 'skipped', 'xfailed', 'xpassed', 'error')
_outcomes: dict = {}


def pytest_runtest_logreport(report: Any) -> None:
    if report.when == "call" or report.outcome != "passed":
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        elif report.when != "call" and report.failed:
            outcome = "error"
        else:
            outcome = report.outcome
        _outcomes.setdefault(report.nodeid, outcome)


def _swap_backend(nodeid: str, old: str, new: str) -> str | None:
    """The id of the same test on the other backend (its parameter ids, dash-joined)."""
    if "[" not in nodeid:
        return None
    head, params = nodeid[:-1].rsplit("[", 1)
    parts = params.split("-")
    if old not in parts:
        return None
    parts[parts.index(old)] = new
    return f"{head}[{'-'.join(parts)}]"


def summary(outcomes: dict) -> list:
    """Lines of counts per backend, and the lazy failures split by dask's outcome.

    >>> summary({"t.py::a[lazy]": "failed", "t.py::a[dask]": "xfailed",
    ...          "t.py::b[lazy]": "passed", "t.py::b[dask]": "passed"})[-2:]
    ['lazy failures that dask runs (passes): 0', 'lazy failures dask cannot run either (xfail/skip): 1']
    """
    counts: dict = {}
    for nodeid, outcome in outcomes.items():
        backend = "lazy" if _swap_backend(nodeid, "lazy", "x") else "dask" if _swap_backend(nodeid, "dask", "x") else "other"
        counts.setdefault(backend, {}).setdefault(outcome, 0)
        counts[backend][outcome] += 1
    lines = [f"{b}: " + ", ".join(f"{n} {k}" for k, n in sorted(c.items())) for b, c in sorted(counts.items())]
    failed = [i for i, o in outcomes.items() if o in ("failed", "error") and _swap_backend(i, "lazy", "x")]
    by_dask: dict = {}
    for nodeid in failed:
        other = outcomes.get(_swap_backend(nodeid, "lazy", "dask"), "not run")
        by_dask.setdefault(other, []).append(nodeid)
    runs = [i for k, v in by_dask.items() if k in ("passed", "xpassed") for i in v]
    cannot = [i for k, v in by_dask.items() if k in ("xfailed", "skipped", "failed", "error") for i in v]
    unpaired = by_dask.get("not run", [])
    lines += [f"  lazy-only failure: {i}" for i in sorted(runs)]
    if unpaired:
        lines.append(f"lazy failures with no dask counterpart in this run: {len(unpaired)}")
    lines.append(f"lazy failures that dask runs (passes): {len(runs)}")
    lines.append(f"lazy failures dask cannot run either (xfail/skip): {len(cannot)}")
    return lines


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.section("arraycompat.lazy next to dask (same run)")
    for line in summary(_outcomes):
        terminalreporter.write_line(line)
