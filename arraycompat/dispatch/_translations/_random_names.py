"""``random.*`` names: every library's come from ``arraycompat.dispatch._random`` (and
``random.array`` from ``_random_array``)."""

from __future__ import annotations

from typing import Callable

NAMES = frozenset(
    {"random.normal", "random.uniform", "random.random", "random.default_rng", "random.seed",
     "random.array"}
)


def make(library: str, name: str) -> Callable:
    from .. import _random, _random_array

    if name == "random.array":
        return _random_array.for_library(library)
    return _random.function(library, name.removeprefix("random."))
