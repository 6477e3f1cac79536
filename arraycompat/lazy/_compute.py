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
import threading
from typing import Any, Iterator

from . import _node
from ._node import LazyArray

__all__ = ["compute", "evaluate_graph", "substitute", "deps_of"]


def _roots(tree: Any, out: list) -> list:
    """The lazy arrays in a pytree (tuples, lists, dicts), without recursion limits;
    a container that holds itself (``x.append(x)``) is walked once."""
    stack = [tree]
    seen = set()
    while stack:
        x = stack.pop()
        t = type(x)
        if t is LazyArray:
            out.append(x)
        elif isinstance(x, (tuple, list, dict)):
            if id(x) in seen:
                continue
            seen.add(id(x))
            stack.extend(reversed(list(x.values()) if isinstance(x, dict) else x))
            if hasattr(x, "__getnewargs_ex__") and hasattr(x, "_fields"):
                stack.extend(x.__getnewargs_ex__()[1].values())  # extra fields
    return out


# While computing, an uncomputed node's ``_data`` slot marks that its dependencies
# are being computed, so the walk allocates nothing per node.
_ENTERED = object()


def deps_of(node: LazyArray) -> tuple:
    """The lazy arrays ``node`` depends on (none once it is computed)."""
    if node._fn is None:
        return ()
    deps = node._deps
    if deps is None:
        return tuple(a for a in node._args if type(a) is LazyArray)
    return deps


def _progress_ticker(roots: list, progress: Any) -> Any:
    """A function to call once per computed node; it advances the progress bar."""
    from ._progress import steps
    ascend = _traverse.ascend
    n = sum(1 for node in ascend(roots) if node._fn is not None)
    ticks = iter(steps(n, progress))
    next(ticks, None)
    return lambda: next(ticks, None)


def missing_variable(node: LazyArray) -> None:
    raise ValueError(
        f"arraycompat.lazy: cannot compute: the graph needs {node!r}, a Variable with no "
        f"value. Give it one with lazy.compute(outputs, {{variable: value}})."
    )


_NESTED = frozenset((tuple, list, dict))


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
    """Compute every uncomputed node below ``roots`` (a list of lazy arrays).

    One depth-first walk with an explicit stack: a node is computed as soon as its
    dependencies are, then drops its function, arguments and dependencies, so the
    data of an intermediate is freed when its last user has been computed.
    ``progress`` (True, 'tqdm', 'rich', 'text') shows a bar over the nodes to compute.
    """
    stack = [r for r in reversed(roots) if r._fn is not None]
    if not stack:
        return
    # One graph computed by several threads at once: they take turns (a node being
    # computed is marked in place, which another thread must not see half done).
    with _lock:
        _evaluate(stack, roots, progress)


_lock = threading.RLock()


def _evaluate(stack: list, roots: list, progress: Any) -> None:
    tick = _progress_ticker(roots, progress) if progress else None
    push = stack.append
    pop = stack.pop
    try:
        while stack:
            node = stack[-1]
            fn = node._fn
            if fn is None:  # computed meanwhile (reached twice)
                pop()
                continue
            if node._data is None:
                node._data = _ENTERED
                deps = node._deps
                if deps is None:  # the lazy arrays among the arguments (scalar operations)
                    deps = [a for a in node._args if type(a) is LazyArray]
                for d in deps:
                    if d._data is None:
                        if d._fn is None:
                            missing_variable(d)
                        push(d)
                continue
            args = node._args
            if node._kwargs is None:
                if node._deps is args:  # every argument is a lazy array
                    if len(args) == 2:
                        data = fn(args[0]._data, args[1]._data)
                    elif len(args) == 1:
                        data = fn(args[0]._data)
                    else:
                        data = fn(*[d._data for d in args])
                elif len(args) == 2:  # an operation with a scalar: x * 2.0, 1 - x
                    a, b = args
                    a = a._data if type(a) is LazyArray else (_sub(a) if type(a) in _NESTED else a)
                    b = b._data if type(b) is LazyArray else (_sub(b) if type(b) in _NESTED else b)
                    data = fn(a, b)
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
            if tick is not None:
                tick()
            pop()
    except BaseException as e:
        if stack and isinstance(e, Exception):
            _name_failed_node(e, stack[-1])
        for node in stack:
            if node._fn is not None and node._data is _ENTERED:
                node._data = None
        raise


def _name_failed_node(error: Exception, node: LazyArray) -> None:
    """Add a note to ``error`` naming the node that raised it (once: the innermost)."""
    notes = getattr(error, "__notes__", ())
    if any(n.startswith("arraycompat.lazy: raised computing") for n in notes):
        return
    error.add_note(
        f"arraycompat.lazy: raised computing the node {node!r} ('?': a size unknown "
        f"until computed)"
    )


def compute(tree: Any, values: dict | None = None, progress: Any = False) -> Any:
    """Compute the lazy arrays in ``tree`` (an array, or tuples/lists/dicts of them)
    and return the same structure holding the wrapped library's arrays.

    ``values`` gives data for Variables: ``{variable: array}``. ``progress=True``
    shows a progress bar (tqdm or rich when installed, else text on stderr).

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> print(lazy.compute(y, {x: numpy.ones((2, 3))}))
    12.0
    """
    roots = _roots(tree, [])
    if values:
        given = {id(var): check_value(var, data, "lazy.compute") for var, data in values.items()}
        return _unwrap(tree, _evaluate_with(roots, given))
    for root in roots:
        if root._fn is None and root._data is None:
            missing_variable(root)
    evaluate_graph(roots, progress)
    for root in roots:
        if None in root._shape:
            root.shape  # noqa: B018  (learns the sizes unknown when traced)
    return _unwrap(tree)


def check_value(var: Any, data: Any, where: str) -> Any:
    """``data`` for the Variable ``var``, checked: an array of the Variable's library
    with its shape (an unknown size takes any), dtype and device; else a clear error."""
    if type(var) is not LazyArray or var._fn is not None or var._data is not None:
        raise TypeError(
            f"arraycompat.{where}: {var!r} is not a Variable (an input made by "
            f"lazy.Variable(shape, dtype) that has no value); only Variables take values."
        )
    return check_against(repr(var), var._backend, var._shape, var._dtype, data, where)


def check_against(name: str, ns: Any, shape: tuple, dtype: Any, data: Any, where: str) -> Any:
    """``data`` checked against what the input ``name`` expects: an array of ``ns``
    with ``shape`` (None: any size) and ``dtype``."""
    from ..core._resolve import get_namespace

    try:
        data_ns = get_namespace(data)
    except TypeError:
        data_ns = None
    if data_ns is not ns:
        raise TypeError(
            f"arraycompat.{where}: the value for {name} is {type(data).__name__} {data!r:.60}, "
            f"not a {ns.name} array; convert it first, e.g. with "
            f"arraycompat.asarray(value, like={ns.name!r})."
        )
    got = tuple(data.shape)
    if len(got) != len(shape) or any(n is not None and m != n for m, n in zip(got, shape)):
        raise ValueError(
            f"arraycompat.{where}: the value for {name} has shape {got}; the expected "
            f"shape is {shape} (None: any size)."
        )
    if data.dtype != dtype:
        raise TypeError(
            f"arraycompat.{where}: the value for {name} has dtype {data.dtype}; the expected "
            f"dtype is {dtype}. Convert it first with astype (a Variable's dtype is "
            f"float64 unless given: lazy.Variable(shape, dtype))."
        )
    return data


def _evaluate_with(roots: list, given: dict) -> dict:
    """``{id(node): data}`` for ``roots`` with Variables given values by ``given``
    (``{id(variable): data}``), leaving the graph as it is: the nodes that depend
    on those Variables are computed into this dict (freed after their last use),
    every other node is computed in place, once."""
    ascend_list = _traverse.ascend_list
    with _lock:
        order = ascend_list(roots)
        dependent = set(given)
        constants = []
        users: dict = {}
        for node in order:
            if node._fn is None:
                if node._data is None and id(node) not in given:
                    missing_variable(node)
                continue
            deps = deps_of(node)
            if any(id(d) in dependent for d in deps):
                dependent.add(id(node))
                for d in deps:
                    users[id(d)] = users.get(id(d), 0) + 1
                    if id(d) not in dependent and d._fn is not None:
                        constants.append(d)
        if constants:
            _evaluate(constants[::-1], constants, False)
        keep = {id(r) for r in roots}
        memo = dict(given)

        def value(x: Any) -> Any:
            t = type(x)
            if t is LazyArray:
                found = memo.get(id(x), _MISSING)
                return x._data if found is _MISSING else found
            if t is tuple or t is list:
                return t([value(y) for y in x])
            if t is dict:
                return {k: value(v) for k, v in x.items()}
            return x

        for node in order:
            i = id(node)
            if i not in dependent or i in given:
                continue
            try:
                memo[i] = node._fn(
                    *[value(a) for a in node._args],
                    **{k: value(v) for k, v in (node._kwargs or {}).items()},
                )
            except Exception as e:
                _name_failed_node(e, node)
                raise
            for d in deps_of(node):
                n = users[id(d)] = users[id(d)] - 1
                if n == 0 and id(d) not in keep:
                    memo.pop(id(d), None)
        return memo


_MISSING = object()


def _unwrap(x: Any, memo: dict | None = None, seen: dict | None = None) -> Any:
    """``x`` with each lazy array replaced by its data (``memo``: data by node id);
    a container that holds itself gives a copy that holds itself."""
    t = type(x)
    if t is LazyArray:
        if memo is not None:
            found = memo.get(id(x), _MISSING)
            if found is not _MISSING:
                return found
        return x._data
    if not isinstance(x, (tuple, list, dict)):
        return x
    if seen is None:
        seen = {}
    elif id(x) in seen:
        return seen[id(x)]
    if isinstance(x, list) and t is list:
        out = seen[id(x)] = []
        out.extend(_unwrap(y, memo, seen) for y in x)
        return out
    if isinstance(x, dict) and t is dict:
        mapping = seen[id(x)] = {}
        mapping.update((k, _unwrap(v, memo, seen)) for k, v in x.items())
        return mapping
    if isinstance(x, tuple) and hasattr(x, "_fields"):
        items = [_unwrap(y, memo, seen) for y in x]
        if hasattr(x, "__getnewargs_ex__"):
            # a named tuple with extra fields (SciPy's result objects): rebuilt as
            # copy and pickle do, from __new__ and the instance's __dict__
            _, extra = x.__getnewargs_ex__()
            extra = {k: _unwrap(v, memo, seen) for k, v in extra.items()}
            out = t.__new__(t, *items, **extra)
            out.__dict__.update(extra)
            return out
        return t(*items)
    if isinstance(x, dict):
        return {k: _unwrap(v, memo, seen) for k, v in x.items()}
    return t(_unwrap(y, memo, seen) for y in x)


# _traverse (above: it imports this module) enters itself here when imported.
_traverse: Any = None
_node._compute = sys.modules[__name__]  # LazyArray.compute calls this module
