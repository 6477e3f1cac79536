"""``shared_intermediates``: inside it, recording the same call twice gives the same
node, so common subexpressions are computed once.

Two calls are the same when they call the same function object on the *same*
lazy arrays (by identity, and the same version of each: ``x[i] = v`` makes a new
one) with equal other arguments. The key is exact: arrays
and unknown objects enter it by ``id`` and the cache keeps them alive, so an id
cannot be reused while its entry exists; scalars enter by type and value (floats
by their exact bits, so ``0.0`` and ``-0.0`` differ). Nothing is keyed by a hash
that could collide.

The active cache lives in a ``contextvars.ContextVar``: each thread and each
asyncio task has its own, and a cache handed to ``shared_intermediates(cache)`` in
another context carries on sharing there.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones(3))
>>> with lazy.shared_intermediates() as cache:
...     a = lazy.exp(x)
...     b = lazy.exp(x)
>>> a is b, len(cache)
(True, 1)
>>> lazy.exp(x) is a
False
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import operator
import threading
import weakref
from typing import Any, Iterator

from . import _indexing, _record
from ._node import LazyArray

__all__ = [
    "shared_intermediates", "SharedCache", "SharedWriteError", "currently_sharing", "get_sharing_cache",
]


class SharedCache:
    """The nodes recorded inside ``shared_intermediates``, by exact call key.

    Holding the cache keeps its nodes (and their data, once computed) alive.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2,), "float64")
    >>> with lazy.shared_intermediates() as cache:
    ...     a = x + 1
    ...     b = x + 1
    >>> cache
    SharedCache(1 nodes)
    >>> a is b
    True
    """

    __slots__ = ("_entries", "_keys", "__weakref__")

    def __init__(self) -> None:
        self._entries: dict = {}  # call key -> [node, objects kept alive, times handed out again]
        self._keys: dict = {}  # id(node) -> its call key
        _caches.add(self)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self._keys.clear()

    def __repr__(self) -> str:
        return f"SharedCache({len(self._entries)} nodes)"


class SharedWriteError(ValueError):
    """``x[key] = value`` on a node that ``shared_intermediates`` handed out for two
    equal expressions: eagerly they would be two arrays, here they are one object,
    so the write cannot reach only one of them."""


SharedWriteError.__module__ = "arraycompat.lazy"  # users see the public path in tracebacks


# Every SharedCache alive: a write to a node must update the caches that hold it.
_caches: "weakref.WeakSet[SharedCache]" = weakref.WeakSet()

_stack: contextvars.ContextVar[tuple] = contextvars.ContextVar(
    "arraycompat_lazy_shared_intermediates", default=()
)
_lock = threading.Lock()
_active = 0  # contexts open in any thread; the node hook is installed while > 0


def currently_sharing() -> bool:
    """True inside ``shared_intermediates`` in this thread or task."""
    return bool(_stack.get())


def get_sharing_cache() -> SharedCache:
    """The innermost active cache of this thread or task."""
    stack = _stack.get()
    if not stack:
        raise RuntimeError(
            "arraycompat.lazy.get_sharing_cache: not inside lazy.shared_intermediates()"
        )
    return stack[-1]


@contextlib.contextmanager
def shared_intermediates(cache: SharedCache | None = None) -> Iterator[SharedCache]:
    """Share common subexpressions while the context is open; yields the cache, which
    can be passed to a later (or another thread's) ``shared_intermediates(cache)``.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2,), "float64")
    >>> with lazy.shared_intermediates() as c:
    ...     y = x + 1
    >>> with lazy.shared_intermediates(c):
    ...     (x + 1) is y
    True
    """
    global _active
    if cache is None:
        cache = SharedCache()
    elif not isinstance(cache, SharedCache):
        raise TypeError(
            f"arraycompat.lazy.shared_intermediates: cache must be a SharedCache (the object "
            f"a previous shared_intermediates() yielded) or None, got {type(cache).__name__}"
        )
    token = _stack.set(_stack.get() + (cache,))
    with _lock:
        _active += 1
        _record.share_hook = share
    try:
        yield cache
    finally:
        _stack.reset(token)
        with _lock:
            _active -= 1
            if _active == 0:
                _record.share_hook = None


_VALUE_TYPES = frozenset((bool, int, str, bytes, type(None), type(Ellipsis)))


def _key(x: Any, keep: list) -> Any:
    t = type(x)
    if t is LazyArray:
        # ``x[i] = v`` turns x into a new node in place, with new args: the args
        # tuple's identity tells the versions of x apart
        keep.append(x)
        keep.append(x._args)
        return (LazyArray, id(x), id(x._args))
    if t in _VALUE_TYPES:
        return (t, x)
    if t is float:
        return (float, x.hex())
    if t is complex:
        return (complex, x.real.hex(), x.imag.hex())
    if t is tuple or t is list:
        return (t, *[_key(y, keep) for y in x])
    if t is slice:
        return (slice, _key(x.start, keep), _key(x.stop, keep), _key(x.step, keep))
    if t is dict:
        return (dict, *[(_key(k, keep), _key(v, keep)) for k, v in x.items()])
    if t is operator.itemgetter:  # made per call for x[key]: equal when the keys are
        return (t, _key(x.__reduce__()[1], keep))
    if t is functools.partial:
        return (t, _key(x.func, keep), _key(x.args, keep), _key(x.keywords, keep))
    # functions, dtypes, devices, foreign arrays...: by identity, kept alive
    keep.append(x)
    return (object, id(x))


def share(node: LazyArray) -> LazyArray:
    """The node already recorded for the same call as ``node`` in the active cache,
    or ``node`` itself (now recorded). Called by the node constructors."""
    stack = _stack.get()
    if not stack or node._fn is None:
        return node
    entries = stack[-1]._entries
    keep: list = []
    key = (_key(node._fn, keep), _key(node._args, keep), _key(node._kwargs, keep))
    found = entries.get(key)
    if found is not None:
        found[2] += 1
        return found[0]
    entries[key] = [node, keep, 0]
    stack[-1]._keys[id(node)] = key
    return node


def before_write(x: LazyArray, old: LazyArray) -> None:
    """``x[key] = value`` is about to turn ``x`` into a new node; ``old`` holds its
    value before the write. A cache holding ``x`` now holds ``old`` for that call
    (a later equal expression gets the value before the write); a node already
    handed out for two equal expressions cannot be written to: ``SharedWriteError``."""
    if not _caches:
        return
    for cache in list(_caches):
        key = cache._keys.get(id(x))
        if key is None:
            continue
        entry = cache._entries[key]
        if entry[2]:
            raise SharedWriteError(
                f"arraycompat.lazy: x[...] = value on {x!r}, which shared_intermediates() "
                f"gave to {entry[2] + 1} equal expressions: eagerly they are separate arrays, "
                f"here one object, so the write would change all of them. Write to a copy "
                f"made outside the sharing context, or trace without shared_intermediates."
            )
        entry[0] = old
        del cache._keys[id(x)]
        cache._keys[id(old)] = key


_indexing._shared_before_write = before_write
