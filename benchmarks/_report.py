"""Benchmark results as data: each script records its comparisons here.

``record("do('sum', x) overhead", ours=174e-9, other=555e-9, against="autoray.do")``
prints nothing; when ``ARRAYCOMPAT_BENCH_RESULTS`` names a file (``docs/make_performance.py``
sets it), it appends one JSON line that the performance page turns into tables and a chart.
"ratio" there is always ``other / ours``: above 1 means arraycompat is faster.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

RESULTS_ENV = "ARRAYCOMPAT_BENCH_RESULTS"


def record(measure: str, *, ours: float, other: float, against: str, unit: str = "s",
           target: str = "") -> None:
    """Append one comparison (times in ``unit``, lower is better) to the results file."""
    path = os.environ.get(RESULTS_ENV)
    if not path:
        return
    entry = {
        "script": Path(sys.argv[0]).stem, "measure": measure, "ours": ours, "other": other,
        "against": against, "unit": unit, "ratio": other / ours if ours else None,
        "target": target,
    }
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry) + "\n")
