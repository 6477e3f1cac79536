"""Compare two outcome files of the drop-in job: per array library, and per test id.

``python dropin_compare.py LABEL BASELINE SWAPPED``: prints a count table
(passed / failed / skipped / xfailed / xpassed / error, unswapped and swapped) per
array library and the test ids whose outcome differs; exits 1 when any differs.
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


def main(label: str, baseline_path: str, swapped_path: str) -> int:
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
    for test_id in differ:
        print(f"{label}: DIFFERS {baseline.get(test_id, 'missing')} -> "
              f"{swapped.get(test_id, 'missing')}: {test_id}")
    print(f"{label}: {len(baseline)} tests, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
