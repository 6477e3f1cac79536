"""Computing a graph, and walking it: ``compute``, ``ascend``, ``descend``, ``show``.

Computing is an explicit loop over a topological order (no recursion: a chain of
a million nodes computes). Each node's function is called on its arguments' data;
a computed node keeps only its data, and the loop holds no reference to a node it
has computed, so an intermediate is freed as soon as its last user is computed.

>>> from arraycompat import lazy
>>> import numpy
>>> x = lazy.array(numpy.arange(4.0))
>>> lazy.compute({"total": lazy.sum(x), "both": (x + 1, x * 2)})["total"]
np.float64(6.0)
"""

from __future__ import annotations

import sys
from typing import Any, Iterator

from ._node import LazyArray

__all__ = ["compute", "evaluate_graph", "ascend", "descend", "show", "substitute"]


def _roots(tree: Any, out: list) -> list:
    """The lazy arrays in a pytree (tuples, lists, dicts), without recursion limits."""
    stack = [tree]
    while stack:
        x = stack.pop()
        t = type(x)
        if t is LazyArray:
            out.append(x)
        elif isinstance(x, (tuple, list)):
            stack.extend(reversed(x))
        elif isinstance(x, dict):
            stack.extend(reversed(list(x.values())))
    return out


# While sorting, an uncomputed node's ``_data`` slot marks its state, so the sort
# allocates nothing per node but its place in the order list.
_ENTERED = object()
_ORDERED = object()


def _topological(roots: Any) -> list:
    """Uncomputed nodes below ``roots``, each after everything it depends on."""
    order = []
    stack = [r for r in reversed(roots) if r._fn is not None]
    push = stack.append
    try:
        while stack:
            node = stack[-1]
            mark = node._data
            if mark is None:
                node._data = _ENTERED
                deps = node._deps
                if deps is None:  # the lazy arrays among the arguments (scalar operations)
                    deps = [a for a in node._args if type(a) is LazyArray]
                for d in deps:
                    if d._data is None:
                        if d._fn is None:
                            missing_variable(d)
                        push(d)
            else:
                stack.pop()
                if mark is _ENTERED:
                    node._data = _ORDERED
                    order.append(node)
    except BaseException:
        _unmark(order)
        _unmark(stack)
        raise
    return order


def _unmark(nodes: list) -> None:
    for node in nodes:
        if node is not None and node._fn is not None:
            node._data = None


def deps_of(node: LazyArray) -> tuple:
    """The lazy arrays ``node`` depends on (none once it is computed)."""
    if node._fn is None:
        return ()
    deps = node._deps
    if deps is None:
        return tuple(a for a in node._args if type(a) is LazyArray)
    return deps


def _progress_steps(n: int, progress: Any) -> Any:
    from ._progress import steps

    return steps(n, progress)


def missing_variable(node: LazyArray) -> None:
    raise ValueError(
        f"arraycompat.lazy: cannot compute: the graph needs {node!r}, a Variable with no "
        f"value. Give it one with lazy.compute(outputs, {{variable: value}})."
    )


def _sub(x: Any) -> Any:
    t = type(x)
    if t is LazyArray:
        return x._data
    if t is tuple or t is list:
        return t([_sub(y) for y in x])
    if t is dict:
        return {k: _sub(v) for k, v in x.items()}
    return x


def substitute(x: Any) -> Any:
    """``x`` with every computed lazy array replaced by its data."""
    return _sub(x)


def evaluate_graph(roots: Any, progress: Any = False) -> None:
    """Compute every uncomputed node below ``roots`` (a list of lazy arrays)."""
    order = _topological(roots)
    i = 0
    try:
        for i in range(len(order)) if not progress else _progress_steps(len(order), progress):
            node = order[i]
            fn = node._fn
            args = node._args
            if node._kwargs is None:
                if node._deps is args:  # every argument is a lazy array
                    if len(args) == 2:
                        data = fn(args[0]._data, args[1]._data)
                    elif len(args) == 1:
                        data = fn(args[0]._data)
                    else:
                        data = fn(*[d._data for d in args])
                else:
                    data = fn(*[a._data if type(a) is LazyArray else _sub(a) for a in args])
            else:
                data = fn(
                    *[a._data if type(a) is LazyArray else _sub(a) for a in args],
                    **{k: _sub(v) for k, v in node._kwargs.items()},
                )
                node._kwargs = None
            node._data = data
            node._fn = node._args = node._deps = None
            order[i] = None  # the order list must not keep intermediates alive
    except BaseException:
        _unmark(order[i:])
        raise


def compute(tree: Any, values: dict | None = None, progress: Any = False) -> Any:
    """Compute the lazy arrays in ``tree`` (an array, or tuples/lists/dicts of them)
    and return the same structure holding the wrapped library's arrays.

    ``values`` gives data for Variables: ``{variable: array}``. ``progress=True``
    shows a progress bar (tqdm or rich when installed, else text on stderr).
    """
    if values:
        for var, data in values.items():
            if type(var) is not LazyArray or var._fn is not None:
                raise TypeError(f"arraycompat.lazy.compute: {var!r} is not a Variable")
            var._data = data
    roots = _roots(tree, [])
    evaluate_graph(roots, progress)
    return _unwrap(tree)


def _unwrap(x: Any) -> Any:
    t = type(x)
    if t is LazyArray:
        return x._data
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        return t(*[_unwrap(y) for y in x])
    if isinstance(x, (tuple, list)):
        return t(_unwrap(y) for y in x)
    if isinstance(x, dict):
        return {k: _unwrap(v) for k, v in x.items()}
    return x


def descend(tree: Any) -> Iterator[LazyArray]:
    """Each node below ``tree`` once, outputs first."""
    stack = _roots(tree, [])
    seen = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield node
        stack.extend(reversed(deps_of(node)))


def ascend(tree: Any) -> Iterator[LazyArray]:
    """Each node below ``tree`` once, inputs first (a topological order)."""
    roots = _roots(tree, [])
    order = []
    seen = set()
    stack = [(r, False) for r in reversed(roots)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for d in deps_of(node):
            if id(d) not in seen:
                stack.append((d, False))
    return iter(order)


def history_num_nodes(tree: Any) -> int:
    """The number of distinct nodes below ``tree``."""
    return sum(1 for _ in descend(tree))


def show(tree: Any, file: Any = None, max_lines: int = 200) -> None:
    """Print the graph below ``tree`` as a tree; a node seen before is shown as ``...``.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(2))
    >>> (x + x).show()
    LazyArray(fn=add, shape=(2,), dtype=float64, backend='numpy', device='cpu')
    ├─ LazyArray(fn=data, shape=(2,), dtype=float64, backend='numpy', device='cpu')
    └─ ... (shown above)
    """
    file = file or sys.stdout
    seen = set()
    lines = 0
    stack = [(r, "", "", True) for r in reversed(_roots(tree, []))]
    while stack and lines < max_lines:
        node, prefix, branch, top = stack.pop()
        if id(node) in seen:
            print(prefix + branch + "... (shown above)", file=file)
            lines += 1
            continue
        seen.add(id(node))
        print(prefix + branch + repr(node), file=file)
        lines += 1
        deps = deps_of(node)
        child_prefix = prefix if top else prefix + ("│  " if branch == "├─ " else "   ")
        for j in range(len(deps) - 1, -1, -1):
            stack.append((deps[j], child_prefix, "└─ " if j == len(deps) - 1 else "├─ ", False))
    if stack:
        print(f"... ({len(stack)} more)", file=file)
