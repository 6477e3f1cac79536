"""examples/statkit on a dask.distributed cluster, on arrays larger than a worker's memory.

Run: ``python benchmarks/bench_distributed.py [--quick]``

A ``LocalCluster`` of 2 worker processes (1 thread each) with a memory limit per
worker runs statkit's ``logsumexp``, ``welch`` and ``cov`` on chunked float64 arrays
at least 4x larger than one worker's limit, twice: as written (``get_namespace``
resolves dask) and through ``autojit`` (the dask compiler). The arrays are made on
the workers, one block at a time, from a seed per block, so no process ever holds
one whole; the client recomputes every result with numpy block by block and
compares. It prints the time of each run and the peak memory (RSS) of the workers,
and checks that no worker died. The same code runs on a real cluster: make
``client = distributed.Client("tcp://scheduler-address:8786")`` instead of the
LocalCluster (see docs/performance.md).

Each worker may use 512 MiB; ``--factor`` sets the arrays' size against that (4.5).
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20


def _examples_on_path() -> None:
    """statkit lives in examples/: importable here and in the worker processes."""
    examples = str(ROOT / "examples")
    if examples not in sys.path:
        sys.path.insert(0, examples)
    paths = os.environ.get("PYTHONPATH", "")
    if examples not in paths.split(os.pathsep):
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (examples, paths) if p)


# ---------------------------------------------------------------- data, block by block
def block(seed: int, index: tuple, shape: tuple) -> np.ndarray:
    """The block at ``index``: standard normals from (seed, *index), the same anywhere."""
    return np.random.default_rng([seed, *index]).standard_normal(shape)


def _dask_block(seed: int, block_info=None):
    info = block_info[None]
    return block(seed, tuple(info["chunk-location"]), tuple(info["chunk-shape"]))


def chunked(seed: int, shape: tuple, chunks: tuple):
    """A dask array made on the workers, one block at a time, by ``block``."""
    import dask.array as da

    return da.map_blocks(_dask_block, seed, chunks=_normalize(shape, chunks), dtype=np.float64,
                         meta=np.empty((0,) * len(shape)))


def _normalize(shape: tuple, chunks: tuple) -> tuple:
    out = []
    for n, c in zip(shape, chunks):
        sizes = [c] * (n // c) + ([n % c] if n % c else [])
        out.append(tuple(sizes))
    return tuple(out)


def _blocks(seed: int, shape: tuple, chunks: tuple):
    """(index, numpy block) for every block of ``chunked(seed, shape, chunks)``."""
    sizes = _normalize(shape, chunks)
    grid = [range(len(s)) for s in sizes]
    import itertools

    for index in itertools.product(*grid):
        yield index, block(seed, index, tuple(sizes[d][i] for d, i in enumerate(index)))


# ---------------------------------------------------------------- the three functions
def _check_rows(name: str, got: np.ndarray, seed: int, shape: tuple, chunks: tuple, fn) -> None:
    """Row-independent results (logsumexp, welch): numpy on each row block."""
    start = 0
    for _, data in _blocks(seed, shape, chunks):
        want = fn(data)
        np.testing.assert_allclose(got[start : start + len(want)], want, rtol=1e-9, atol=1e-12,
                                   err_msg=f"{name}: rows {start}..{start + len(want)}")
        start += len(want)
    assert start == len(got), f"{name}: {len(got)} rows, expected {start}"


def _cov_by_blocks(seed: int, shape: tuple, chunks: tuple) -> np.ndarray:
    """cov of the rows, by two passes over the column blocks (numpy only)."""
    n = shape[-1]
    total = np.zeros(shape[0])
    for _, data in _blocks(seed, shape, chunks):
        total += data.sum(axis=-1)
    mean = total / n
    gram = np.zeros((shape[0], shape[0]))
    for _, data in _blocks(seed, shape, chunks):
        centred = data - mean[:, None]
        gram += centred @ centred.T
    return gram / (n - 1)


def _welch_numpy(data: np.ndarray, nperseg: int) -> np.ndarray:
    from statkit import welch

    return welch(data, nperseg=nperseg)[1]


def run(client, worker_memory: int, nbytes: int, chunk_bytes: int, *, log=print) -> list[tuple]:
    """Run the three functions both ways on arrays of ``nbytes`` in blocks of about
    ``chunk_bytes``; return (function, way, seconds, peak worker RSS, array bytes) rows."""
    from arraycompat import autojit
    from statkit import cov, logsumexp, welch

    cols = 1 << 16 if nbytes >= 64 * MIB else 1 << 12
    rows_per_chunk = max(chunk_bytes // (8 * cols), 1)
    rows = math.ceil(nbytes / (8 * cols) / rows_per_chunk) * rows_per_chunk
    wide = (rows, cols), (rows_per_chunk, cols)  # rows independent: logsumexp, welch
    n_vars = 16
    obs = math.ceil(nbytes / (8 * n_vars) / (chunk_bytes // (8 * n_vars))) * (chunk_bytes // (8 * n_vars))
    tall = (n_vars, obs), (n_vars, chunk_bytes // (8 * n_vars))  # variables x observations
    nperseg = 64
    workers = set(client.scheduler_info()["workers"])
    log(f"arrays: {rows:,} x {cols:,} and {n_vars} x {obs:,} float64 "
        f"({rows * cols * 8 / MIB:,.0f} and {n_vars * obs * 8 / MIB:,.0f} MiB, "
        f"{rows * cols * 8 / worker_memory:.1f}x and {n_vars * obs * 8 / worker_memory:.1f}x "
        f"one worker's limit), blocks of {chunk_bytes / MIB:.0f} MiB")

    cases = [
        ("logsumexp", lambda f, x: f(x, axis=-1), wide,
         lambda got, seed: _check_rows("logsumexp", got, seed, *wide,
                                       lambda d: _logsumexp_numpy(d))),
        ("welch", lambda f, x: f(x, nperseg=nperseg)[1], wide,
         lambda got, seed: _check_rows("welch", got, seed, *wide,
                                       lambda d: _welch_numpy(d, nperseg))),
        ("cov", lambda f, x: f(x), tall,
         lambda got, seed: np.testing.assert_allclose(got, _cov_by_blocks(seed, *tall),
                                                      rtol=1e-9, atol=1e-12)),
    ]
    functions = {"logsumexp": logsumexp, "welch": welch, "cov": cov}
    rows_out = []
    for seed, (name, apply, (shape, chunks), check) in enumerate(cases):
        fn = functions[name]
        for way, f in (("get_namespace", fn), ("autojit", autojit(fn))):
            x = chunked(seed, shape, chunks)
            start = time.perf_counter()
            result = client.compute(apply(f, x)).result()
            seconds = time.perf_counter() - start
            peak = max(client.run(_peak_rss).values())
            check(np.asarray(result), seed)
            rows_out.append((name, way, seconds, peak, math.prod(shape) * 8))
            log(f"  {name:9} {way:13} {seconds:7.2f} s   peak worker RSS so far {peak / MIB:6.0f} MiB "
                f"(limit {worker_memory / MIB:.0f}); checked against numpy block by block")
    died = workers - set(client.scheduler_info()["workers"])
    assert not died, f"workers died: {sorted(died)}"
    return rows_out


def _logsumexp_numpy(d: np.ndarray) -> np.ndarray:
    m = d.max(axis=-1, keepdims=True)
    return (np.log(np.exp(d - m).sum(axis=-1, keepdims=True)) + m)[:, 0]


def _peak_rss() -> int:
    """This process's peak resident memory so far, in bytes (Linux: ru_maxrss in KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def local_cluster(worker_memory: int):
    import distributed

    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, memory_limit=worker_memory,
        host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="arrays of 1/16 of a worker's memory limit (seconds, not minutes)")
    parser.add_argument("--factor", type=float, default=4.5,
                        help="array size over one worker's memory limit (default 4.5)")
    opts = parser.parse_args(argv)
    try:
        import distributed
    except ImportError:
        print("distributed is not installed: pip install distributed")
        return 0
    _examples_on_path()
    worker_memory = 512 * MIB
    print(f"LocalCluster: 2 worker processes, 1 thread each, memory limit {worker_memory / MIB:.0f} "
          f"MiB per worker")
    start = time.perf_counter()
    quick = opts.quick or os.environ.get("ARRAYCOMPAT_BENCH_QUICK") == "1"
    nbytes = worker_memory // 16 if quick else int(opts.factor * worker_memory)
    if quick:
        print("quick mode: arrays of 1/16 of a worker's memory limit, not 4.5x (run without "
              "--quick for the out-of-core case)")
    with local_cluster(worker_memory) as cluster, distributed.Client(cluster) as client:
        rows = run(client, worker_memory, nbytes, min(worker_memory // 16, nbytes // 4))
    print(f"all six runs finished, no worker died; {time.perf_counter() - start:.0f} s in all")
    from _report import record

    for name in ("logsumexp", "welch", "cov"):
        (_, _, eager, _, nbytes), (_, _, jit, peak, _) = [r for r in rows if r[0] == name]
        print(f"  {name:9} autojit / get_namespace time: {jit / eager:.2f}")
        record(f"statkit {name}, {nbytes / 2**30:.2f} GiB on 2 workers of 512 MiB "
               f"(peak worker RSS {peak / MIB:.0f} MiB), autojit", ours=jit, other=eager,
               against="statkit via get_namespace", unit="s",
               target="finishes; no worker dies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
