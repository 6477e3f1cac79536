"""pytest plugin for the drop-in job: swap our ``get_namespace`` in, pick a subset, record outcomes.

Loaded with ``-p dropin_swap`` (this folder on ``PYTHONPATH``). Environment:

- ``ARRAYCOMPAT_DROPIN=control``: the same swap with the real (unvendored)
  ``array_api_compat.array_namespace``: what changes then is due to vendoring, not
  to arraycompat.
- ``ARRAYCOMPAT_DROPIN=1``: swap. Every attribute of the suite's modules, and of each
  copy of array-api-compat (vendored ones included), that *is* array-api-compat's
  ``array_namespace`` becomes ``arraycompat.get_namespace``: the one-line swap a
  maintainer would make, applied wherever the suite looks the function up.
  ``0`` or unset: the unswapped baseline.
- ``ARRAYCOMPAT_DROPIN_OUTCOMES=path``: write ``outcome<TAB>test id`` lines there.
- ``ARRAYCOMPAT_DROPIN_PER_TEST=K``: keep the first K parametrizations of each test
  function per array library (array-api-extra's ``library`` fixture), to bound the run.
- ``ARRAYCOMPAT_DROPIN_BACKENDS=numpy,array_api_strict,torch``: keep only tests whose
  ``library`` parameter belongs to these (``numpy`` covers numpy:readonly and tests
  with no library parameter; ``array_api_strict`` covers array_api_strictest).
"""

from __future__ import annotations

import importlib
import os
import sys

_PACKAGES = ("array_api_compat", "array_api_extra", "sklearn")


def _swap(replacement: str) -> list[str]:
    """Point every lookup of array-api-compat's array_namespace at ``replacement``."""
    for package in _PACKAGES:
        try:
            importlib.import_module(package)
        except ImportError:
            pass
    helpers = [m for n, m in list(sys.modules.items())
               if m is not None and n.endswith("array_api_compat.common._helpers")]
    originals = {id(m.array_namespace) for m in helpers}
    if replacement == "arraycompat":
        import arraycompat

        new = arraycompat.get_namespace
    else:  # the control: the real, unvendored array-api-compat
        from array_api_compat.common._helpers import array_namespace as new
    swapped = []
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".", 1)[0] not in _PACKAGES:
            continue
        # array-api-compat's own modules keep their internals; its package's public
        # name (array_api_compat.array_namespace, vendored copies too) is swapped.
        if "array_api_compat." in name:
            continue
        for attr, value in list(vars(module).items()):
            if id(value) in originals and callable(value):
                setattr(module, attr, new)
                swapped.append(f"{name}.{attr}")
    return sorted(swapped)


# Swapped when pytest loads this plugin (``-p``), before it imports the suite's
# conftest files: their ``from ... import array_namespace`` must see the swap too.
_MODE = os.environ.get("ARRAYCOMPAT_DROPIN", "0")
_SWAPPED = _swap("arraycompat" if _MODE == "1" else "array_api_compat") if _MODE in ("1", "control") else None
if _SWAPPED == []:
    raise RuntimeError("ARRAYCOMPAT_DROPIN=1, but no array_namespace lookup was found to swap")


def pytest_configure(config):
    config._dropin_swapped = _SWAPPED
    path = os.environ.get("ARRAYCOMPAT_DROPIN_OUTCOMES")
    config._dropin_outcomes = open(path, "w") if path else None  # noqa: SIM115


def pytest_report_header(config):
    swapped = config._dropin_swapped
    if swapped is None:
        return "arraycompat drop-in: baseline (not swapped)"
    what = "arraycompat.get_namespace" if _MODE == "1" else "array_api_compat.array_namespace"
    return f"arraycompat drop-in: {what} swapped into {len(swapped)} lookups: {', '.join(swapped)}"


_GROUP = {"numpy:readonly": "numpy", "array_api_strict:strictest": "array_api_strict"}


def _library_group(item) -> str:
    callspec = getattr(item, "callspec", None)
    library = callspec.params.get("library") if callspec is not None else None
    if library is None:
        return "numpy"
    value = getattr(library, "value", str(library))
    return _GROUP.get(value, value)


# test id -> its file's name, for ids that --pyargs leaves without one ("::test_x").
_file_of: dict[str, str] = {}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.nodeid.startswith("::"):
            _file_of[item.nodeid] = item.path.name
    backends = os.environ.get("ARRAYCOMPAT_DROPIN_BACKENDS")
    per_test = int(os.environ.get("ARRAYCOMPAT_DROPIN_PER_TEST", "0"))
    if not backends and not per_test:
        return
    wanted = set(backends.split(",")) if backends else None
    kept, dropped, counts = [], [], {}
    for item in items:
        group = _library_group(item)
        key = (item.nodeid.split("[", 1)[0], group)
        counts[key] = counts.get(key, 0) + 1
        if (wanted is not None and group not in wanted) or (per_test and counts[key] > per_test):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_runtest_logreport(report):
    out = getattr(_config, "_dropin_outcomes", None) if _config else None
    if out is None:
        return
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed") or (
        report.when == "teardown" and report.outcome == "failed"
    ):
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        elif report.when != "call" and report.failed:
            outcome = "error"
        test_id = report.nodeid
        if test_id in _file_of:  # --pyargs from outside the rootdir: name the file
            test_id = _file_of[test_id] + test_id
        out.write(f"{outcome}\t{test_id}\n")


_config = None


def pytest_sessionstart(session):
    global _config
    _config = session.config


def pytest_unconfigure(config):
    if getattr(config, "_dropin_outcomes", None) is not None:
        config._dropin_outcomes.close()
