"""``python -m arraycompat demo``: one function, traced lazily and run on every library.

Modified Gram-Schmidt (autoray's README example) is written once against the
namespace of its input. The demo traces it with ``arraycompat.lazy``, prints the
graph's statistics, computes it and checks it against eager numpy, then times eager,
lazy and ``autojit`` on each installed library.

>>> import numpy
>>> q = modified_gram_schmidt(numpy.eye(3) + 0.5)
>>> bool(numpy.allclose(q @ q.T, numpy.eye(3)))
True
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, Sequence

from ..core._install import is_installed
from ..core._resolve import get_namespace

__all__ = ["modified_gram_schmidt", "modified_gram_schmidt_with", "run_demo"]


def modified_gram_schmidt_with(X: Any, do: Callable) -> Any:
    """autoray's README example, unchanged, written with a ``do(name, *args)`` function.

    Benchmarks and tests pass ``arraycompat.do``, ``autoray.do`` or a lazy ``do``
    so that node counts and timings compare with autoray's on the same code.

    >>> import numpy
    >>> from arraycompat import do
    >>> q = modified_gram_schmidt_with(numpy.eye(3) + 0.5, do)
    >>> bool(numpy.allclose(q @ q.T, numpy.eye(3)))
    True
    """
    Q = []
    for j in range(0, X.shape[0]):
        q = X[j, :]
        for i in range(0, j):
            rij = do("tensordot", do("conj", Q[i]), q, axes=1)
            q = q - rij * Q[i]
        rjj = do("linalg.norm", q, 2)
        Q.append(q / rjj)
    return do("stack", Q, axis=0)


def modified_gram_schmidt(X: Any, xp: Any = None) -> Any:
    """Orthonormalise the rows of ``X``, on any library (lazy arrays included).

    ``xp`` defaults to the namespace of ``X``.
    """
    xp = get_namespace(X) if xp is None else xp
    Q = []
    for j in range(X.shape[0]):
        q = X[j, :]
        for i in range(j):
            rij = xp.tensordot(xp.conj(Q[i]), q, axes=1)
            q = q - rij * Q[i]
        Q.append(q / xp.linalg.vector_norm(q))
    return xp.stack(Q, axis=0)


# library -> (module to find, how to bring a numpy array in, how to force a result)
def _identity(x: Any) -> Any:
    return x


def _to_library(library: str) -> Callable:
    from ..core._devices import asarray

    return lambda x: asarray(x, like=library)


def _force(library: str) -> Callable:
    if library == "dask":
        return lambda x: x.compute()
    if library == "jax":
        return lambda x: x.block_until_ready()
    return _identity


_LIBRARIES = {
    "numpy": "numpy", "array_api_strict": "array_api_strict", "torch": "torch",
    "jax": "jax", "dask": "dask",
}


def _best_ms(fn: Callable, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def _say(text: str, out: Any) -> None:
    print(text, file=out, flush=True)


def run_demo(n: int = 30, libraries: Sequence[str] | None = None, repeat: int = 3,
             out: Any = None, torch_compile: bool = False) -> int:
    """Run the demo; returns 0 when every check passed, 1 otherwise."""
    import numpy

    from .. import lazy

    out = out or sys.stdout
    rng = numpy.random.default_rng(0)
    data = rng.standard_normal((n, n))

    _say(f"1. Trace modified Gram-Schmidt ({n}x{n}) with arraycompat.lazy on numpy", out)
    x = lazy.Variable((n, n), "float64")
    start = time.perf_counter()
    q = modified_gram_schmidt(x)
    traced = time.perf_counter() - start
    frequencies = sorted(lazy.history_fn_frequencies(q).items(), key=lambda kv: -kv[1])
    _say(f"   {lazy.history_num_nodes(q):,} nodes traced in {traced * 1e3:.1f} ms; "
         f"output {q.shape} {q.dtype} on {q.device}", out)
    _say("   most called: " + ", ".join(f"{name} x{count}" for name, count in frequencies[:5]), out)
    _say(f"   largest array {lazy.history_max_size(q):,} elements; peak live "
         f"{lazy.history_peak_size(q):,} elements ({lazy.history_peak_bytes(q):,} bytes); "
         f"about {lazy.history_flops(q):,} FLOPs", out)
    lazy.show(q, max_lines=8, file=out)

    _say("\n2. Compute it and check against eager numpy", out)
    got = lazy.compute(q, {x: data})
    want = modified_gram_schmidt(data)
    error = float(numpy.max(numpy.abs(got - want)))
    orthonormal = float(numpy.max(numpy.abs(got @ got.T - numpy.eye(n))))
    ok = error < 1e-10 and orthonormal < 1e-8
    _say(f"   max |lazy - eager| = {error:.2e}; max |Q Q^T - I| = {orthonormal:.2e}: "
         f"{'OK' if ok else 'MISMATCH'}", out)

    _say("\n3. Time eager, lazy (trace + compute) and autojit on each installed library", out)
    try:
        from .. import autojit
    except ImportError:  # the jit layer is optional
        autojit = None
    chosen = [lib for lib in (libraries or _LIBRARIES) if is_installed(_LIBRARIES.get(lib, lib))]
    rows = []
    for library in chosen:
        _say(f"   timing {library} ...", out)
        bring, force = _to_library(library), _force(library)
        xs = bring(data)
        eager = _best_ms(lambda: force(modified_gram_schmidt(xs)), repeat)
        lazy_ms = _best_ms(
            lambda: lazy.compute(modified_gram_schmidt(lazy.array(xs))), repeat)
        jit_first = jit_ms = float("nan")
        if autojit is not None:
            # torch.compile's first call takes minutes on a CPU; the demo traces instead
            # unless asked (--torch-compile).
            backend = "torch-trace" if library == "torch" and not torch_compile else None
            compiled = autojit(modified_gram_schmidt, backend=backend)
            start = time.perf_counter()
            force(compiled(xs))
            jit_first = (time.perf_counter() - start) * 1e3
            jit_ms = _best_ms(lambda: force(compiled(xs)), repeat)
            check = numpy.asarray(_host(compiled(xs), library))
            if not numpy.allclose(check, want, atol=1e-4):
                ok = False
                _say(f"   {library}: autojit result differs from eager numpy", out)
        rows.append((library, eager, lazy_ms, jit_ms, jit_first))

    if "torch" in chosen and autojit is not None:
        how = ("torch.compile" if torch_compile
               else "torch.jit.trace; --torch-compile for torch.compile")
        _say(f"   (torch: autojit with {how})", out)
    _say(f"\n   {'library':18} {'eager ms':>9} {'lazy ms':>9} {'autojit ms':>11} "
         f"{'1st call ms':>12}", out)
    for library, eager, lazy_ms, jit_ms, jit_first in rows:
        jit_cells = (f"{jit_ms:11.2f} {jit_first:12.1f}" if jit_ms == jit_ms
                     else f"{'n/a':>11} {'n/a':>12}")
        _say(f"   {library:18} {eager:9.2f} {lazy_ms:9.2f} {jit_cells}", out)
    _say("\nAll checks passed." if ok else "\nSome checks FAILED.", out)
    return 0 if ok else 1


def _host(x: Any, library: str) -> Any:
    from ..dispatch._dtypes import to_numpy

    return to_numpy(x)
