"""Compare two outcome files of the drop-in job: per array library, and per test id.

``python dropin_compare.py LABEL BASELINE SWAPPED [--expect FILE]``: prints a count
table (passed / failed / skipped / xfailed / xpassed / error, unswapped and swapped)
per array library and the test ids whose outcome differs; exits 1 when the
differences are not exactly the ones listed in FILE (lines ``before -> after<TAB>id``,
``#`` starts a comment giving the reason), or when any differs and there is no FILE.
"""

from __future__ import annotations

import collections
import re
import sys

_LIBRARIES = ("array_api_strict", "numpy", "torch")


def read(path: str) -> dict[str, str]:
    outcomes = {}
    with open(path) as f:
        for line in f:
            outcome, _, test_id = line.rstrip("\n").partition("\t")
            outcomes[test_id] = outcome
    return outcomes


def library_of(test_id: str) -> str:
    params = re.split(r"[\[\]\-]", test_id.partition("[")[2])
    for library in _LIBRARIES:
        if any(p == library or p.startswith(library + ":") or p == library + "est"
               for p in params):
            return library
    return "numpy"  # no library parameter: array-api-extra's numpy-only tests


def read_expected(path: str | None) -> set[str]:
    if path is None:
        return set()
    with open(path) as f:
        lines = (line.split("#", 1)[0].strip() for line in f)
        return {line for line in lines if line}


def main(label: str, baseline_path: str, swapped_path: str, expect_path: str | None = None) -> int:
    baseline, swapped = read(baseline_path), read(swapped_path)
    if not baseline:
        print(f"{label}: the baseline recorded no test; the run did not happen")
        return 1
    counts = collections.defaultdict(collections.Counter)
    for which, outcomes in (("unswapped", baseline), ("swapped", swapped)):
        for test_id, outcome in outcomes.items():
            counts[(library_of(test_id), which)][outcome] += 1
    kinds = ("passed", "failed", "skipped", "xfailed", "xpassed", "error")
    print(f"{label}: {'library':18} {'run':10} " + " ".join(f"{k:>8}" for k in kinds))
    for library in sorted({lib for lib, _ in counts}):
        for which in ("unswapped", "swapped"):
            c = counts[(library, which)]
            print(f"{label}: {library:18} {which:10} " + " ".join(f"{c[k]:8d}" for k in kinds))
    differ = sorted(t for t in baseline.keys() | swapped.keys() if baseline.get(t) != swapped.get(t))
    found = {f"{baseline.get(t, 'missing')} -> {swapped.get(t, 'missing')}\t{t}" for t in differ}
    expected = read_expected(expect_path)
    for line in sorted(found):
        print(f"{label}: DIFFERS{' (expected)' if line in expected else ''}: {line}")
    for line in sorted(expected - found):
        print(f"{label}: EXPECTED BUT NOT SEEN: {line}")
    print(f"{label}: {len(baseline)} tests, {len(differ)} differ, {len(found & expected)} of them expected")
    return 0 if found == expected else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    expect = None
    if "--expect" in args:
        i = args.index("--expect")
        expect = args[i + 1]
        del args[i : i + 2]
    sys.exit(main(*args[:3], expect))
