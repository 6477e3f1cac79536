"""Run the official Array API conformance suite (data-apis/array-api-tests) on a namespace.

The suite is not on PyPI and is never vendored here: assemble it once (see
``SUITE_HOWTO``), point ``ARRAY_API_TESTS_DIR`` (or ``suite_dir=``) at it, then

>>> summary = run_suite("numpy", max_examples=20)          # doctest: +SKIP
>>> summary.counts["failed"], summary.by_function()["finfo"]  # doctest: +SKIP
(28, Counter({'failed': 2, 'passed': 2}))

A namespace is one of this library's (``numpy``, ``array_api_strict``, ``torch``,
``jax``, ``dask``, ``sparse``, ``lazy``...) or, for comparison runs, any importable
module written ``module:<name>`` (``module:array_api_compat.numpy``):

>>> array_api_tests_module("numpy")
'exec(\\'import arraycompat; xp = arraycompat.namespace_for("numpy")\\')'
>>> array_api_tests_module("module:array_api_strict")
'array_api_strict'
>>> array_api_tests_module("lazy:numpy")
'exec(\\'from arraycompat import lazy; lazy.default_backend("numpy"); xp = lazy\\')'
>>> function_of("array_api_tests/test_special_cases.py::test_binary[floor_divide(x1_i is +0) -> +0]")
'floor_divide'
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

__all__ = [
    "SuiteMissingError",
    "UnknownNamespaceError",
    "Summary",
    "find_suite",
    "array_api_tests_module",
    "function_of",
    "clean_xfails",
    "run_suite",
    "parse_json_report",
    "load_report",
    "diff_reports",
    "to_markdown",
    "write_report",
    "summary_table",
]

#: The environment variable that names the assembled suite's folder.
SUITE_ENV = "ARRAY_API_TESTS_DIR"

#: The commits the counts in conformance/README.md were measured with.
SUITE_COMMIT = "55fcc60179efa2680ddd6cd926ddf17b83530e2b"
SPEC_COMMIT = "5f847a3858875c682ae901aa22b0413bf24be9da"

SUITE_HOWTO = f"""\
The official suite (data-apis/array-api-tests) is not on PyPI; assemble it once, outside this repository:
  1. git clone https://github.com/data-apis/array-api-tests SUITE && git -C SUITE checkout {SUITE_COMMIT[:7]}
  2. its array-api/ folder is a git submodule with the standard's text: git -C SUITE submodule update --init
     (or clone https://github.com/data-apis/array-api into SUITE/array-api and check out {SPEC_COMMIT[:8]})
  3. pip install -r SUITE/requirements.txt pytest-xdist   (pytest, pytest-json-report, hypothesis, ndindex)
  4. export {SUITE_ENV}=SUITE  (or pass --suite-dir SUITE)"""

#: Outcomes as pytest-json-report names them, in the order tables show them.
OUTCOMES = ("passed", "failed", "skipped", "xfailed", "xpassed", "error")
_FAILING = frozenset({"failed", "error"})
_PASSING = frozenset({"passed", "xpassed"})


class SuiteMissingError(RuntimeError):
    """The suite's folder is not given, or does not hold the assembled suite."""


class UnknownNamespaceError(ValueError):
    """The namespace name is neither one of this library's nor an importable module."""


# ---------------------------------------------------------------------- locating
def find_suite(suite_dir: str | os.PathLike | None = None) -> Path:
    """The assembled suite's folder: ``suite_dir``, else ``$ARRAY_API_TESTS_DIR``.

    Raises ``SuiteMissingError`` saying how to assemble it when neither names a
    folder holding ``array_api_tests/`` and the standard's text in ``array-api/spec``.
    """
    where = suite_dir if suite_dir is not None else os.environ.get(SUITE_ENV)
    if not where:
        raise SuiteMissingError(
            f"arraycompat conformance: the array-api-tests suite was not found: set {SUITE_ENV} "
            f"or pass --suite-dir.\n{SUITE_HOWTO}"
        )
    path = Path(where).expanduser()
    if not (path / "array_api_tests").is_dir():
        raise SuiteMissingError(
            f"arraycompat conformance: {str(path)!r} does not hold the array-api-tests suite "
            f"(no array_api_tests/ folder).\n{SUITE_HOWTO}"
        )
    if not (path / "array-api" / "spec").is_dir():
        raise SuiteMissingError(
            f"arraycompat conformance: {str(path)!r} has the suite but not its array-api/ "
            f"submodule (the standard's text the tests read).\n{SUITE_HOWTO}"
        )
    return path


def _known_namespaces() -> tuple[str, ...]:
    from ..core._samples import KNOWN_LIBRARIES

    return (*KNOWN_LIBRARIES, "lazy")


def array_api_tests_module(namespace: str) -> str:
    """The ``ARRAY_API_TESTS_MODULE`` value that loads ``namespace`` in the suite;
    ``lazy:<backend>`` is the lazy namespace with ``backend`` as its default backend.

    Raises ``UnknownNamespaceError`` for a name that is neither one of this
    library's namespaces nor an importable ``module:<name>``.
    """
    if namespace.startswith("module:"):
        module = namespace[len("module:") :]
        if not module or importlib.util.find_spec(module.split(".", 1)[0]) is None:
            raise UnknownNamespaceError(
                f"arraycompat conformance: module {module!r} is not importable here; "
                f"install it or fix the name (e.g. module:array_api_compat.numpy)."
            )
        return module
    if namespace.startswith("lazy:"):
        backend = namespace[len("lazy:") :]
        if backend not in _known_namespaces()[:-1] or importlib.util.find_spec(backend) is None:
            raise UnknownNamespaceError(
                f"arraycompat conformance: 'lazy:<backend>' needs an installed library of this "
                f"package's as the backend (e.g. lazy:torch); got {backend!r}."
            )
        return (
            "exec('from arraycompat import lazy; lazy.default_backend(\"%s\"); xp = lazy')" % backend
        )
    known = _known_namespaces()
    if namespace not in known:
        raise UnknownNamespaceError(
            f"arraycompat conformance: unknown namespace {namespace!r}; use one of "
            f"{', '.join(known)}, or module:<importable module> for a comparison run."
        )
    if namespace == "lazy":
        if importlib.util.find_spec("arraycompat.lazy") is None:
            raise UnknownNamespaceError(
                "arraycompat conformance: namespace 'lazy' needs arraycompat.lazy, which this "
                "installation of arraycompat does not have."
            )
        return "arraycompat.lazy"
    from ..core._samples import _FACTORIES

    if importlib.util.find_spec(_FACTORIES[namespace][0].split(".", 1)[0]) is None:
        raise UnknownNamespaceError(
            f"arraycompat conformance: namespace {namespace!r} needs the library "
            f"{namespace!r}, which is not installed."
        )
    return f"exec('import arraycompat; xp = arraycompat.namespace_for(\"{namespace}\")')"


def clean_xfails(source: str | os.PathLike, dest: str | os.PathLike) -> int:
    """Copy an expected-failure file keeping bare test ids: the suite reads each
    non-``#`` line whole, so ``id  # reason`` must lose its reason. Returns the count.
    """
    ids = []
    for line in Path(source).read_text().splitlines():
        test_id = line.split("#", 1)[0].strip()
        if test_id:
            ids.append(test_id)
    Path(dest).write_text("".join(i + "\n" for i in ids))
    return len(ids)


# ---------------------------------------------------------------------- the result
@dataclass
class Summary:
    """One run's result: counts, each test's outcome, and the failing tests' errors."""

    namespace: str
    outcomes: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """``{'passed': n, 'failed': n, ..., 'total': n}``."""
        found = Counter(self.outcomes.values())
        counts = {o: found.get(o, 0) for o in OUTCOMES}
        counts["total"] = len(self.outcomes)
        return counts

    @property
    def failing(self) -> dict[str, str]:
        """Failing (or erroring) test ids -> the first line of their error."""
        return {i: self.errors.get(i, "") for i, o in self.outcomes.items() if o in _FAILING}

    def by_function(self) -> dict[str, Counter]:
        """Function under test -> Counter of outcomes."""
        groups: dict[str, Counter] = {}
        for test_id, outcome in self.outcomes.items():
            groups.setdefault(function_of(test_id), Counter())[outcome] += 1
        return groups

    def to_json(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "seconds": round(self.seconds, 2),
            "counts": self.counts,
            "meta": self.meta,
            "outcomes": self.outcomes,
            "errors": self.errors,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Summary":
        return cls(
            data["namespace"],
            dict(data["outcomes"]),
            dict(data.get("errors", {})),
            float(data.get("seconds", 0.0)),
            dict(data.get("meta", {})),
        )


def parse_json_report(report: str | os.PathLike | Mapping[str, Any], namespace: str = "") -> Summary:
    """A ``Summary`` from a pytest-json-report file (or its loaded dict)."""
    if not isinstance(report, Mapping):
        report = json.loads(Path(report).read_text())
    outcomes: dict[str, str] = {}
    errors: dict[str, str] = {}
    for test in report.get("tests", []):
        test_id = test["nodeid"]
        outcomes[test_id] = test["outcome"]
        if test["outcome"] in _FAILING:
            errors[test_id] = _first_error_line(test)
    meta = {"pytest_exitcode": report.get("exitcode")}
    return Summary(namespace, outcomes, errors, float(report.get("duration", 0.0)), meta)


def _first_error_line(test: Mapping[str, Any]) -> str:
    for stage in ("setup", "call", "teardown"):
        part = test.get(stage) or {}
        if part.get("outcome") != "failed":
            continue
        text = (part.get("crash") or {}).get("message") or ""
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if not lines and isinstance(part.get("longrepr"), str):
            lines = [ln.strip() for ln in part["longrepr"].splitlines() if ln.strip()][-1:]
        if lines:
            # A bare "assert False" says little: keep pytest's "+ where ..." line after it.
            if lines[0].startswith("assert ") and len(lines) > 1 and lines[1].startswith("+"):
                return f"{lines[0]} {lines[1]}"[:200]
            return lines[0][:200]
    return ""


# Test names whose parameter, up to "(" or "-", names the function under test.
_FUNCTION_IN_PARAM = {
    "test_unary", "test_binary", "test_iop", "test_empty_arrays", "test_nan_propagation",
    "test_binary_with_scalars_real", "test_binary_with_scalars_bool", "test_binary_with_scalars_int",
    "test_binary_with_scalars_bitwise", "test_binary_with_scalars_bitwise_shifts",
    "test_func_signature", "test_extension_func_signature", "test_shift_func",
    "test_irrational_numbers",
}
_ARRAY_METHOD_IN_PARAM = {"test_array_method_signature", "test_scalar_casting"}
# Tests of one function whose name is not test_<function>.
_RENAMED = {
    "getitem": "array.__getitem__", "getitem_masking": "array.__getitem__",
    "getitem_arrays_and_ints_1": "array.__getitem__", "getitem_arrays_and_ints_2": "array.__getitem__",
    "setitem": "array.__setitem__", "setitem_masking": "array.__setitem__",
    "dunder_dlpack": "array.__dlpack__", "dlpack_device": "array.__dlpack_device__",
    "asarray_scalars": "asarray", "asarray_arrays": "asarray", "finfo_dtype": "finfo",
    "iinfo_dtype": "iinfo", "nonzero_zerodim_error": "nonzero", "diff_append_prepend": "diff",
    "vecdot_conj": "vecdot", "where_with_scalars": "where", "searchsorted_with_scalars": "searchsorted",
    "isin_scalars": "isin", "expand_dims_tuples": "expand_dims",
    "array_namespace_info_dtypes": "info.dtypes",
}


def function_of(test_id: str) -> str:
    """The function (or array method) a suite test id tests.

    >>> function_of("array_api_tests/test_linalg.py::test_linalg_matmul")
    'linalg.matmul'
    >>> function_of("array_api_tests/test_has_names.py::test_has_names[array_method-__abs__]")
    'array.__abs__'
    """
    path, _, rest = test_id.partition("::")
    parts = rest.split("::")
    name, _, param = parts[-1].partition("[")
    param = param[:-1] if param.endswith("]") else param
    stem = Path(path).stem
    if name in _FUNCTION_IN_PARAM and param:
        return re.split(r"[(\-]", param, maxsplit=1)[0].strip()
    if name in _ARRAY_METHOD_IN_PARAM and param:
        return "array." + param.split("(", 1)[0]
    if name == "test_info_func_signature" and param:
        return "info." + param
    if name == "test_has_names" and "-" in param:
        category, _, fn = param.partition("-")
        if category in ("array_method", "array_attribute"):
            return "array." + fn
        return f"{category}.{fn}" if category in ("linalg", "fft") else fn
    if len(parts) > 1 and parts[0] == "TestInspection":
        return "info." + name.removeprefix("test_")
    if len(parts) > 1 and parts[0] in ("TestResultType", "TestBroadcastShapes"):
        name = "test_" + re.sub(r"(?<!^)(?=[A-Z])", "_", parts[0][4:]).lower()
    fn = name.removeprefix("test_")
    fn = _RENAMED.get(fn, fn)
    if stem == "test_linalg" and fn.startswith("linalg_"):
        return "linalg." + fn[len("linalg_") :]
    if stem == "test_fft":
        return "fft." + fn
    return fn


# ---------------------------------------------------------------------- running
def run_suite(
    namespace: str,
    *,
    suite_dir: str | os.PathLike | None = None,
    max_examples: int = 20,
    workers: int = 2,
    xfails_file: str | os.PathLike | None = None,
    disable_extensions: Sequence[str] = (),
    test_ids: Sequence[str] = (),
    derandomize: bool = False,
    shrink: bool = True,
    timeout: float | None = None,
    log: str | os.PathLike | None = None,
    extra_args: Sequence[str] = (),
) -> Summary:
    """Run the suite on ``namespace`` in a pytest subprocess and summarise it.

    ``workers`` is pytest-xdist's ``-n`` (0: one process, no xdist needed);
    ``test_ids`` limits the run to those ids (``array_api_tests/test_x.py::test_y``);
    ``xfails_file`` lines are ``id  # reason``. Each run starts with an empty
    Hypothesis example database, so runs do not replay each other's failures;
    ``derandomize`` makes Hypothesis draw the same examples every run, so two
    namespaces that share their functions get the same outcomes. ``shrink=False``
    skips Hypothesis's shrinking of failing examples: the outcomes are the same, the
    reported examples are not minimal, and a slow failing test (torch's tensordot:
    minutes of shrinking) finishes at once. ``log`` names a
    file that receives pytest's output as it runs (to follow a long run).
    """
    suite = find_suite(suite_dir)
    module = array_api_tests_module(namespace)
    package_root = str(Path(__file__).resolve().parents[2])
    with tempfile.TemporaryDirectory(prefix="arraycompat-conformance-") as tmp:
        report_file = Path(tmp) / "report.json"
        command = [
            sys.executable, "-m", "pytest", *(test_ids or ["array_api_tests/"]),
            # our own pytest plugin (xp fixture) has no business in the suite's run
            "-p", "no:cacheprovider", "-p", "no:arraycompat",
            *(["-n", str(workers)] if workers else []),
            f"--max-examples={max_examples}",
            "--json-report", f"--json-report-file={report_file}",
            "--json-report-omit", "collectors", "keywords", "streams", "log", "warnings",
        ]
        if xfails_file is not None:
            cleaned = Path(tmp) / "xfails.txt"
            clean_xfails(xfails_file, cleaned)
            command.append(f"--xfails-file={cleaned}")
        if disable_extensions:
            command += ["--disable-extension", *disable_extensions]
        if derandomize:
            command.append("--derandomize")
        if not shrink:
            command += ["-p", "arraycompat.cli._conformance_plugin"]
        command += list(extra_args)
        env = dict(os.environ)
        env["ARRAY_API_TESTS_MODULE"] = module
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
        env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(Path(tmp) / "hypothesis")
        log_path = Path(log) if log is not None else Path(tmp) / "pytest.log"
        started = time.perf_counter()
        with open(log_path, "w") as log_file:
            returncode = _run_in_own_group(command, suite, env, log_file, timeout, namespace)
        seconds = time.perf_counter() - started
        output = log_path.read_text(errors="replace")
        if not report_file.exists() or returncode not in (0, 1):
            tail = "\n".join(output.strip().splitlines()[-15:])
            raise RuntimeError(
                f"arraycompat conformance: pytest on {namespace!r} exited {returncode} "
                f"without running the tests; its output ends:\n{tail}"
            )
        summary = parse_json_report(report_file, namespace)
    summary.seconds = seconds
    summary.meta.update(
        module=module,
        suite_commit=_suite_commit(suite),
        api_version=env.get("ARRAY_API_TESTS_VERSION") or _api_version(output),
        max_examples=max_examples,
        workers=workers,
        xfails_file=str(xfails_file) if xfails_file is not None else None,
        disable_extensions=list(disable_extensions),
        derandomize=derandomize,
        shrink=shrink,
        created=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )
    return summary


def _run_in_own_group(command, cwd, env, log_file, timeout, namespace) -> int:
    """Run pytest in its own process group, so a timeout stops its xdist workers too."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop_group(process)
        raise TimeoutError(
            f"arraycompat conformance: the suite on {namespace!r} ran past {timeout} s and "
            f"was stopped; raise the timeout or lower --max-examples."
        ) from None
    except BaseException:  # Ctrl-C: leave no worker behind
        _stop_group(process)
        raise


def _stop_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, 9)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _suite_commit(suite: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(suite), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def _api_version(pytest_output: str) -> str | None:
    found = re.search(r"API Version: (\d{4}\.\d{2})", pytest_output)
    return found.group(1) if found else None


# ---------------------------------------------------------------------- reports
def load_report(path: str | os.PathLike) -> Summary | None:
    """The ``Summary`` saved at ``path`` (a report's .json), or None if there is none."""
    path = Path(path)
    if not path.exists():
        return None
    return Summary.from_json(json.loads(path.read_text()))


def diff_reports(previous: Summary, current: Summary) -> dict[str, list[str]]:
    """Test ids that started failing and that started passing since ``previous``."""
    started_failing, started_passing = [], []
    for test_id, outcome in current.outcomes.items():
        before = previous.outcomes.get(test_id)
        if before is None:
            continue
        if outcome in _FAILING and before not in _FAILING:
            started_failing.append(test_id)
        elif outcome in _PASSING and before in _FAILING:
            started_passing.append(test_id)
    return {"started_failing": sorted(started_failing), "started_passing": sorted(started_passing)}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(summary: Summary, previous: Summary | None = None) -> str:
    """The report: summary table, change since ``previous``, per-function table, failures."""
    meta = summary.meta
    counts = summary.counts
    lines = [f"# Conformance: {summary.namespace}", ""]
    details = [
        f"module `{meta['module']}`" if meta.get("module") else None,
        f"suite {meta['suite_commit']}" if meta.get("suite_commit") else None,
        f"standard {meta['api_version']}" if meta.get("api_version") else None,
        f"--max-examples {meta['max_examples']}" if "max_examples" in meta else None,
        f"-n {meta['workers']}" if "workers" in meta else None,
        "--derandomize" if meta.get("derandomize") else None,
        "no shrinking" if meta.get("shrink") is False else None,
        f"{summary.seconds:.0f} s",
        meta.get("created"),
    ]
    lines += [" · ".join(d for d in details if d), ""]
    header = [*OUTCOMES, "total"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(counts[h]) for h in header) + " |", ""]
    if previous is not None:
        change = diff_reports(previous, summary)
        before = previous.counts
        lines += [
            f"## Since the previous report ({previous.meta.get('created', 'undated')})",
            "",
            f"failed {before['failed']} -> {counts['failed']}, passed {before['passed']} -> "
            f"{counts['passed']}.",
            "",
        ]
        for key, title in (("started_failing", "Started failing"), ("started_passing", "Started passing")):
            lines.append(f"{title} ({len(change[key])}):" + ("" if change[key] else " none"))
            lines += [f"- `{i}`" + (f": {_cell(summary.errors[i])}" if i in summary.errors else "") for i in change[key]]
            lines.append("")
    groups = summary.by_function()
    lines += ["## Per function", "", "| function | passed | failed | skipped | xfailed | xpassed | error |", "|---|---|---|---|---|---|---|"]
    failing_first = sorted(groups, key=lambda f: (-(groups[f]["failed"] + groups[f]["error"]), f))
    for fn in failing_first:
        c = groups[fn]
        lines.append(f"| {_cell(fn)} | " + " | ".join(str(c[o]) for o in OUTCOMES) + " |")
    lines.append("")
    xpassed = sorted(i for i, o in summary.outcomes.items() if o == "xpassed")
    if xpassed:
        lines += [f"## Expected to fail, passed ({len(xpassed)})", ""]
        lines += [f"- `{i}`" for i in xpassed] + [""]
    failing = summary.failing
    lines += [f"## Failing tests ({len(failing)})", ""]
    if failing:
        lines += ["| test | first line of the error |", "|---|---|"]
        lines += [f"| `{_cell(i)}` | {_cell(e)} |" for i, e in sorted(failing.items())]
    else:
        lines.append("none")
    return "\n".join(lines) + "\n"


def write_report(summary: Summary, path: str | os.PathLike) -> tuple[Path, Path]:
    """Write ``path`` as Markdown and its ``.json`` sibling (machine readable).

    If a report exists there already, the Markdown says what changed since it.
    Returns the two paths.
    """
    path = Path(path)
    markdown = path.with_suffix(".md") if path.suffix == ".json" else path
    machine = markdown.with_suffix(".json")
    previous = load_report(machine)
    markdown.parent.mkdir(parents=True, exist_ok=True)
    markdown.write_text(to_markdown(summary, previous))
    machine.write_text(json.dumps(summary.to_json(), indent=1, sort_keys=True) + "\n")
    return markdown, machine


def summary_table(summaries: Iterable[Summary]) -> str:
    """A plain-text table: namespace, passed, failed, skipped, xfailed, xpassed, error, seconds."""
    header = ("namespace", *OUTCOMES, "seconds")
    rows = [
        (s.namespace, *(str(s.counts[o]) for o in OUTCOMES), f"{s.seconds:.0f}") for s in summaries
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    out = [header, tuple("-" * w for w in widths), *rows]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in out)


# ---------------------------------------------------------------------- command line
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``python -m arraycompat conformance`` and ``conformance/run.py``."""
    parser.add_argument("namespace", help="numpy, array_api_strict, torch, jax, dask, lazy, ... or module:<name>")
    parser.add_argument("--max-examples", type=int, default=20, help="Hypothesis examples per test (default 20)")
    parser.add_argument("-n", dest="workers", type=int, default=2, help="pytest-xdist workers (default 2)")
    parser.add_argument("--suite-dir", help=f"the assembled suite (default: ${SUITE_ENV})")
    parser.add_argument("--report", help="write a Markdown report here, and its .json beside it")
    parser.add_argument("--xfails-file", help="expected failures, one 'id  # reason' a line")
    parser.add_argument("--disable-extension", nargs="+", default=[], metavar="EXT", help="e.g. linalg fft")
    parser.add_argument("--derandomize", action="store_true", help="the same Hypothesis examples every run")
    parser.add_argument("--disable-deadline", action="store_true",
                        help="no 800 ms Hypothesis deadline (a loaded machine fails tests on it)")
    parser.add_argument("--no-shrink", dest="shrink", action="store_false",
                        help="do not shrink failing examples (same outcomes, much faster on slow failures)")
    parser.add_argument("--timeout", type=float, help="stop the run after this many seconds")
    parser.add_argument("--log", help="write pytest's output here as it runs")


def run_cli(args: argparse.Namespace) -> int:
    """Run from parsed arguments; print a summary. 0: no failures, 1: failures, 2: cannot run."""
    try:
        array_api_tests_module(args.namespace)
        find_suite(args.suite_dir)
    except (SuiteMissingError, UnknownNamespaceError) as e:
        print(e, file=sys.stderr)  # the reason on the first line; how to fix it after
        return 2
    if args.xfails_file and not Path(args.xfails_file).is_file():
        print(f"arraycompat conformance: --xfails-file {args.xfails_file!r} is not a file.", file=sys.stderr)
        return 2
    print(f"running the array-api-tests suite on {args.namespace} ...", flush=True)
    try:
        summary = run_suite(
            args.namespace,
            suite_dir=args.suite_dir,
            max_examples=args.max_examples,
            workers=args.workers,
            xfails_file=args.xfails_file,
            disable_extensions=args.disable_extension,
            derandomize=args.derandomize,
            shrink=args.shrink,
            timeout=args.timeout,
            log=args.log,
            extra_args=["--disable-deadline"] if args.disable_deadline else [],
        )
    except (RuntimeError, TimeoutError) as e:
        print(str(e), file=sys.stderr)
        return 2
    print(summary_table([summary]))
    if args.report:
        markdown, machine = write_report(summary, args.report)
        print(f"report: {markdown} (and {machine.name})")
    return 1 if summary.counts["failed"] or summary.counts["error"] else 0
