"""The per-function cache of compiled programs, its statistics and the recompile warning.

One entry per signature: (namespace, compiler, argument structure, per array its
type, shape, dtype and device, per other argument its type and value).

>>> cache = CompileCache("f")
>>> cache.info()
CacheInfo(hits=0, misses=0, size=0, compile_seconds=0.0)
"""

from __future__ import annotations

import threading
import warnings
from typing import Any, NamedTuple

__all__ = ["CacheInfo", "CompileCache", "RecompileWarning", "DEFAULT_RECOMPILE_WARNING"]

#: Compiles of one function after which ``RecompileWarning`` is issued (once).
DEFAULT_RECOMPILE_WARNING = 16


class RecompileWarning(UserWarning):
    """An autojit function compiled again and again: its signatures keep changing."""


RecompileWarning.__module__ = "arraycompat.jit"  # users see the public path in tracebacks


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


def describe_value(x: Any, limit: int = 40) -> str:
    """A short repr for signatures in messages."""
    text = repr(x)
    return text if len(text) <= limit else text[: limit - 3] + "..."
