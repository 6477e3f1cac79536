"""Lazy graph tools against autoray.lazy and eager numpy, measured in one run.

Modified Gram-Schmidt (autoray's README example) on an n x n array:

* calling a compiled ``lazy.Function`` against running the function eagerly on numpy
  (through ``autoray.do``, as the README runs it, and through a plain name -> numpy
  function table), and against ``autoray.lazy.Function``;
* building the Function (trace, fold constants, write source, compile) against
  building autoray's on the same function.

Run: ``PYTHONPATH=. python benchmarks/bench_lazy_tools.py [n]``
"""

from __future__ import annotations

import sys
import timeit

import numpy

import autoray
from autoray import lazy as alazy

from arraycompat import lazy
from arraycompat.cli._demo import modified_gram_schmidt_with as modified_gram_schmidt
from _report import record


def lazy_do(name, *args, **kwargs):
    fn = lazy
    for part in name.split("."):
        fn = getattr(fn, part)
    return fn(*args, **kwargs)


_NUMPY = {
    "tensordot": numpy.tensordot, "conj": numpy.conj, "linalg.norm": numpy.linalg.norm,
    "stack": numpy.stack,
}


def numpy_do(name, *args, **kwargs):
    return _NUMPY[name](*args, **kwargs)


def best(fn, number: int, repeat: int = 5) -> float:
    """The best time of one call, in seconds."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def build_ours(n: int, lower: bool = True):
    x = lazy.Variable((n, n), "float64")
    return lazy.Function(x, modified_gram_schmidt(x, lazy_do), lower=lower)


def build_autoray(n: int):
    x = alazy.Variable((n, n), backend="numpy")
    return alazy.Function(x, modified_gram_schmidt(x, autoray.do))


def main(n: int = 50) -> None:
    data = numpy.random.default_rng(0).random((n, n))
    ours = build_ours(n)
    plain = build_ours(n, lower=False)
    theirs = build_autoray(n)
    expected = modified_gram_schmidt(data, numpy_do)
    assert numpy.allclose(ours(data), expected) and numpy.allclose(theirs(data), expected)

    calls = max(3, 20000 // (n * n))
    t_ours = best(lambda: ours(data), calls)
    t_plain = best(lambda: plain(data), calls)
    t_autoray_fn = best(lambda: theirs(data), calls)
    t_eager_autoray = best(lambda: modified_gram_schmidt(data, autoray.do), calls)
    t_eager_numpy = best(lambda: modified_gram_schmidt(data, numpy_do), calls)

    builds = 3
    t_build_ours = best(lambda: build_ours(n), builds, repeat=3)
    t_build_autoray = best(lambda: build_autoray(n), builds, repeat=3)

    nodes = lazy.history_num_nodes(modified_gram_schmidt(lazy.Variable((n, n), "float64"), lazy_do))
    print(f"modified Gram-Schmidt, {n}x{n} float64 ({nodes} nodes)")
    print("  ratio: that time / lazy.Function's (above 1: lazy.Function is faster)")
    row("call  lazy.Function", t_ours)
    row("call  lazy.Function, no lowering", t_plain, t_ours)
    row("call  autoray.lazy.Function", t_autoray_fn, t_ours)
    row("eager numpy via autoray.do", t_eager_autoray, t_ours)
    row("eager numpy via a name table", t_eager_numpy, t_ours)
    row("  same, against no lowering", t_eager_numpy, t_plain)
    row("build lazy.Function", t_build_ours)
    row("build autoray.lazy.Function", t_build_autoray, t_build_ours)
    what = f"MGS {n}x{n} lazy.Function call"
    record(what, ours=t_ours * 1e3, other=t_autoray_fn * 1e3, against="autoray.lazy.Function",
           unit="ms")
    record(what, ours=t_ours * 1e3, other=t_eager_numpy * 1e3, against="eager numpy", unit="ms",
           target=">= 1.3x")
    record(f"MGS {n}x{n} lazy.Function build", ours=t_build_ours * 1e3,
           other=t_build_autoray * 1e3, against="autoray.lazy.Function", unit="ms")


def row(label: str, seconds: float, reference: float | None = None) -> None:
    ratio = f"   ratio {seconds / reference:5.2f}x" if reference else ""
    print(f"  {label:<34} {seconds * 1e3:8.3f} ms{ratio}")

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
