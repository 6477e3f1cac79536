"""dask: ``dask.array`` is numpy-style; ``linalg.expm`` runs scipy's per matrix;
``linalg.cholesky`` is the lower factor (dask's own gives the upper one by default);
``eye(N, M)`` takes numpy's positional ``M`` (dask's second parameter is ``chunks``).

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


def _cholesky() -> Callable:
    import dask.array as da

    from ...core._resolve import get_namespace

    return get_namespace(da.zeros(1)).linalg.cholesky  # lower; upper=True


def _eye() -> Callable:
    import dask.array as da

    def eye(N, M=None, k=0, dtype=float, *, chunks="auto", **kwargs):
        """numpy's ``eye(N, M, k, dtype)``."""
        return da.eye(N, chunks=chunks, M=M, k=k, dtype=dtype, **kwargs)

    return eye


TABLE: dict[str, Callable[[], Callable]] = {
    "linalg.expm": _expm, "linalg.cholesky": _cholesky, "eye": _eye,
}
