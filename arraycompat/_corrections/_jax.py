"""jax (jax.numpy, the arrays' own namespace): what it still gets wrong, fixed.

- ``finfo``: attributes are numpy scalars; the standard wants Python floats.
- ``floor_divide`` with one infinite operand (NaN, -1), ``remainder`` of a zero (the
  sign of the dividend, not the divisor's).
- complex ``expm1``, ``log1p``, ``sign`` special cases at infinities, NaN and zeros.
- ``expand_dims`` with an integer axis out of range raises ValueError (the standard:
  IndexError); ``permute_dims`` refuses negative axes; ``searchsorted`` returns int32
  where the default indexing dtype is int64 (x64 on).

Every fix is ``where`` over the library's own functions, never a Python ``bool`` of
an array, so the corrected functions trace under ``jax.jit``.

>>> import jax.numpy as jnp
>>> type(CORRECTIONS["finfo"](jnp)(jnp.float32).eps)
<class 'float'>
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from ._common import shared_corrections

__all__ = ["CORRECTIONS"]


def _expand_dims(xp: Any) -> Callable:
    base = xp.expand_dims

    @functools.wraps(base)
    def expand_dims(x, /, *args, **kwargs):
        axis = args[0] if args else kwargs.get("axis", 0)
        if not (args or "axis" in kwargs):
            kwargs["axis"] = 0  # the standard's default
        ndim = getattr(x, "ndim", 0)
        if isinstance(axis, int) and not -ndim - 1 <= axis <= ndim:
            raise IndexError(
                f"expand_dims: axis {axis} is out of range for an array of {ndim} dimensions "
                f"(valid: {-ndim - 1} to {ndim})"
            )
        return base(x, *args, **kwargs)

    return expand_dims


def _permute_dims(xp: Any) -> Callable:
    base = xp.permute_dims

    @functools.wraps(base)
    def permute_dims(x, /, axes, *args, **kwargs):
        ndim = x.ndim
        axes = tuple(a + ndim if -ndim <= a < 0 else a for a in axes)
        return base(x, axes, *args, **kwargs)

    return permute_dims


def _searchsorted(xp: Any) -> Callable:
    base = xp.searchsorted

    @functools.wraps(base)
    def searchsorted(x1, x2, /, *args, **kwargs):
        out = base(x1, x2, *args, **kwargs)
        indexing = xp.__array_namespace_info__().default_dtypes()["indexing"]
        return out if out.dtype == indexing else out.astype(indexing)

    return searchsorted


CORRECTIONS: dict[str, Callable[[Any], Any]] = {
    **shared_corrections(
        "finfo", "iinfo", "floor_divide", "remainder", "expm1", "log1p", "sign", eager=False
    ),
    "expand_dims": _expand_dims,
    "permute_dims": _permute_dims,
    "searchsorted": _searchsorted,
}
