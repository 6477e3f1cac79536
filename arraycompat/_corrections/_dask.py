"""dask (over array_api_compat.dask.array): what it still gets wrong, fixed.

dask computes with numpy chunk by chunk, so it inherits numpy's gaps (``finfo``
attributes that are numpy scalars, ``floor_divide`` with infinities, complex
``expm1``); the fixes stay lazy (no ``any()`` that would compute the graph).

>>> import dask.array as da, array_api_compat.dask.array as compat
>>> type(CORRECTIONS["finfo"](compat)(da.float32).eps)
<class 'float'>
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from ._common import make_complex_expm1, make_finfo, make_floor_divide, make_iinfo

__all__ = ["CORRECTIONS"]

CORRECTIONS: dict[str, Callable[[Any], Any]] = {
    "finfo": make_finfo,
    "iinfo": make_iinfo,
    "floor_divide": make_floor_divide,
    "expm1": functools.partial(make_complex_expm1, eager=False),
}
