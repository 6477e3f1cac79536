"""autoray's ``LazyArray`` attributes on ours: ``fn``, ``args``, ``kwargs``, ``H``, ``real``,
``imag``, ``reshape``, ``astype``, ``conj``, ``plot``; ``lazy.complex``; and lazy
leaves for other libraries' arrays when ``backend_like("arraycompat.lazy")`` forces
``do`` onto this namespace.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones((2, 3)) * 1j)
>>> y = x.H
>>> y.shape, x.imag.reshape((6,)).astype("float32").dtype
((3, 2), dtype('float32'))
"""

from __future__ import annotations

from typing import Any

from ..dispatch import _dispatch
from ._node import LazyArray, array

__all__ = ["complex"]


def _fn(self: LazyArray) -> Any:
    return self._fn


def _args(self: LazyArray) -> tuple:
    return () if self._args is None else tuple(self._args)


def _kwargs(self: LazyArray) -> dict:
    return {} if self._kwargs is None else dict(self._kwargs)


def _H(self: LazyArray) -> LazyArray:
    from .elementwise import conj
    from .manipulation import permute_dims

    return conj(permute_dims(self, tuple(range(self.ndim - 1, -1, -1))))


def _real(self: LazyArray) -> LazyArray:
    from .elementwise import real

    return real(self)


def _imag(self: LazyArray) -> LazyArray:
    from .elementwise import imag

    return imag(self)


def _reshape(self: LazyArray, shape: Any, **kwargs: Any) -> LazyArray:
    from .manipulation import reshape

    return reshape(self, (shape,) if isinstance(shape, int) else shape, **kwargs)


def _astype(self: LazyArray, dtype: Any, **kwargs: Any) -> LazyArray:
    from ._config import native_dtype
    from .data_types import astype

    return astype(self, native_dtype(self._backend, dtype), **kwargs)


def _conj(self: LazyArray) -> LazyArray:
    from .elementwise import conj

    return conj(self)


def _plot(self: LazyArray, *args: Any, **kwargs: Any) -> Any:
    """autoray's ``x.plot()``: the circuit picture."""
    from ._plot import plot_circuit

    return plot_circuit(self, *args, **kwargs)


def _history_functions(kind: str) -> Any:
    def plot(self: LazyArray, **kwargs: Any) -> Any:
        from ._plot import plot_history_functions

        return plot_history_functions(self, kind=kind, **kwargs)

    plot.__name__ = f"plot_history_functions_{kind}"
    plot.__doc__ = f"``plot_history_functions(x, kind={kind!r})``."
    return plot


def complex(re: Any, im: Any, /) -> LazyArray:
    """``re + 1j * im`` from two real lazy arrays.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> lazy.complex(lazy.array(numpy.ones(1)), lazy.array(numpy.ones(1))).compute().tolist()
    [(1+1j)]
    """
    return re + im * 1j


for _name, _value in {"fn": _fn, "args": _args, "kwargs": _kwargs, "H": _H,
                      "real": _real, "imag": _imag}.items():
    if not hasattr(LazyArray, _name):
        setattr(LazyArray, _name, property(_value))
for _name, _value in {"reshape": _reshape, "astype": _astype, "conj": _conj,
                      "plot": _plot,
                      **{f"plot_history_functions_{k}": _history_functions(k)
                         for k in ("scatter", "lines", "image")}}.items():
    if not hasattr(LazyArray, _name):
        setattr(LazyArray, _name, _value)


def _lazy_leaves(args: tuple) -> tuple:
    """Arrays of other libraries become lazy leaves (also inside lists and tuples)."""
    def wrap(x: Any) -> Any:
        if type(x) is LazyArray:
            return x
        if isinstance(x, (list, tuple)):
            return type(x)(wrap(y) for y in x)
        if hasattr(x, "shape") and hasattr(x, "dtype") and not isinstance(x, type):
            return array(x)
        return x

    return tuple(wrap(x) for x in args)


_dispatch.ADAPT_ARGUMENTS["lazy"] = _lazy_leaves
