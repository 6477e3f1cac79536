"""Fixes shared by several libraries, written against the uncorrected namespace ``xp``.

Each ``make_*`` takes the namespace being corrected and returns the corrected
function; the per-library tables pick the ones their library needs.

>>> import array_api_compat.numpy as xp
>>> info = make_finfo(xp)(xp.float32)
>>> type(info.eps), info.dtype, float(info.tiny) == info.smallest_normal
(<class 'float'>, dtype('float32'), True)
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

__all__ = [
    "FloatInfo",
    "IntInfo",
    "make_finfo",
    "make_iinfo",
    "make_floor_divide",
    "make_remainder",
    "make_complex_expm1",
    "make_complex_log1p",
    "make_complex_tanh",
    "make_complex_sign",
]


class FloatInfo:
    """``finfo`` as the standard has it: ``bits`` an int; ``eps``, ``max``, ``min``,
    ``smallest_normal`` Python floats; ``dtype`` the real floating dtype (a dtype
    object of the library, never a string). Other attributes come from the library's
    own finfo object.

    >>> import numpy
    >>> FloatInfo(numpy.finfo(numpy.float16), numpy.dtype("float16")).max
    65504.0
    """

    __slots__ = ("bits", "eps", "max", "min", "smallest_normal", "dtype", "_info")

    def __init__(self, info: Any, dtype: Any) -> None:
        self.bits = int(info.bits)
        self.eps = float(info.eps)
        self.max = float(info.max)
        self.min = float(info.min)
        self.smallest_normal = float(getattr(info, "smallest_normal", None) or info.tiny)
        self.dtype = dtype
        self._info = info

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._info, attr)

    def __repr__(self) -> str:
        return (
            f"finfo(bits={self.bits}, eps={self.eps!r}, max={self.max!r}, min={self.min!r}, "
            f"smallest_normal={self.smallest_normal!r}, dtype={self.dtype})"
        )


class IntInfo:
    """``iinfo`` as the standard has it: ``bits``, ``max``, ``min`` Python ints and
    ``dtype`` a dtype object of the library. Other attributes come from the library's
    own iinfo object.

    >>> import numpy
    >>> IntInfo(numpy.iinfo(numpy.uint8), numpy.dtype("uint8")).max
    255
    """

    __slots__ = ("bits", "max", "min", "dtype", "_info")

    def __init__(self, info: Any, dtype: Any) -> None:
        self.bits = int(info.bits)
        self.max = int(info.max)
        self.min = int(info.min)
        self.dtype = dtype
        self._info = info

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._info, attr)

    def __repr__(self) -> str:
        return f"iinfo(bits={self.bits}, max={self.max}, min={self.min}, dtype={self.dtype})"


def _dtype_of(type_: Any) -> Any:
    """The dtype of a dtype-or-array argument (an array has ``.dtype``)."""
    dtype = getattr(type_, "dtype", None)
    return type_ if dtype is None or isinstance(type_, type) else dtype


def make_finfo(xp: Any, real_dtype: Callable[[Any], Any] | None = None) -> Callable:
    """``finfo`` returning a ``FloatInfo``; ``real_dtype(info)`` gives its ``dtype``
    from the wrapped finfo's result (default: that result's own ``dtype``)."""
    base = xp.finfo

    @functools.lru_cache(maxsize=None)
    def info_of(dtype: Any) -> FloatInfo:
        info = base(dtype)
        return FloatInfo(info, real_dtype(info) if real_dtype is not None else info.dtype)

    @functools.wraps(base)
    def finfo(type_, /):
        dtype = _dtype_of(type_)
        try:
            return info_of(dtype)
        except TypeError:  # an unhashable dtype-like: no cache
            info = base(type_)
            return FloatInfo(info, real_dtype(info) if real_dtype is not None else info.dtype)

    return finfo


def make_iinfo(xp: Any, dtype_attr: Callable[[Any], Any] | None = None) -> Callable:
    """``iinfo`` returning an ``IntInfo``; ``dtype_attr(info)`` gives its ``dtype``
    from the wrapped iinfo's result (default: that result's own ``dtype``)."""
    base = xp.iinfo

    @functools.lru_cache(maxsize=None)
    def info_of(dtype: Any) -> IntInfo:
        info = base(dtype)
        return IntInfo(info, dtype_attr(info) if dtype_attr is not None else info.dtype)

    @functools.wraps(base)
    def iinfo(type_, /):
        dtype = _dtype_of(type_)
        try:
            return info_of(dtype)
        except TypeError:
            info = base(type_)
            return IntInfo(info, dtype_attr(info) if dtype_attr is not None else info.dtype)

    return iinfo


def _is_real_floating(xp: Any, x: Any) -> bool:
    return hasattr(x, "dtype") and xp.isdtype(x.dtype, "real floating")


def make_floor_divide(xp: Any, name: str = "floor_divide") -> Callable:
    """``floor_divide`` where exactly one operand is infinite: the standard asks for
    ``x1 / x2`` there (±infinity for an infinite dividend, a signed zero for an
    infinite divisor); numpy-style kernels give NaN or -1."""
    base = getattr(xp, name)

    @functools.wraps(base)
    def floor_divide(x1, x2, /):
        out = base(x1, x2)
        if not (_is_real_floating(xp, x1) or _is_real_floating(xp, x2)):
            return out
        one_infinite = xp.logical_xor(xp.isinf(xp.asarray(x1)), xp.isinf(xp.asarray(x2)))
        return xp.where(one_infinite, xp.divide(x1, x2), out)

    return floor_divide


def make_remainder(xp: Any) -> Callable:
    """``remainder`` whose zero results take the sign of the divisor (``+0 % -2`` is
    ``-0``, ``4 % -2`` is ``-0``), as the standard (and Python) has it."""
    base = xp.remainder

    @functools.wraps(base)
    def remainder(x1, x2, /):
        out = base(x1, x2)
        if not _is_real_floating(xp, out):
            return out
        divisor = xp.asarray(x2, dtype=out.dtype)
        return xp.where(out == 0, xp.copysign(xp.zeros_like(out), divisor), out)

    return remainder


def _complex_parts(xp: Any, x: Any) -> tuple[Any, Any] | None:
    if not (hasattr(x, "dtype") and xp.isdtype(x.dtype, "complex floating")):
        return None
    return xp.real(x), xp.imag(x)


class Signed(float):
    """In a case, an imaginary part that takes the sign of the input's imaginary part."""


SIGNED_ZERO = Signed(0.0)


def _constant(xp: Any, re: float, im: float, like: Any) -> Any:
    return xp.asarray(complex(re, im), dtype=like.dtype)


def make_complex_expm1(xp: Any, eager: bool = True) -> Callable:
    """``expm1`` with the standard's complex special cases at infinities, NaN and zero."""
    base = xp.expm1
    nan, inf = math.nan, math.inf

    @functools.wraps(base)
    def expm1(x, /):
        out = base(x)
        parts = _complex_parts(xp, x)
        if parts is None:
            return out
        re, im = parts
        finite_im = xp.isfinite(im)
        cases = (
            # (condition, real part, imaginary part)
            ((re == 0) & (im == 0), 0.0, SIGNED_ZERO),
            ((re == inf) & (im == 0), inf, SIGNED_ZERO),
            ((re == inf) & ~finite_im, inf, nan),
            ((re == -inf) & ~finite_im, -1.0, 0.0),
            (xp.isnan(re) & (im == 0), nan, SIGNED_ZERO),
        )
        return _apply_cases(xp, x, out, cases, eager)

    return expm1


def make_complex_log1p(xp: Any, eager: bool = True) -> Callable:
    """``log1p`` with the standard's complex special cases at infinities and NaN."""
    base = xp.log1p
    inf, nan, pi = math.inf, math.nan, math.pi

    @functools.wraps(base)
    def log1p(x, /):
        out = base(x)
        parts = _complex_parts(xp, x)
        if parts is None:
            return out
        re, im = parts
        inf_im = xp.isinf(im)
        cases = (
            (xp.isfinite(re) & inf_im, inf, Signed(pi / 2)),
            ((re == -inf) & inf_im, inf, Signed(3 * pi / 4)),
            ((re == inf) & inf_im, inf, Signed(pi / 4)),
            (xp.isinf(re) & xp.isnan(im), inf, nan),
            (xp.isnan(re) & inf_im, inf, nan),
        )
        return _apply_cases(xp, x, out, cases, eager)

    return log1p


def make_complex_tanh(xp: Any, eager: bool = True) -> Callable:
    """``tanh(+infinity + yj)`` for finite y is ``1 + 0j`` with the sign of y on the zero."""
    base = xp.tanh

    @functools.wraps(base)
    def tanh(x, /):
        out = base(x)
        parts = _complex_parts(xp, x)
        if parts is None:
            return out
        re, im = parts
        return _apply_cases(xp, x, out, (((re == math.inf) & xp.isfinite(im), 1.0, SIGNED_ZERO),), eager)

    return tanh


def make_complex_sign(xp: Any, eager: bool = True) -> Callable:
    """``sign`` of a complex zero (any signs) is ``0 + 0j``."""
    base = xp.sign

    @functools.wraps(base)
    def sign(x, /):
        out = base(x)
        parts = _complex_parts(xp, x)
        if parts is None:
            return out
        re, im = parts
        return _apply_cases(xp, x, out, (((re == 0) & (im == 0), 0.0, 0.0),), eager)

    return sign


def _apply_cases(xp: Any, x: Any, out: Any, cases: tuple, eager: bool = True) -> Any:
    """``out`` with each case's ``(mask, real, imag)`` written where its mask holds;
    an imaginary part ``Signed(v)`` is ``v`` with the sign of ``x``'s imaginary part.
    ``eager``: skip a case no element meets (a lazy library passes False: asking would
    compute its graph)."""
    for mask, re, im in cases:
        if eager and not bool(xp.any(mask)):
            continue
        if isinstance(im, Signed):
            value = xp.where(
                xp.signbit(xp.imag(x)), _constant(xp, re, -float(im), x), _constant(xp, re, float(im), x)
            )
        else:
            value = _constant(xp, re, im, x)
        out = xp.where(mask, value, out)
    return out
