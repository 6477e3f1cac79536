"""Lowering for compiled Functions: calls that have an exactly equal, cheaper form.

Each rule gives the same values, bit for bit (the tests compare them):

* ``operator.add(a, b)`` and the other operators are written inline, ``a + b``,
  ``x[key]``: no function call;
* ``conj`` of a real or integer array is the array itself;
* on numpy, ``tensordot(a, b, axes=1)`` of two vectors is ``a @ b`` (numpy's
  tensordot reshapes them to a row and a column and calls the same dot).

>>> from arraycompat import lazy
>>> x = lazy.Variable((3,), "float64")
>>> lower(x + x)[:2]
('operator', ' + ')
>>> lower(lazy.conj(x))[0]
'alias'
"""

from __future__ import annotations

import functools
import operator

from ._node import LazyArray
from ._traverse import deps_of, fn_name

__all__ = ["lower"]

_INFIX = {
    operator.add: " + ", operator.sub: " - ", operator.mul: " * ", operator.truediv: " / ",
    operator.floordiv: " // ", operator.mod: " % ", operator.pow: " ** ",
    operator.matmul: " @ ", operator.and_: " & ", operator.or_: " | ", operator.xor: " ^ ",
    operator.lshift: " << ", operator.rshift: " >> ", operator.eq: " == ",
    operator.ne: " != ", operator.lt: " < ", operator.le: " <= ", operator.gt: " > ",
    operator.ge: " >= ",
}


_real: dict = {}


_NAMED = frozenset(("conj", "conjugate", "tensordot"))


def _is_real(node: LazyArray) -> bool:
    key = (node._backend, node._dtype)
    found = _real.get(key)
    if found is None:
        try:
            found = not node._backend.isdtype(node._dtype, "complex floating")
        except Exception:
            found = False
        _real[key] = found
    return found


def lower(node: LazyArray) -> tuple | None:
    """``(kind, fn, args)`` for a cheaper equal form of ``node``'s call, or None:
    kind 'operator' (``fn`` is the infix text), 'alias' (the value is ``args[0]``)
    or 'call' (call ``fn(*args)``)."""
    fn = node._fn
    args = node._args
    if node._kwargs or args is None:
        return None
    infix = _INFIX.get(fn)
    if infix is not None:
        return ("operator", infix, args) if len(args) == 2 else None
    name = fn_name(node)
    if name not in _NAMED:
        return None
    deps = deps_of(node)
    if name in ("conj", "conjugate") and len(args) == 1 and deps and args[0] is deps[0]:
        if _is_real(deps[0]) and deps[0]._dtype == node._dtype:
            return ("alias", None, args)
    if (
        name == "tensordot"
        and node._backend.name == "numpy"
        and type(fn) is functools.partial
        and fn.keywords == {"axes": 1}
        and len(args) == 2
        and all(type(a) is LazyArray and len(a._shape) == 1 for a in args)
    ):
        return ("operator", " @ ", args)
    return None
