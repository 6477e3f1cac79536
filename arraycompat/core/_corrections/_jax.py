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

import functools
from typing import Any, Callable

from ._common import (
    make_complex_expm1,
    make_complex_log1p,
    make_complex_sign,
    make_finfo,
    make_floor_divide,
    make_iinfo,
    make_remainder,
)

__all__ = ["CORRECTIONS"]

CORRECTIONS: dict[str, Callable[[Any], Any]] = {
    "finfo": make_finfo,
    "iinfo": make_iinfo,
    "floor_divide": make_floor_divide,
    "remainder": make_remainder,
    "expm1": functools.partial(make_complex_expm1, eager=False),
    "log1p": functools.partial(make_complex_log1p, eager=False),
    "sign": functools.partial(make_complex_sign, eager=False),
}
