"""examples/statkit on a dask.distributed cluster, on arrays larger than a worker's memory.

Run: ``python benchmarks/bench_distributed.py [--quick] [--worker-memory MIB] [--factor F]``

A ``LocalCluster`` of 2 worker processes (1 thread each) with a memory limit per
worker runs statkit's ``logsumexp``, ``welch`` and ``cov`` on chunked float64 arrays
4.5x larger than one worker's limit (more than both workers hold together), twice:
as written (``get_namespace`` resolves dask: eager dask) and through ``autojit`` (the
dask compiler). The arrays are made on the workers, one block at a time, from a seed
per block, so no process ever holds one whole; the client computes every result
with numpy block by block once and checks both runs against it. It prints the time
of each run, the peak memory (RSS) of the workers during it, and checks that no
worker died. The same code runs on a real cluster: make
``client = distributed.Client("tcp://scheduler-address:8786")`` instead of the
LocalCluster (see docs/performance.md).

Each worker may use 256 MiB (``--worker-memory``; about 150 MiB of it is the worker
process with numpy, dask and arraycompat loaded), so the arrays are 1.1 GiB each, in
blocks of 8 MiB: a few minutes on 2 cores. ``cov`` uses its input twice (the mean,
then the products), so dask keeps the blocks it made until both are done: they
spill to the workers' disk, out of core.
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
    obs_per_chunk = max(chunk_bytes // (8 * n_vars), 1)
    obs = math.ceil(nbytes / (8 * n_vars) / obs_per_chunk) * obs_per_chunk
    tall = (n_vars, obs), (n_vars, obs_per_chunk)  # variables x observations
    nperseg = 64
    workers = set(client.scheduler_info()["workers"])
    client.run(_warm_up)  # imports on the workers are not part of the first run's time
    log(f"arrays: {rows:,} x {cols:,} and {n_vars} x {obs:,} float64 "
        f"({rows * cols * 8 / MIB:,.0f} and {n_vars * obs * 8 / MIB:,.0f} MiB, "
        f"{rows * cols * 8 / worker_memory:.1f}x and {n_vars * obs * 8 / worker_memory:.1f}x "
        f"one worker's limit), blocks of {chunk_bytes / MIB:.2g} MiB")

    cases = [
        ("logsumexp", lambda f, x: f(x, axis=-1), wide,
         lambda seed: _by_row_blocks(seed, *wide, _logsumexp_numpy)),
        ("welch", lambda f, x: f(x, nperseg=nperseg)[1], wide,
         lambda seed: _by_row_blocks(seed, *wide, lambda d: _welch_numpy(d, nperseg))),
        ("cov", lambda f, x: f(x), tall, lambda seed: _cov_by_blocks(seed, *tall)),
    ]
    functions = {"logsumexp": logsumexp, "welch": welch, "cov": cov}
    rows_out = []
    for seed, (name, apply, (shape, chunks), reference) in enumerate(cases):
        fn = functions[name]
        want = reference(seed)  # numpy, block by block, in this process
        eager = None
        for way, f in (("get_namespace", fn), ("autojit", autojit(fn))):
            x = chunked(seed, shape, chunks)
            client.run(_reset_peak_rss)
            start = time.perf_counter()
            result = client.compute(apply(f, x)).result()
            seconds = time.perf_counter() - start
            peak = max(client.run(_peak_rss).values())
            result = np.asarray(result)
            np.testing.assert_allclose(result, want, rtol=1e-9, atol=1e-12,
                                       err_msg=f"{name} through {way}, against numpy")
            if eager is None:
                eager = result
            else:  # autojit against statkit as written on dask (same chunked sums)
                np.testing.assert_allclose(result, eager, rtol=1e-12, atol=1e-14,
                                           err_msg=f"{name}: autojit against eager dask")
            rows_out.append((name, way, seconds, peak, math.prod(shape) * 8))
            log(f"  {name:9} {way:13} {seconds:7.2f} s   peak worker RSS {peak / MIB:6.0f} MiB "
                f"(limit {worker_memory / MIB:.0f}); equal to numpy's, block by block")
    died = workers - set(client.scheduler_info()["workers"])
    assert not died, f"workers died: {sorted(died)}"
    return rows_out


def _warm_up() -> None:
    """Import what the tasks use, in a worker."""
    import dask.array  # noqa: F401
    import statkit  # noqa: F401

    import arraycompat.jit  # noqa: F401
    import arraycompat.lazy  # noqa: F401


def _by_row_blocks(seed: int, shape: tuple, chunks: tuple, fn) -> np.ndarray:
    """A row-independent result (logsumexp, welch): numpy on each row block."""
    return np.concatenate([fn(data) for _, data in _blocks(seed, shape, chunks)])


def _logsumexp_numpy(d: np.ndarray) -> np.ndarray:
    m = d.max(axis=-1, keepdims=True)
    return (np.log(np.exp(d - m).sum(axis=-1, keepdims=True)) + m)[:, 0]


def _reset_peak_rss() -> None:
    """Start this process's peak RSS afresh (Linux: /proc/self/clear_refs; elsewhere
    the peak stays the peak since the process started)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _peak_rss() -> int:
    """This process's peak resident memory since the last reset, in bytes."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak if sys.platform == "darwin" else peak * 1024


def local_cluster(worker_memory: int, *, processes: bool = True):
    """2 workers of 1 thread, each with ``worker_memory`` bytes (worker processes), or
    with ``processes=False`` threads of this process, quick to start, for tests: they
    share its memory, so they get no limit (a limit would count the whole process,
    torch and all, and pause them)."""
    import distributed

    where = {"host": "127.0.0.1"} if processes else {}  # threads talk in-process
    return distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=processes,
        memory_limit=worker_memory if processes else 0,
        dashboard_address=None, silence_logs=logging.ERROR, **where,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="arrays of 1/16 of a worker's memory limit (seconds, not minutes)")
    parser.add_argument("--factor", type=float, default=4.5,
                        help="array size over one worker's memory limit (default 4.5)")
    parser.add_argument("--worker-memory", type=int, default=256,
                        help="memory limit per worker, MiB (default 256)")
    opts = parser.parse_args(argv)
    try:
        import distributed
    except ImportError:
        print("distributed is not installed: pip install distributed")
        return 0
    _examples_on_path()
    worker_memory = opts.worker_memory * MIB
    print(f"LocalCluster: 2 worker processes, 1 thread each, memory limit {worker_memory / MIB:.0f} "
          f"MiB per worker")
    start = time.perf_counter()
    quick = opts.quick or os.environ.get("ARRAYCOMPAT_BENCH_QUICK") == "1"
    nbytes = worker_memory // 16 if quick else int(opts.factor * worker_memory)
    if quick:
        print(f"quick mode: arrays of 1/16 of a worker's memory limit, not {opts.factor}x (run "
              f"without --quick for the out-of-core case)")
    with local_cluster(worker_memory) as cluster, distributed.Client(cluster) as client:
        rows = run(client, worker_memory, nbytes, min(worker_memory // 32, nbytes // 4))
    print(f"all six runs finished, no worker died; {time.perf_counter() - start:.0f} s in all")
    from _report import record

    for name in ("logsumexp", "welch", "cov"):
        (_, _, eager, eager_peak, nbytes), (_, _, jit, peak, _) = [r for r in rows if r[0] == name]
        print(f"  {name:9} autojit {jit:6.1f} s, get_namespace (eager dask) {eager:6.1f} s: "
              f"autojit / get_namespace time {jit / eager:.2f}; peak worker RSS "
              f"{peak / MIB:.0f} / {eager_peak / MIB:.0f} MiB")
        record(f"statkit {name}, {nbytes / 2**30:.2f} GiB on 2 workers of "
               f"{worker_memory / MIB:.0f} MiB (peak worker RSS {max(peak, eager_peak) / MIB:.0f} "
               f"MiB), autojit", ours=jit, other=eager,
               against="statkit via get_namespace", unit="s",
               target="finishes; no worker dies")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
