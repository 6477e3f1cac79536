"""The ``Generator`` every library's random generator builds on: numpy's method names,
one distribution, dtype and device semantics; subclasses draw standard samples.

>>> shift(2.0, loc=1.0, scale=3.0)
7.0
"""

from __future__ import annotations

from typing import Any, Callable

from ._dtypes import astype, dtype_name

__all__ = ["Generator", "shift"]
_REAL_DTYPES = ("float16", "bfloat16", "float32", "float64")
# complex dtype -> the real dtype of its parts
_COMPLEX_DTYPES = {"complex64": "float32", "complex128": "float64"}
# numpy Generator methods some libraries' generators lack: asking for one says so.
_OPTIONAL_METHODS = ("binomial", "choice", "exponential", "gumbel", "integers",
                     "permutation", "poisson")
_HALF = 0.5 ** 0.5  # a complex normal's parts each have variance 1/2


def _shape(size: Any) -> tuple[int, ...]:
    if size is None:
        return ()
    if isinstance(size, int):
        return (size,)
    return tuple(size)


def _is(value: Any, number: float) -> bool:
    """``value`` is the Python number ``number`` (never asks an array or tracer for a bool)."""
    return isinstance(value, (int, float)) and value == number


def shift(x: Any, loc: Any, scale: Any) -> Any:
    """``scale * x + loc``, skipping the identity parts (``loc``/``scale`` may be arrays)."""
    if not _is(scale, 1.0):
        x = x * scale
    if not _is(loc, 0.0):
        x = x + loc
    return x


def _default_float(library: str) -> str:
    """The float dtype a library's creation functions make by default."""
    if library == "torch":
        import torch

        return dtype_name(torch.get_default_dtype())
    if library == "jax":
        import jax

        return "float64" if jax.config.jax_enable_x64 else "float32"
    return "float64"


class Generator:
    """Random arrays of one library, with numpy's ``Generator`` methods.

    Subclasses draw standard samples (``_standard_normal``, ``_unit_uniform``,
    ``_integers``); this class scales them, so every library has the same
    distribution and signature. ``float_dtype`` is the dtype float draws take by default.
    A generator passed as ``like=`` names its library (``do("arange", 3, like=rng)``).
    """

    library = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.library:
            cls._arraycompat_library = cls.library  # what infer_backend(rng) returns

    def __init__(self, seed: Any = None, device: Any = None, dtype: Any = None) -> None:
        self.device = device
        self.float_dtype = None if dtype is None else self._real_dtype(dtype)

    # ------------------------------------------------------------ public draws
    def normal(self, loc=0.0, scale=1.0, size=None, dtype=None, *, device=None) -> Any:
        """Samples of N(loc, scale**2), of ``dtype`` (a real floating dtype) on ``device``."""
        x = self._standard_normal(_shape(size), self._float(dtype), self._device(device))
        return shift(x, loc, scale)

    def uniform(self, low=0.0, high=1.0, size=None, dtype=None, *, device=None) -> Any:
        """Samples of U[low, high), of ``dtype`` on ``device``."""
        x = self._unit_uniform(_shape(size), self._float(dtype), self._device(device))
        if _is(low, 0.0) and _is(high, 1.0):
            return x
        return x * (high - low) + low

    def random(self, size=None, dtype=None, *, device=None) -> Any:
        """Samples of U[0, 1)."""
        return self.uniform(0.0, 1.0, size, dtype, device=device)

    def __getattr__(self, name: str) -> Any:
        native = self.__dict__.get("_rng")  # numpy's, dask's... Generator: its other methods
        if native is not None and not name.startswith("_"):
            return getattr(native, name)
        if name in _OPTIONAL_METHODS:
            raise AttributeError(
                f"arraycompat random ({self.library}): {self.library} has no {name!r} draw "
                f"for its generators. Draw it with a numpy generator and convert, e.g. "
                f"arraycompat.asarray(default_rng(seed).{name}(...), like={self.library!r})."
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ------------------------------------------------------------ random.array
    def array(self, shape: Any, dist: str, dtype: Any = None, device: Any = None) -> Any:
        """Standard samples of ``dist`` ('normal', 'uniform', 'rademacher') of ``dtype``
        (real or complex; the generator's default float when None)."""
        name = self._array_dtype(dtype)
        shape, device = _shape(shape), self._device(device)
        real = _COMPLEX_DTYPES.get(name)
        if dist == "rademacher":
            return self._rademacher(shape, name, real, device)
        if real is None:
            if dist == "normal":
                return self._standard_normal(shape, name, device)
            return self._unit_uniform(shape, name, device)
        if dist == "normal":
            return self._complex_normal(shape, name, real, device)
        re = self._unit_uniform(shape, real, device)
        return self._complex(re, self._unit_uniform(shape, real, device), name)

    def _complex_normal(self, shape, name, real, device):
        re = self._standard_normal(shape, real, device)
        im = self._standard_normal(shape, real, device)
        return self._complex(re * _HALF, im * _HALF, name)

    def _rademacher(self, shape, name, real, device):
        if real is None:  # -1 or +1
            return self._cast(2 * self._integers(0, 2, shape, device) - 1, name)
        k = self._integers(0, 4, shape, device)  # i**k: 1, i, -1, -i
        sign, imaginary = 1 - 2 * (k // 2), k % 2
        return self._complex(self._cast(sign * (1 - imaginary), real),
                             self._cast(sign * imaginary, real), name)

    def _cast(self, x, name):
        return astype(x, name)

    def _complex(self, re, im, name):
        """The complex array ``re + i im`` of dtype ``name`` (its parts: the real dtype)."""
        return astype(re + im * 1j, name)

    def _integers(self, low, high, shape, device):
        return self.integers(low, high, size=shape)

    # ------------------------------------------------------------ dtypes, devices
    def _device(self, device: Any) -> Any:
        return self.device if device is None else device

    def _float(self, dtype: Any) -> str:
        if dtype is not None:
            return self._real_dtype(dtype)
        return self.float_dtype or _default_float(self.library)

    def _array_dtype(self, dtype: Any) -> str:
        if dtype is None:
            return self._float(None)
        name = dtype_name(dtype)
        if name not in _REAL_DTYPES and name not in _COMPLEX_DTYPES:
            raise ValueError(
                f"arraycompat random.array ({self.library}): dtype {name!r} is not a floating "
                f"or complex dtype; use one of {', '.join(_REAL_DTYPES + tuple(_COMPLEX_DTYPES))}"
                f", or draw integers with default_rng(...).integers."
            )
        return name

    def _real_dtype(self, dtype: Any) -> str:
        name = dtype_name(dtype)
        if name not in _REAL_DTYPES:
            raise ValueError(
                f"arraycompat random ({self.library}): dtype {name!r} is not a real floating "
                f"dtype; use one of {', '.join(_REAL_DTYPES)}, and build complex samples from "
                f"two real ones (or use do('random.array', shape, dtype={name!r}, ...))."
            )
        return name

    def __repr__(self) -> str:
        return f"<arraycompat Generator for {self.library} on {self.device or 'default device'}>"




def native(name: str) -> Callable:
    """A method calling the library generator's own ``name`` (numpy, cupy, dask)."""

    def method(self, *args: Any, **kwargs: Any) -> Any:
        return getattr(self._rng, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = f"numpy's ``Generator.{name}``, drawn from this generator's state."
    return method


class Lacking:
    """A method a library's generator lacks (hiding an inherited one): reading it raises
    ``Generator.__getattr__``'s error, which names the method and what to do."""

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        raise AttributeError
