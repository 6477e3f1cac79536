"""The per-function cache of compiled programs, its statistics and the recompile warning.

One entry per signature: (namespace, compiler, argument structure, per array its
type, shape, dtype and device, per other argument its type and value).

>>> cache = CompileCache("f")
>>> cache.info()
CacheInfo(hits=0, misses=0, size=0, compile_seconds=0.0)
"""

from __future__ import annotations

import numbers
import threading
import warnings
from typing import Any, NamedTuple

__all__ = ["CacheInfo", "CompileCache", "RecompileWarning", "DEFAULT_RECOMPILE_WARNING"]

#: Compiles of one function after which ``RecompileWarning`` is issued (once).
DEFAULT_RECOMPILE_WARNING = 16


class RecompileWarning(UserWarning):
    """An autojit function compiled again and again: its signatures keep changing."""


class CacheInfo(NamedTuple):
    """``hits``: calls that reused a program; ``misses``: calls that compiled one;
    ``size``: programs held; ``compile_seconds``: time spent compiling (first calls)."""

    hits: int
    misses: int
    size: int
    compile_seconds: float


class CompileCache:
    """Compiled programs of one function, keyed by signature.

    ``recompile_warning`` is the number of compiles after which a
    ``RecompileWarning`` says the signatures keep changing.
    """

    def __init__(self, name: str, recompile_warning: int = DEFAULT_RECOMPILE_WARNING) -> None:
        self.name = name
        self.recompile_warning = recompile_warning
        self.entries: dict = {}
        self.hits = 0
        self.misses = 0
        self.compile_seconds = 0.0
        self._warned = False
        self.lock = threading.Lock()

    def info(self) -> CacheInfo:
        size = len({id(program) for program in self.entries.values()})  # a program may have 2 keys
        return CacheInfo(self.hits, self.misses, size, round(self.compile_seconds, 6))

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.hits = self.misses = 0
            self.compile_seconds = 0.0
            self._warned = False

    def record_compile(self, seconds: float, signature: str) -> None:
        """Count one compile; warn once when there have been too many."""
        self.misses += 1
        self.compile_seconds += seconds
        if self.misses > self.recompile_warning and not self._warned:
            self._warned = True
            warnings.warn(
                f"arraycompat.autojit: {self.name} has been compiled {self.misses} times "
                f"(more than {self.recompile_warning}); the latest signature was {signature}. "
                f"Each new shape, dtype, device or static argument value compiles again: keep "
                f"them fixed (pad to a few sizes), or pass arrays instead of changing Python "
                f"values. Raise the limit with fn.recompile_warning = n.",
                RecompileWarning,
                stacklevel=4,
            )


def static_key(x: Any) -> Any:
    """A static argument as it enters the cache key: floats by their exact bits, so
    ``0.0`` and ``-0.0`` are two keys and every NaN is one; tuples item by item.

    >>> static_key(-0.0) == static_key(0.0), static_key(float("nan")) == static_key(float("nan"))
    (False, True)
    """
    t = type(x)
    if t is int or t is str or t is bool or x is None:
        return x
    if isinstance(x, float) or (isinstance(x, numbers.Real) and not isinstance(x, numbers.Integral)):
        try:
            return (t, float(x).hex())
        except (TypeError, ValueError, OverflowError):
            return x
    if isinstance(x, complex) or (isinstance(x, numbers.Complex) and not isinstance(x, numbers.Real)):
        z = complex(x)
        return (t, z.real.hex(), z.imag.hex())
    if t is tuple:
        return (t, *[static_key(y) for y in x])
    return x


def describe_value(x: Any, limit: int = 40) -> str:
    """A short repr for signatures in messages."""
    text = repr(x)
    return text if len(text) <= limit else text[: limit - 3] + "..."
