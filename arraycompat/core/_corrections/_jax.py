"""jax (jax.numpy, the arrays' own namespace): what it still gets wrong, fixed.

- ``finfo``: attributes are numpy scalars; the standard wants Python floats.
- ``floor_divide`` with one infinite operand (NaN, -1), ``remainder`` of a zero (the
  sign of the dividend, not the divisor's).
- complex ``expm1``, ``log1p``, ``sign`` special cases at infinities, NaN and zeros.
- complex ``acos``, ``acosh``, ``asinh``, ``atanh``, ``cosh``, ``exp``, ``log``,
  ``sinh``, ``sqrt``, ``tanh`` at infinities, NaN and zeros (jax gives NaN parts where the
  standard has values); ``cumulative_prod`` of small integers keeps their dtype (the
  standard accumulates in the default integer dtype, as ``sum`` does).
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
import math
from typing import Any, Callable

from ._common import SIGNED_ZERO, complex_cases, shared_corrections

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


def _cumulative_prod(xp: Any) -> Callable:
    base = xp.cumulative_prod

    @functools.wraps(base)
    def cumulative_prod(x, /, *args, dtype=None, **kwargs):
        if dtype is None and (xp.isdtype(x.dtype, "integral") or x.dtype == xp.bool):
            dtype = xp.sum(xp.zeros(0, dtype=x.dtype)).dtype  # the standard's accumulation dtype
        return base(x, *args, dtype=dtype, **kwargs)

    return cumulative_prod


_nan, _inf, _pi = math.nan, math.inf, math.pi


def _cases(xp: Any, re: Any, im: Any) -> dict:
    """The conditions the special cases below are written with."""
    return {
        "re+0": (re == 0) & ~xp.signbit(re), "re0": re == 0, "re+inf": re == _inf,
        "re-inf": re == -_inf, "reinf": xp.isinf(re), "renan": xp.isnan(re),
        "im+0": (im == 0) & ~xp.signbit(im), "im+inf": im == _inf, "imnan": xp.isnan(im),
        "refinite": xp.isfinite(re), "imfinite": xp.isfinite(im),
    }


def _table(*rows: tuple) -> Callable:
    """Cases as ``((condition names...), real part, imaginary part)`` rows (all names hold)."""

    def cases(xp, re, im):
        c = _cases(xp, re, im)
        out = []
        for names, real, imag in rows:
            mask = c[names[0]]
            for name in names[1:]:
                mask = mask & (~c[name[1:]] if name.startswith("!") else c[name])
            out.append((mask, real, imag))
        return tuple(out)

    return cases


#: complex special cases jax.numpy gets wrong (the standard's tables, as the suite checks them)
_COMPLEX = {
    "acos": _table((("re0", "imnan"), _pi / 2, _nan)),
    "acosh": _table((("re+0", "imnan"), _nan, _pi / 2)),
    "asinh": _table((("renan", "im+0"), _nan, 0.0)),
    "atanh": _table(
        (("re+0", "imnan"), 0.0, _nan),
        (("refinite", "!re0", "imnan"), _nan, _nan),
        (("re+inf", "imnan"), 0.0, _nan),
        (("renan", "imfinite"), _nan, _nan),
        (("renan", "imnan"), _nan, _nan),
    ),
    "cosh": _table(
        (("re+0", "im+inf"), _nan, 0.0),
        (("re+0", "imnan"), _nan, 0.0),
        (("re+inf", "im+inf"), _inf, _nan),
        (("re+inf", "imnan"), _inf, _nan),
    ),
    "exp": _table(
        (("re-inf", "im+inf"), 0.0, 0.0),
        (("re+inf", "im+inf"), _inf, _nan),
        (("re-inf", "imnan"), 0.0, 0.0),
        (("re+inf", "imnan"), _inf, _nan),
    ),
    "log": _table((("reinf", "imnan"), _inf, _nan), (("renan", "im+inf"), _inf, _nan)),
    "sinh": _table(
        (("re+0", "im+inf"), 0.0, _nan),
        (("re+0", "imnan"), 0.0, _nan),
        (("re+inf", "im+inf"), _inf, _nan),
        (("re+inf", "imnan"), _inf, _nan),
    ),
    "sqrt": _table((("re-inf", "imnan"), _nan, _inf), (("re+inf", "imnan"), _inf, _nan)),
    "tanh": _table(
        (("re+0", "im+inf"), 0.0, _nan),
        (("re+0", "imnan"), 0.0, _nan),
        (("re+inf", "imfinite"), 1.0, SIGNED_ZERO),
    ),
}


CORRECTIONS: dict[str, Callable[[Any], Any]] = {
    **{name: functools.partial(complex_cases(name, cases), eager=False) for name, cases in _COMPLEX.items()},
    "cumulative_prod": _cumulative_prod,
    **shared_corrections(
        "finfo", "iinfo", "floor_divide", "remainder", "expm1", "log1p", "sign", eager=False
    ),
    "expand_dims": _expand_dims,
    "permute_dims": _permute_dims,
    "searchsorted": _searchsorted,
}
