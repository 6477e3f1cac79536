"""pydata sparse: numpy names that are methods there (``conj``, ``real``, ``imag``).

>>> import sparse, numpy
>>> TABLE["conj"]()(sparse.asarray(numpy.array([1j]))).todense().tolist()
[-1j]
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _method(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        def numpy_like(x):
            return getattr(x, name)()

        numpy_like.__name__ = name
        return numpy_like

    return make


def _attribute(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        def numpy_like(x):
            return getattr(x, name)

        numpy_like.__name__ = name
        return numpy_like

    return make


TABLE: dict[str, Callable[[], Callable]] = {
    "conj": _method("conj"),
    "real": _attribute("real"),
    "imag": _attribute("imag"),
}
