"""The standard's ``linalg`` extension, lazily; other names of the wrapped library's
``linalg`` (``norm``, ``expm``...) are recorded too (see ``_fallthrough``).

>>> from arraycompat import lazy
>>> x = lazy.Variable((4, 3), "float64")
>>> [q.shape for q in lazy.linalg.qr(x)]
[(4, 3), (3, 3)]
"""

from __future__ import annotations

from ._config import native_dtype
from ._node import LazyArray
from ._record import apply
from .linear_algebra import matmul, matrix_transpose, tensordot, vecdot

__all__ = [
    "cholesky", "cross", "det", "diagonal", "eigh", "eigvalsh", "inv", "matmul", "matrix_norm",
    "matrix_power", "matrix_rank", "matrix_transpose", "outer", "pinv", "qr", "slogdet", "solve",
    "svd", "svdvals", "tensordot", "trace", "vecdot", "vector_norm",
]


def cholesky(x, /, *, upper=False) -> LazyArray:
    return apply("linalg.cholesky", (x,), {"upper": upper})


def cross(x1, x2, /, *, axis=-1) -> LazyArray:
    return apply("linalg.cross", (x1, x2), {"axis": axis})


def det(x, /) -> LazyArray:
    return apply("linalg.det", (x,))


def diagonal(x, /, *, offset=0) -> LazyArray:
    return apply("linalg.diagonal", (x,), {"offset": offset})


def eigh(x, /):
    return apply("linalg.eigh", (x,))


def eigvalsh(x, /) -> LazyArray:
    return apply("linalg.eigvalsh", (x,))


def inv(x, /) -> LazyArray:
    return apply("linalg.inv", (x,))


def matrix_norm(x, /, *, keepdims=False, ord="fro") -> LazyArray:
    return apply("linalg.matrix_norm", (x,), {"keepdims": keepdims, "ord": ord})


def matrix_power(x, n, /) -> LazyArray:
    return apply("linalg.matrix_power", (x, n))


def matrix_rank(x, /, *, rtol=None) -> LazyArray:
    return apply("linalg.matrix_rank", (x,), {"rtol": rtol})


def outer(x1, x2, /) -> LazyArray:
    return apply("linalg.outer", (x1, x2))


def pinv(x, /, *, rtol=None) -> LazyArray:
    return apply("linalg.pinv", (x,), {"rtol": rtol})


def qr(x, /, *, mode="reduced"):
    return apply("linalg.qr", (x,), {"mode": mode})


def slogdet(x, /):
    return apply("linalg.slogdet", (x,))


def solve(x1, x2, /) -> LazyArray:
    return apply("linalg.solve", (x1, x2))


def svd(x, /, *, full_matrices=True):
    return apply("linalg.svd", (x,), {"full_matrices": full_matrices})


def svdvals(x, /) -> LazyArray:
    return apply("linalg.svdvals", (x,))


def trace(x, /, *, offset=0, dtype=None) -> LazyArray:
    kwargs = {"offset": offset}
    if dtype is not None:
        kwargs["dtype"] = native_dtype(x._backend, dtype)
    return apply("linalg.trace", (x,), kwargs)


def vector_norm(x, /, *, axis=None, keepdims=False, ord=2) -> LazyArray:
    return apply("linalg.vector_norm", (x,), {"axis": axis, "keepdims": keepdims, "ord": ord})


def __getattr__(name: str):
    from ._fallthrough import beyond_standard

    return beyond_standard(f"linalg.{name}")
