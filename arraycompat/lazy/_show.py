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


def show(
    tree: Any,
    *,
    max_lines: int | None = None,
    max_depth: int | None = None,
    show_args: bool = True,
    file: Any = None,
) -> None:
    """Print the graph below ``tree`` (one output or a pytree) as a tree, deepest
    dependencies last; ``max_lines`` and ``max_depth`` cut it short.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> lazy.show(lazy.sum(x * 2.0))
       0 sum(#, axis=None, keepdims=False) → [] float64 cpu
       1 ╰─mul(#, 2.0) → [2, 3] float64 cpu
       2   ╰─Variable [2, 3] float64 cpu
    """
    file = file or sys.stdout
    max_lines = float("inf") if max_lines is None else max_lines
    max_depth = float("inf") if max_depth is None else max_depth
    roots = roots_of(tree)
    depth = depths(roots)
    seen: dict = {}
    line = 0
    stack = [(r, ()) for r in reversed(roots)]
    while stack and line < max_lines:
        node, columns = stack.pop()
        prefix = ""
        if columns:
            prefix = "".join("  " if last else "│ " for last in columns[:-1])
            prefix += "╰─" if columns[-1] else "├─"
        item = describe(node, show_args)
        if id(node) in seen:
            print(f"{line:>4} {prefix} ... [{item} from line {seen[id(node)]}]", file=file)
            line += 1
            continue
        print(f"{line:>4} {prefix}{item}", file=file)
        seen[id(node)] = line
        line += 1
        if len(columns) < max_depth:
            deps = sorted(deps_of(node), key=lambda d: depth[id(d)], reverse=True)
            for i, d in enumerate(deps):
                stack.append((d, columns + (i == 0,)))
    if stack:
        print(f"     ... ({len(stack)} more branches not shown)", file=file)
