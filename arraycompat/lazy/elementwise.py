"""Elementwise functions of the standard: each records a node calling the backend's
own function, with the shape by broadcasting and the dtype by the backend's rule.

>>> from arraycompat import lazy
>>> x = lazy.Variable((2, 1), "float32")
>>> lazy.atan2(x, lazy.ones(3, dtype=lazy.float32)).shape
(2, 3)
"""

from __future__ import annotations

from typing import Any, Callable

from ._node import LazyArray
from ._record import apply, backend_function, binary, unary

UNARY = (
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "bitwise_invert", "ceil", "conj",
    "cos", "cosh", "exp", "expm1", "floor", "imag", "isfinite", "isinf", "isnan", "log",
    "log1p", "log2", "log10", "logical_not", "negative", "positive", "real", "reciprocal",
    "round", "sign", "signbit", "sin", "sinh", "square", "sqrt", "tan", "tanh", "trunc",
)
BINARY = (
    "add", "atan2", "bitwise_and", "bitwise_left_shift", "bitwise_or", "bitwise_right_shift",
    "bitwise_xor", "copysign", "divide", "equal", "floor_divide", "greater", "greater_equal",
    "hypot", "less", "less_equal", "logaddexp", "logical_and", "logical_or", "logical_xor",
    "maximum", "minimum", "multiply", "nextafter", "not_equal", "pow", "remainder",
    "subtract",
)

__all__ = [*UNARY, *BINARY, "clip"]


def _not_lazy(name: str, *xs: Any) -> TypeError:
    kinds = ", ".join(type(x).__name__ for x in xs)
    return TypeError(
        f"arraycompat.lazy.{name}: expected a lazy array (got {kinds}); wrap arrays with "
        f"lazy.array(x) or make them with lazy.asarray(...)."
    )


def _make_unary(name: str) -> Callable:
    def fn(x, /):
        if type(x) is not LazyArray:
            raise _not_lazy(name, x)
        return unary(backend_function(x._backend, name), x)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"Elementwise ``{name}(x)`` of the standard, recorded lazily."
    return fn


def _make_binary(name: str) -> Callable:
    def fn(x1, x2, /):
        if type(x1) is LazyArray:
            ns = x1._backend
        elif type(x2) is LazyArray:
            ns = x2._backend
        else:
            raise _not_lazy(name, x1, x2)
        result = binary(backend_function(ns, name), x1, x2)
        if result is NotImplemented:
            raise _not_lazy(name, x1, x2)
        return result

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"Elementwise ``{name}(x1, x2)`` of the standard, recorded lazily."
    return fn


for _name in UNARY:
    globals()[_name] = _make_unary(_name)
for _name in BINARY:
    globals()[_name] = _make_binary(_name)
del _name


def clip(x, /, min=None, max=None) -> LazyArray:
    """Elementwise ``clip(x, min, max)``; ``min``/``max`` may be arrays or scalars."""
    return apply("clip", (x, min, max))
