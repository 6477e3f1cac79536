"""A small run of benchmarks/bench_distributed.py: statkit on a 2-worker LocalCluster,
through get_namespace and autojit, checked against numpy block by block."""

import importlib
import logging
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="distributed is not installed")
pytest.importorskip("dask.array", reason="dask is not installed")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_distributed.py"


def _bench():
    # On sys.path, so that the worker processes (spawned with this sys.path) can
    # unpickle the benchmark's block-making function by reference.
    if str(BENCH.parent) not in sys.path:
        sys.path.insert(0, str(BENCH.parent))
    return importlib.import_module(BENCH.stem)


def test_statkit_on_a_local_cluster_both_ways_matches_numpy_block_by_block():
    bench = _bench()
    bench._examples_on_path()
    mib = bench.MIB
    lines = []
    with bench.local_cluster(1024 * mib) as cluster, distributed.Client(cluster) as client:
        workers = set(client.scheduler_info()["workers"])
        rows = bench.run(client, 1024 * mib, 2 * mib, mib // 2, log=lines.append)
        assert set(client.scheduler_info()["workers"]) == workers and len(workers) == 2
    assert [(r[0], r[1]) for r in rows] == [
        (name, way) for name in ("logsumexp", "welch", "cov") for way in ("get_namespace", "autojit")
    ]
    assert all(r[2] > 0 and r[3] > 0 for r in rows)
    assert "checked against numpy" in lines[-1]
    logging.getLogger(__name__).info("\n".join(lines))
