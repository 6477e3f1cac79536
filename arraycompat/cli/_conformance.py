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
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

from ._conformance_report import (  # noqa: F401  (this module's names, as before)
    OUTCOMES,
    Summary,
    _FAILING,
    _PASSING,
    diff_reports,
    function_of,
    load_report,
    parse_json_report,
    summary_table,
    to_markdown,
    write_report,
)

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
            # collectors stay in: a module that fails to import is reported as an error
            "--json-report-omit", "keywords", "streams", "log", "warnings",
            "--continue-on-collection-errors",
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
