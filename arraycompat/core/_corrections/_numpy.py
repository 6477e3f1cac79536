"""numpy (over array_api_compat.numpy): what it still gets wrong, fixed.

- ``finfo``/``iinfo``: attributes are numpy scalars (``finfo(float32).eps`` is a
  ``numpy.float32``); the standard wants Python ``float``/``int``.
- ``floor_divide`` with one infinite operand: numpy gives NaN (``inf // 2``) or -1
  (``-1 // inf``) where the standard asks for ±infinity and a signed zero.
- complex ``expm1``, ``tanh``, ``sign`` special cases at infinities, NaN and signed zeros.

The ``//`` operator of a numpy array is numpy's own and stays as it is
(conformance/numpy-xfails.txt).

>>> import numpy, array_api_compat.numpy as compat
>>> fd = CORRECTIONS["floor_divide"](compat)
>>> fd(numpy.asarray([numpy.inf, -1.0]), numpy.asarray([2.0, numpy.inf])).tolist()
[inf, -0.0]
"""

from __future__ import annotations

from typing import Any, Callable

from ._common import NUMPY_KERNEL_FIXES, shared_corrections

__all__ = ["CORRECTIONS"]

CORRECTIONS: dict[str, Callable[[Any], Any]] = shared_corrections(*NUMPY_KERNEL_FIXES)
