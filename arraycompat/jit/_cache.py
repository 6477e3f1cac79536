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
from collections import OrderedDict
import warnings
from typing import Any, NamedTuple

from ..core._lru import check_size

__all__ = [
    "CacheInfo", "CompileCache", "RecompileWarning", "DEFAULT_RECOMPILE_WARNING", "DEFAULT_CACHE_SIZE",
]

#: Compiles of one function after which ``RecompileWarning`` is issued (once).
DEFAULT_RECOMPILE_WARNING = 16
#: Compiled programs one autojit function holds; the least recently used go first.
DEFAULT_CACHE_SIZE = 64


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

    def __init__(
        self,
        name: str,
        recompile_warning: int = DEFAULT_RECOMPILE_WARNING,
        max_size: int | None = DEFAULT_CACHE_SIZE,
    ) -> None:
        self.name = name
        self.recompile_warning = recompile_warning
        self.max_size = check_size(max_size, "cache_size")
        self.entries: OrderedDict = OrderedDict()  # key -> program, least recently used first
        self._keys: dict = {}  # id(program) -> its keys (a program may have two)
        self.hits = 0
        self.misses = 0
        self.compile_seconds = 0.0
        self._warned = False
        self.lock = threading.Lock()

    def info(self) -> CacheInfo:
        size = len(self._keys)  # a program may have 2 keys
        return CacheInfo(self.hits, self.misses, size, round(self.compile_seconds, 6))

    def add(self, key: Any, program: Any) -> None:
        """Hold ``program`` under ``key``; beyond ``max_size`` programs, drop the least
        recently used ones."""
        with self.lock:
            self.entries[key] = program
            keys = self._keys.setdefault(id(program), [])
            if key not in keys:
                keys.append(key)
            self.trim()

    def used(self, key: Any) -> None:
        """Mark the program under ``key`` as just used."""
        try:
            self.entries.move_to_end(key)
        except KeyError:  # dropped by another thread meanwhile
            pass

    def trim(self) -> None:
        if self.max_size is None:
            return
        while len(self._keys) > self.max_size and self.entries:
            # the least recently used key goes; its program with it once no key is left
            key, program = self.entries.popitem(last=False)
            keys = self._keys.get(id(program))
            if keys is not None:
                if key in keys:
                    keys.remove(key)
                if not keys:
                    del self._keys[id(program)]

    def resize(self, max_size: int | None) -> None:
        with self.lock:
            self.max_size = check_size(max_size, "cache_size")
            self.trim()

    def clear(self) -> None:
        with self.lock:
            self._keys.clear()
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
