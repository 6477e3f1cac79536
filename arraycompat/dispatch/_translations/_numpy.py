"""numpy: ``linalg.expm`` from scipy (the rest is numpy itself).

>>> import numpy
>>> TABLE["linalg.expm"]()(numpy.zeros((1, 1))).tolist()
[[1.0]]
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _expm() -> Callable:
    try:
        import scipy.linalg
    except ImportError as e:
        raise ImportError(
            f"arraycompat: linalg.expm for numpy needs scipy, which is not installed ({e}); "
            f"`pip install scipy`."
        ) from e
    return scipy.linalg.expm


TABLE: dict[str, Callable[[], Callable]] = {"linalg.expm": _expm}
