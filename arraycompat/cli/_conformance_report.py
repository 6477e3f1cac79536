"""The result of a conformance run: ``Summary`` (outcome per test), reading pytest's
JSON report, naming the function a test checks, and the Markdown / JSON reports.

>>> function_of("array_api_tests/test_linalg.py::test_linalg_matmul")
'linalg.matmul'
>>> s = Summary("numpy", {"t::test_abs": "passed", "t::test_sin": "failed"})
>>> s.counts["passed"], s.counts["failed"]
(1, 1)
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

__all__ = [
    "OUTCOMES",
    "Summary",
    "function_of",
    "parse_json_report",
    "load_report",
    "diff_reports",
    "to_markdown",
    "write_report",
    "summary_table",
]

#: Outcomes as pytest-json-report names them, in the order tables show them.
OUTCOMES = ("passed", "failed", "skipped", "xfailed", "xpassed", "error")
_FAILING = frozenset({"failed", "error"})
_PASSING = frozenset({"passed", "xpassed"})


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
    # A test module that fails to import has no tests in the report: it counts as an
    # error under its own id, never as nothing at all.
    for collector in report.get("collectors", []):
        if collector.get("outcome") == "failed" and collector.get("nodeid"):
            outcomes[collector["nodeid"]] = "error"
            text = str(collector.get("longrepr") or "")
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            errors[collector["nodeid"]] = (lines[-1] if lines else "collection failed")[:200]
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
