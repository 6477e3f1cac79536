"""array-api-compat's own functions, looked up where they are defined.

arraycompat delegates a few helpers (``device``, ``to_device``, ``is_lazy_array``) to
array-api-compat. It takes them from ``array_api_compat.common._helpers``, not from
the package's top level, so the swap ``array_api_compat.device = arraycompat.device``
(or ``array_namespace = arraycompat.get_namespace``) does not make arraycompat call
itself in a loop.

>>> import numpy
>>> compat_function("device")(numpy.ones(1))
'cpu'
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["compat_function"]

_originals: dict[str, Callable[..., Any]] = {}


def compat_function(name: str) -> Callable[..., Any]:
    """array-api-compat's function ``name``, never one of arraycompat's swapped in for it."""
    fn = _originals.get(name)
    if fn is None:
        from array_api_compat.common import _helpers

        fn = getattr(_helpers, name)
        if getattr(fn, "__module__", "").split(".", 1)[0] == "arraycompat":
            raise RuntimeError(
                f"arraycompat: array_api_compat.common._helpers.{name} was replaced by "
                f"arraycompat's {fn.__module__}.{fn.__qualname__}, so array-api-compat's own "
                f"{name} is gone and calling it would loop. Swap the public name instead: "
                f"array_api_compat.{name} = ..."
            )
        _originals[name] = fn
    return fn
