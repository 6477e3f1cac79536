"""The ``"python"`` compiler: trace with ``arraycompat.lazy``, emit one straight-line
Python function of the graph, ``compile`` it.

On the way constants are folded (every node that needs no input is computed once,
at compile time), common subexpressions are shared (two nodes with the same
function and arguments become one line), and temporaries are deleted after their
last use so memory is freed as early as eager code frees it.

>>> import numpy
>>> program = trace_program(lambda x: (x + 1) * (x + 1), [numpy.ones(3)], None)
>>> print(program.source, end="")
def program(x0):
    t0 = f0(x0, 1)
    t1 = f1(t0, t0)
    del t0
    return t1
>>> program(numpy.arange(3.0))
array([1., 4., 9.])
"""

from __future__ import annotations

import functools
import math
from typing import Any, Callable

from ._pytree import LEAF, flatten, unflatten

__all__ = ["trace_program", "build_function"]


def trace_program(
    call: Callable,
    arrays: list,
    ns: Any,
    *,
    fold_constants: bool = True,
    share_intermediates: bool = True,
) -> Callable:
    """Trace ``call`` on lazy Variables shaped like ``arrays`` and compile the graph.

    The returned program takes arrays like ``arrays`` and returns ``call``'s
    nesting of outputs (outputs that are not lazy arrays are returned as traced).
    """
    from .. import lazy
    from .._devices import device

    variables = [
        lazy.Variable(_shape(x), x.dtype, backend=ns if ns is not None else type(x).__module__.split(".")[0], device=device(x))
        for x in arrays
    ]
    leaves, treedef = flatten(call(*variables))
    dynamic = [i for i, x in enumerate(leaves) if type(x) is lazy.LazyArray]
    run = build_function(variables, [leaves[i] for i in dynamic], fold_constants, share_intermediates)
    if treedef is LEAF and dynamic:
        return run
    template = [None if i in dynamic else x for i, x in enumerate(leaves)]

    def program(*xs):
        outs = run(*xs)
        if len(dynamic) == 1:
            outs = (outs,)
        filled = list(template)
        for i, x in zip(dynamic, outs):
            filled[i] = x
        return unflatten(treedef, filled)

    program.source = run.source
    return program


def _shape(x: Any) -> tuple:
    return tuple(None if n is None or n != n else int(n) for n in x.shape)


def build_function(
    inputs: list, outputs: list, fold_constants: bool = True, share_intermediates: bool = True
) -> Callable:
    """A Python function ``f(*arrays)`` computing ``outputs`` from ``inputs`` (lazy
    Variables): one output is returned as is, several as a tuple. ``f.source`` is its
    source.
    """
    from .. import lazy

    order = list(lazy.ascend(outputs))
    index_of_input = {id(v): i for i, v in enumerate(inputs)}
    depends = set()  # ids of nodes that need an input
    for node in order:
        if node._fn is None:
            if node._data is None:
                if id(node) not in index_of_input:
                    raise ValueError(
                        f"arraycompat.autojit: the traced graph needs {node!r}, a Variable that is "
                        f"not one of the function's inputs; create arrays inside the function "
                        f"with values, not Variables."
                    )
                depends.add(id(node))
        elif any(id(d) in depends for d in node._deps):
            depends.add(id(node))
    if fold_constants:
        folded = [n for n in order if n._fn is not None and id(n) not in depends]
        if folded:
            lazy.compute(folded)
    _specialize(order)
    return _emit(order, inputs, outputs, share_intermediates)


def _specialize(order: list) -> None:
    """Give nodes whose known shapes allow it a cheaper function with the same result.

    ``tensordot(a, b, axes=1)`` of 1-d or 2-d arrays is ``matmul(a, b)`` (numpy's
    tensordot reshapes and transposes in Python first: 20 us against 1 us for a dot
    product of two vectors).
    """
    from ..lazy._node import LazyArray, backend_function

    for node in order:
        fn = node._fn
        if type(fn) is not functools.partial or fn.args or fn.keywords != {"axes": 1}:
            continue
        args = node._args
        if len(args) != 2 or not all(type(a) is LazyArray and a.ndim in (1, 2) for a in args):
            continue
        ns = node._backend
        if fn.func is backend_function(ns, "tensordot"):
            node._fn = backend_function(ns, "matmul")


class _Emitter:
    """Names for functions and constants in the generated module's globals."""

    def __init__(self) -> None:
        self.env: dict[str, Any] = {}
        self._names: dict[int, str] = {}

    def name(self, obj: Any, prefix: str) -> str:
        key = id(obj)
        found = self._names.get(key)
        if found is None:
            found = f"{prefix}{sum(1 for n in self.env if n.startswith(prefix))}"
            self._names[key] = found
            self.env[found] = obj
        return found

    def expr(self, x: Any, names: dict) -> str:
        """Python source for argument ``x`` (lazy arrays by their variable names)."""
        t = type(x)
        if t is tuple:
            inner = ", ".join(self.expr(y, names) for y in x)
            return f"({inner},)" if len(x) == 1 else f"({inner})"
        if t is list:
            return "[" + ", ".join(self.expr(y, names) for y in x) + "]"
        if t is dict and all(type(k) is str for k in x):
            return "{" + ", ".join(f"{k!r}: {self.expr(v, names)}" for k, v in x.items()) + "}"
        found = names.get(id(x))
        if found is not None and _is_lazy(x):
            return found
        if x is None or x is Ellipsis or t in (bool, int, str) or (t is float and math.isfinite(x)):
            return repr(x)
        if t is slice and all(_literal(p) for p in (x.start, x.stop, x.step)):
            return repr(x)
        return self.name(x, "k")


def _literal(x: Any) -> bool:
    return x is None or type(x) is int


def _is_lazy(x: Any) -> bool:
    return getattr(type(x), "_arraycompat_lazy", False)


def _emit(order: list, inputs: list, outputs: list, share: bool) -> Callable:
    emitter = _Emitter()
    names: dict[int, str] = {id(v): f"x{i}" for i, v in enumerate(inputs)}
    lines: list[tuple[str, str, list[str]]] = []  # (target, expression, names used)
    seen: dict[str, str] = {}
    for node in order:
        if id(node) in names:
            continue
        if node._fn is None:  # a constant: folded, or data captured while tracing
            names[id(node)] = emitter.name(node._data, "k")
            continue
        args = ", ".join(emitter.expr(a, names) for a in node._args)
        if node._kwargs:
            kwargs = ", ".join(f"{k}={emitter.expr(v, names)}" for k, v in node._kwargs.items())
            args = f"{args}, {kwargs}" if args else kwargs
        expression = f"{emitter.name(node._fn, 'f')}({args})"
        if share and expression in seen:
            names[id(node)] = seen[expression]
            continue
        target = f"t{len(lines)}"
        used = [names[id(d)] for d in node._deps if names[id(d)].startswith("t")]
        lines.append((target, expression, used))
        seen[expression] = target
        names[id(node)] = target
    results = [names[id(o)] for o in outputs]
    body = _with_deletions(lines, set(results))
    returned = results[0] if len(results) == 1 else "(" + ", ".join(results) + ",)"
    signature = ", ".join(f"x{i}" for i in range(len(inputs)))
    source = f"def program({signature}):\n" + "".join(body) + f"    return {returned}\n"
    namespace = dict(emitter.env)
    exec(compile(source, "<arraycompat.autojit program>", "exec"), namespace)
    program = namespace["program"]
    program.source = source
    return program


def _with_deletions(lines: list, keep: set) -> list[str]:
    """Source lines with ``del`` of each temporary after its last use."""
    last_use: dict[str, int] = {}
    for i, (_, _, used) in enumerate(lines):
        for name in used:
            last_use[name] = i
    dead_after: dict[int, list[str]] = {}
    for name, i in last_use.items():
        if name not in keep:
            dead_after.setdefault(i, []).append(name)
    body = []
    for i, (target, expression, _) in enumerate(lines):
        body.append(f"    {target} = {expression}\n")
        if i in dead_after:
            body.append(f"    del {', '.join(sorted(set(dead_after[i])))}\n")
    return body
