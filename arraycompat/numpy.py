"""A drop-in for ``numpy`` that dispatches every function on its arguments' library.

>>> import torch
>>> from arraycompat import numpy as np
>>> np.tensordot(torch.ones(2, 3), torch.ones(3), 1).tolist()
[3.0, 3.0]
>>> np.eye(2, like="numpy").shape
(2, 2)
>>> np.linalg.qr(torch.eye(2))[0].shape
torch.Size([2, 2])

Functions are built on first access and stored in this module, so the second
``np.sum`` is a plain module attribute read; each is ``do`` with its name fixed.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from .dispatch import _dispatch as _dispatch_module
from .dispatch._dispatch import _dispatch, _fast, do

__all__: list[str] = []

# Plain constants numpy code reads from ``np``.
pi, e, inf, nan, newaxis = math.pi, math.e, math.inf, math.nan, None

_SUBMODULES = ("linalg", "random", "fft", "scipy", "special")


def _function(name: str) -> Callable:
    """``do`` with ``name`` fixed: one dict lookup and a call on the hot path."""

    by_type = _fast.setdefault(name, {})

    def numpy_function(*args: Any, like: Any = None, **kwargs: Any) -> Any:
        if like is None and not _dispatch_module._overrides:
            try:
                fn = by_type[type(args[0])]
            except (KeyError, IndexError):
                return _dispatch(name, args, kwargs)(*args, **kwargs)
            return fn(*args, **kwargs) if kwargs else fn(*args)
        return do(name, *args, like=like, **kwargs)  # like=, or a backend_like is active

    numpy_function.__name__ = name.rpartition(".")[2]
    numpy_function.__qualname__ = name
    numpy_function.__doc__ = f"``do({name!r}, *args, like=None, **kwargs)``."
    return numpy_function


class _Submodule:
    """``np.linalg``, ``np.random``...: functions named ``'<prefix>.<name>'``."""

    def __init__(self, prefix: str) -> None:
        self.__name__ = f"arraycompat.numpy.{prefix}"
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        if _is_probe(name):
            raise AttributeError(f"{self.__name__} has no attribute {name!r}")
        qualified = f"{self._prefix}.{name}"
        value = _Submodule(qualified) if name in _SUBMODULES else _function(qualified)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"<arraycompat drop-in {self.__name__}>"


def _is_probe(name: str) -> bool:
    """Names tools look for on any module (``__wrapped__``, ``pytest_plugins``)."""
    return name.startswith("_") or name.startswith("pytest")


def __getattr__(name: str) -> Any:
    if _is_probe(name):
        raise AttributeError(f"module 'arraycompat.numpy' has no attribute {name!r}")
    value = _Submodule(name) if name in _SUBMODULES else _function(name)
    globals()[name] = value
    return value
