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
    "complex_cases",
    "fix_result",
    "shared_corrections",
    "NUMPY_KERNEL_FIXES",
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


def _make_info(base: Callable, info_class: type, dtype_of: Callable[[Any], Any] | None) -> Callable:
    """``base`` (``finfo`` or ``iinfo``) with its result as ``info_class``, cached per
    dtype; ``dtype_of(info)`` gives the result's ``dtype`` (default: ``info.dtype``)."""

    def build(argument: Any) -> Any:
        info = base(argument)
        return info_class(info, dtype_of(info) if dtype_of is not None else info.dtype)

    cached = functools.lru_cache(maxsize=None)(build)

    @functools.wraps(base)
    def info(type_, /):
        try:
            return cached(_dtype_of(type_))
        except TypeError:  # an unhashable dtype-like: no cache
            return build(type_)

    return info


def make_finfo(xp: Any, real_dtype: Callable[[Any], Any] | None = None) -> Callable:
    """``finfo`` returning a ``FloatInfo``; ``real_dtype(info)`` gives its ``dtype``
    from the wrapped finfo's result (default: that result's own ``dtype``)."""
    return _make_info(xp.finfo, FloatInfo, real_dtype)


def make_iinfo(xp: Any, dtype_attr: Callable[[Any], Any] | None = None) -> Callable:
    """``iinfo`` returning an ``IntInfo``; ``dtype_attr(info)`` gives its ``dtype``
    from the wrapped iinfo's result (default: that result's own ``dtype``)."""
    return _make_info(xp.iinfo, IntInfo, dtype_attr)


def fix_result(xp: Any, base: Callable, fix: Callable) -> Callable:
    """``base`` with its result passed through ``fix(out, *args)``. Every argument,
    the library's own keywords included, reaches ``base`` as given: a correction
    never narrows the library's signature. With numpy-style ``out=``/``where=``
    keywords the fix is written into ``out`` and only where ``where`` holds.

    >>> import numpy, array_api_compat.numpy as xp
    >>> no_negatives = fix_result(xp, xp.negative, lambda out, x: xp.where(out < 0, 0.0, out))
    >>> buffer = numpy.empty(2)
    >>> no_negatives(numpy.asarray([1.0, -4.0]), out=buffer) is buffer, buffer.tolist()
    (True, [0.0, 4.0])
    """

    @functools.wraps(base)
    def corrected(*args, **kwargs):
        out = base(*args, **kwargs)
        fixed = fix(out, *args)
        if fixed is out:
            return out
        target = None
        if kwargs:
            if fixed.dtype != out.dtype:  # dtype=: the fix's constants may have widened it
                fixed = xp.astype(fixed, out.dtype)
            mask = kwargs.get("where", True)
            if mask is not True:
                fixed = xp.where(mask, fixed, out)
            target = kwargs.get("out")
            if isinstance(target, tuple) and len(target) == 1:
                target = target[0]
        if target is None and any(a is out for a in args):  # numpy's positional out
            target = out
        if target is not None:
            target[...] = fixed
            return target
        return fixed

    return corrected


def _is_real_floating(xp: Any, x: Any) -> bool:
    return hasattr(x, "dtype") and xp.isdtype(x.dtype, "real floating")


def make_floor_divide(xp: Any, name: str = "floor_divide") -> Callable:
    """``floor_divide`` where exactly one operand is infinite: the standard asks for
    ``x1 / x2`` there (±infinity for an infinite dividend, a signed zero for an
    infinite divisor); numpy-style kernels give NaN or -1."""

    def fix(out, x1, x2, *_):
        if not (_is_real_floating(xp, x1) or _is_real_floating(xp, x2)):
            return out
        x1_ = xp.asarray(x1)
        # one operand infinite, or a zero dividend (-0 // 2 is -0): x1 / x2 is the answer
        exact = xp.logical_xor(xp.isinf(x1_), xp.isinf(xp.asarray(x2))) | (x1_ == 0)
        return xp.where(exact, xp.divide(x1, x2), out)

    return fix_result(xp, getattr(xp, name), fix)


def make_remainder(xp: Any, base: Callable | None = None) -> Callable:
    """``remainder`` whose zero results take the sign of the divisor (``+0 % -2`` is
    ``-0``, ``4 % -2`` is ``-0``), as the standard (and Python) has it; ``base``: the
    function to correct (default ``xp.remainder``)."""

    def fix(out, x1, x2, *_):
        if not _is_real_floating(xp, out):
            return out
        divisor = xp.asarray(x2, dtype=out.dtype)
        return xp.where(out == 0, xp.copysign(xp.zeros_like(out), divisor), out)

    return fix_result(xp, xp.remainder if base is None else base, fix)


def _complex_parts(xp: Any, x: Any) -> tuple[Any, Any] | None:
    if not (hasattr(x, "dtype") and xp.isdtype(x.dtype, "complex floating")):
        return None
    return xp.real(x), xp.imag(x)


class Signed(float):
    """In a case, an imaginary part that takes the sign of the input's imaginary part."""


SIGNED_ZERO = Signed(0.0)


def _constant(xp: Any, re: float, im: float, like: Any) -> Any:
    return xp.asarray(complex(re, im), dtype=like.dtype)


def complex_cases(name: str, cases: Callable[[Any, Any, Any], tuple]) -> Callable:
    """A maker ``(xp, eager=True) -> corrected xp.<name>``: for a complex ``x``,
    ``cases(xp, re, im)`` gives ``(condition, real part, imaginary part)`` triples
    written over the library's result (an imaginary part ``Signed(v)`` takes the
    sign of ``x``'s imaginary part)."""

    def make(xp: Any, eager: bool = True) -> Callable:
        def fix(out, x, *_):
            parts = _complex_parts(xp, x)
            if parts is None:
                return out
            return _apply_cases(xp, x, out, cases(xp, *parts), eager)

        return fix_result(xp, getattr(xp, name), fix)

    make.__name__ = f"make_complex_{name}"
    make.__doc__ = f"``{name}`` with the standard's complex special cases."
    return make


_nan, _inf, _pi = math.nan, math.inf, math.pi

#: ``expm1`` with the standard's complex special cases at infinities, NaN and zero.
make_complex_expm1 = complex_cases("expm1", lambda xp, re, im: (
    ((re == 0) & (im == 0), 0.0, SIGNED_ZERO),
    ((re == _inf) & (im == 0), _inf, SIGNED_ZERO),
    ((re == _inf) & ~xp.isfinite(im), _inf, _nan),
    ((re == -_inf) & ~xp.isfinite(im), -1.0, 0.0),
    (xp.isnan(re) & (im == 0), _nan, SIGNED_ZERO),
))

#: ``log1p`` with the standard's complex special cases at infinities and NaN.
make_complex_log1p = complex_cases("log1p", lambda xp, re, im: (
    (xp.isfinite(re) & xp.isinf(im), _inf, Signed(_pi / 2)),
    ((re == -_inf) & xp.isinf(im), _inf, Signed(3 * _pi / 4)),
    ((re == _inf) & xp.isinf(im), _inf, Signed(_pi / 4)),
    (xp.isinf(re) & xp.isnan(im), _inf, _nan),
    (xp.isnan(re) & xp.isinf(im), _inf, _nan),
))

#: ``tanh(+infinity + yj)`` for finite y is ``1 + 0j`` with the sign of y on the zero.
make_complex_tanh = complex_cases("tanh", lambda xp, re, im: (
    ((re == _inf) & xp.isfinite(im), 1.0, SIGNED_ZERO),
))

_complex_sign = complex_cases("sign", lambda xp, re, im: (
    ((re == 0) & (im == 0), 0.0, 0.0),
))


def make_complex_sign(xp: Any, eager: bool = True) -> Callable:
    """``sign`` of a complex zero (any signs) is ``0 + 0j``, of a real zero ``+0``."""
    complex_fixed = _complex_sign(xp, eager)

    def fix(out, x, *_):
        if _is_real_floating(xp, out):
            return xp.where(out == 0, xp.zeros_like(out), out)
        return out

    return fix_result(xp, complex_fixed, fix)

#: The fixes several libraries share, by the name they correct.
_SHARED: dict[str, Callable] = {
    "finfo": make_finfo,
    "iinfo": make_iinfo,
    "floor_divide": make_floor_divide,
    "remainder": make_remainder,
    "expm1": make_complex_expm1,
    "log1p": make_complex_log1p,
    "tanh": make_complex_tanh,
    "sign": make_complex_sign,
}
_TAKES_EAGER = frozenset({"expm1", "log1p", "tanh", "sign"})

#: What numpy's kernels get wrong, so numpy and dask (numpy chunk by chunk) both fix it.
NUMPY_KERNEL_FIXES = ("finfo", "iinfo", "floor_divide", "expm1", "tanh", "sign")


def shared_corrections(*names: str, eager: bool = True) -> dict[str, Callable]:
    """A correction table of the shared fixes ``names``; ``eager=False`` for a lazy or
    traced library (no special case is skipped by asking whether an element meets it).

    >>> sorted(shared_corrections("finfo", "expm1", eager=False))
    ['expm1', 'finfo']
    """
    unknown = [n for n in names if n not in _SHARED]
    if unknown:
        raise ValueError(f"shared_corrections: no shared fix for {unknown}; known: {sorted(_SHARED)}")
    return {
        n: functools.partial(_SHARED[n], eager=eager) if n in _TAKES_EAGER else _SHARED[n]
        for n in names
    }


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
                xp.signbit(xp.imag(x)), _constant(xp, re, -float(im), out), _constant(xp, re, float(im), out)
            )
        else:
            value = _constant(xp, re, im, out)
        out = xp.where(mask, value, out)
    return out
