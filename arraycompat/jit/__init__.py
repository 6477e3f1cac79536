"""``arraycompat.jit``: ``autojit``, compiled per signature by the inputs' library.

>>> import numpy
>>> from arraycompat.jit import autojit
>>> autojit(lambda x: x * 2)(numpy.ones(2))
array([2., 2.])
"""

from . import _dask  # noqa: F401  (registers the "dask" compiler)
from ._autojit import AutoJit, autojit
from ._cache import CacheInfo, RecompileWarning

__all__ = ["autojit", "AutoJit", "CacheInfo", "RecompileWarning"]
