"""Set functions of the standard; the ``unique_*`` sizes depend on the values.

>>> import numpy
>>> from arraycompat import lazy
>>> u = lazy.unique_values(lazy.array(numpy.array([1, 1, 2])))
>>> u.shape
(None,)
>>> u.compute(), u.shape
(array([1, 2]), (2,))
"""

from __future__ import annotations

from ._node import LazyArray
from ._record import apply

__all__ = ["isin", "unique_all", "unique_counts", "unique_inverse", "unique_values"]


def isin(x1, x2, /, *, invert=False) -> LazyArray:
    return apply("isin", (x1, x2), {"invert": invert})


def unique_all(x, /):
    return apply("unique_all", (x,), data_dependent=True)


def unique_counts(x, /):
    return apply("unique_counts", (x,), data_dependent=True)


def unique_inverse(x, /):
    return apply("unique_inverse", (x,), data_dependent=True)


def unique_values(x, /) -> LazyArray:
    return apply("unique_values", (x,), data_dependent=True)
