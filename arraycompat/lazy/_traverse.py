"""Walking a lazy graph: ``ascend``, ``descend`` and ``History`` (the unique nodes).

Each walk takes one lazy array or a pytree of them (tuples, lists, dicts), visits
every distinct node once and uses an explicit stack, so a chain of a million
nodes walks without hitting the recursion limit.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones(3))
>>> y = lazy.sum(x * x + x)
>>> [n.fn_name for n in lazy.ascend(y)]
['data', 'mul', 'add', 'sum']
>>> len(lazy.History(y))
4
"""

from __future__ import annotations

import functools
import operator
import sys
from typing import Any, Iterator

from . import _compute
from ._compute import _roots, deps_of
from ._node import LazyArray, _fn_name

__all__ = ["ascend", "descend", "History", "roots_of", "fn_name", "depths"]

#: id(backend function) -> the name it was first looked up by (the functions stay
#: alive in _record's ``_functions``, so an id is never reused while it is here).
#: _record, above this module, fills it in.
called_as: dict[int, str] = {}


def roots_of(tree: Any) -> list:
    """The lazy arrays in a pytree (or the outputs of a ``History``), in order, without
    recursion."""
    if isinstance(tree, History):
        tree = tree.outputs
    return _roots(tree, [])


def fn_name(node: LazyArray) -> str:
    """The name of the function of ``node``: 'data' for a computed array, 'Variable'
    for an input without a value.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> lazy.fn_name(x), lazy.fn_name(x * 2.0), lazy.fn_name(lazy.ones(3))
    ('Variable', 'mul', 'data')
    """
    fn = node._fn
    if fn is None:
        return "Variable" if node._data is None else "data"
    if type(fn) is operator.itemgetter:
        return "getitem"
    base = fn.func if type(fn) is functools.partial else fn
    called = called_as.get(id(base))
    return called if called is not None else _fn_name(fn)


def depths(tree: Any) -> dict:
    """``{id(node): depth}``: the longest path from ``node`` down to an input (0)."""
    depth: dict = {}
    stack = roots_of(tree)
    while stack:
        node = stack[-1]
        i = id(node)
        if i in depth:
            stack.pop()
            continue
        deps = deps_of(node)
        if not deps:
            depth[i] = 0
            stack.pop()
            continue
        missing = [d for d in deps if id(d) not in depth]
        if missing:
            stack.extend(missing)
            continue
        depth[i] = 1 + max([depth[id(d)] for d in deps])
        stack.pop()
    return depth


def ascend_list(tree: Any) -> list:
    """``list(ascend(tree))``, faster."""
    roots = roots_of(tree)
    depth = depths(roots)
    key = lambda n: depth[id(n)]  # noqa: E731
    # the outputs: the shallowest is computed last
    stack = sorted(reversed(roots), key=key)
    order = []
    visited = set()
    add = visited.add
    push = stack.append
    pop = stack.pop
    while stack:
        node = stack[-1]
        i = id(node)
        if i in visited:
            pop()
            continue
        deps = deps_of(node)
        pending = [d for d in reversed(deps) if id(d) not in visited] if deps else None
        if not pending:
            pop()
            add(i)
            order.append(node)
        elif len(pending) == 1:
            push(pending[0])
        else:
            pending.sort(key=key)
            stack.extend(pending)
    return order


def still_needed(order: list, outputs: list) -> list:
    """The nodes of ``order`` (dependencies first) that ``outputs`` still need, in
    that order: what is left of a computing order once constants were folded.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2,), "float64")
    >>> y, unused = x + 1.0, x * 2.0
    >>> [n is x or n is y for n in still_needed([x, unused, y], [y])]
    [True, True]
    """
    needed = {id(o) for o in outputs}
    kept = []
    for node in reversed(order):
        if id(node) in needed:
            kept.append(node)
            needed.update(id(d) for d in deps_of(node))
    kept.reverse()
    return kept


def ascend(tree: Any) -> Iterator[LazyArray]:
    """Each node below ``tree`` once, every node after all it depends on; among the
    dependencies of a node, the deepest is visited first (as autoray does), which
    keeps fewer intermediates alive.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(2))
    >>> [n.fn_name for n in lazy.ascend([x + 1, x * 2])]
    ['data', 'add', 'mul']
    """
    return iter(ascend_list(tree))


def descend(tree: Any) -> Iterator[LazyArray]:
    """Each node below ``tree`` once, every node before what it depends on
    (outputs first).

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(2))
    >>> [n.fn_name for n in lazy.descend(x + 1)]
    ['add', 'data']
    """
    return reversed(list(ascend(tree)))


class History:
    """The distinct nodes below one output or a pytree of outputs, dependencies
    first: ``len(History(y))`` counts them, iterating visits them in ``ascend`` order.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(2))
    >>> h = lazy.History((x + x, x))
    >>> len(h), x in h
    (2, True)
    """

    __slots__ = ("outputs", "nodes", "_ids")

    def __init__(self, outputs: Any) -> None:
        if isinstance(outputs, History):
            outputs = outputs.outputs
        self.outputs = outputs
        self.nodes = ascend_list(outputs)
        self._ids = {id(n) for n in self.nodes}

    def __len__(self) -> int:
        return len(self.nodes)

    def __iter__(self) -> Iterator[LazyArray]:
        return iter(self.nodes)

    def __reversed__(self) -> Iterator[LazyArray]:
        return reversed(self.nodes)

    def __contains__(self, node: Any) -> bool:
        return id(node) in self._ids

    def __repr__(self) -> str:
        return f"History({len(self.nodes)} nodes)"


_compute._traverse = sys.modules[__name__]  # compute's progress bar and Variable walks
