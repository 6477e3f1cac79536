"""tensorflow: ``tensorflow.experimental.numpy``, plus ``tf.linalg`` where tnp has none,
plus the standard's names tnp lacks (``concat``, ``permute_dims``, ``astype``, ``isdtype``...)
so that code written against the standard, and ``arraycompat.lazy``, run on tensorflow.

Tested in tests/test_backend_tensorflow.py when tensorflow is installed.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _svd() -> Callable:
    import tensorflow as tf

    def svd(a, full_matrices=False, compute_uv=True):
        """``tf.linalg.svd`` returns ``s, u, v``; numpy returns ``u, s, vh``."""
        if not compute_uv:
            return tf.linalg.svd(a, full_matrices=full_matrices, compute_uv=False)
        s, u, v = tf.linalg.svd(a, full_matrices=full_matrices)
        return u, s, tf.math.conj(tf.linalg.matrix_transpose(v))

    return svd


def _linalg(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        import tensorflow as tf

        return getattr(tf.linalg, name)

    return make


def _norm() -> Callable:
    import tensorflow as tf

    def norm(x, ord=None, axis=None, keepdims=False):
        return tf.norm(x, ord="euclidean" if ord is None else ord, axis=axis, keepdims=keepdims)

    return norm


def _tnp(name: str) -> Callable[[], Callable]:
    def make() -> Callable:
        import tensorflow.experimental.numpy as tnp

        return getattr(tnp, name)

    return make


def _concat() -> Callable:
    import tensorflow.experimental.numpy as tnp

    def concat(arrays, /, *, axis=0):
        """The standard's ``concat``: ``axis=None`` flattens first."""
        if axis is None:
            return tnp.concatenate([tnp.ravel(a) for a in arrays], axis=0)
        return tnp.concatenate(list(arrays), axis=axis)

    return concat


def _permute_dims() -> Callable:
    import tensorflow as tf

    def permute_dims(x, /, axes):
        return tf.transpose(x, perm=list(axes))

    return permute_dims


def _matrix_transpose() -> Callable:
    import tensorflow as tf

    return tf.linalg.matrix_transpose


def _astype() -> Callable:
    import tensorflow as tf

    def astype(x, dtype, /, *, copy=True, device=None):
        """``tf.cast`` to ``dtype`` (a tf/numpy dtype or its name); tensors are immutable,
        so ``copy`` changes nothing."""
        out = tf.cast(x, tf.as_dtype(dtype))
        if device is not None:
            with tf.device(device):
                out = tf.identity(out)
        return out

    return astype


_KINDS = {
    "bool": lambda d: d.is_bool,
    "signed integer": lambda d: d.is_integer and not d.is_unsigned,
    "unsigned integer": lambda d: d.is_integer and d.is_unsigned,
    "integral": lambda d: d.is_integer,
    "real floating": lambda d: d.is_floating,
    "complex floating": lambda d: d.is_complex,
    "numeric": lambda d: (d.is_integer or d.is_floating or d.is_complex) and not d.is_bool,
}


def _isdtype() -> Callable:
    import tensorflow as tf

    def isdtype(dtype, kind):
        """The standard's ``isdtype`` for tensorflow (or numpy) dtypes."""
        d = tf.as_dtype(dtype)
        if isinstance(kind, tuple):
            return any(isdtype(d, k) for k in kind)
        if isinstance(kind, str):
            try:
                return bool(_KINDS[kind](d))
            except KeyError:
                raise ValueError(
                    f"arraycompat: isdtype kind {kind!r} is not one of {', '.join(_KINDS)}"
                ) from None
        return d == tf.as_dtype(kind)

    return isdtype


def _asarray() -> Callable:
    import tensorflow as tf
    import tensorflow.experimental.numpy as tnp

    def asarray(obj, /, *, dtype=None, device=None, copy=None):
        """``tnp.asarray`` on ``device`` (a tensorflow device string) when given."""
        dtype = None if dtype is None else tf.as_dtype(dtype)
        if device is None:
            return tnp.asarray(obj, dtype=dtype)
        with tf.device(device):
            return tf.identity(tnp.asarray(obj, dtype=dtype))

    return asarray


def _creation(name: str) -> Callable[[], Callable]:
    """tnp's ``name`` taking the standard's ``device`` keyword (a tensorflow device string)."""

    def make() -> Callable:
        import tensorflow as tf
        import tensorflow.experimental.numpy as tnp

        fn = getattr(tnp, name)

        def create(*args, device=None, **kwargs):
            if device is None:
                return fn(*args, **kwargs)
            with tf.device(device):
                return tf.identity(fn(*args, **kwargs))

        create.__name__ = name
        create.__doc__ = f"tensorflow.experimental.numpy.{name} with a ``device`` keyword."
        return create

    return make


_CREATION = (
    "eye", "zeros", "ones", "full", "empty", "arange", "linspace",
    "zeros_like", "ones_like", "full_like", "empty_like",
)

# The standard's names for numpy's (tnp has the numpy names only).
_RENAMED = {
    "pow": "power", "acos": "arccos", "acosh": "arccosh", "asin": "arcsin",
    "asinh": "arcsinh", "atan": "arctan", "atan2": "arctan2", "atanh": "arctanh",
    "bitwise_invert": "invert", "bitwise_left_shift": "left_shift",
    "bitwise_right_shift": "right_shift",
}

TABLE: dict[str, Callable[[], Callable]] = {
    **{standard: _tnp(numpy_name) for standard, numpy_name in _RENAMED.items()},
    "concat": _concat,
    "permute_dims": _permute_dims,
    "matrix_transpose": _matrix_transpose,
    "astype": _astype,
    "isdtype": _isdtype,
    "asarray": _asarray,
    **{name: _creation(name) for name in _CREATION},
    "linalg.svd": _svd,
    "linalg.norm": _norm,
    "linalg.expm": _linalg("expm"),
    "linalg.qr": _linalg("qr"),
    "linalg.eigh": _linalg("eigh"),
    "linalg.inv": _linalg("inv"),
    "linalg.solve": _linalg("solve"),
    "linalg.cholesky": _linalg("cholesky"),
}
