"""``LRU``: a dict that keeps at most ``maxsize`` entries, dropping the least recently
used; the bounded caches of lazy and autojit are built on it.

>>> cache = LRU(2)
>>> cache["a"] = 1; cache["b"] = 2
>>> cache.get("a")
1
>>> cache["c"] = 3  # "b" was used least recently
>>> list(cache)
['a', 'c']
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

__all__ = ["LRU"]


class LRU(OrderedDict):
    """An ``OrderedDict`` whose ``get`` marks an entry as used and whose inserts drop
    the least recently used entries beyond ``maxsize`` (``None``: no bound)."""

    def __init__(self, maxsize: int | None) -> None:
        super().__init__()
        self.maxsize = check_size(maxsize, "maxsize")

    def get(self, key: Any, default: Any = None) -> Any:
        value = super().get(key, _MISSING)
        if value is _MISSING:
            return default
        try:
            self.move_to_end(key)
        except KeyError:  # dropped by another thread meanwhile
            pass
        return value

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, value)
        self.trim()

    def trim(self) -> None:
        """Drop the least recently used entries beyond ``maxsize``."""
        if self.maxsize is not None:
            while len(self) > self.maxsize:
                try:
                    self.popitem(last=False)
                except KeyError:
                    break

    def resize(self, maxsize: int | None) -> None:
        self.maxsize = check_size(maxsize, "maxsize")
        self.trim()


def check_size(n: Any, what: str) -> int | None:
    """``n`` as a cache size (an int >= 0, or None for no bound), else a clear error."""
    if n is None:
        return None
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"arraycompat: {what} must be an int >= 0 or None (no bound), got {n!r}")
    return n


_MISSING = object()
