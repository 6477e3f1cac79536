"""jax (jax.numpy, the arrays' own namespace): what it still gets wrong, fixed.

- ``finfo``: attributes are numpy scalars; the standard wants Python floats.
- ``floor_divide`` with one infinite operand (NaN, -1), ``remainder`` of a zero (the
  sign of the dividend, not the divisor's).
- complex ``expm1``, ``log1p``, ``sign`` special cases at infinities, NaN and zeros.

Every fix is ``where`` over the library's own functions, never a Python ``bool`` of
an array, so the corrected functions trace under ``jax.jit``.

>>> import jax.numpy as jnp
>>> type(CORRECTIONS["finfo"](jnp)(jnp.float32).eps)
<class 'float'>
"""

from __future__ import annotations

from typing import Any, Callable

from ._common import shared_corrections

__all__ = ["CORRECTIONS"]

CORRECTIONS: dict[str, Callable[[Any], Any]] = shared_corrections(
    "finfo", "iinfo", "floor_divide", "remainder", "expm1", "log1p", "sign", eager=False
)
