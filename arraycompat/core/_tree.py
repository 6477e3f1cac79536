"""Pytrees as autoray has them: tuples, lists and dicts are containers, every other
object is a leaf; more container types can be registered.

>>> tree = {"a": (1, 2), "b": [3]}
>>> tree_map(lambda x: 10 * x, tree)
{'a': (10, 20), 'b': [30]}
>>> leaves, ref = tree_flatten(tree, get_ref=True)
>>> leaves
[1, 2, 3]
>>> tree_unflatten(["x", "y", "z"], ref)
{'a': ('x', 'y'), 'b': ['z']}
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

__all__ = [
    "tree_map", "tree_iter", "tree_apply", "tree_flatten", "tree_unflatten",
    "tree_register_container", "is_not_container", "is_leaf_placeholder", "Leaf", "LEAF",
]

# container type -> (map(f, tree, is_leaf), iter(tree, is_leaf), apply(f, tree, is_leaf))
_CONTAINERS: dict[type, tuple[Callable, Callable, Callable]] = {}
# type -> its container entry, or None for a leaf type (filled on first sight)
_entry_of_type: dict[type, Any] = {}


def tree_register_container(cls: type, mapper: Callable, iterator: Callable, applier: Callable) -> None:
    """Treat instances of ``cls`` as containers: ``mapper(f, tree, is_leaf)`` builds a new
    one, ``iterator(tree, is_leaf)`` yields its leaves, ``applier(f, tree, is_leaf)``
    calls ``f`` on them. A later registration wins over an earlier one for subclasses.

    >>> class Pair:
    ...     def __init__(self, a, b): self.a, self.b = a, b
    >>> tree_register_container(
    ...     Pair,
    ...     lambda f, t, leaf: Pair(tree_map(f, t.a, leaf), tree_map(f, t.b, leaf)),
    ...     lambda t, leaf: iter([*tree_iter(t.a, leaf), *tree_iter(t.b, leaf)]),
    ...     lambda f, t, leaf: (tree_apply(f, t.a, leaf), tree_apply(f, t.b, leaf)),
    ... )
    >>> list(tree_iter([Pair(1, (2, 3))]))
    [1, 2, 3]
    """
    _CONTAINERS[cls] = (mapper, iterator, applier)
    _entry_of_type.clear()


def _entry(t: type) -> Any:
    try:
        return _entry_of_type[t]
    except KeyError:
        found = None
        for cls in reversed(list(_CONTAINERS)):
            if issubclass(t, cls):
                found = _CONTAINERS[cls]
                break
        _entry_of_type[t] = found
        return found


def is_not_container(x: Any) -> bool:
    """The default leaf test: ``x`` is not of a registered container type.

    >>> is_not_container(1.0), is_not_container((1.0,))
    (True, False)
    """
    return _entry(type(x)) is None


def tree_map(f: Callable, tree: Any, is_leaf: Callable = is_not_container) -> Any:
    """A new tree with ``f`` applied to every leaf (objects that are neither a leaf nor a
    container are kept as they are)."""
    if is_leaf(tree):
        return f(tree)
    entry = _entry(type(tree))
    return tree if entry is None else entry[0](f, tree, is_leaf)


def tree_iter(tree: Any, is_leaf: Callable = is_not_container) -> Iterator:
    """The leaves of ``tree``, depth first, left to right.

    >>> list(tree_iter((1, {"k": [2, 3]})))
    [1, 2, 3]
    """
    if is_leaf(tree):
        yield tree
        return
    entry = _entry(type(tree))
    if entry is not None:
        yield from entry[1](tree, is_leaf)


def tree_apply(f: Callable, tree: Any, is_leaf: Callable = is_not_container) -> None:
    """Call ``f`` on every leaf of ``tree``, building nothing.

    >>> seen = []; tree_apply(seen.append, [1, (2,)]); seen
    [1, 2]
    """
    if is_leaf(tree):
        f(tree)
        return
    entry = _entry(type(tree))
    if entry is not None:
        entry[2](f, tree, is_leaf)


class Leaf:
    """The placeholder for a leaf in the reference tree of ``tree_flatten(get_ref=True)``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Leaf"


LEAF = Leaf()


def is_leaf_placeholder(x: Any) -> bool:
    """``x`` is a ``Leaf`` placeholder (by class, so unpickled copies count too)."""
    return type(x) is Leaf


def tree_flatten(tree: Any, is_leaf: Callable = is_not_container, get_ref: bool = False) -> Any:
    """The list of leaves; with ``get_ref=True`` also the tree with ``LEAF`` in their
    places, for ``tree_unflatten``."""
    leaves: list = []
    if not get_ref:
        tree_apply(leaves.append, tree, is_leaf)
        return leaves

    def take(x: Any) -> Leaf:
        leaves.append(x)
        return LEAF

    return leaves, tree_map(take, tree, is_leaf)


def tree_unflatten(objs: Any, tree: Any, is_leaf: Callable = is_leaf_placeholder) -> Any:
    """``tree`` with its leaves (``LEAF`` placeholders by default) replaced by ``objs``
    in order."""
    it = iter(objs)
    return tree_map(lambda _: next(it), tree, is_leaf)


# ------------------------------------------------------------ the built-in containers
def _map_sequence(f, tree, is_leaf):
    items = [tree_map(f, x, is_leaf) for x in tree]
    t = type(tree)
    if t is list:
        return items
    return t(*items) if hasattr(tree, "_fields") else t(items)  # a namedtuple takes fields


def _iter_sequence(tree, is_leaf):
    for x in tree:
        yield from tree_iter(x, is_leaf)


def _apply_sequence(f, tree, is_leaf):
    for x in tree:
        tree_apply(f, x, is_leaf)


def _map_dict(f, tree, is_leaf):
    return {k: tree_map(f, v, is_leaf) for k, v in tree.items()}


def _iter_dict(tree, is_leaf):
    for v in tree.values():
        yield from tree_iter(v, is_leaf)


def _apply_dict(f, tree, is_leaf):
    for v in tree.values():
        tree_apply(f, v, is_leaf)


tree_register_container(tuple, _map_sequence, _iter_sequence, _apply_sequence)
tree_register_container(list, _map_sequence, _iter_sequence, _apply_sequence)
tree_register_container(dict, _map_dict, _iter_dict, _apply_dict)
