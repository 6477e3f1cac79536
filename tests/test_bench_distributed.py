"""benchmarks/bench_distributed.py in small: statkit on a 2-worker dask.distributed
cluster, as written (eager dask) and through autojit, equal to numpy computed block by
block and to each other. Threads of this process for workers, so that it takes
seconds; the benchmark itself runs worker processes on out-of-core arrays."""

import importlib
import sys
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="distributed is not installed")
pytest.importorskip("dask.array", reason="dask is not installed")

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_distributed.py"


def _bench():
    if str(BENCH.parent) not in sys.path:
        sys.path.insert(0, str(BENCH.parent))
    return importlib.import_module(BENCH.stem)


# in-process workers serve HTTP on a default port, which other clusters may hold
@pytest.mark.filterwarnings("ignore:Port .* is already in use:UserWarning")
def test_statkit_on_a_cluster_both_ways_equals_numpy_and_eager_dask():
    bench = _bench()
    bench._examples_on_path()
    kib = 1024
    lines = []
    with bench.local_cluster(256 * bench.MIB, processes=False) as cluster, \
            distributed.Client(cluster) as client:
        # 256 KiB arrays in 32 KiB blocks: 8 blocks per array, several per worker
        rows = bench.run(client, 256 * bench.MIB, 256 * kib, 32 * kib, log=lines.append)
        assert len(client.scheduler_info()["workers"]) == 2
    assert [(r[0], r[1]) for r in rows] == [
        (name, way) for name in ("logsumexp", "welch", "cov") for way in ("get_namespace", "autojit")
    ]
    assert "blocks of 0.031 MiB" in lines[0]
    assert all("equal to numpy's" in line for line in lines[1:])


def test_numpy_reference_is_made_block_by_block_from_the_seed():
    # the reference the benchmark checks against: the same blocks, whatever the order
    bench = _bench()
    np = pytest.importorskip("numpy")
    shape, chunks = (6, 8), (4, 8)
    whole = np.concatenate([data for _, data in bench._blocks(3, shape, chunks)])
    assert whole.shape == shape
    np.testing.assert_array_equal(bench.block(3, (1, 0), (2, 8)), whole[4:])
    got = bench.chunked(3, shape, chunks).compute(scheduler="synchronous")
    np.testing.assert_array_equal(got, whole)
