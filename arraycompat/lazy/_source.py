"""``get_source``: a lazy graph written as one straight-line Python function.

Each node becomes ``xN = fK(...)``; intermediates are deleted after their last use.
Functions, constant arrays and every argument that is not a plain ``int``, ``bool``,
``None`` or finite ``float`` go through the ``params`` dict (the function's
globals) under generated names, so no string or ``repr`` from the graph is ever
written as code: no input can inject code.

>>> from arraycompat import lazy
>>> x = lazy.Variable((3,), "float64")
>>> params = {}
>>> print(lazy.get_source(lazy.sum(x * 2.0), params))
def graph(x0):
    x1 = f0(x0, 2.0)
    x2 = f1(x1)
    del x1
    return x2
"""

from __future__ import annotations

import keyword
import math
from typing import Any

from ._lower import lower
from ._node import LazyArray
from ._traverse import ascend_list, deps_of, roots_of, still_needed

__all__ = ["get_source", "write_function"]


class _Writer:
    """Names for nodes (``xN``), functions (``fN``) and constants (``cN``)."""

    def __init__(self, params: dict, lower: bool = False) -> None:
        self.params = params
        self.lower = lower
        self.outputs: set = set()  # ids of outputs: computed as recorded, never lowered
        self.names: dict = {}  # id(node) -> variable name
        self.objects: dict = {}  # id(object) -> (param name, object)
        self.count = {"f": 0, "c": 0}

    def param(self, obj: Any, prefix: str = "c") -> str:
        found = self.objects.get(id(obj))
        if found is not None:
            return found[0]
        name = f"{prefix}{self.count[prefix]}"
        self.count[prefix] += 1
        while name in self.params:  # params may already hold the caller's names
            name += "_"
        self.params[name] = obj
        self.objects[id(obj)] = (name, obj)  # keeps obj alive, so its id stays unique
        return name

    def arg(self, x: Any) -> str:
        t = type(x)
        if t is LazyArray:
            name = self.names.get(id(x))
            if name is None:  # a computed array: a constant
                name = self.names[id(x)] = self.param(x._data)
            return name
        if t is bool or x is None:
            return repr(x)
        if t is int or (t is float and math.isfinite(x)):
            # parenthesised when negative: ``(-2.0) ** x0``, never ``-2.0 ** x0``
            return repr(x) if x > 0 or (x == 0 and not _negative_zero(x)) else f"({x!r})"
        if (t is tuple or t is list) and _holds_lazy(x):
            inner = ", ".join(self.arg(y) for y in x)
            return f"({inner},)" if t is tuple else f"[{inner}]"
        if t is dict and _holds_lazy(x):
            inner = ", ".join(f"{self.param(k)}: {self.arg(v)}" for k, v in x.items())
            return "{" + inner + "}"
        return self.param(x)

    def call(self, node: LazyArray) -> str:
        if self.lower and id(node) not in self.outputs:
            found = lower(node)
            if found is not None:
                kind, fn, args = found
                if kind == "alias":
                    return self.arg(args[0])
                if kind == "operator":
                    return fn.join(self.arg(a) for a in args)
                return f"{self.param(fn, 'f')}({', '.join(self.arg(a) for a in args)})"
        parts = [self.arg(a) for a in node._args]
        for k, v in (node._kwargs or {}).items():
            # ASCII only: Python reads identifiers in NFKC form ('\ufb01le' is 'file')
            if type(k) is str and k.isascii() and k.isidentifier() and not keyword.iskeyword(k):
                parts.append(f"{k}={self.arg(v)}")
            else:
                parts.append(f"**{{{self.param(k)}: {self.arg(v)}}}")
        return f"{self.param(node._fn, 'f')}({', '.join(parts)})"


def _negative_zero(x: Any) -> bool:
    return type(x) is float and math.copysign(1.0, x) < 0


def _holds_lazy(x: Any) -> bool:
    stack = [x]
    while stack:
        y = stack.pop()
        t = type(y)
        if t is LazyArray:
            return True
        if t is tuple or t is list:
            stack.extend(y)
        elif t is dict:
            stack.extend(y.values())
    return False


def write_function(
    inputs: list,
    outputs: list,
    params: dict,
    name: str = "graph",
    lower: bool = False,
    order: list | None = None,
) -> str:
    """The source of ``def name(<inputs>): ... return <outputs>`` for flat lists of
    lazy arrays; a single output is returned as is, several as a tuple. With
    ``lower``, calls that have an exactly equal cheaper form use it (see ``_lower``)."""
    w = _Writer(params, lower)
    w.outputs = {id(o) for o in outputs}
    arg_names = []
    for node in inputs:
        if id(node) in w.names:
            raise ValueError(f"arraycompat.lazy: the input {node!r} is given twice")
        w.names[id(node)] = f"x{len(w.names)}"
        arg_names.append(w.names[id(node)])
    if order is None:
        order = ascend_list(outputs)
    else:  # an order from before constants were folded: keep what is still needed
        order = still_needed(order, outputs)
    order = [n for n in order if id(n) not in w.names]
    for node in order:
        if node._fn is None and node._data is None:
            raise ValueError(
                f"arraycompat.lazy: the graph needs {node!r}, a Variable that is not among "
                f"the inputs; add it to the inputs."
            )
    # the last use of each intermediate: walking backwards, the first sight of it
    keep = {id(o) for o in outputs} | {id(n) for n in inputs}
    last_use: dict = {}
    for node in reversed(order):
        for d in deps_of(node):
            if id(d) not in last_use and d._fn is not None and id(d) not in keep:
                last_use[id(d)] = node
    frees: dict = {}
    for dep_id, node in last_use.items():
        frees.setdefault(id(node), []).append(dep_id)
    lines = [f"def {name}({', '.join(arg_names)}):"]
    for node in order:
        if node._fn is None:
            continue  # a constant: named on first use
        call = w.call(node)
        w.names[id(node)] = target = f"x{len(w.names)}"
        lines.append(f"    {target} = {call}")
        dead = frees.get(id(node))
        if dead:
            lines.append("    del " + ", ".join(w.names[i] for i in dead))
    results = [w.arg(o) for o in outputs]
    if len(results) == 1:
        lines.append(f"    return {results[0]}")
    else:
        lines.append(f"    return ({', '.join(results)},)")
    return "\n".join(lines)


def get_source(outputs: Any, params: dict | None = None, inputs: Any = None) -> str:
    """The source of a function computing ``outputs`` (a lazy array or pytree; the
    function returns them flattened, in order) from ``inputs`` (default: the
    Variables without a value, in the order the graph meets them). ``params`` gets
    the functions and constants the source refers to: run it with
    ``exec(source, params)`` and call ``params['graph']``.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> params = {}
    >>> source = lazy.get_source(lazy.sum(x * 2.0), params)
    >>> print(source)
    def graph(x0):
        x1 = f0(x0, 2.0)
        x2 = f1(x1)
        del x1
        return x2
    >>> exec(source, params)
    >>> print(params["graph"](numpy.ones((2, 3))))
    12.0
    """
    if params is None:
        params = {}
    outs = roots_of(outputs)
    if not outs:
        raise ValueError(
            f"arraycompat.lazy.get_source: outputs hold no lazy array (got "
            f"{type(outputs).__name__} {outputs!r:.40}); pass the lazy arrays to compute."
        )
    if inputs is None:
        ins = [n for n in ascend_list(outs) if n._fn is None and n._data is None]
    else:
        ins = roots_of(inputs)
    return write_function(ins, outs, params)
