"""Flatten nested tuples, lists and dicts into leaves and a hashable structure.

The structure (a "treedef") is part of ``autojit``'s cache key, so it is built
from tuples only and compares equal for equal nestings.

>>> leaves, treedef = flatten(((1, [2, 3]), {"a": 4}))
>>> leaves
[1, 2, 3, 4]
>>> unflatten(treedef, ["w", "x", "y", "z"])
(('w', ['x', 'y']), {'a': 'z'})
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

__all__ = ["flatten", "unflatten", "leaf_paths", "tree_map", "LEAF"]

#: The treedef of a single leaf.
LEAF = None


def flatten(tree: Any) -> tuple[list, Any]:
    """The leaves of ``tree`` (left to right) and its structure.

    >>> flatten([1, (2,)])
    ([1, 2], (<class 'list'>, (None, (<class 'tuple'>, (None,)))))
    """
    leaves: list = []
    return leaves, _flatten(tree, leaves.append)


def _flatten(x: Any, add: Callable) -> Any:
    t = type(x)
    if t is tuple or t is list:
        return (t, tuple([_flatten(y, add) for y in x]))
    if t is dict:
        return (dict, tuple(x), tuple([_flatten(y, add) for y in x.values()]))
    if isinstance(x, tuple) and hasattr(x, "_fields"):  # a namedtuple
        return (t, tuple([_flatten(y, add) for y in x]))
    add(x)
    return LEAF


def unflatten(treedef: Any, leaves: Any) -> Any:
    """The tree of structure ``treedef`` holding ``leaves`` in order.

    >>> unflatten((tuple, (None, None)), [1, 2])
    (1, 2)
    """
    return _unflatten(treedef, iter(leaves))


def _unflatten(treedef: Any, leaves: Iterator) -> Any:
    if treedef is LEAF:
        return next(leaves)
    t = treedef[0]
    if t is dict:
        return {k: _unflatten(d, leaves) for k, d in zip(treedef[1], treedef[2])}
    children = [_unflatten(d, leaves) for d in treedef[1]]
    if t is tuple or t is list:
        return t(children)
    return t(*children)  # a namedtuple


def leaf_paths(treedef: Any, prefix: str = "") -> list[str]:
    """Where each leaf sits, as index expressions: ``['[0]', "[1]['a']"]``.

    >>> leaf_paths((tuple, (None, (dict, ("a",), (None,)))))
    ['[0]', "[1]['a']"]
    """
    if treedef is LEAF:
        return [prefix]
    if treedef[0] is dict:
        keyed = zip((f"[{k!r}]" for k in treedef[1]), treedef[2])
    else:
        keyed = ((f"[{i}]", d) for i, d in enumerate(treedef[1]))
    return [path for key, d in keyed for path in leaf_paths(d, prefix + key)]


def tree_map(fn: Callable, tree: Any) -> Any:
    """``tree`` with ``fn`` applied to every leaf.

    >>> tree_map(lambda x: x * 2, {"a": (1, 2)})
    {'a': (2, 4)}
    """
    leaves, treedef = flatten(tree)
    return unflatten(treedef, [fn(x) for x in leaves])
