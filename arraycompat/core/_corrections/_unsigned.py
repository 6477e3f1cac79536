"""torch's uint16, uint32, uint64: computed in a signed type that holds them, then cast back.

torch has these dtypes with few kernels ("Promotion for uint16, uint32, uint64 types is
not supported", "'lt_cpu' not implemented for 'UInt16'"). A corrected function checks
its operands' dtypes (one set lookup each) and, only when one is a wide unsigned type:

- finds the result dtype by the standard's promotion rules (``result_dtype``);
- lifts every operand to a signed holder: uint16 -> int32, uint32 -> int64 (exact);
  uint64 -> the same 64 bits read as int64, so adding, subtracting, multiplying and
  bit operations give the right bits modulo 2**64, and ordering compares the bits
  with the sign bit flipped;
- computes with the library's kernel and casts (or re-reads) the result back.

>>> import torch
>>> big = torch.tensor([2**63 + 5], dtype=torch.uint64)
>>> less = ordering(torch.less)
>>> less(torch.tensor([3], dtype=torch.uint64), big).tolist()
[True]
>>> result_dtype(torch.tensor(1, dtype=torch.uint16), torch.tensor(1, dtype=torch.int8))
torch.int32
"""

from __future__ import annotations

import functools
from typing import Any, Callable

import torch

__all__ = ["WIDE", "result_dtype", "binary", "arithmetic", "equality", "ordering", "set_items", "CORRECTIONS"]

#: The unsigned dtypes torch has few kernels for.
WIDE = frozenset({torch.uint16, torch.uint32, torch.uint64})
_UNSIGNED = frozenset({torch.uint8, *WIDE})
_HOLDER = {torch.uint16: torch.int32, torch.uint32: torch.int64, torch.uint64: torch.int64}
_SIGNED_SAME_SIZE = {torch.uint16: torch.int16, torch.uint32: torch.int32, torch.uint64: torch.int64}
_INT64_MIN = -(2**63)
_INT64_MAX = 2**63 - 1

_INTS = {
    torch.uint8: (False, 8), torch.uint16: (False, 16), torch.uint32: (False, 32),
    torch.uint64: (False, 64), torch.int8: (True, 8), torch.int16: (True, 16),
    torch.int32: (True, 32), torch.int64: (True, 64),
}
_INT_OF = {v: k for k, v in _INTS.items()}


def _dtype(x: Any) -> Any:
    return getattr(x, "dtype", None)


def _promote_dtypes(a: Any, b: Any) -> Any:
    """The standard's promotion of two dtypes, uint16/32/64 included."""
    if a == b:
        return a
    ia, ib = _INTS.get(a), _INTS.get(b)
    if ia is not None and ib is not None:
        (sa, na), (sb, nb) = ia, ib
        if sa == sb:
            return _INT_OF[(sa, max(na, nb))]
        unsigned_bits, signed_bits = (na, nb) if sb else (nb, na)
        if signed_bits > unsigned_bits:
            return _INT_OF[(True, signed_bits)]
        if unsigned_bits < 64:
            return _INT_OF[(True, 2 * unsigned_bits)]
        raise TypeError(
            f"result_type: {a} and {b} have no common integer dtype (the standard does not "
            f"promote uint64 with a signed integer); cast one of them first."
        )
    if a == torch.bool:
        return b
    if b == torch.bool:
        return a
    if ia is not None:  # integer with float/complex: the floating one (torch's choice)
        return b
    if ib is not None:
        return a
    return torch.promote_types(a, b)


def result_dtype(*args: Any) -> Any:
    """The result dtype of arrays, dtypes and Python scalars (scalars taken last)."""
    dtypes = [a if isinstance(a, torch.dtype) else a.dtype for a in args if not isinstance(a, (bool, int, float, complex))]
    if not dtypes:
        raise ValueError("result_type: at least one array or dtype is needed")
    out = functools.reduce(_promote_dtypes, dtypes)
    for s in args:
        if isinstance(s, bool) or not isinstance(s, (int, float, complex)):
            continue
        if isinstance(s, complex) and not out.is_complex:
            out = torch.complex128 if out == torch.float64 else torch.complex64
        elif isinstance(s, float) and not (out.is_floating_point or out.is_complex):
            out = torch.get_default_dtype()
    return out


def make_result_type(xp: Any) -> Callable:
    """``result_type`` that knows the standard's promotions for uint16/32/64."""
    base = xp.result_type

    @functools.wraps(base)
    def result_type(*arrays_and_dtypes):
        for a in arrays_and_dtypes:
            if a in WIDE if isinstance(a, torch.dtype) else _dtype(a) in WIDE:
                return result_dtype(*arrays_and_dtypes)
        return base(*arrays_and_dtypes)

    return result_type


def _device(*xs: Any) -> Any:
    for x in xs:
        if isinstance(x, torch.Tensor):
            return x.device
    return None


def lift(x: Any, target: Any, device: Any = None) -> Any:
    """``x`` in the holder of ``target``: exact for uint16/32, the bits for uint64."""
    if not isinstance(x, torch.Tensor):
        if target == torch.uint64 and isinstance(x, int) and x > _INT64_MAX:
            x -= 2**64
        return torch.as_tensor(x, dtype=_HOLDER.get(target, target), device=device)
    if target == torch.uint64:
        if x.dtype != torch.uint64:
            x = x.to(torch.uint64)
        return x.view(torch.int64)
    holder = _HOLDER.get(target, target)
    return x if x.dtype == holder else x.to(holder)


def lower(r: Any, target: Any) -> Any:
    """A holder result back in ``target``."""
    if target == torch.uint64:
        return r.view(torch.uint64)
    return r if r.dtype == target else r.to(target)


def _flip(v: Any, target: Any) -> Any:
    """uint64 bits read as int64, reordered so that signed order is unsigned order."""
    return torch.bitwise_xor(v, _INT64_MIN) if target == torch.uint64 else v


def _is_wide(x1: Any, x2: Any) -> bool:
    """Whether either operand is uint16/32/64 (the hot path: two attribute reads)."""
    try:
        return x1.dtype in WIDE or x2.dtype in WIDE
    except AttributeError:  # a Python scalar operand
        return _dtype(x1) in WIDE or _dtype(x2) in WIDE


def binary(base: Callable, compute: Callable, kernel: Callable | None = None) -> Callable:
    """``base`` unless an operand is uint16/32/64, then ``compute(x1, x2)``.

    ``kernel``: the torch function ``base`` wraps only to fix type promotion
    (array-api-compat's two-argument wrappers); two tensors of one dtype have nothing
    to promote and go straight to it, which is faster than ``base`` itself.
    """
    if kernel is None:

        @functools.wraps(base)
        def corrected(x1, x2, /, *args, **kwargs):
            if _is_wide(x1, x2):
                return compute(x1, x2, *args, **kwargs)
            return base(x1, x2, *args, **kwargs)

        return corrected

    @functools.wraps(base)
    def corrected_fast(x1, x2, /, *args, **kwargs):
        try:
            d1, d2 = x1.dtype, x2.dtype
        except AttributeError:  # a Python scalar operand: base converts it
            if _dtype(x1) in WIDE or _dtype(x2) in WIDE:
                return compute(x1, x2, *args, **kwargs)
            return base(x1, x2, *args, **kwargs)
        if d1 is d2 and d1 not in WIDE:
            return kernel(x1, x2, *args, **kwargs)
        if d1 in WIDE or d2 in WIDE:
            return compute(x1, x2, *args, **kwargs)
        return base(x1, x2, *args, **kwargs)

    return corrected_fast


def arithmetic(op: Callable) -> Callable:
    """Operations exact modulo 2**bits: +, -, *, bitwise and/or/xor, left shift."""

    def compute(x1, x2, *args, **kwargs):
        target = result_dtype(x1, x2)
        device = _device(x1, x2)
        return lower(op(lift(x1, target, device), lift(x2, target, device), *args, **kwargs), target)

    return compute


def equality(op: Callable) -> Callable:
    def compute(x1, x2, *args, **kwargs):
        target = result_dtype(x1, x2)
        device = _device(x1, x2)
        return op(lift(x1, target, device), lift(x2, target, device), *args, **kwargs)

    return compute


def ordering(op: Callable) -> Callable:
    """<, <=, >, >= (uint64: compared with the sign bit flipped)."""

    def compute(x1, x2, *args, **kwargs):
        target = result_dtype(x1, x2)
        device = _device(x1, x2)
        a, b = lift(x1, target, device), lift(x2, target, device)
        return op(_flip(a, target), _flip(b, target), *args, **kwargs)

    return compute


def _logical_right_shift(a: Any, s: Any) -> Any:
    """uint64 ``a >> s`` on int64 bits: shift in zeros, not copies of the sign bit."""
    s = torch.broadcast_to(s, torch.broadcast_shapes(a.shape, s.shape))
    once = torch.bitwise_and(torch.bitwise_right_shift(a, 1), _INT64_MAX)
    rest = torch.bitwise_right_shift(once, torch.clamp(s - 1, min=0))
    return torch.where(s == 0, a, torch.where(a >= 0, torch.bitwise_right_shift(a, s), rest))


def right_shift(x1, x2, *args, **kwargs):
    target = result_dtype(x1, x2)
    device = _device(x1, x2)
    a, s = lift(x1, target, device), lift(x2, target, device)
    if target == torch.uint64:
        return lower(_logical_right_shift(a, s), target)
    return lower(torch.bitwise_right_shift(a, s, *args, **kwargs), target)


def _unsigned_divmod(a: Any, b: Any) -> tuple[Any, Any]:
    """Quotient and remainder of uint64 bits ``a``, ``b`` (int64 views)."""
    a, b = torch.broadcast_tensors(a, b)
    big_divisor = b < 0  # b >= 2**63: the quotient is 0 or 1
    half = torch.bitwise_and(torch.bitwise_right_shift(a, 1), _INT64_MAX)  # a >>> 1
    safe_b = torch.where(big_divisor | (b == 0), torch.ones_like(b), b)
    q = torch.bitwise_left_shift(torch.floor_divide(half, safe_b), 1)
    r = a - q * safe_b
    q = torch.where(_flip(r, torch.uint64) >= _flip(safe_b, torch.uint64), q + 1, q)
    q_big = (_flip(a, torch.uint64) >= _flip(b, torch.uint64)).to(torch.int64)
    q = torch.where(big_divisor, q_big, q)
    if bool((b == 0).any()):
        raise ZeroDivisionError("floor_divide/remainder: integer division by zero")
    return q, a - q * b


def _floor_divmod(part: int, kernel: Callable) -> Callable:
    """Part ``part`` (0: quotient, 1: remainder) of the floor division; ``kernel``
    computes it for the signed holders of uint16/32."""

    def compute(x1, x2, *args, **kwargs):
        target = result_dtype(x1, x2)
        device = _device(x1, x2)
        a, b = lift(x1, target, device), lift(x2, target, device)
        if target == torch.uint64:
            return lower(_unsigned_divmod(a, b)[part], target)
        return lower(kernel(a, b, *args, **kwargs), target)

    return compute


floor_divmod_quotient = _floor_divmod(0, torch.floor_divide)
floor_divmod_remainder = _floor_divmod(1, torch.remainder)


# --------------------------------------------------------------------- makers
def _binary_maker(compute_of: Callable[[Callable], Callable], kernel: Callable) -> Callable:
    def make(xp: Any, name: str) -> Callable:
        base = getattr(xp, name)
        # Straight to the kernel only when base is array-api-compat's promotion wrapper
        # around that very kernel (functools.wraps records it as __wrapped__).
        fast = kernel if getattr(base, "__wrapped__", None) is kernel else None
        return binary(base, compute_of(kernel), fast)

    return make


def _unary(compute: Callable) -> Callable:
    def make(xp: Any, name: str) -> Callable:
        base = getattr(xp, name)

        @functools.wraps(base)
        def corrected(x, /, *args, **kwargs):
            if _dtype(x) in WIDE:
                return compute(base, x, *args, **kwargs)
            return base(x, *args, **kwargs)

        return corrected

    return make


def _abs(base, x, *args, out=None):
    """An unsigned array is its own absolute value (torch's ``out=`` is honoured)."""
    return x.clone() if out is None else out.copy_(x)


def _invert(base, x, *args, **kwargs):
    return lower(torch.bitwise_not(lift(x, x.dtype), *args, **kwargs), x.dtype)


def _count_nonzero(base, x, *args, **kwargs):
    return base(x.view(_SIGNED_SAME_SIZE[x.dtype]), *args, **kwargs)


def _diff(base, x, /, *args, axis=-1, n=1, prepend=None, append=None, **kwargs):
    target = result_dtype(*(a for a in (x, prepend, append) if a is not None))
    lifted = [None if a is None else lift(a, target) for a in (x, prepend, append)]
    out = base(lifted[0], *args, axis=axis, n=n, prepend=lifted[1], append=lifted[2], **kwargs)
    return lower(out, target)


def _reduction(xp: Any, name: str) -> Callable:
    """cumulative_sum, cumulative_prod, linalg.trace (whose result the suite checks
    against ``sum``): an unsigned array accumulates to uint64 (the standard's default
    unsigned type), computed on int64 bits."""
    base = getattr(xp, name.rpartition(".")[2])

    @functools.wraps(base)
    def corrected(x, /, *args, **kwargs):
        if x.dtype not in _UNSIGNED or args:
            return base(x, *args, **kwargs)
        return _unsigned_reduction(base, x, kwargs)

    return corrected


def _unsigned_reduction(base: Callable, x: Any, kwargs: dict) -> Any:
    dtype = kwargs.pop("dtype", None)
    if dtype is not None and dtype not in _UNSIGNED:
        return base(x, dtype=dtype, **kwargs)
    target = torch.uint64 if dtype is None else dtype
    return lower(base(lift(x, torch.uint64), dtype=torch.int64, **kwargs), target)


def _sum_prod(xp: Any, name: str) -> Callable:
    """sum and prod: an unsigned array sums to uint64, as in ``_reduction``. The common
    calls go straight to torch, with array-api-compat's results: ``sum(x)`` /
    ``prod(x)`` are ``torch.sum(x)`` / ``torch.prod(x)``, and ``sum(x, axis=a)`` with
    ``a`` an int or a non-empty tuple is ``torch.sum(x, a, keepdims)``."""
    base = getattr(xp, name)
    whole = getattr(torch, name)
    by_axis = torch.sum if name == "sum" else None

    @functools.wraps(base)
    def corrected(x, /, *, axis=None, dtype=None, keepdims=False, **kwargs):
        if x.dtype not in _UNSIGNED:
            if dtype is None and not kwargs:
                if axis is None:
                    if not keepdims:
                        return whole(x)
                elif by_axis is not None and axis != ():
                    return by_axis(x, axis, keepdims)
            return base(x, axis=axis, dtype=dtype, keepdims=keepdims, **kwargs)
        return _unsigned_reduction(base, x, dict(kwargs, axis=axis, dtype=dtype, keepdims=keepdims))

    return corrected


def _lifted_all(xp: Any, name: str) -> Callable:
    """Functions whose array arguments all share the result dtype (matmul, tensordot,
    outer, cross, vecdot): lifted together, computed, cast back. matmul of two
    tensors of one dtype goes straight to torch.matmul (array-api-compat's matmul
    only promotes first)."""
    base = getattr(xp, name.rpartition(".")[2])
    same_dtype_kernel = torch.matmul if name.rpartition(".")[2] == "matmul" else base

    @functools.wraps(base)
    def corrected(x1, x2, /, *args, **kwargs):
        d1, d2 = x1.dtype, x2.dtype
        if d1 is d2 and d1 not in WIDE:
            return same_dtype_kernel(x1, x2, *args, **kwargs)
        if d1 in WIDE or d2 in WIDE:
            target = result_dtype(x1, x2)
            return lower(base(lift(x1, target), lift(x2, target), *args, **kwargs), target)
        return base(x1, x2, *args, **kwargs)

    return corrected


def _where(xp: Any, name: str) -> Callable:
    """where; two tensors of one dtype go straight to torch.where (array-api-compat's
    where only promotes first)."""
    base = xp.where

    @functools.wraps(base)
    def where(condition, x1, x2, /, **kwargs):
        try:
            d1, d2 = x1.dtype, x2.dtype
        except AttributeError:
            d1, d2 = _dtype(x1), _dtype(x2)
        else:
            if d1 is d2 and d1 not in WIDE:
                return torch.where(condition, x1, x2, **kwargs)
        if d1 in WIDE or d2 in WIDE:
            target = result_dtype(x1, x2)
            device = _device(x1, x2)
            lifted = torch.where(condition, lift(x1, target, device), lift(x2, target, device), **kwargs)
            return lower(lifted, target)
        return base(condition, x1, x2, **kwargs)

    return where


def _clip(xp: Any, name: str) -> Callable:
    base = xp.clip

    @functools.wraps(base)
    def clip(x, /, min=None, max=None, **kwargs):
        if x.dtype not in WIDE or kwargs:
            return base(x, min=min, max=max, **kwargs)
        target = x.dtype
        bounds = [None if b is None else _flip(lift(b, target, x.device), target) for b in (min, max)]
        v = _flip(lift(x, target), target)
        if bounds[0] is not None:
            v = torch.maximum(v, bounds[0])
        if bounds[1] is not None:
            v = torch.minimum(v, bounds[1])
        return lower(_flip(v, target), target)

    return clip


def _searchsorted(xp: Any, name: str) -> Callable:
    base = xp.searchsorted

    @functools.wraps(base)
    def searchsorted(x1, x2, /, *args, **kwargs):
        # args, kwargs: the standard's side=/sorter= and torch's own (right=, out_int32=)
        if _dtype(x1) in WIDE or _dtype(x2) in WIDE:
            target = result_dtype(x1, x2)
            x1, x2 = (_flip(lift(a, target, _device(x1)), target) for a in (x1, x2))
        return base(x1, x2, *args, **kwargs)

    return searchsorted


def _isin(xp: Any, name: str) -> Callable:
    base = xp.isin

    @functools.wraps(base)
    def isin(x1, x2, /, *, invert=False, **kwargs):
        # kwargs: what torch.isin takes beyond the standard (assume_unique=), passed on
        if _dtype(x1) in WIDE or _dtype(x2) in WIDE:
            target = result_dtype(x1, x2)
            device = _device(x1, x2)
            x1, x2 = lift(x1, target, device), lift(x2, target, device)
        return base(x1, x2, invert=invert, **kwargs)

    return isin


def set_items(x: Any, key: Any, value: Any) -> None:
    """``x[key] = value`` in place for a uint16/32/64 ``x``, through the signed view of
    the same size (torch has no masked_fill/index_put kernel for them); other dtypes
    get torch's own error.

    >>> x = torch.tensor([1, 2, 3], dtype=torch.uint32)
    >>> set_items(x, torch.tensor([True, False, True]), 2**32 - 1)
    >>> x.tolist()
    [4294967295, 2, 4294967295]
    """
    if x.dtype not in WIDE:
        x[key] = value
        return
    signed = _SIGNED_SAME_SIZE[x.dtype]
    bits = torch.iinfo(signed).bits
    if isinstance(value, torch.Tensor):
        value = value.to(x.device).to(x.dtype).view(signed)
    else:
        value = int(value)
        value = value - 2**bits if value >= 2 ** (bits - 1) else value
    x.view(signed)[key] = value


def _named(make: Callable, name: str) -> Callable[[Any], Callable]:
    return lambda xp: make(xp, name)


_ARITHMETIC = {
    "add": torch.add, "subtract": torch.subtract, "multiply": torch.multiply,
    "bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor, "bitwise_left_shift": torch.bitwise_left_shift,
    "pow": torch.pow,  # exact modulo 2**bits for a non-negative exponent
}
# The torch functions array-api-compat wraps for each name.
_EQUALITY = {"equal": torch.eq, "not_equal": torch.not_equal}
_ORDERING = {"less": torch.less, "less_equal": torch.less_equal, "greater": torch.greater,
             "greater_equal": torch.greater_equal}

#: name -> maker(xp): the functions that get uint16/32/64 support.
CORRECTIONS: dict[str, Callable[[Any], Callable]] = {
    **{n: _named(_binary_maker(arithmetic, k), n) for n, k in _ARITHMETIC.items()},
    **{n: _named(_binary_maker(equality, k), n) for n, k in _EQUALITY.items()},
    **{n: _named(_binary_maker(ordering, k), n) for n, k in _ORDERING.items()},
    "bitwise_right_shift": lambda xp: binary(xp.bitwise_right_shift, right_shift),
    "abs": _named(_unary(_abs), "abs"),
    "bitwise_invert": _named(_unary(_invert), "bitwise_invert"),
    "count_nonzero": _named(_unary(_count_nonzero), "count_nonzero"),
    "diff": _named(_unary(_diff), "diff"),
    **{n: _named(_sum_prod, n) for n in ("sum", "prod")},
    **{n: _named(_reduction, n) for n in ("cumulative_sum", "cumulative_prod", "linalg.trace")},
    **{n: _named(_lifted_all, n) for n in ("matmul", "tensordot", "vecdot", "linalg.matmul",
                                           "linalg.tensordot", "linalg.vecdot", "linalg.outer",
                                           "linalg.cross")},
    "where": _named(_where, "where"),
    "clip": _named(_clip, "clip"),
    "searchsorted": _named(_searchsorted, "searchsorted"),
    "isin": _named(_isin, "isin"),
}
