"""Random numbers with one distribution, dtype and device semantics on every library.

``default_rng(seed, like=...)`` returns a ``Generator`` with ``normal``, ``uniform``
and ``random``; ``do("random.normal", size=..., dtype=..., like=...)`` uses the
library's default generator (torch's global one, so ``torch.manual_seed`` works; a
key kept here for jax).

>>> g = default_rng(0, like="numpy")
>>> g.normal(size=(2, 3), dtype="float32").dtype
dtype('float32')
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable

from . import _dispatch
from ._dtypes import dtype_name, from_numpy

__all__ = ["Generator", "default_rng", "function"]

_REAL_DTYPES = ("float16", "bfloat16", "float32", "float64")


def _shape(size: Any) -> tuple[int, ...]:
    if size is None:
        return ()
    if isinstance(size, int):
        return (size,)
    return tuple(size)


class Generator:
    """Random arrays of one library: ``normal``, ``uniform``, ``random``.

    Subclasses draw standard samples (``_standard_normal``, ``_unit_uniform``); this
    class scales them, so every library has the same distribution and signature.
    """

    library = ""

    def __init__(self, seed: int | None = None, device: Any = None) -> None:
        self.device = device

    def normal(self, loc=0.0, scale=1.0, size=None, dtype=None, *, device=None) -> Any:
        """Samples of N(loc, scale**2), of ``dtype`` (a real floating dtype) on ``device``."""
        x = self._standard_normal(_shape(size), self._dtype(dtype), self._device(device))
        return x if (loc == 0.0 and scale == 1.0) else x * scale + loc

    def uniform(self, low=0.0, high=1.0, size=None, dtype=None, *, device=None) -> Any:
        """Samples of U[low, high), of ``dtype`` on ``device``."""
        x = self._unit_uniform(_shape(size), self._dtype(dtype), self._device(device))
        return x if (low == 0.0 and high == 1.0) else x * (high - low) + low

    def random(self, size=None, dtype=None, *, device=None) -> Any:
        """Samples of U[0, 1)."""
        return self.uniform(0.0, 1.0, size, dtype, device=device)

    def _device(self, device: Any) -> Any:
        return self.device if device is None else device

    def _dtype(self, dtype: Any) -> str | None:
        if dtype is None:
            return None
        name = dtype_name(dtype)
        if name not in _REAL_DTYPES:
            raise ValueError(
                f"arraycompat random ({self.library}): dtype {name!r} is not a real floating "
                f"dtype; use one of {', '.join(_REAL_DTYPES)}, and build complex samples from "
                f"two real ones."
            )
        return name

    def __repr__(self) -> str:
        return f"<arraycompat Generator for {self.library} on {self.device or 'default device'}>"


class _NumpyGenerator(Generator):
    library = "numpy"
    _module = "numpy"

    def __init__(self, seed=None, device=None):
        import importlib

        super().__init__(seed, device)
        self._xp = importlib.import_module(self._module)
        self._rng = self._xp.random.default_rng(seed)

    def _check(self, device):
        if device is not None and str(device) != "cpu":
            raise ValueError(
                f"arraycompat random (numpy): numpy arrays live on 'cpu', got device={device!r}."
            )

    def _draw(self, method, shape, dtype, device):
        self._check(device)
        name = dtype or "float64"
        native = name if name in ("float32", "float64") else "float64"
        x = getattr(self._rng, method)(shape, dtype=native)
        return x if native == name else x.astype(name)

    def _standard_normal(self, shape, dtype, device):
        return self._draw("standard_normal", shape, dtype, device)

    def _unit_uniform(self, shape, dtype, device):
        return self._draw("random", shape, dtype, device)


class _CupyGenerator(_NumpyGenerator):  # pragma: no cover - needs a CUDA device
    library = "cupy"
    _module = "cupy"

    def _check(self, device):
        pass

    def _draw(self, method, shape, dtype, device):
        if device is None:
            return super()._draw(method, shape, dtype, device)
        index = getattr(device, "id", device)
        with self._xp.cuda.Device(index):
            return super()._draw(method, shape, dtype, None)


class _TorchGenerator(Generator):
    library = "torch"

    def __init__(self, seed=None, device=None, *, shared=False):
        import torch

        super().__init__(seed, device)
        self._torch = torch
        if shared:  # torch's global generators: torch.manual_seed applies
            self._generator = None
        else:
            self._generator = torch.Generator(device=device or "cpu")
            if seed is None:
                self._generator.seed()
            else:
                self._generator.manual_seed(seed)
            self.device = self._generator.device

    def _kwargs(self, dtype, device):
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


class _JaxGenerator(Generator):
    """jax needs an explicit key: this generator keeps one and splits it per draw."""

    library = "jax"

    def __init__(self, seed=None, device=None):
        import jax

        super().__init__(seed, device)
        self._jax = jax
        if seed is None:
            seed = int.from_bytes(os.urandom(4), "little")
        self._key = jax.random.key(seed)
        self._lock = threading.Lock()

    def _next_key(self):
        with self._lock:
            self._key, key = self._jax.random.split(self._key)
        return key

    def _place(self, x, device):
        return x if device is None else self._jax.device_put(x, device)

    def _dtype_of(self, dtype):
        import jax.numpy as jnp

        return jnp.dtype(dtype) if dtype is not None else jnp.zeros(()).dtype

    def _standard_normal(self, shape, dtype, device):
        x = self._jax.random.normal(self._next_key(), shape, self._dtype_of(dtype))
        return self._place(x, device)

    def _unit_uniform(self, shape, dtype, device):
        x = self._jax.random.uniform(self._next_key(), shape, self._dtype_of(dtype))
        return self._place(x, device)


class _DaskGenerator(Generator):
    library = "dask"

    def __init__(self, seed=None, device=None):
        import dask.array

        super().__init__(seed, device)
        self._rng = dask.array.random.default_rng(seed)

    def _standard_normal(self, shape, dtype, device):
        x = self._rng.standard_normal(shape)
        return x if dtype in (None, "float64") else x.astype(dtype)

    def _unit_uniform(self, shape, dtype, device):
        native = dtype if dtype in ("float32", "float64") else "float64"
        x = self._rng.random(shape, dtype=native)
        return x if dtype in (None, native) else x.astype(dtype)


class _TensorflowGenerator(Generator):  # pragma: no cover - tensorflow not installed
    library = "tensorflow"

    def __init__(self, seed=None, device=None):
        import tensorflow as tf

        super().__init__(seed, device)
        self._tf = tf
        self._rng = (
            tf.random.Generator.from_non_deterministic_state()
            if seed is None
            else tf.random.Generator.from_seed(seed)
        )

    def _call(self, method, shape, dtype, device):
        kwargs = {} if dtype is None else {"dtype": dtype}
        if device is None:
            return getattr(self._rng, method)(shape, **kwargs)
        with self._tf.device(device):
            return getattr(self._rng, method)(shape, **kwargs)

    def _standard_normal(self, shape, dtype, device):
        return self._call("normal", shape, dtype, device)

    def _unit_uniform(self, shape, dtype, device):
        return self._call("uniform", shape, dtype, device)


class _ViaNumpyGenerator(Generator):
    """Libraries with no random module (array-api-strict, sparse...): numpy's samples,
    brought over with ``arraycompat.asarray``."""

    def __init__(self, library, seed=None, device=None):
        super().__init__(seed, device)
        self.library = library
        self._numpy = _NumpyGenerator(seed)

    def _bring(self, x, device):
        return from_numpy(x, like=self.library, device=device)

    def _standard_normal(self, shape, dtype, device):
        return self._bring(self._numpy._standard_normal(shape, dtype, None), device)

    def _unit_uniform(self, shape, dtype, device):
        return self._bring(self._numpy._unit_uniform(shape, dtype, None), device)


_GENERATORS: dict[str, Callable[..., Generator]] = {
    "numpy": _NumpyGenerator,
    "cupy": _CupyGenerator,
    "torch": _TorchGenerator,
    "jax": _JaxGenerator,
    "dask": _DaskGenerator,
    "tensorflow": _TensorflowGenerator,
}


def default_rng(seed: Any = None, *, like: Any = "numpy", device: Any = None) -> Generator:
    """A ``Generator`` for ``like``'s library (an array, library name or Namespace).

    A ``Generator`` passed as ``seed`` is returned as it is.

    >>> default_rng(1, like="torch").uniform(size=2).dtype
    torch.float32
    """
    if isinstance(seed, Generator):
        return seed
    library = _dispatch.library_of_like(like)
    make = _GENERATORS.get(library)
    if make is None:
        return _ViaNumpyGenerator(library, seed, device)
    return make(seed, device)


# library -> the generator `do("random.normal", like=...)` uses.
_defaults: dict[str, Generator] = {}
_defaults_lock = threading.Lock()


def _default(library: str) -> Generator:
    rng = _defaults.get(library)
    if rng is None:
        with _defaults_lock:
            rng = _defaults.get(library)
            if rng is None:
                if library == "torch":
                    rng = _TorchGenerator(shared=True)
                else:
                    rng = default_rng(like=library)
                _defaults[library] = rng
    return rng


def _seed(library: str) -> Callable:
    def seed(seed: int | None = None) -> None:
        """Reseed the default generator ``do('random.*', like=library)`` uses."""
        if library == "torch":
            import torch

            torch.seed() if seed is None else torch.manual_seed(seed)
            return
        with _defaults_lock:
            _defaults[library] = default_rng(seed, like=library)

    return seed


def function(library: str, name: str) -> Callable:
    """The ``random.<name>`` function of ``library`` for ``do``: normal, uniform,
    random, default_rng, seed."""
    if name == "seed":
        return _seed(library)
    if name == "default_rng":

        def library_default_rng(seed=None, *, device=None):
            return default_rng(seed, like=library, device=device)

        return library_default_rng

    def draw(*args, **kwargs):
        return getattr(_default(library), name)(*args, **kwargs)

    draw.__name__ = name
    return draw
