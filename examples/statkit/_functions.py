"""The functions of statkit, each written with ``xp = get_namespace(...)`` only."""

from __future__ import annotations

import math

from arraycompat import device, get_namespace
from arraycompat.testing import xp_capabilities


@xp_capabilities()
def logsumexp(a, /, *, axis: int | None = None, keepdims: bool = False):
    """``log(sum(exp(a)))`` without overflow.

    >>> import numpy
    >>> float(logsumexp(numpy.asarray([1000.0, 1000.0])))  # doctest: +ELLIPSIS
    1000.693...
    """
    xp = get_namespace(a)
    m = xp.max(a, axis=axis, keepdims=True)
    m = xp.where(xp.isfinite(m), m, xp.zeros_like(m))
    out = xp.log(xp.sum(xp.exp(a - m), axis=axis, keepdims=True)) + m
    if keepdims:
        return out
    return xp.reshape(out, ()) if axis is None else xp.squeeze(out, axis=axis)


@xp_capabilities()
def welch(x, /, *, fs: float = 1.0, nperseg: int = 64):
    """One-sided power spectral density by Welch's method (Hann window, no overlap).

    Returns ``(freqs, psd)``.

    >>> import numpy
    >>> f, p = welch(numpy.sin(numpy.arange(256.0)), nperseg=64)
    >>> f.shape, p.shape
    ((33,), (33,))
    """
    xp = get_namespace(x)
    on = device(x)  # not x.device: dask arrays and jax tracers have no such attribute
    n_segments = x.shape[-1] // nperseg
    if n_segments < 1:
        raise ValueError(f"welch: the signal ({x.shape[-1]} samples) is shorter than nperseg={nperseg}")
    k = xp.arange(nperseg, dtype=x.dtype, device=on)
    window = 0.5 - 0.5 * xp.cos(2 * math.pi * k / nperseg)
    segments = xp.reshape(x[..., : n_segments * nperseg], (*x.shape[:-1], n_segments, nperseg))
    segments = segments - xp.mean(segments, axis=-1, keepdims=True)
    spectrum = xp.fft.rfft(segments * window, axis=-1)
    power = xp.real(spectrum * xp.conj(spectrum)) / (fs * xp.sum(window * window))
    psd = xp.mean(power, axis=-2)
    # one-sided: double every bin but DC (and Nyquist when nperseg is even)
    last = psd.shape[-1] - (1 if nperseg % 2 == 0 else 0)
    scale = xp.ones(psd.shape[-1], dtype=psd.dtype, device=on)
    scale = xp.where((xp.arange(psd.shape[-1], device=on) > 0)
                     & (xp.arange(psd.shape[-1], device=on) < last), 2 * scale, scale)
    freqs = xp.fft.rfftfreq(nperseg, d=1.0 / fs, dtype=x.dtype, device=on)
    return freqs, psd * scale


@xp_capabilities()
def cov(x, /):
    """Covariance of the rows of ``x`` (variables in rows, observations in columns).

    >>> import numpy
    >>> cov(numpy.asarray([[0.0, 2.0], [1.0, -1.0]])).tolist()
    [[2.0, -2.0], [-2.0, 2.0]]
    """
    xp = get_namespace(x)
    n = x.shape[-1]
    centred = x - xp.mean(x, axis=-1, keepdims=True)
    # xp.matrix_transpose, not .mT: dask arrays have no mT attribute
    return xp.matmul(centred, xp.matrix_transpose(xp.conj(centred))) / (n - 1)


@xp_capabilities()
def standardized_cov(x, /):
    """Covariance of the standardised rows: the correlation matrix.

    >>> import numpy
    >>> standardized_cov(numpy.asarray([[0.0, 2.0, 4.0], [1.0, 0.0, -1.0]])).round(12).tolist()
    [[1.0, -1.0], [-1.0, 1.0]]
    """
    xp = get_namespace(x)
    centred = x - xp.mean(x, axis=-1, keepdims=True)
    scaled = centred / xp.std(x, axis=-1, keepdims=True, correction=1)
    return cov(scaled)
