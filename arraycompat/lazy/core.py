"""``autoray.lazy.core``'s names, for code that imports them from there:
``from arraycompat.lazy.core import LazyArray, Function, lazy_cache, ...``.

>>> from arraycompat.lazy.core import LazyArray, Variable, lazy_cache
>>> isinstance(Variable((2,), "float64") + 1, LazyArray)
True
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from . import *  # noqa: F401,F403
from . import __all__ as _lazy_names
from ._node import LazyArray, Variable, array
from ._shared import currently_sharing, get_sharing_cache, shared_intermediates
from ._simplify import _target_shape
from .manipulation import broadcast_shapes

__all__ = [*_lazy_names, "lazy_cache", "ensure_lazy", "is_lazy_array", "currently_sharing",
           "get_sharing_cache", "shared_intermediates", "find_full_reshape",
           "find_broadcast_shape"]


def is_lazy_array(x: Any) -> bool:
    """``x`` is a lazy array."""
    return isinstance(x, LazyArray)


def ensure_lazy(x: Any) -> LazyArray:
    """``x`` as a lazy array (wrapping an array of any library)."""
    return x if isinstance(x, LazyArray) else array(x)


def lazy_cache(fn_name: str, hasher: Callable | None = None) -> Callable:
    """Mark a function that builds lazy nodes: inside ``shared_intermediates`` a second
    call with the same arguments returns the first call's result.

    >>> from arraycompat import lazy
    >>> @lazy_cache("double")
    ... def double(x):
    ...     return x * 2
    >>> x = lazy.Variable((2,), "float64")
    >>> with lazy.shared_intermediates():
    ...     double(x) is double(x)
    True
    """

    def decorator(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def cached(*args: Any, **kwargs: Any) -> Any:
            if not currently_sharing():
                return fn(*args, **kwargs)
            store = get_sharing_cache()._entries
            keep: list = []
            from ._shared import _key

            key = (("lazy_cache", fn_name),
                   hasher(fn_name, *args, **kwargs) if hasher else
                   (_key(args, keep), _key(kwargs, keep)))
            found = store.get(key)
            if found is None:
                found = store[key] = (fn(*args, **kwargs), keep)
            return found[0]

        return cached

    return decorator


@functools.lru_cache(2**14)
def find_full_reshape(newshape: tuple, size: int) -> tuple:
    """``newshape`` with its ``-1`` (if any) replaced by the size that makes the
    product ``size``; ``ValueError`` when no whole size does.

    >>> find_full_reshape((2, -1, 3), 24), find_full_reshape((4, 6), 24)
    ((2, 4, 3), (4, 6))
    """
    newshape = tuple(newshape)
    if -1 not in newshape:
        return newshape
    full = _target_shape(newshape, size)
    if full is None:
        raise ValueError(
            f"find_full_reshape: cannot reshape {size} elements to {newshape}: no whole size "
            f"in place of -1 makes the product {size}."
        )
    return full


def find_broadcast_shape(xshape: tuple, yshape: tuple) -> tuple:
    """The shape two arrays of these shapes broadcast to (autoray's name for
    ``broadcast_shapes``).

    >>> find_broadcast_shape((2, 1), (3,))
    (2, 3)
    """
    return broadcast_shapes(xshape, yshape)
