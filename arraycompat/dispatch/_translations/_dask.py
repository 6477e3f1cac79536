"""dask: ``dask.array`` is numpy-style; ``linalg.expm`` runs scipy's per matrix.

>>> import dask.array as da
>>> TABLE["linalg.expm"]()(da.zeros((1, 1))).compute().tolist()
[[1.0]]
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _expm() -> Callable:
    import dask.array as da
    import scipy.linalg

    def expm(a):
        """scipy's expm on the whole matrix (one chunk): expm does not split into blocks."""
        a = a.rechunk(a.shape)
        return da.map_blocks(scipy.linalg.expm, a, dtype=a.dtype)

    return expm


TABLE: dict[str, Callable[[], Callable]] = {"linalg.expm": _expm}
