#!/usr/bin/env bash
# CI job for issue 18: benchmarks/bench_distributed.py in quick mode, on a LocalCluster
# of 2 worker PROCESSES (the test suite's version runs threads): statkit's logsumexp,
# welch and cov as written and through autojit, each checked against numpy block by
# block and autojit against eager dask; fails if a result differs or a worker dies.
# Arrays of 16 MiB (quick mode); the out-of-core run (4.5x a worker's memory) is
# `python benchmarks/bench_distributed.py`, minutes long, run by hand or by
# docs/make_performance.py. Bounded: about 1 minute on 2 cores, killed at 5.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
timeout 300 "$PY" benchmarks/bench_distributed.py --quick
