"""Random numbers with one distribution, dtype and device semantics on every library.

``default_rng(seed, like=...)`` returns a ``Generator`` with numpy's ``Generator``
methods (``normal``, ``uniform``, ``random``, ``integers``, ``choice``,
``permutation``... where the library can draw them); ``do("random.normal",
size=..., dtype=..., like=...)`` and ``do("random.array", shape, like=...)`` use the
library's shared state: torch's and numpy's global ones (``torch.manual_seed`` and
``numpy.random.seed`` apply, as does ``do("random.seed", seed, like=...)``), a key
kept here for jax.

>>> g = default_rng(0, like="numpy")
>>> g.normal(size=(2, 3), dtype="float32").dtype
dtype('float32')
>>> g.integers(0, 10, size=4).shape
(4,)
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from . import _dispatch
from ._random_base import Generator
from ._random_libraries import (
    GENERATORS, _JaxGenerator, _NumpyGlobalGenerator, _TorchGenerator, _ViaNumpyGenerator,
)

__all__ = ["Generator", "default_rng", "function", "shared"]


def default_rng(seed: Any = None, *, like: Any = "numpy", device: Any = None,
                dtype: Any = None) -> Generator:
    """A ``Generator`` for ``like``'s library (an array, library name or Namespace).

    ``seed``: None, an int, or the library's own seed object (a numpy ``SeedSequence``
    or ``Generator``, a ``torch.Generator``, a jax key); a ``Generator`` is returned as
    it is. ``like=<array>`` lends its device and, when it is a real float, its dtype
    as the default of float draws.

    >>> default_rng(1, like="torch").uniform(size=2).dtype
    torch.float32
    """
    if isinstance(seed, Generator):
        return seed
    library = _dispatch.library_of_like(like)
    if not isinstance(like, str) and (device is None or dtype is None):
        kwargs = {} if device is None else {"device": device}
        if dtype is not None:
            kwargs["dtype"] = dtype
        _dispatch._inject_like(like, library, "random.default_rng", kwargs)
        device, dtype = kwargs.get("device"), kwargs.get("dtype")
    make = GENERATORS.get(library)
    if make is None:
        return _ViaNumpyGenerator(library, seed, device, dtype)
    return make(seed, device, dtype)


# library -> the generator `do("random.normal", like=...)` uses.
_defaults: dict[str, Generator] = {}
_defaults_lock = threading.Lock()


def _shared(library: str, seed: Any = None) -> Generator:
    """A generator for the library's shared state (no seed warning for jax)."""
    if library == "torch":
        return _TorchGenerator(shared=True)
    if library == "numpy":
        return _NumpyGlobalGenerator()
    if library == "jax":
        return _JaxGenerator(seed, warn=False)
    return default_rng(seed, like=library)


def shared(library: str) -> Generator:
    """The generator ``do("random.*", like=library)`` uses; ``do("random.seed")`` reseeds it."""
    rng = _defaults.get(library)
    if rng is None:
        with _defaults_lock:
            rng = _defaults.get(library)
            if rng is None:
                rng = _defaults[library] = _shared(library)
    return rng


def _seed(library: str) -> Callable:
    def seed(seed: int | None = None) -> None:
        """Reseed the default generator ``do('random.*', like=library)`` uses."""
        if library == "torch":
            import torch

            torch.seed() if seed is None else torch.manual_seed(seed)
            return
        if library == "numpy":
            import numpy

            numpy.random.seed(seed)
            return
        with _defaults_lock:
            _defaults[library] = _shared(library, seed)

    return seed


def function(library: str, name: str) -> Callable:
    """The ``random.<name>`` function of ``library`` for ``do``: normal, uniform,
    random, default_rng, seed."""
    if name == "seed":
        return _seed(library)
    if name == "default_rng":

        def library_default_rng(seed=None, *, device=None, dtype=None):
            return default_rng(seed, like=library, device=device, dtype=dtype)

        return library_default_rng

    def draw(*args, **kwargs):
        return getattr(shared(library), name)(*args, **kwargs)

    draw.__name__ = name
    return draw
