"""Benchmark of arraycompat.lazy against eager numpy, autoray.lazy and dask.array.

Run: ``PYTHONPATH=. python benchmarks/bench_lazy.py [--quick]``

1. Modified Gram-Schmidt (autoray's README function) on a 100x100 numpy array,
   trace + compute (20,102 nodes): time of each, and ratios in this one run.
2. The same at n=40 against dask.array.
3. Cost per node of a chain of 1e3 ... 1e6 nodes (trace, compute), in us/node.
4. Memory (tracemalloc): bytes per node of the traced MGS graph, and the compute
   peak against the graph plus the largest live set of intermediates.
"""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc

import numpy as np


def mgs(X, tensordot, conj, norm, stack):
    """Modified Gram-Schmidt, written once for every library."""
    Q = []
    for j in range(X.shape[0]):
        q = X[j, :]
        for i in range(0, j):
            rij = tensordot(conj(Q[i]), q, 1)
            q = q - rij * Q[i]
        rjj = norm(q, 2)
        Q.append(q / rjj)
    return stack(Q, 0)


def run_eager(X):
    return mgs(X, lambda a, b, k: np.tensordot(a, b, axes=k), np.conj, np.linalg.norm,
               lambda qs, ax: np.stack(qs, axis=ax))


def run_lazy(X):
    from arraycompat import lazy

    x = lazy.array(X)
    out = mgs(x, lambda a, b, k: lazy.tensordot(a, b, axes=k), lazy.conj, lazy.linalg.norm,
              lambda qs, ax: lazy.stack(qs, axis=ax))
    return out.compute()


def run_autoray(X):
    from autoray import do, lazy as al

    x = al.array(X)
    out = mgs(x, lambda a, b, k: do("tensordot", a, b, k), lambda a: do("conj", a),
              lambda a, o: do("linalg.norm", a, o), lambda qs, ax: do("stack", qs, axis=ax))
    return out.compute()


def run_dask(X):
    import dask.array as da

    x = da.from_array(X, chunks=X.shape)
    out = mgs(x, lambda a, b, k: da.tensordot(a, b, axes=k), da.conj, da.linalg.norm,
              lambda qs, ax: da.stack(qs, axis=ax))
    return out.compute(scheduler="synchronous")


def best_of(fn, X, repeat):
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn(X)
        times.append(time.perf_counter() - t)
    return min(times), out


def section_mgs(repeat):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 100))
    t_eager, ref = best_of(run_eager, X, repeat)
    t_lazy, out = best_of(run_lazy, X, repeat)
    assert np.allclose(out, ref)
    print("1. MGS 100x100, trace + compute (20,102 nodes)")
    print(f"   eager numpy      {t_eager * 1e3:8.1f} ms   1.00x eager")
    print(f"   arraycompat.lazy {t_lazy * 1e3:8.1f} ms   {t_lazy / t_eager:5.2f}x eager")
    try:
        t_auto, out = best_of(run_autoray, X, repeat)
        assert np.allclose(out, ref)
        print(f"   autoray.lazy     {t_auto * 1e3:8.1f} ms   {t_auto / t_eager:5.2f}x eager")
        print(f"   => arraycompat.lazy / autoray.lazy = {t_lazy / t_auto:.2f} (target <= 0.7)")
    except ImportError:
        print("   autoray not installed: no comparison")

    X = rng.standard_normal((40, 40))
    t_lazy, out = best_of(run_lazy, X, repeat)
    print("2. MGS 40x40 against dask.array")
    try:
        t_dask, ref = best_of(run_dask, X, 1)
        assert np.allclose(out, ref)
        print(f"   arraycompat.lazy {t_lazy * 1e3:8.2f} ms, dask.array {t_dask * 1e3:8.1f} ms"
              f"   => dask / lazy = {t_dask / t_lazy:.0f}x (target >= 100)")
    except ImportError:
        print("   dask not installed: no comparison")


def chain(n):
    from arraycompat import lazy

    x = lazy.array(np.ones(4))
    t0 = time.perf_counter()
    y = x
    for _ in range(n):
        y = y * 1.0000001
    t1 = time.perf_counter()
    y.compute()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def section_chain(sizes):
    print("3. chain y = y * c, cost per node")
    print("   nodes       trace us/node   compute us/node")
    for n in sizes:
        gc.collect()
        trace, comp = chain(n)
        print(f"   {n:>9,}   {trace / n * 1e6:10.2f}   {comp / n * 1e6:12.2f}")


def section_memory():
    from arraycompat import lazy

    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 100))
    x = lazy.array(X)
    # warm the caches so that they are not counted as graph
    mgs(x, lambda a, b, k: lazy.tensordot(a, b, axes=k), lazy.conj, lazy.linalg.norm,
        lambda qs, ax: lazy.stack(qs, axis=ax))
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    out = mgs(x, lambda a, b, k: lazy.tensordot(a, b, axes=k), lazy.conj, lazy.linalg.norm,
              lambda qs, ax: lazy.stack(qs, axis=ax))
    graph = tracemalloc.get_traced_memory()[0] - before
    nodes = lazy.history_num_nodes(out)
    tracemalloc.reset_peak()
    out.compute()
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    # largest live set: the 100 rows of Q (100 floats each) plus a few temporaries
    live = 100 * (X[0].nbytes + 112) + 4 * (X[0].nbytes + 112) + X.nbytes + 112
    print("4. memory (tracemalloc), MGS 100x100")
    print(f"   traced graph: {graph / nodes:.0f} bytes/node over {nodes:,} nodes (target <= 260)")
    print(f"   compute peak: {peak / 1e6:.2f} MB; graph + largest live set {(graph + live) / 1e6:.2f} MB"
          f" => {peak / (graph + live):.2f}x (target <= 1.2)")


def main():
    quick = "--quick" in sys.argv
    section_mgs(repeat=3 if quick else 7)
    section_chain([1_000, 10_000, 100_000] if quick else [1_000, 10_000, 100_000, 1_000_000])
    section_memory()


if __name__ == "__main__":
    main()
