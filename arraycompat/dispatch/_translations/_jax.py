"""jax: ``jax.numpy`` is numpy-style already; ``linalg.expm`` comes from ``jax.scipy``.

>>> import jax.numpy as jnp
>>> TABLE["linalg.expm"]()(jnp.zeros((1, 1))).tolist()
[[1.0]]
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _expm() -> Callable:
    import jax.scipy.linalg

    return jax.scipy.linalg.expm


TABLE: dict[str, Callable[[], Callable]] = {"linalg.expm": _expm}
