"""Assertions that check namespace, dtype, shape and device as well as values.

Values are compared in the arrays' own library (on their device): only the
summary numbers of a failure (counts, largest errors, an index) reach the host.

>>> import numpy
>>> assert_close(numpy.asarray([1.0, 2.0]), numpy.asarray([1.0, 2.0 + 1e-12]))
"""

from __future__ import annotations

import math
from typing import Any

from ..core._devices import asarray, device
from ..core._resolve import get_namespace

__all__ = ["assert_close", "assert_equal", "assert_less"]


def assert_close(
    actual: Any,
    desired: Any,
    *,
    rtol: float | None = None,
    atol: float = 0,
    check_namespace: bool = True,
    check_dtype: bool = True,
    check_shape: bool = True,
    check_device: bool = True,
    check_0d: bool = True,
    err_msg: str = "",
) -> None:
    """Assert ``|actual - desired| <= atol + rtol * |desired|`` elementwise.

    ``rtol`` defaults to ``4 * sqrt(eps)`` of the dtype for floating arrays and 0
    otherwise. NaNs compare equal to NaNs, infinities to infinities of the same sign.

    >>> import numpy
    >>> assert_close(numpy.float32(1.0) * numpy.ones(2, dtype=numpy.float32),
    ...              numpy.ones(2, dtype=numpy.float32))
    """
    xp, actual, desired = _check_meta(
        actual, desired, check_namespace, check_dtype, check_shape, check_device, check_0d, err_msg
    )
    if rtol is None:
        rtol = _default_rtol(xp, actual.dtype)
    _compare(xp, actual, desired, "close", rtol=rtol, atol=atol, err_msg=err_msg)


def assert_equal(
    actual: Any,
    desired: Any,
    *,
    check_namespace: bool = True,
    check_dtype: bool = True,
    check_shape: bool = True,
    check_device: bool = True,
    check_0d: bool = True,
    err_msg: str = "",
) -> None:
    """Assert the arrays are equal elementwise (NaN equals NaN).

    >>> import numpy
    >>> assert_equal(numpy.asarray([1, 2]), numpy.asarray([1, 2]))
    """
    xp, actual, desired = _check_meta(
        actual, desired, check_namespace, check_dtype, check_shape, check_device, check_0d, err_msg
    )
    _compare(xp, actual, desired, "equal", rtol=0, atol=0, err_msg=err_msg)


def assert_less(
    actual: Any,
    desired: Any,
    *,
    check_namespace: bool = True,
    check_dtype: bool = True,
    check_shape: bool = True,
    check_device: bool = True,
    check_0d: bool = True,
    err_msg: str = "",
) -> None:
    """Assert ``actual < desired`` elementwise.

    >>> import numpy
    >>> assert_less(numpy.asarray([1, 2]), numpy.asarray([2, 3]))
    """
    xp, actual, desired = _check_meta(
        actual, desired, check_namespace, check_dtype, check_shape, check_device, check_0d, err_msg
    )
    _compare(xp, actual, desired, "less", rtol=0, atol=0, err_msg=err_msg)


# ---------------------------------------------------------------------------- helpers
def _fail(message: str, err_msg: str) -> None:
    __tracebackhide__ = True
    raise AssertionError(message + (f"\n{err_msg}" if err_msg else ""))


def _check_meta(actual, desired, check_namespace, check_dtype, check_shape, check_device,
                check_0d, err_msg):
    __tracebackhide__ = True
    xp = get_namespace(actual)
    if check_namespace:
        desired_xp = get_namespace(desired)
        if desired_xp is not xp:
            _fail(
                f"Namespaces differ: actual is {xp.name}, desired is {desired_xp.name}. Build "
                f"desired with the same library, or pass check_namespace=False to convert it.",
                err_msg,
            )
    else:
        desired = asarray(desired, like=actual)
    if check_0d:
        _check_numpy_0d(actual, desired, err_msg)
    # numpy scalars (np.float64) compare as 0-d arrays from here on.
    actual, desired = xp.asarray(actual), xp.asarray(desired)
    if check_shape and tuple(actual.shape) != tuple(desired.shape):
        _fail(f"Shapes differ: actual {tuple(actual.shape)}, desired {tuple(desired.shape)}.", err_msg)
    if check_dtype and actual.dtype != desired.dtype:
        _fail(f"dtypes differ: actual {actual.dtype}, desired {desired.dtype}.", err_msg)
    if check_device and device(actual) != device(desired):
        _fail(f"Devices differ: actual {device(actual)}, desired {device(desired)}.", err_msg)
    if not check_dtype and actual.dtype != desired.dtype:
        try:
            dtype = xp.result_type(actual.dtype, desired.dtype)
        except TypeError:  # array-api-strict refuses float-int promotion: use actual's
            dtype = actual.dtype
        actual, desired = xp.astype(actual, dtype), xp.astype(desired, dtype)
    if not check_shape:
        actual, desired = xp.broadcast_arrays(actual, desired)
    return xp, actual, desired


def _check_numpy_0d(actual, desired, err_msg):
    """numpy distinguishes 0-d arrays from scalars; insist they match."""
    __tracebackhide__ = True
    import sys

    np = sys.modules.get("numpy")
    if np is None:
        return
    kinds = [
        "scalar" if isinstance(a, np.generic) else "0-d array"
        for a in (actual, desired)
        if isinstance(a, (np.generic, np.ndarray)) and np.ndim(a) == 0
    ]
    if len(kinds) == 2 and kinds[0] != kinds[1]:
        _fail(
            f"actual is a numpy {kinds[0]} but desired is a numpy {kinds[1]} "
            f"(pass check_0d=False to allow this).",
            err_msg,
        )


def _default_rtol(xp, dtype) -> float:
    if xp.isdtype(dtype, ("real floating", "complex floating")):
        return 4 * math.sqrt(float(xp.finfo(dtype).eps))
    return 0.0


def _compute(x):
    """Force lazy values (dask, arraycompat.lazy) to concrete ones, in place of bool()."""
    compute = getattr(x, "compute", None)
    return compute() if callable(compute) else x


def _compare(xp, actual, desired, how, *, rtol, atol, err_msg):
    __tracebackhide__ = True
    if how == "less":
        bad = ~(actual < desired)
    elif how == "equal" or not xp.isdtype(actual.dtype, ("real floating", "complex floating")):
        bad = ~(actual == desired)
        if xp.isdtype(actual.dtype, ("real floating", "complex floating")):
            bad = bad & ~(xp.isnan(actual) & xp.isnan(desired))
    else:
        # Tolerances apply where both are finite; elsewhere inf must equal inf, nan nan.
        finite = xp.isfinite(actual) & xp.isfinite(desired)
        zero = xp.zeros_like(actual)
        a, d = xp.where(finite, actual, zero), xp.where(finite, desired, zero)
        close = xp.abs(a - d) <= atol + rtol * xp.abs(d)
        same = (actual == desired) | (xp.isnan(actual) & xp.isnan(desired))
        bad = ~xp.where(finite, close, same)
    n_bad = int(_compute(_count_true(xp, bad)))
    if n_bad == 0:
        return
    total = math.prod(actual.shape)
    lines = [
        {"close": f"Arrays are not close (rtol={rtol:g}, atol={atol:g})",
         "equal": "Arrays are not equal",
         "less": "Arrays are not less-ordered (actual < desired)"}[how],
        f"Mismatched elements: {n_bad} / {total} ({100 * n_bad / max(total, 1):.3g}%)",
    ]
    if how != "less" and not xp.isdtype(actual.dtype, "bool"):
        lines += _largest_errors(xp, actual, desired, bad)
    else:
        lines.append(f"First mismatch at index {_first_index(xp, bad)}")
    _fail("\n".join(lines), err_msg)


def _count_true(xp, mask):
    count_nonzero = getattr(xp, "count_nonzero", None)  # 2023.12; sparse lacks it
    if count_nonzero is not None:
        return count_nonzero(mask)
    return xp.sum(xp.astype(mask, xp.int32))


def _largest_errors(xp, actual, desired, bad):
    """Where the largest absolute and relative errors are, among the mismatches."""
    integral = xp.isdtype(actual.dtype, "integral")
    exact_actual, exact_desired = actual, desired
    if integral:
        # float64 finds where; the numbers reported come from the integers themselves
        # (2**62 + 1 and 2**62 are one float64)
        wide = xp.float64 if "float64" in xp.__array_namespace_info__().dtypes() else xp.float32
        actual, desired = xp.astype(actual, wide), xp.astype(desired, wide)
    finite = xp.isfinite(actual) & xp.isfinite(desired)
    zeros = xp.zeros_like(actual)
    a, d = xp.where(finite, actual, zeros), xp.where(finite, desired, zeros)
    zero = xp.zeros_like(xp.abs(a))
    infinity = xp.full_like(zero, math.inf)
    # a mismatch at a non-finite position (nan vs 1, inf vs -inf) is an infinite error
    abs_err = xp.where(bad, xp.where(finite, xp.abs(a - d), infinity), zero)
    scale = xp.abs(d)
    nonzero = scale > 0
    rel_err = xp.where(
        nonzero,
        abs_err / xp.where(nonzero, scale, xp.ones_like(scale)),
        xp.where(abs_err > 0, infinity, zero),
    )
    lines = []
    for label, err in (("absolute", abs_err), ("relative", rel_err)):
        flat = xp.reshape(err, (-1,))
        i = int(_compute(xp.argmax(flat)))
        index = _unravel(i, actual.shape)
        value = float(_compute(flat[i]))
        if integral:
            if value == 0:  # every difference rounded away: show the first mismatch
                index = _first_index(xp, bad)
            a, d = int(_scalar(xp, exact_actual, index)), int(_scalar(xp, exact_desired, index))
            value = abs(a - d) if label == "absolute" else (abs(a - d) / abs(d) if d else math.inf)
        else:
            a = _scalar(xp, actual, index)
            d = _scalar(xp, desired, index)
        lines.append(f"Max {label} difference: {value:.6g} at index {index} (actual {a}, desired {d})")
    return lines


def _first_index(xp, bad):
    flat = xp.reshape(bad, (-1,))
    return _unravel(int(_compute(xp.argmax(xp.astype(flat, xp.int8)))), bad.shape)


def _scalar(xp, x, index):
    value = _compute(x[index] if index else x)
    return value.item() if hasattr(value, "item") else value


def _unravel(i: int, shape) -> tuple:
    index = []
    for n in reversed(tuple(shape)):
        index.append(i % n)
        i //= n
    return tuple(reversed(index))
