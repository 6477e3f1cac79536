"""Benchmark of ``arraycompat.autojit``: eager against compiled, per library, in one run.

Run: ``PYTHONPATH=. python benchmarks/bench_jit.py [--n 50] [--torch-n 50] [--skip-torch]``

Modified Gram-Schmidt (autoray's README function) on an n x n float64 array:

* numpy: eager (written with ``arraycompat.get_namespace``) against the ``"python"``
  compiler, and autoray's own MGS (written with ``autoray.do``) eager against
  ``autoray.autojit`` (its python backend), so each compiler is measured against
  its own eager code, and the two compiled calls against each other;
* torch: eager against ``torch.compile`` (inductor) and ``torch.jit.trace``;
* jax: eager against ``jax.jit`` (float32: jax's default).

"first call" is the time of the first compiled call: tracing, compiling and one run.
Times are the best of 5 repeats of a loop sized to ~0.2 s.

torch.compile unrolls MGS into ~3,800 operations at n=50: its first call took 1,000 s
here (2 shared cores); ``--torch-n 20`` gives a torch row in about a minute.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
import timeit
import warnings

import numpy as np

import arraycompat
from arraycompat import autojit
from arraycompat.cli._demo import modified_gram_schmidt, modified_gram_schmidt_with
from _report import record


def modified_gram_schmidt_autoray(X):
    from autoray import do

    return modified_gram_schmidt_with(X, do)


def best_time(fn, *args) -> float:
    """Seconds per call: the best of 5 repeats of a loop of ~0.2 s."""
    fn(*args)
    number = 1
    while True:
        t = timeit.timeit(lambda: fn(*args), number=number)
        if t > 0.2 or number >= 1000:
            break
        number *= 2
    return min(timeit.repeat(lambda: fn(*args), number=number, repeat=5)) / number


def first_call(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def row(rows, case, eager_fn, compiled_fn, x, check, rtol):
    """Time ``compiled_fn`` (first call, then steady) against ``eager_fn`` on ``x``."""
    first, out = first_call(compiled_fn, x)
    np.testing.assert_allclose(check(out), check(eager_fn(x)), rtol=rtol, atol=rtol)
    eager = best_time(eager_fn, x)
    compiled = best_time(compiled_fn, x)
    rows.append((case, eager, compiled, first))
    if "autoray" not in case:  # autoray's own row is the comparison below, not ours
        record(f"MGS autojit: {' '.join(case.split())}", ours=compiled * 1e3,
               other=eager * 1e3, against="eager, same library", unit="ms")
    print(f"  measured {case}", flush=True)
    return compiled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="matrix size (default 50)")
    parser.add_argument("--torch-n", type=int, default=20,
                        help="size for torch (default 20: torch.compile's first call at 50 "
                             "takes many minutes on 2 CPU cores)")
    parser.add_argument("--skip-torch", action="store_true", help="no torch.compile row")
    opts = parser.parse_args()
    if os.environ.get("ARRAYCOMPAT_BENCH_QUICK") == "1":
        opts.skip_torch = True  # torch.compile's first call alone takes longer than the rest
    n = opts.n
    X = np.random.default_rng(0).standard_normal((n, n))
    rows: list = []

    ours = row(rows, "numpy   arraycompat.autojit ('python')", modified_gram_schmidt,
               autojit(modified_gram_schmidt), X, np.asarray, 1e-9)
    from autoray import autojit as autoray_autojit

    theirs = row(rows, "numpy   autoray.autojit (python)", modified_gram_schmidt_autoray,
                 autoray_autojit(modified_gram_schmidt_autoray), X, np.asarray, 1e-9)

    if importlib.util.find_spec("torch") is None:
        print("torch rows skipped: torch is not installed (pip install torch==2.13.0)")
    else:
        import torch

        tn = opts.torch_n or n
        T = torch.asarray(np.random.default_rng(0).standard_normal((tn, tn)))
        as_np = lambda t: t.numpy()  # noqa: E731
        if not opts.skip_torch:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                row(rows, f"torch   torch.compile (inductor){'' if tn == n else f', n={tn}'}",
                    modified_gram_schmidt, autojit(modified_gram_schmidt), T, as_np, 1e-6)
        row(rows, f"torch   torch.jit.trace{'' if tn == n else f', n={tn}'}", modified_gram_schmidt,
            autojit(modified_gram_schmidt, backend="torch-trace"), T, as_np, 1e-6)

    if importlib.util.find_spec("jax") is None:
        print("jax rows skipped: jax is not installed (pip install jax jaxlib)")
    else:
        import jax.numpy as jnp

        J = jnp.asarray(X)
        row(rows, "jax     jax.jit (float32)", modified_gram_schmidt, autojit(modified_gram_schmidt),
            J, np.asarray, 1e-3)

    print(f"\nModified Gram-Schmidt, {n}x{n}, one run (times per call):\n")
    header = ("case", "eager", "compiled", "speedup", "first call")
    print("| {:<44} | {:>10} | {:>10} | {:>7} | {:>10} |".format(*header))
    print(f"|{'-' * 46}|{'-' * 12}|{'-' * 12}|{'-' * 9}|{'-' * 12}|")
    for case, eager, compiled, first in rows:
        print(f"| {case:<44} | {eager * 1e3:>7.2f} ms | {compiled * 1e3:>7.2f} ms | "
              f"{eager / compiled:>6.2f}x | {first:>8.2f} s |")
    record("MGS autojit 'python', compiled call", ours=ours * 1e3, other=theirs * 1e3,
           against="autoray.autojit", unit="ms")
    print(f"\narraycompat 'python' compiled call against autoray.autojit's: "
          f"{theirs / ours:.2f}x faster ({ours * 1e3:.2f} ms against {theirs * 1e3:.2f} ms)")


if __name__ == "__main__":
    main()
