"""autoray's API on arraycompat: ``import arraycompat.autoray as ar`` is ``import autoray as ar``.

Every name of autoray 0.11's ``__all__`` and the module-level names libraries built
on autoray import (``DoFunc``, ``dag``, ``to``, ``tree_flatten``...), with autoray's
meanings where they differ from arraycompat's top level (``get_namespace("numpy")``
returns a dispatching namespace whose creation functions take ``like``'s dtype and
device). ``install()`` makes ``import autoray`` (and ``autoray.lazy``,
``autoray.lazy.core``, ``autoray.autoray``, ``autoray.compiler``) import these.

>>> import numpy
>>> import arraycompat.autoray as ar
>>> ar.do("tensordot", numpy.ones((2, 3)), numpy.ones(3), 1).tolist()
[3.0, 3.0]
>>> xp = ar.get_namespace(numpy.ones(1, dtype="float32"))
>>> str(xp.zeros((2,)).dtype)
'float32'
"""

from __future__ import annotations

import sys
from math import e, inf, nan, pi

from .. import lazy
from ..dispatch._dispatch import backend_like, do, get_backend, infer_backend, infer_backend_multi
from ..dispatch._dtypes import astype, get_dtype_name, to_backend_dtype
from ..dispatch._registry import register_backend
from ..dispatch._shortcuts import (
    conj, get_common_dtype, get_lib_fn, imag, is_scalar, ndim, real, reshape, set_backend,
    shape, stop_gradient, transpose,
)
from ..core._tree import tree_apply, tree_flatten, tree_iter, tree_map, tree_unflatten
from . import autoray, compiler
from .autoray import (
    DoFunc, compose, dag, get_namespace, infer_backend_device_dtype, is_array, numpy,
    from_numpy, register_function, size, to, to_device, to_numpy,
)
from .compiler import autojit

__version__ = "0.11.0"

__all__ = (
    "astype", "autojit", "backend_like", "compose", "conj", "dag", "do", "DoFunc", "e",
    "from_numpy", "get_backend", "get_common_dtype", "get_dtype_name", "get_lib_fn",
    "get_namespace", "imag", "inf", "infer_backend_device_dtype", "infer_backend_multi",
    "infer_backend", "is_array", "is_scalar", "lazy", "nan", "ndim", "numpy", "pi", "real",
    "register_backend", "register_function", "reshape", "set_backend", "shape", "size",
    "stop_gradient", "to", "to_backend_dtype", "to_device", "to_numpy", "transpose",
    "tree_apply", "tree_flatten", "tree_iter", "tree_map", "tree_unflatten",
)


def install() -> None:
    """Make ``import autoray`` and its submodules import arraycompat's, in this process.

    >>> import sys, arraycompat.autoray
    >>> saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k.split(".")[0] == "autoray"}
    >>> arraycompat.autoray.install()
    >>> import autoray
    >>> autoray is arraycompat.autoray
    True
    >>> from autoray.lazy.core import LazyArray
    >>> for k in [k for k in sys.modules if k.split(".")[0] == "autoray"]: del sys.modules[k]
    >>> sys.modules.update(saved)
    """
    from ..lazy import core, linalg

    me = sys.modules[__name__]
    sys.modules.update({
        "autoray": me,
        "autoray.autoray": autoray,
        "autoray.compiler": compiler,
        "autoray.numpy": numpy,
        "autoray.lazy": lazy,
        "autoray.lazy.core": core,
        "autoray.lazy.linalg": linalg,
    })
