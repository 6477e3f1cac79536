"""autoray's ``autoray.compiler`` module: ``autojit``, compiled per call by the inputs'
library, with a per-call ``backend=`` as autoray takes it.

>>> import numpy
>>> from arraycompat.autoray.compiler import autojit
>>> f = autojit(lambda x: x * 2)
>>> f(numpy.ones(2), backend="python").tolist()
[2.0, 2.0]
"""

from __future__ import annotations

from ..jit import autojit
from ..jit._autojit import AutoJit

__all__ = ["autojit", "AutoJit"]
