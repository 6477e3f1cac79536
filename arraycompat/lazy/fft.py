"""The standard's ``fft`` extension, lazily.

>>> from arraycompat import lazy
>>> lazy.fft.rfft(lazy.Variable((8,), "float64")).shape
(5,)
"""

from __future__ import annotations

from ._node import LazyArray
from ._record import apply

__all__ = [
    "fft", "ifft", "fftn", "ifftn", "rfft", "irfft", "rfftn", "irfftn", "hfft", "ihfft",
    "fftfreq", "rfftfreq", "fftshift", "ifftshift",
]


def _one(name, x, n, axis, norm) -> LazyArray:
    return apply(f"fft.{name}", (x,), {"n": n, "axis": axis, "norm": norm})


def _many(name, x, s, axes, norm) -> LazyArray:
    return apply(f"fft.{name}", (x,), {"s": s, "axes": axes, "norm": norm})


def fft(x, /, *, n=None, axis=-1, norm="backward") -> LazyArray:
    return _one("fft", x, n, axis, norm)


def ifft(x, /, *, n=None, axis=-1, norm="backward") -> LazyArray:
    return _one("ifft", x, n, axis, norm)


def rfft(x, /, *, n=None, axis=-1, norm="backward") -> LazyArray:
    return _one("rfft", x, n, axis, norm)


def irfft(x, /, *, n=None, axis=-1, norm="backward") -> LazyArray:
    return _one("irfft", x, n, axis, norm)


def hfft(x, /, *, n=None, axis=-1, norm="backward") -> LazyArray:
    return _one("hfft", x, n, axis, norm)


def ihfft(x, /, *, n=None, axis=-1, norm="backward") -> LazyArray:
    return _one("ihfft", x, n, axis, norm)


def fftn(x, /, *, s=None, axes=None, norm="backward") -> LazyArray:
    return _many("fftn", x, s, axes, norm)


def ifftn(x, /, *, s=None, axes=None, norm="backward") -> LazyArray:
    return _many("ifftn", x, s, axes, norm)


def rfftn(x, /, *, s=None, axes=None, norm="backward") -> LazyArray:
    return _many("rfftn", x, s, axes, norm)


def irfftn(x, /, *, s=None, axes=None, norm="backward") -> LazyArray:
    return _many("irfftn", x, s, axes, norm)


def fftshift(x, /, *, axes=None) -> LazyArray:
    return apply("fft.fftshift", (x,), {"axes": axes})


def ifftshift(x, /, *, axes=None) -> LazyArray:
    return apply("fft.ifftshift", (x,), {"axes": axes})


def _freq(name, n, d, dtype, device, backend) -> LazyArray:
    from ._config import backend_namespace, native_dtype
    from ._node import _leaf

    ns = backend_namespace(backend)
    kwargs = {"d": d}
    if dtype is not None:
        kwargs["dtype"] = native_dtype(ns, dtype)
    if device is not None:
        kwargs["device"] = device
    return _leaf(getattr(ns.fft, name)(n, **kwargs), ns)


def fftfreq(n, /, *, d=1.0, dtype=None, device=None, backend=None) -> LazyArray:
    return _freq("fftfreq", n, d, dtype, device, backend)


def rfftfreq(n, /, *, d=1.0, dtype=None, device=None, backend=None) -> LazyArray:
    return _freq("rfftfreq", n, d, dtype, device, backend)


def __getattr__(name: str):
    from ._fallthrough import beyond_standard

    return beyond_standard(f"fft.{name}")
