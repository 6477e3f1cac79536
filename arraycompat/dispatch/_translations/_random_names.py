"""``random.*`` names: every library's come from ``arraycompat.dispatch._random``."""

from __future__ import annotations

from typing import Callable

NAMES = frozenset(
    {"random.normal", "random.uniform", "random.random", "random.default_rng", "random.seed"}
)


def make(library: str, name: str) -> Callable:
    from .. import _random

    return _random.function(library, name.removeprefix("random."))
