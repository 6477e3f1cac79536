"""Each library's ``Generator``: numpy, cupy, torch, jax, dask, tensorflow, and numpy's
samples brought over for libraries with no random module.

>>> _NumpyGenerator(0).integers(0, 10, size=3).shape
(3,)
"""

from __future__ import annotations

import functools
import os
import threading
import warnings
from typing import Any, Callable

from . import _dispatch
from ._dtypes import dtype_name, from_numpy, to_numpy
from ._random_base import _OPTIONAL_METHODS, Generator, Lacking, _shape, native, shift

__all__ = ["GENERATORS", "_JaxGenerator", "_TorchGenerator", "_warn_jax_generated_seed"]


class _NumpyGenerator(Generator):
    library = "numpy"
    _module = "numpy"

    def __init__(self, seed=None, device=None, dtype=None):
        import importlib

        super().__init__(seed, device, dtype)
        self._xp = importlib.import_module(self._module)
        self._rng = self._xp.random.default_rng(seed)

    binomial, choice, exponential, gumbel, integers, permutation, poisson = (
        native(name) for name in _OPTIONAL_METHODS
    )

    def _check(self, device):
        if device is not None and str(device) != "cpu":
            raise ValueError(
                f"arraycompat random (numpy): numpy arrays live on 'cpu', got device={device!r}."
            )

    def _draw(self, method, shape, dtype, device):
        self._check(device)
        native = dtype if dtype in ("float32", "float64") else "float64"
        x = getattr(self._rng, method)(shape, dtype=native)
        return x if native == dtype else x.astype(dtype)

    def _standard_normal(self, shape, dtype, device):
        return self._draw("standard_normal", shape, dtype, device)

    def _unit_uniform(self, shape, dtype, device):
        return self._draw("random", shape, dtype, device)

    def _integers(self, low, high, shape, device):
        self._check(device)
        return self._xp.asarray(self._rng.integers(low, high, size=shape))


class _NumpyGlobalGenerator(_NumpyGenerator):
    """numpy's global state, the one ``numpy.random.seed`` seeds: what ``do("random.*",
    like="numpy")`` and ``random.array(rng=None)`` draw from, as torch's global one."""

    def __init__(self, device=None):
        import numpy

        Generator.__init__(self, None, device)
        self._xp = numpy
        self._rng = numpy.random  # binomial, choice, ... are its functions

    def _draw(self, method, shape, dtype, device):
        self._check(device)
        x = self._xp.asarray(getattr(self._rng, method)(shape))  # float64 only
        return x if dtype == "float64" else x.astype(dtype)

    def integers(self, low, high=None, size=None, dtype="int64", endpoint=False):
        """Integers in [low, high) (``endpoint=True``: [low, high]); ``integers(n)``: [0, n)."""
        if high is None:
            low, high = 0, low
        return self._rng.randint(low, high + 1 if endpoint else high, size, dtype)

    def _integers(self, low, high, shape, device):
        self._check(device)
        return self._xp.asarray(self.integers(low, high, shape))


class _CupyGenerator(_NumpyGenerator):  # pragma: no cover - needs a CUDA device
    library = "cupy"
    _module = "cupy"
    # cupy's Generator has numpy's binomial, exponential, integers and poisson only
    choice = gumbel = permutation = Lacking()

    def _check(self, device):
        pass

    def _draw(self, method, shape, dtype, device):
        if device is None:
            return super()._draw(method, shape, dtype, device)
        index = getattr(device, "id", device)
        with self._xp.cuda.Device(index):
            return super()._draw(method, shape, dtype, None)


class _TorchGenerator(Generator):
    """torch's ``torch.Generator`` (or torch's global one with ``shared=True``)."""

    library = "torch"

    def __init__(self, seed=None, device=None, dtype=None, *, shared=False):
        import torch

        super().__init__(seed, device, dtype)
        self._torch = torch
        if shared:  # torch's global generators: torch.manual_seed applies
            self._generator = None
        elif isinstance(seed, torch.Generator):
            self._generator = seed
            self._check(device)
            self.device = seed.device
        else:
            self._generator = torch.Generator(device=device or "cpu")
            if seed is None:
                self._generator.seed()
            else:
                self._generator.manual_seed(int(seed))
            self.device = self._generator.device

    def _check(self, device):
        if device is None or self._generator is None:
            return
        wanted, have = self._torch.device(device), self._generator.device
        if wanted.type != have.type or (wanted.index not in (None, have.index)):
            raise ValueError(
                f"arraycompat random (torch): this generator draws on {have}, not on "
                f"device={device!r}; torch needs the generator and the result on one device. "
                f"Make a generator there: default_rng(seed, like='torch', device={device!r})."
            )

    def _kwargs(self, dtype, device):
        self._check(device)
        torch = self._torch
        kwargs = {"generator": self._generator}
        if dtype is not None:
            kwargs["dtype"] = getattr(torch, dtype)
        if device is not None:
            kwargs["device"] = torch.device(device)
        return kwargs

    def _standard_normal(self, shape, dtype, device):
        return self._torch.randn(shape, **self._kwargs(dtype, device))

    def _unit_uniform(self, shape, dtype, device):
        return self._torch.rand(shape, **self._kwargs(dtype, device))

    def _complex_normal(self, shape, name, real, device):
        return self._torch.randn(shape, **self._kwargs(name, device))  # torch's: E|z|^2 = 1

    # torch's own casts (no do() call: torch.compile(fullgraph=True) traces these)
    def _cast(self, x, name):
        return x.to(getattr(self._torch, name))

    def _complex(self, re, im, name):
        return self._torch.complex(re, im)

    def _integers(self, low, high, shape, device):
        return self._torch.randint(low, high, shape, **self._kwargs("int64", device))

    def integers(self, low, high=None, size=None, dtype="int64", endpoint=False, *,
                 device=None) -> Any:
        """Integers in [low, high) (``endpoint=True``: [low, high]); ``integers(n)``: [0, n)."""
        if high is None:
            low, high = 0, low
        if endpoint:
            high = high + 1
        kwargs = self._kwargs(dtype_name(dtype), self._device(device))
        return self._torch.randint(low, high, _shape(size), **kwargs)

    def permutation(self, x: Any) -> Any:
        """A shuffled copy of ``x`` along its first axis, or of ``arange(x)`` for an int."""
        if isinstance(x, int):
            return self._torch.randperm(x, **self._kwargs("int64", self.device))
        x = self._torch.as_tensor(x)
        return x[self._torch.randperm(x.shape[0], **self._kwargs("int64", x.device))]

    def choice(self, a: Any, size=None, replace=True, p=None) -> Any:
        """Samples of ``a``'s entries (or of ``arange(a)`` for an int), with probabilities ``p``."""
        torch = self._torch
        if isinstance(a, int):
            a = torch.arange(a, device=self._device(None))
        a = torch.as_tensor(a)
        shape = _shape(size)
        count = 1
        for n in shape:
            count *= n
        kwargs = self._kwargs("int64", a.device)
        if p is not None:
            p = torch.as_tensor(p, device=a.device)
            index = torch.multinomial(p, count, replacement=replace, generator=self._generator)
        elif replace:
            index = torch.randint(0, a.shape[0], (count,), **kwargs)
        else:
            if count > a.shape[0]:
                raise ValueError(
                    f"arraycompat random (torch): cannot choose {count} of {a.shape[0]} "
                    f"entries without replacement; pass replace=True or a smaller size."
                )
            index = torch.randperm(a.shape[0], **kwargs)[:count]
        return a[index.reshape(shape)]


@functools.cache
def _warn_jax_generated_seed() -> None:
    """Warn, once per process, that a jax generator made without a seed drew one here."""
    warnings.warn(
        "arraycompat random (jax): default_rng(None, like='jax') drew its seed from the "
        "operating system. Inside jax.jit (or autojit) that happens once, at trace time, so "
        "the compiled function reuses the same seed on every call. Pass a seed or key into "
        "the function and make the generator there: default_rng(seed, like='jax').",
        RuntimeWarning,
        stacklevel=4,
    )


class _JaxGenerator(Generator):
    """jax needs an explicit key: this generator keeps one and splits it per draw.

    ``seed`` may be an int (or a traced int, under ``jax.jit``), a key, or None (a seed
    from the OS, with a one-time warning unless ``warn=False``).
    """

    library = "jax"

    def __init__(self, seed=None, device=None, dtype=None, *, warn=True):
        import jax

        super().__init__(seed, device, dtype)
        self._jax = jax
        if seed is None:
            if warn:
                _warn_jax_generated_seed()
            seed = int.from_bytes(os.urandom(4), "little")
        self._key = self._as_key(seed)
        self._lock = threading.Lock()

    def _as_key(self, seed):
        jax = self._jax
        dtype = getattr(seed, "dtype", None)
        if dtype is not None and jax.dtypes.issubdtype(dtype, jax.dtypes.prng_key):
            return seed
        if dtype is not None and str(dtype) == "uint32" and getattr(seed, "shape", ()) == (2,):
            return jax.random.wrap_key_data(seed)  # a raw key, jax.random.PRNGKey's
        return jax.random.key(seed)

    def _next_key(self):
        with self._lock:
            self._key, key = self._jax.random.split(self._key)
        return key

    def _place(self, x, device):
        if device is None:
            return x
        if isinstance(device, str):
            platform, _, index = device.partition(":")
            platform = {"cuda": "gpu"}.get(platform.lower(), platform.lower())
            device = self._jax.devices(platform)[int(index or 0)]
        return self._jax.device_put(x, device)

    def _dtype_of(self, dtype):
        import jax.numpy as jnp

        return jnp.dtype(dtype)

    def _standard_normal(self, shape, dtype, device):
        x = self._jax.random.normal(self._next_key(), shape, self._dtype_of(dtype))
        return self._place(x, device)

    def _unit_uniform(self, shape, dtype, device):
        x = self._jax.random.uniform(self._next_key(), shape, self._dtype_of(dtype))
        return self._place(x, device)

    def _complex_normal(self, shape, name, real, device):  # jax's: E|z|^2 = 1
        return self._standard_normal(shape, name, device)

    def _integers(self, low, high, shape, device):
        return self._place(self.integers(low, high, size=shape), device)

    def integers(self, low, high=None, size=None, dtype=None, endpoint=False) -> Any:
        """Integers in [low, high) (``endpoint=True``: [low, high]); ``integers(n)``: [0, n)."""
        import jax.numpy as jnp

        if high is None:
            low, high = 0, low
        if endpoint:
            high = high + 1
        dtype = jnp.asarray(0).dtype if dtype is None else jnp.dtype(dtype_name(dtype))
        return self._jax.random.randint(self._next_key(), _shape(size), low, high, dtype)

    def choice(self, a: Any, size=None, replace=True, p=None) -> Any:
        """Samples of ``a``'s entries (or of ``arange(a)`` for an int), with probabilities ``p``."""
        return self._jax.random.choice(self._next_key(), a, _shape(size), replace, p)

    def permutation(self, x: Any) -> Any:
        """A shuffled copy of ``x`` along its first axis, or of ``arange(x)`` for an int."""
        return self._jax.random.permutation(self._next_key(), x)

    def binomial(self, n: Any, p: Any, size=None) -> Any:
        """Successes in ``n`` trials of probability ``p``."""
        shape = None if size is None else _shape(size)
        return self._jax.random.binomial(self._next_key(), n, p, shape)

    def poisson(self, lam: Any = 1.0, size=None) -> Any:
        """Poisson samples of rate ``lam``."""
        shape = None if size is None else _shape(size)
        return self._jax.random.poisson(self._next_key(), lam, shape)

    def exponential(self, scale: Any = 1.0, size=None) -> Any:
        """Exponential samples of mean ``scale``."""
        x = self._jax.random.exponential(self._next_key(), _shape(size),
                                         self._dtype_of(self._float(None)))
        return shift(x, 0.0, scale)

    def gumbel(self, loc: Any = 0.0, scale: Any = 1.0, size=None) -> Any:
        """Gumbel samples of mode ``loc`` and scale ``scale``."""
        x = self._jax.random.gumbel(self._next_key(), _shape(size),
                                    self._dtype_of(self._float(None)))
        return shift(x, loc, scale)


class _DaskGenerator(Generator):
    library = "dask"

    def __init__(self, seed=None, device=None, dtype=None):
        import dask.array

        super().__init__(seed, device, dtype)
        self._rng = dask.array.random.default_rng(seed)

    binomial, choice, exponential, gumbel, integers, permutation, poisson = (
        native(name) for name in _OPTIONAL_METHODS
    )

    def _standard_normal(self, shape, dtype, device):
        x = self._rng.standard_normal(shape)
        return x if dtype in (None, "float64") else x.astype(dtype)

    def _unit_uniform(self, shape, dtype, device):
        native = dtype if dtype in ("float32", "float64") else "float64"
        x = self._rng.random(shape, dtype=native)
        return x if dtype in (None, native) else x.astype(dtype)


class _TensorflowGenerator(Generator):  # pragma: no cover - tensorflow not installed
    library = "tensorflow"

    def __init__(self, seed=None, device=None, dtype=None):
        import tensorflow as tf

        super().__init__(seed, device, dtype)
        self._tf = tf
        self._rng = (
            tf.random.Generator.from_non_deterministic_state()
            if seed is None
            else tf.random.Generator.from_seed(seed)
        )

    def _call(self, method, shape, device, **kwargs):
        if device is None:
            return getattr(self._rng, method)(shape, **kwargs)
        with self._tf.device(device):
            return getattr(self._rng, method)(shape, **kwargs)

    def _standard_normal(self, shape, dtype, device):
        return self._call("normal", shape, device, dtype=dtype)

    def _unit_uniform(self, shape, dtype, device):
        return self._call("uniform", shape, device, dtype=dtype)

    def _integers(self, low, high, shape, device):
        return self._call("uniform", shape, device, minval=low, maxval=high, dtype="int64")

    def integers(self, low, high=None, size=None, dtype="int64", endpoint=False) -> Any:
        """Integers in [low, high) (``endpoint=True``: [low, high]); ``integers(n)``: [0, n)."""
        if high is None:
            low, high = 0, low
        return self._call("uniform", _shape(size), None, minval=low,
                          maxval=high + 1 if endpoint else high, dtype=dtype_name(dtype))


class _ViaNumpyGenerator(Generator):
    """Libraries with no random module (array-api-strict, sparse...): numpy's samples,
    brought over with ``arraycompat.asarray``."""

    def __init__(self, library, seed=None, device=None, dtype=None):
        self.library = library
        super().__init__(seed, device, dtype)
        self._numpy = _NumpyGenerator(seed)

    def _bring(self, x, device):
        return from_numpy(x, like=self.library, device=device)

    def _standard_normal(self, shape, dtype, device):
        return self._bring(self._numpy._standard_normal(shape, dtype, None), device)

    def _unit_uniform(self, shape, dtype, device):
        return self._bring(self._numpy._unit_uniform(shape, dtype, None), device)

    def array(self, shape, dist, dtype=None, device=None):
        return self._bring(self._numpy.array(shape, dist, self._array_dtype(dtype)),
                           self._device(device))


def _via_numpy(name: str) -> Callable:
    def method(self, *args: Any, **kwargs: Any) -> Any:
        import numpy

        args = [a if _dispatch.infer_backend(a) == _dispatch._NOT_ARRAY else to_numpy(a)
                for a in args]  # choice and permutation of this library's array
        return self._bring(numpy.asarray(getattr(self._numpy, name)(*args, **kwargs)),
                           self.device)

    method.__name__ = name
    method.__doc__ = f"numpy's ``Generator.{name}``, as an array of this library."
    return method


for _name in _OPTIONAL_METHODS:
    setattr(_ViaNumpyGenerator, _name, _via_numpy(_name))


GENERATORS: dict[str, Callable[..., Generator]] = {
    "numpy": _NumpyGenerator,
    "cupy": _CupyGenerator,
    "torch": _TorchGenerator,
    "jax": _JaxGenerator,
    "dask": _DaskGenerator,
    "tensorflow": _TensorflowGenerator,
}


