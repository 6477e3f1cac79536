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
* the suite's assertions (``assert_equal``...) learn the unknown sizes of a lazy
  array before comparing shapes, as they call dask's ``compute_chunk_sizes()``;
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


# The copies of array-api-extra whose patch_lazy_xp_functions learns arraycompat.lazy:
# array-api-extra itself, and the one SciPy vendors.
_PACKAGES = ("array_api_extra", "scipy._lib.array_api_extra")


def _install(package: str) -> bool:
    import importlib

    try:
        public = importlib.import_module(f"{package}.testing")
    except ImportError:
        return False
    try:  # array-api-extra >= 0.9 splits testing into a package; older is one module
        impl = importlib.import_module(f"{package}.testing._testing")
    except ImportError:
        impl = public
    original = impl.patch_lazy_xp_functions
    if getattr(original, "_arraycompat_lazy", False):
        return True

    @functools.wraps(original)
    def patch_lazy_xp_functions(request: Any, monkeypatch: Any = None, *, xp: Any) -> Any:
        if not is_lazy_namespace(xp):
            return original(request, monkeypatch, xp=xp)
        # for this one call, the module sees arraycompat.lazy as dask, and wraps with ours
        names = {"_dask_wrap": lazy_wrap}
        if hasattr(impl, "_compat"):
            names["_compat"] = _LazyAsDask(impl._compat)
        else:  # older copies import the predicates by name
            names["is_dask_namespace"] = _LazyAsDask.is_dask_namespace
            names["is_jax_namespace"] = _LazyAsDask.is_jax_namespace
        saved = {name: getattr(impl, name) for name in names}
        for name, value in names.items():
            setattr(impl, name, value)
        try:
            return original(request, monkeypatch, xp=xp)
        finally:
            for name, value in saved.items():
                setattr(impl, name, value)

    patch_lazy_xp_functions._arraycompat_lazy = True
    impl.patch_lazy_xp_functions = public.patch_lazy_xp_functions = patch_lazy_xp_functions
    check = getattr(impl, "_check_ns_shape_dtype_device", None)
    if check is not None:
        impl._check_ns_shape_dtype_device = _knowing_sizes(check)
    return True


def _knowing_sizes(check: Any) -> Any:
    """The suite's shape check, learning unknown (None) sizes of arraycompat.lazy
    arrays first, as it calls dask's ``compute_chunk_sizes()`` for NaN sizes; every
    comparison after that is the suite's own."""

    @functools.wraps(check)
    def check_ns_shape_dtype_device(actual: Any, desired: Any, *args: Any, **kwargs: Any) -> Any:
        for x in (actual, desired):
            if getattr(x, "_arraycompat_lazy", False) and None in x.shape:
                x.compute()  # a computed lazy array reports its real sizes
        return check(actual, desired, *args, **kwargs)

    return check_ns_shape_dtype_device


def pytest_load_initial_conftests(early_config: Any, parser: Any, args: Any) -> None:
    # Before the suite's conftest imports patch_lazy_xp_functions.
    for package in os.environ.get("ARRAYCOMPAT_LAZY_PACKAGES", "array_api_extra").split(","):
        if package and not _install(package):
            raise RuntimeError(f"lazy_backend_plugin: cannot import {package}.testing to patch it")


def pytest_generate_tests(metafunc: Any) -> None:
    """SciPy lists its backends as the params of its ``xp`` fixture: add
    ``arraycompat.lazy`` there (ARRAYCOMPAT_LAZY_XP_PARAM=1)."""
    if os.environ.get("ARRAYCOMPAT_LAZY_XP_PARAM") != "1":
        return
    import pytest

    from arraycompat import lazy

    for fixturedef in metafunc._arg2fixturedefs.get("xp", ()):
        params = fixturedef.params
        if params and lazy not in [getattr(p, "values", (p,))[0] for p in params]:
            marks = list(getattr(params[0], "marks", ()))
            fixturedef.params = (*params, pytest.param(lazy, id="lazy", marks=marks))
            if fixturedef.ids is not None and not callable(fixturedef.ids):
                fixturedef.ids = (*fixturedef.ids, "lazy")


_LAZY_IDS = ("lazy",)
_DASK_IDS = ("dask", "dask.array")


def _backend_of(item: Any) -> str | None:
    callspec = getattr(item, "callspec", None)
    if callspec is None:
        return None
    backend = callspec.params.get("library")
    if backend is not None:
        return getattr(backend, "name", None)
    module = getattr(callspec.params.get("xp"), "__name__", None)
    return {LAZY_MODULE: "LAZY", "dask.array": "DASK"}.get(module)


def pytest_collection_modifyitems(config: Any, items: list) -> None:
    wanted = set(os.environ.get("ARRAYCOMPAT_LAZY_BACKENDS", "LAZY,DASK").split(","))
    keep, drop = [], []
    for item in items:
        (keep if _backend_of(item) in wanted else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


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


def _param_ids(nodeid: str) -> list:
    return nodeid[:-1].rsplit("[", 1)[1].split("-") if nodeid.endswith("]") and "[" in nodeid else []


def _on(nodeid: str, ids: tuple) -> bool:
    """The test runs on one of the backends ``ids`` (one of its parameter ids)."""
    return any(p in ids for p in _param_ids(nodeid))


def _dask_twin(nodeid: str, outcomes: dict) -> str | None:
    """The id of the same test on dask, when this run has it."""
    if not nodeid.endswith("]"):
        return None
    head = nodeid[:-1].rsplit("[", 1)[0]
    parts = _param_ids(nodeid)
    for lazy_id in _LAZY_IDS:
        if lazy_id in parts:
            i = parts.index(lazy_id)
            for dask_id in _DASK_IDS:
                twin = f"{head}[{'-'.join([*parts[:i], dask_id, *parts[i + 1:]])}]"
                if twin in outcomes:
                    return twin
    return None


def summary(outcomes: dict) -> list:
    """Lines of counts per backend, and the lazy failures split by dask's outcome.

    >>> summary({"t.py::a[lazy]": "failed", "t.py::a[dask]": "xfailed",
    ...          "t.py::b[lazy]": "passed", "t.py::b[dask]": "passed"})[-2:]
    ['lazy failures that dask runs (passes): 0', 'lazy failures dask cannot run either (xfail/skip): 1']
    """
    counts: dict = {}
    for nodeid, outcome in outcomes.items():
        backend = "lazy" if _on(nodeid, _LAZY_IDS) else "dask" if _on(nodeid, _DASK_IDS) else "other"
        counts.setdefault(backend, {}).setdefault(outcome, 0)
        counts[backend][outcome] += 1
    lines = [f"{b}: " + ", ".join(f"{n} {k}" for k, n in sorted(c.items())) for b, c in sorted(counts.items())]
    failed = [i for i, o in outcomes.items() if o in ("failed", "error") and _on(i, _LAZY_IDS)]
    by_dask: dict = {}
    for nodeid in failed:
        other = outcomes.get(_dask_twin(nodeid, outcomes), "not run")
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
    path = os.environ.get("ARRAYCOMPAT_LAZY_EXPECTED")
    if path:
        bad = unexpected_failures(_outcomes, read_expected(path))
        terminalreporter.write_line(
            f"lazy failures dask passes, not listed in {os.path.basename(path)}: {len(bad)}"
        )
        for nodeid in bad:
            terminalreporter.write_line(f"  unexpected: {nodeid}")


def read_expected(path: str) -> dict:
    """``{test id: reason}`` from a file of ``id  # reason`` lines (``#`` lines skipped).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("# header\\nt.py::a[lazy]  # not lazy-specific\\n")
    >>> read_expected(f.name)
    {'t.py::a[lazy]': 'not lazy-specific'}
    """
    expected = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            test_id, _, reason = line.partition("#")
            if not reason.strip():
                raise ValueError(f"{path}: {test_id.strip()} has no reason after '#'")
            expected[test_id.strip()] = reason.strip()
    return expected


def unexpected_failures(outcomes: dict, expected: dict) -> list:
    """Lazy failures whose dask counterpart passed and that ``expected`` does not list."""
    out = []
    for nodeid, outcome in outcomes.items():
        if outcome not in ("failed", "error") or not _on(nodeid, _LAZY_IDS):
            continue
        dask = outcomes.get(_dask_twin(nodeid, outcomes))
        if dask in ("passed", "xpassed") and nodeid not in expected:
            out.append(nodeid)
    return sorted(out)


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    """With ARRAYCOMPAT_LAZY_EXPECTED set, the run passes when the only lazy failures are
    tests dask cannot run either, or listed there; dask's own failures fail it."""
    path = os.environ.get("ARRAYCOMPAT_LAZY_EXPECTED")
    if not path or exitstatus not in (0, 1):
        return
    expected = read_expected(path)
    bad = unexpected_failures(_outcomes, expected)
    dask_failed = [i for i, o in _outcomes.items() if o in ("failed", "error") and _on(i, _DASK_IDS)]
    session.exitstatus = 1 if bad or dask_failed else 0
