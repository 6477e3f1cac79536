"""``random.array(shape, dist=, loc=, scale=, dtype=, device=, rng=)``: one creation
routine for random arrays on every library (autoray 0.11's ``random.array``).

``dist`` is 'normal' (mean 0, variance 1; a complex dtype gets E|z|^2 = 1),
'uniform' ([0, 1), both parts for a complex dtype) or 'rademacher' (-1 or +1;
1, i, -1 or -i for a complex dtype); the result is ``scale * z + loc``. ``rng`` is
None (the library's shared state, reseeded by ``do("random.seed", ...)``), an int
(a fresh generator for this call), a ``Generator`` or the library's own seed object.

>>> from arraycompat import do
>>> x = do("random.array", (1000,), dist="rademacher", dtype="complex64", rng=0, like="numpy")
>>> x.dtype, sorted(set(x.tolist()), key=lambda z: (z.real, z.imag))
(dtype('complex64'), [(-1+0j), -1j, 1j, (1+0j)])
"""

from __future__ import annotations

import numbers
from typing import Any, Callable

from . import _dispatch
from ._random import default_rng, shared
from ._random_base import Generator, shift

__all__ = ["DISTRIBUTIONS", "for_library"]

DISTRIBUTIONS = ("normal", "uniform", "rademacher")


def for_library(library: str) -> Callable:
    """``random.array`` for ``library`` (what ``do("random.array", ..., like=library)`` calls)."""

    def random_array(shape: Any, dist: str = "normal", loc: Any = 0.0, scale: Any = 1.0,
                     dtype: Any = None, device: Any = None, rng: Any = None) -> Any:
        if dist not in DISTRIBUTIONS:
            raise ValueError(
                f"arraycompat random.array: Unknown distribution {dist!r}; use one of "
                f"{', '.join(map(repr, DISTRIBUTIONS))}, or a default_rng(...) method for others."
            )
        z = generator_for(library, rng, device).array(shape, dist, dtype, device)
        return shift(z, loc, scale)

    random_array.__name__ = "array"
    return random_array


def generator_for(library: str, rng: Any, device: Any = None) -> Generator:
    """The generator ``random.array`` draws from for ``rng`` (see the module's docstring)."""
    if rng is None:
        return shared(library)
    if isinstance(rng, numbers.Integral):  # numpy.int64(3) seeds torch too
        return default_rng(int(rng), like=library, device=device)
    source = rng.library if isinstance(rng, Generator) else _dispatch.infer_backend(rng)
    if source not in (library, _dispatch._NOT_ARRAY):
        raise ValueError(
            f"arraycompat random.array: rng={rng!r} is a {source} generator or seed, but the "
            f"array is for {library}; leave out like= (the rng chooses the library) or pass "
            f"an int seed."
        )
    if isinstance(rng, Generator):
        return rng
    return default_rng(rng, like=library, device=device)
