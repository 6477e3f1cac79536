"""Names beyond the standard (``einsum``, ``kron``, ``linalg.norm``...): each call is
recorded as a node of the wrapped library's function of that name, found through
its arraycompat Namespace, so autoray-style code traces unchanged.

>>> from arraycompat import lazy
>>> x = lazy.Variable((3, 3), "float64")
>>> lazy.linalg.norm(x).shape, lazy.einsum("ij,jk->ik", x, x).shape
((), (3, 3))
"""

from __future__ import annotations

import types
from typing import Any, Callable

from ..core._namespace import Namespace
from ._config import backend_namespace

__all__ = ["beyond_standard"]

_made: dict[str, Callable] = {}


def beyond_standard(path: str) -> Callable:
    """A lazy function for ``path`` ('einsum', 'linalg.norm'); ``AttributeError`` when
    the default backend has no such function either."""
    fn = _made.get(path)
    if fn is not None:
        return fn
    last = path.rsplit(".", 1)[-1]
    if last.startswith("_"):
        raise AttributeError(f"module 'arraycompat.lazy' has no attribute {path!r}")
    ns = backend_namespace()
    target: Any = ns
    try:
        for part in path.split("."):
            target = getattr(target, part)
    except AttributeError:
        raise AttributeError(
            f"arraycompat.lazy has no function {path!r}: it is not in the Array API standard "
            f"and the default backend ({ns.name}) has no such name either."
        ) from None
    if isinstance(target, (types.ModuleType, Namespace)):
        # a submodule of the backend (numpy.core...) is not a lazy function; this also
        # lets `from arraycompat.lazy import core` find our own submodule
        raise AttributeError(
            f"arraycompat.lazy has no attribute {path!r}: in the default backend "
            f"({ns.name}) it is a module, not a function."
        )
    if not callable(target):
        return target

    def lazy_function(*args: Any, **kwargs: Any) -> Any:
        from ._record import apply

        return apply(path, args, kwargs)

    lazy_function.__name__ = lazy_function.__qualname__ = last
    lazy_function.__doc__ = f"``{path}`` of the wrapped library, recorded as a lazy node."
    _made[path] = lazy_function
    return lazy_function
