"""torch (over array_api_compat.torch): what it still gets wrong, fixed.

- ``finfo``/``iinfo``: ``.dtype`` is a string ('float32'); the standard wants a torch dtype.
- ``broadcast_shapes`` of incompatible shapes raises RuntimeError; the standard, ValueError.
- ``floor_divide`` with one infinite operand, ``remainder`` of a zero (sign of the divisor).
- complex ``expm1``, ``acos``, ``log1p``, ``tanh`` special cases; ``unique_all``; ``std``/``var`` with a
  fractional ``correction``; ``asarray`` of a nested list of 0-d uint16/32/64 tensors.
- uint16, uint32, uint64: torch has few kernels for them ("Promotion for uint16, uint32,
  uint64 types is not supported", "'lt_cpu' not implemented for 'UInt16'"). The functions
  below compute in a signed type that holds every value (``_unsigned.py``) and cast back;
  sum/prod of an unsigned array is uint64 as the standard asks. Other dtypes take the
  wrapped function directly after one dtype check.

``Tensor`` methods and operators (``x + y``, ``x[::0]``) are torch's own and stay as they
are (conformance/torch-xfails.txt).

>>> import torch, array_api_compat.torch as compat
>>> CORRECTIONS["finfo"](compat)(torch.complex64).dtype
torch.float32
>>> add = CORRECTIONS["add"](compat)
>>> add(torch.tensor([65535], dtype=torch.uint16), torch.tensor([2], dtype=torch.uint32)).tolist()
[65537]
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

import torch

from . import _unsigned as u
from ._common import (
    make_complex_expm1,
    make_complex_log1p,
    make_complex_tanh,
    fix_result,
    make_finfo,
    make_floor_divide,
    make_iinfo,
    make_remainder,
)

__all__ = ["CORRECTIONS"]


def _torch_dtype(info: Any) -> Any:
    dtype = info.dtype
    return getattr(torch, dtype) if isinstance(dtype, str) else dtype


def _finfo(xp: Any) -> Callable:
    return make_finfo(xp, _torch_dtype)


def _iinfo(xp: Any) -> Callable:
    return make_iinfo(xp, _torch_dtype)


def _broadcast_shapes(xp: Any) -> Callable:
    base = xp.broadcast_shapes

    @functools.wraps(base)
    def broadcast_shapes(*shapes):
        try:
            return base(*shapes)
        except RuntimeError as e:
            raise ValueError(
                f"broadcast_shapes: the shapes {', '.join(map(str, shapes))} do not broadcast "
                f"together ({e})"
            ) from None

    return broadcast_shapes


def _remainder(xp: Any) -> Callable:
    """A zero remainder takes the sign of the divisor (``+0 % -2`` is ``-0``)."""
    return make_remainder(xp, u.binary(xp.remainder, u.floor_divmod_remainder))


def _floor_divide(xp: Any) -> Callable:
    fixed = make_floor_divide(xp)
    return u.binary(fixed, u.floor_divmod_quotient)


def _acos(xp: Any) -> Callable:
    """``acos(±0 + 0j)`` is ``π/2 - 0j`` (the imaginary zero's sign flips)."""

    def fix(out, x, *_):
        if not (isinstance(x, torch.Tensor) and x.is_complex()):
            return out
        zero = (x.real == 0) & (x.imag == 0)
        if not bool(zero.any()):
            return out
        flipped = torch.complex(out.real, -torch.copysign(torch.zeros_like(x.imag), x.imag))
        return torch.where(zero, flipped, out)

    return fix_result(xp, xp.acos, fix)


def _unique_all(xp: Any) -> Callable:
    """values, first indices, inverse indices (in ``x``'s shape) and counts."""
    from array_api_compat.common._aliases import UniqueAllResult

    def unique_all(x, /):
        flat = x.reshape(-1)
        if x.is_complex():  # torch.unique has no complex kernel: unique (real, imag) rows
            rows, inverse, counts = torch.unique(
                torch.view_as_real(flat), dim=0, sorted=True, return_inverse=True, return_counts=True
            )
            values = torch.view_as_complex(rows.contiguous())
        else:
            values, inverse, counts = torch.unique(
                flat, sorted=True, return_inverse=True, return_counts=True
            )
        if x.dtype.is_floating_point or x.is_complex():
            counts = torch.where(torch.isnan(values), torch.ones_like(counts), counts)
        positions = torch.arange(flat.shape[0], device=x.device)
        indices = torch.full(values.shape, flat.shape[0], dtype=torch.int64, device=x.device)
        indices = indices.scatter_reduce(0, inverse, positions, reduce="amin")
        return UniqueAllResult(values, indices, inverse.reshape(x.shape), counts)

    return unique_all


def _asarray(xp: Any) -> Callable:
    """A nested list holding 0-d uint16/32/64 tensors (``[[x[0] * y[0]]]``): torch
    refuses them ("an integer is required"); their Python ints are taken instead."""
    base = xp.asarray

    def items(obj: Any) -> Any:
        if isinstance(obj, (list, tuple)):
            return [items(o) for o in obj]
        if isinstance(obj, torch.Tensor) and obj.ndim == 0 and obj.dtype in u.WIDE:
            return obj.item()
        return obj

    @functools.wraps(base)
    def asarray(obj, /, *args, **kwargs):
        try:
            return base(obj, *args, **kwargs)
        except TypeError:
            if not isinstance(obj, (list, tuple)):
                raise
            return base(items(obj), *args, **kwargs)

    return asarray


def _with_correction(name: str) -> Callable[[Any], Callable]:
    """std/var with a fractional ``correction``: rescale the ``correction=0`` result."""

    def make(xp: Any) -> Callable:
        base = getattr(xp, name)

        @functools.wraps(base)
        def corrected(x, /, *args, axis=None, correction=0.0, keepdims=False, **kwargs):
            # args, kwargs: what the wrapped function takes beyond the standard, passed on
            if float(correction).is_integer():
                return base(x, *args, axis=axis, correction=int(correction), keepdims=keepdims, **kwargs)
            population_var = xp.var(x, *args, axis=axis, correction=0, keepdims=keepdims, **kwargs)
            if axis is None:
                n = x.numel()
            else:
                axes = (axis,) if isinstance(axis, int) else axis
                n = math.prod(x.shape[a] for a in axes)
            var = population_var * (n / (n - correction)) if n != correction else population_var / 0.0
            return torch.sqrt(var) if name == "std" else var

        return corrected

    return make


CORRECTIONS: dict[str, Callable[[Any], Any]] = {
    "finfo": _finfo,
    "iinfo": _iinfo,
    "broadcast_shapes": _broadcast_shapes,
    "floor_divide": _floor_divide,
    "remainder": _remainder,
    "expm1": make_complex_expm1,
    "acos": _acos,
    "log1p": make_complex_log1p,
    "tanh": make_complex_tanh,
    "unique_all": _unique_all,
    "asarray": _asarray,
    "std": _with_correction("std"),
    "var": _with_correction("var"),
    "result_type": u.make_result_type,
    **u.CORRECTIONS,
}
