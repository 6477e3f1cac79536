"""tensorflow: ``tensorflow.experimental.numpy``, plus ``tf.linalg`` where tnp has none.

tensorflow is not installed here: this table is a code path only.
"""

from __future__ import annotations

from typing import Callable

__all__ = ["TABLE"]


def _svd() -> Callable:  # pragma: no cover - tensorflow is not installed in CI
    import tensorflow as tf

    def svd(a, full_matrices=False, compute_uv=True):
        """``tf.linalg.svd`` returns ``s, u, v``; numpy returns ``u, s, vh``."""
        if not compute_uv:
            return tf.linalg.svd(a, full_matrices=full_matrices, compute_uv=False)
        s, u, v = tf.linalg.svd(a, full_matrices=full_matrices)
        return u, s, tf.math.conj(tf.linalg.matrix_transpose(v))

    return svd


def _linalg(name: str) -> Callable[[], Callable]:
    def make() -> Callable:  # pragma: no cover
        import tensorflow as tf

        return getattr(tf.linalg, name)

    return make


def _norm() -> Callable:  # pragma: no cover
    import tensorflow as tf

    def norm(x, ord=None, axis=None, keepdims=False):
        return tf.norm(x, ord="euclidean" if ord is None else ord, axis=axis, keepdims=keepdims)

    return norm


TABLE: dict[str, Callable[[], Callable]] = {
    "linalg.svd": _svd,
    "linalg.norm": _norm,
    "linalg.expm": _linalg("expm"),
    "linalg.qr": _linalg("qr"),
    "linalg.eigh": _linalg("eigh"),
    "linalg.inv": _linalg("inv"),
    "linalg.solve": _linalg("solve"),
    "linalg.cholesky": _linalg("cholesky"),
}
