"""Dispatch overhead of ``arraycompat.do`` and ``arraycompat.numpy`` against autoray.

Run: ``PYTHONPATH=. python benchmarks/bench_dispatch.py``. Prints times per call and
the ratios the dispatch issue sets, all measured in this one run:

- numpy, 3 elements: overhead of ``do("sum", x)`` over ``numpy.sum(x)``, divided by
  the overhead of ``autoray.do("sum", x)`` (target: at most 0.5);
- torch: ``do("sum", t, axis=0)`` / ``torch.sum(t, dim=0)`` (target: at most 1.3),
  with autoray's ratio beside it;
- ``arraycompat.numpy.sum(x)`` / ``autoray.numpy.sum(x)`` (target: at most 1.0).
"""

from __future__ import annotations

import random
import statistics
import timeit

import importlib.util

import autoray
import numpy

import arraycompat
from arraycompat import do
from arraycompat import numpy as acnp
from _report import record


def measure(stmts: dict[str, str], env: dict, number: int = 2000, rounds: int = 120) -> dict:
    """Seconds per call of each statement in each round: ``{name: [round times]}``.

    The statements take turns within each round, in a new order each round, so a slow
    moment of a busy machine hits the statements of one round alike.
    """
    timers = {name: timeit.Timer(stmt, globals=env) for name, stmt in stmts.items()}
    times: dict[str, list[float]] = {name: [] for name in stmts}
    order = list(timers)
    for _ in range(rounds):
        random.shuffle(order)  # no statement always runs first, on a cold round
        for name in order:
            times[name].append(timers[name].timeit(number) / number)
    return times


def overhead(times: dict, name: str, base: str) -> float:
    """Median over rounds of (time of ``name`` - time of ``base``) in the same round:
    differences within a round cancel the machine's drift between rounds."""
    return statistics.median(a - b for a, b in zip(times[name], times[base]))


def ratio(times: dict, name: str, base: str) -> float:
    """Median over rounds of the time of ``name`` over the time of ``base``."""
    return statistics.median(a / b for a, b in zip(times[name], times[base]))


def main() -> None:
    x = numpy.arange(3.0)
    env = {"x": x, "numpy": numpy, "autoray": autoray, "do": do,
           "acnp": acnp, "ar_do": autoray.do, "arnp": autoray.numpy, "np_sum": numpy.sum}
    stmts = {
        "numpy.sum(x)": "np_sum(x)",
        "arraycompat.do('sum', x)": "do('sum', x)",
        "autoray.do('sum', x)": "ar_do('sum', x)",
        "arraycompat.numpy.sum(x)": "acnp.sum(x)",
        "autoray.numpy.sum(x)": "arnp.sum(x)",
    }
    has_torch = importlib.util.find_spec("torch") is not None
    if has_torch:
        import torch

        env.update(torch=torch, t=torch.ones(3, 4))
        stmts.update({
            "torch.sum(t, dim=0)": "torch.sum(t, dim=0)",
            "arraycompat.do('sum', t, axis=0)": "do('sum', t, axis=0)",
            "autoray.do('sum', t, axis=0)": "ar_do('sum', t, axis=0)",
        })
    else:
        print("torch rows skipped: torch is not installed (pip install torch==2.13.0)")
    for stmt in stmts.values():  # warm every cache first
        exec(stmt, env)
    times = measure(stmts, env)
    for name, values in times.items():
        print(f"{name:36s} {min(values) * 1e9:9.0f} ns (fastest round)")

    ours = overhead(times, "arraycompat.do('sum', x)", "numpy.sum(x)")
    theirs = overhead(times, "autoray.do('sum', x)", "numpy.sum(x)")
    drop_in = ratio(times, "arraycompat.numpy.sum(x)", "autoray.numpy.sum(x)")
    print()
    print(f"arraycompat {arraycompat.__version__}, autoray {autoray.__version__}, "
          f"numpy {numpy.__version__}"
          f"{f', torch {torch.__version__}' if has_torch else ''}; medians over rounds")
    print(f"numpy do overhead: arraycompat {ours * 1e9:.0f} ns, autoray {theirs * 1e9:.0f} ns, "
          f"ratio {ours / theirs:.2f} (target <= 0.5)")
    record("do('sum', x) overhead over numpy.sum", ours=ours * 1e9, other=theirs * 1e9,
           against="autoray.do", unit="ns", target="ratio >= 2")
    record("arraycompat.numpy.sum(x)", ours=min(times["arraycompat.numpy.sum(x)"]) * 1e9,
           other=min(times["autoray.numpy.sum(x)"]) * 1e9, against="autoray.numpy.sum(x)",
           unit="ns", target=">= 1x")
    if has_torch:
        ours_torch = ratio(times, "arraycompat.do('sum', t, axis=0)", "torch.sum(t, dim=0)")
        theirs_torch = ratio(times, "autoray.do('sum', t, axis=0)", "torch.sum(t, dim=0)")
        print(f"torch do('sum', t, axis=0) / torch.sum(t, dim=0): arraycompat {ours_torch:.2f} "
              f"(target <= 1.3), autoray {theirs_torch:.2f}")
        record("do('sum', t, axis=0) on torch", ours=ours_torch, other=theirs_torch,
               against="autoray.do", unit="x torch.sum", target=">= 1x")
    print(f"arraycompat.numpy.sum(x) / autoray.numpy.sum(x): {drop_in:.2f} (target <= 1.0)")


if __name__ == "__main__":
    main()
