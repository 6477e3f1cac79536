"""The rest of autoray's front door, so code written for autoray switches unchanged.

Each is a thin shortcut over ``do`` and the dtype helpers.

>>> import numpy
>>> shape(numpy.ones((2, 3))), ndim(numpy.ones((2, 3)))
((2, 3), 2)
"""

from __future__ import annotations

import math
from typing import Any, Callable

from . import _dispatch
from ._dispatch import do, set_current, function_for, infer_backend, library_of_like
from ._dtypes import get_dtype_name

__all__ = [
    "get_lib_fn", "shape", "ndim", "conj", "real", "imag", "reshape", "transpose",
    "is_scalar", "get_common_dtype", "infer_backend_device_dtype", "set_backend",
    "stop_gradient", "compose", "e", "inf", "nan", "pi",
]

e, inf, nan, pi = math.e, math.inf, math.nan, math.pi


def get_lib_fn(backend: Any, fn: str) -> Callable:
    """The function ``do(fn, ...)`` would call for ``backend`` (a name, array or Namespace).

    >>> import numpy
    >>> get_lib_fn("numpy", "sum") is numpy.sum
    True
    """
    return function_for(library_of_like(backend, fn), fn)


def shape(x: Any) -> tuple:
    """``x.shape`` as a tuple (torch.Size, TensorShape and lists of dims alike).

    >>> shape([[1, 2, 3]])
    (1, 3)
    """
    if hasattr(x, "shape"):
        return tuple(x.shape)
    return tuple(_nested_shape(x))


def _nested_shape(x: Any) -> list:
    """The dims of a nested list: down the first elements, ending in an array's shape
    (``[numpy.ones(3), numpy.ones(3)]`` is (2, 3), as numpy.shape says)."""
    dims = []
    while isinstance(x, (list, tuple)):
        dims.append(len(x))
        x = x[0] if x else None
    if x is not None and hasattr(x, "shape"):
        dims.extend(x.shape)
    return dims


def ndim(x: Any) -> int:
    """The number of dimensions of ``x``.

    >>> ndim(3.0)
    0
    """
    return len(shape(x)) if hasattr(x, "shape") or isinstance(x, (list, tuple)) else 0


def conj(x: Any) -> Any:
    """Complex conjugate, on any library.

    >>> import numpy
    >>> conj(numpy.asarray([1 + 2j])).tolist()
    [(1-2j)]
    """
    return do("conj", x)


def real(x: Any) -> Any:
    """Real part, on any library.

    >>> import numpy
    >>> real(numpy.asarray([1 + 2j])).tolist()
    [1.0]
    """
    return do("real", x)


def imag(x: Any) -> Any:
    """Imaginary part, on any library.

    >>> import numpy
    >>> imag(numpy.asarray([1 + 2j])).tolist()
    [2.0]
    """
    return do("imag", x)


def reshape(x: Any, newshape: tuple) -> Any:
    """Reshape, on any library.

    >>> import numpy
    >>> reshape(numpy.arange(6), (2, 3)).shape
    (2, 3)
    """
    return do("reshape", x, newshape)


def transpose(x: Any, axes: tuple | None = None) -> Any:
    """Permute the axes (reverse them by default), on any library.

    >>> import numpy
    >>> transpose(numpy.ones((2, 3))).shape
    (3, 2)
    """
    if axes is None:
        axes = tuple(range(ndim(x) - 1, -1, -1))
    return do("transpose", x, axes)


def is_scalar(x: Any) -> bool:
    """True for Python numbers and 0-d arrays.

    >>> import numpy
    >>> is_scalar(1.0), is_scalar(numpy.float64(1)), is_scalar(numpy.ones(2))
    (True, True, False)
    """
    if isinstance(x, (bool, int, float, complex)):
        return True
    return hasattr(x, "shape") and len(x.shape) == 0


def get_common_dtype(*arrays: Any) -> str:
    """The name of the dtype the arrays promote to.

    >>> import numpy
    >>> get_common_dtype(numpy.ones(1, dtype="float32"), numpy.ones(1, dtype="complex64"))
    'complex64'
    """
    import numpy

    return str(numpy.result_type(*(get_dtype_name(x) for x in arrays)))


def infer_backend_device_dtype(x: Any) -> tuple[str, str, str]:
    """``(library, device, dtype name)`` of ``x``.

    >>> import numpy
    >>> infer_backend_device_dtype(numpy.ones(1))
    ('numpy', 'cpu', 'float64')
    """
    from ..core._devices import device

    return infer_backend(x), str(device(x)), get_dtype_name(x)


def set_backend(like: Any) -> None:
    """Set the library ``do`` uses when a call holds no array and no ``like``.

    For this thread or task only, like ``backend_like`` without a block; ``None``
    clears it.

    >>> set_backend("numpy"); do("zeros", 2).shape
    (2,)
    >>> set_backend(None)
    """
    set_current(None if like is None else _dispatch.library_name(like))


def stop_gradient(x: Any) -> Any:
    """``x`` cut from autodiff: torch ``detach``, jax ``lax.stop_gradient``; others as is.

    >>> import numpy
    >>> stop_gradient(numpy.ones(1)).tolist()
    [1.0]
    """
    library = infer_backend(x)
    if library == "torch":
        return x.detach()
    if library == "jax":
        import jax

        return jax.lax.stop_gradient(x)
    if library == "tensorflow":
        import tensorflow

        return tensorflow.stop_gradient(x)
    return x


class compose:
    """A function written with ``do``, overridable per library.

    >>> import numpy
    >>> @compose
    ... def softplus(x):
    ...     return do("log1p", do("exp", x))
    >>> @softplus.register("numpy")
    ... def _softplus_numpy(x):
    ...     return numpy.logaddexp(0, x)
    >>> round(float(softplus(numpy.asarray(0.0))), 6)
    0.693147
    """

    def __init__(self, fn: Callable, name: str | None = None) -> None:
        self._default = fn
        self._by_library: dict[str, Callable] = {}
        self.__name__ = name or fn.__name__
        self.__doc__ = fn.__doc__
        self.__wrapped__ = fn

    def register(self, backend: str, fn: Callable | None = None) -> Callable:
        """Use ``fn`` for arrays of ``backend`` (decorator when ``fn`` is omitted)."""
        library = library_of_like(backend)

        def add(f: Callable) -> Callable:
            self._by_library[library] = f
            return f

        return add if fn is None else add(fn)

    def __call__(self, *args: Any, like: Any = None, **kwargs: Any) -> Any:
        library = library_of_like(like) if like is not None else (
            infer_backend(args[0]) if args else None
        )
        return self._by_library.get(library, self._default)(*args, **kwargs)
