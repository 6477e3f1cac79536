"""jax: ``jax.numpy`` is numpy-style already; ``linalg.expm`` comes from ``jax.scipy``;
``identity`` takes ``device=`` (through ``eye``).

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


def _identity() -> Callable:
    import jax.numpy as jnp

    def identity(n, dtype=None, *, device=None):
        """numpy's identity, with the standard's ``device=``."""
        return jnp.eye(n, dtype=dtype, device=device)

    return identity


TABLE: dict[str, Callable[[], Callable]] = {"linalg.expm": _expm, "identity": _identity}
