"""autoray's ``autoray.compiler`` module: ``autojit``, compiled per call by the inputs'
library, with a per-call ``backend=`` as autoray takes it.

>>> import numpy
>>> from arraycompat.autoray.compiler import autojit
>>> f = autojit(lambda x: x * 2)
>>> f(numpy.ones(2), backend="python").tolist()
[2.0, 2.0]
"""

from __future__ import annotations

import functools
from typing import Any, Callable

from ..jit._autojit import AutoJit as _AutoJit

__all__ = ["autojit", "AutoJit", "AutoCompiled"]


class AutoJit(_AutoJit):
    """arraycompat's ``AutoJit`` with autoray's compiler names: ``backend="torch"`` is
    ``torch.jit.trace`` (``"torch:compile"`` for ``torch.compile``), as in autoray.

    >>> AutoJit(lambda x: x, backend="torch").backend
    'torch:trace'
    """

    compiler_names = {"torch": "torch:trace"}


def autojit(fn: Callable | None = None, **options: Any) -> Any:
    """``arraycompat.autojit`` (same options) with autoray's compiler names (see ``AutoJit``).

    >>> import numpy
    >>> autojit(lambda x: x + 1, backend="python")(numpy.zeros(2)).tolist()
    [1.0, 1.0]
    """
    if fn is None:
        return functools.partial(autojit, **options)
    return AutoJit(fn, **options)


AutoCompiled = AutoJit  # autoray's name for the compiled function's class
