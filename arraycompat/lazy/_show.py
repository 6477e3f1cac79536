"""``show``: a lazy graph printed as a tree, one numbered line per node; a node met
again points back to the line where it was first shown (like autoray's ``show``).

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones(2))
>>> lazy.show(lazy.sum(x * x))
   0 sum(#, axis=None, keepdims=False) → [] float64 cpu
   1 ╰─mul(#, #) → [2] float64 cpu
   2   ├─← [2] float64 cpu
   3   ╰─ ... [← [2] float64 cpu from line 2]
"""

from __future__ import annotations

import operator
import sys
from typing import Any

from . import _node
from ._node import LazyArray
from ._traverse import deps_of, depths, fn_name, roots_of

__all__ = ["show", "describe"]


def _arg(x: Any) -> str:
    t = type(x)
    if t is LazyArray:
        return "#"
    if t is slice:
        parts = ["" if v is None else str(v) for v in (x.start, x.stop, x.step)]
        return ":".join(parts[:2] if x.step is None else parts)
    if t is tuple:
        inner = ", ".join(_arg(y) for y in x)
        return f"({inner},)" if len(x) == 1 else f"({inner})"
    if t is list:
        return "[" + ", ".join(_arg(y) for y in x) + "]"
    if t is dict:
        return "{" + ", ".join(f"{k!r}: {_arg(v)}" for k, v in x.items()) + "}"
    text = repr(x)
    return text if len(text) <= 40 else text[:37] + "..."


def describe(node: LazyArray, show_args: bool = True) -> str:
    """One line for ``node``: its call, shape, dtype and device.

    >>> from arraycompat import lazy
    >>> describe(lazy.Variable((2, 3), "float32") + 1)
    'add(#, 1) → [2, 3] float32 cpu'
    """
    from ._config import dtype_name

    shape = "[" + ", ".join("?" if n is None else str(n) for n in node._shape) + "]"
    if node._dtype is None:  # the parent of several outputs (svd, unstack...)
        meta = "(several outputs)"
    else:
        meta = f"{shape} {dtype_name(node._dtype)} {node._device}"
    if node._fn is None:
        kind = "←" if node._data is not None else "Variable"
        return f"{kind} {meta}"
    name = fn_name(node)
    if not show_args:
        return f"{name} → {meta}"
    parts = [_arg(a) for a in node._args]
    fn = node._fn
    if type(fn) is operator.itemgetter:  # x[key] with the key kept in the function
        key = fn.__reduce__()[1]
        parts += [_arg(key[0] if len(key) == 1 else key)]
    keywords = dict(getattr(fn, "keywords", None) or {})
    keywords.update(node._kwargs or {})
    parts += [f"{k}={_arg(v)}" for k, v in keywords.items()]
    return f"{name}({', '.join(parts)}) → {meta}"


#: Lines ``show`` prints unless told otherwise (``max_lines=None`` prints all).
DEFAULT_MAX_LINES = 1000
#: Characters of tree drawing kept before a line's node; deeper lines start with '…'.
MAX_INDENT = 60


def show(
    tree: Any,
    *,
    max_lines: int | None = DEFAULT_MAX_LINES,
    max_depth: int | None = None,
    show_args: bool = True,
    file: Any = None,
) -> None:
    """Print the graph below ``tree`` (one output or a pytree) as a tree, deepest
    dependencies last; ``max_lines`` (1000 by default, None for all) and
    ``max_depth`` cut it short. The time is linear in the lines printed plus the
    nodes below ``tree``: the drawing left of a deep node is cut to its last
    60 characters, after a '…'.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> lazy.show(lazy.sum(x * 2.0))
       0 sum(#, axis=None, keepdims=False) → [] float64 cpu
       1 ╰─mul(#, 2.0) → [2, 3] float64 cpu
       2   ╰─Variable [2, 3] float64 cpu
    """
    file = file or sys.stdout
    limit = float("inf") if max_lines is None else max_lines
    max_depth = float("inf") if max_depth is None else max_depth
    roots = roots_of(tree)
    depth = depths(roots)
    seen: dict = {}
    line = 0
    # (node, its depth in the printed tree, drawing left of its branch, is it the last child)
    stack = [(r, 0, "", True) for r in reversed(roots)]
    while stack and line < limit:
        node, level, base, last = stack.pop()
        prefix = base + ("╰─" if last else "├─") if level else ""
        item = describe(node, show_args)
        if id(node) in seen:
            print(f"{line:>4} {prefix} ... [{item} from line {seen[id(node)]}]", file=file)
            line += 1
            continue
        print(f"{line:>4} {prefix}{item}", file=file)
        seen[id(node)] = line
        line += 1
        if level < max_depth:
            below = base + ("  " if last else "│ ") if level else ""
            if len(below) > MAX_INDENT:
                below = "…" + below[-(MAX_INDENT - 1):]
            deps = sorted(deps_of(node), key=lambda d: depth[id(d)], reverse=True)
            for i, d in enumerate(deps):
                stack.append((d, level + 1, below, i == 0))
    if stack:
        hint = "; pass max_lines=None to show all" if max_lines is not None else ""
        print(f"     ... ({len(stack)} more branches not shown{hint})", file=file)


_node._above["show"] = show  # LazyArray uses it (the class cannot import this module)
