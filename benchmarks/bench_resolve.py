"""Namespace resolution and attribute lookup against array-api-compat and autoray.

Run: ``python benchmarks/bench_resolve.py``. Prints one table; every ratio in it
comes from this one run. Needs array-api-compat, autoray, array-api-strict
(``pip install -e .[test,bench]``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import timeit

import array_api_compat
import array_api_strict
import autoray
import numpy as np

import arraycompat
from _report import record

QUICK = os.environ.get("ARRAYCOMPAT_BENCH_QUICK") == "1"


def per_call_ns(stmt: str, namespace: dict, number: int = 200_000, repeat: int = 7) -> float:
    """Best-of-``repeat`` time per call in nanoseconds (a tenth of the calls with --quick)."""
    if QUICK:
        number = max(number // 10, 100)
    timer = timeit.Timer(stmt, globals=namespace)
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e9


def import_time_us(module: str, runs: int = 2 if QUICK else 5) -> float:
    """Cumulative import time of ``module`` in a fresh interpreter (python -X importtime)."""
    best = float("inf")
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True, text=True, check=True,
        )
        # The last line is the top-level import: "import time: self | cumulative | name".
        line = [ln for ln in done.stderr.splitlines() if ln.rstrip().endswith(" " + module)][-1]
        best = min(best, int(line.split("|")[1]))
    return best


def main() -> None:
    x, y = np.ones(3), np.ones(3)
    s = array_api_strict.ones(3)
    get = arraycompat.get_namespace
    get(x), get(s), array_api_compat.array_namespace(x), autoray.infer_backend(x)
    xp = get(x)
    xp.sum  # noqa: B018  (first lookup fills the cache)
    ns = dict(globals(), x=x, y=y, s=s, get=get, xp=xp)

    rows = []

    def row(label, ours_stmt, other_label, other_stmt, target, number=200_000, other_number=None):
        # Interleaved rounds (ours, theirs, ours, ...) so both see the same machine load.
        ours = theirs = float("inf")
        for _ in range(3 if QUICK else 9):
            ours = min(ours, per_call_ns(ours_stmt, ns, number=number, repeat=1))
            theirs = min(theirs, per_call_ns(other_stmt, ns, number=other_number or number, repeat=1))
        rows.append((label, ours, other_label, theirs, theirs / ours, target))

    row("get_namespace(np)", "get(x)", "array_api_compat", "array_api_compat.array_namespace(x)",
        ">= 8x", other_number=20_000)
    row("get_namespace(np)", "get(x)", "autoray.infer_backend", "autoray.infer_backend(x)", ">= 1x")
    row("get_namespace(np, np)", "get(x, y)", "array_api_compat",
        "array_api_compat.array_namespace(x, y)", ">= 3x", other_number=20_000)
    row("get_namespace(strict)", "get(s)", "array_api_compat",
        "array_api_compat.array_namespace(s)", "< 1 us", other_number=2_000)
    row("xp.sum (cached read)", "xp.sum", "numpy.sum", "np.sum", ">= 1x (cost <= 1.0x)",
        number=1_000_000)

    ours_import = import_time_us("arraycompat")
    theirs_import = import_time_us("array_api_compat.numpy")

    print(f"{'what':24} {'arraycompat':>12}  {'vs':24} {'other':>12}  {'ratio':>7}  target")
    for label, a, other, b, ratio, target in rows:
        print(f"{label:24} {a:10.0f}ns  {other:24} {b:10.0f}ns  {ratio:6.2f}x  {target}")
        record(label, ours=a, other=b, against=other, unit="ns", target=target)
    record("import arraycompat", ours=ours_import, other=theirs_import,
           against="import array_api_compat.numpy", unit="us", target=">= 1x")
    print(
        f"{'import (cumulative)':24} {ours_import:10.0f}us  {'import array_api_compat.numpy':24} "
        f"{theirs_import:10.0f}us  {theirs_import / ours_import:6.2f}x  >= 1x"
    )
    print("ratio = other / arraycompat: above 1 means arraycompat is faster.")


if __name__ == "__main__":
    main()
