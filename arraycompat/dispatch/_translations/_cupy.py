"""cupy: ``linalg.expm`` from ``cupyx.scipy`` (the rest is cupy itself, numpy's twin)."""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _expm() -> Callable:  # pragma: no cover - cupy needs a CUDA device
    import cupyx.scipy.linalg

    return cupyx.scipy.linalg.expm


TABLE: dict[str, Callable[[], Callable]] = {"linalg.expm": _expm}
