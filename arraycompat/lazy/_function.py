"""``Function``: a traced graph compiled to one straight-line Python function.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.Variable((3,), "float64")
>>> f = lazy.Function(x, {"total": lazy.sum(x * x)})
>>> f(numpy.arange(3.0))
{'total': np.float64(5.0)}
"""

from __future__ import annotations

import functools
from typing import Any

from ._fold import compute_constants
from ._node import LazyArray
from ._source import write_function
from ._compute import check_against
from ._traverse import ascend_list, roots_of, still_needed

__all__ = ["Function"]


def _structure(tree: Any) -> Any:
    """The shape of a pytree with its lazy arrays replaced by ``None``."""
    t = type(tree)
    if t is LazyArray:
        return None
    if isinstance(tree, tuple) and hasattr(tree, "_fields"):
        return (t, [_structure(y) for y in tree])
    if isinstance(tree, (tuple, list)):
        return (t, [_structure(y) for y in tree])
    if isinstance(tree, dict):
        return (dict, {k: _structure(v) for k, v in tree.items()})
    return ("leaf", tree)


def _rebuild(structure: Any, leaves: Any) -> Any:
    if structure is None:
        return next(leaves)
    kind, inner = structure
    if kind == "leaf":
        return inner
    if kind is dict:
        return {k: _rebuild(v, leaves) for k, v in inner.items()}
    items = [_rebuild(s, leaves) for s in inner]
    if hasattr(kind, "_fields"):
        return kind(*items)
    return kind(items)


def _flatten_args(args: tuple, out: list) -> list:
    stack = [args]
    while stack:
        x = stack.pop()
        if type(x) in (tuple, list):
            stack.extend(reversed(x))
        elif type(x) is dict:
            stack.extend(reversed(list(x.values())))
        else:
            out.append(x)
    return out


class _BackendFunction:
    """A backend's function by name, for pickling: the compatibility layers' wrapped
    functions (array_api_compat's ``svd``...) do not pickle by reference."""

    __slots__ = ("library", "name")

    def __init__(self, library: str, name: str) -> None:
        self.library = library
        self.name = name

    def __reduce__(self) -> tuple:
        return (_BackendFunction, (self.library, self.name))

    def resolve(self) -> Any:
        from ._config import backend_namespace
        from ._record import backend_function

        return backend_function(backend_namespace(self.library), self.name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # a partial needs a callable
        return self.resolve()(*args, **kwargs)


def _backend_names() -> dict:
    """``{id(function): _BackendFunction}`` for the backend functions nodes use."""
    from ._record import _functions

    return {id(fn): _BackendFunction(ns.name, name) for (ns, name), fn in list(_functions.items())}


def _by_name(value: Any, names: dict) -> Any:
    ref = names.get(id(value))
    if ref is not None:
        return ref
    if type(value) is functools.partial and id(value.func) in names:
        return functools.partial(names[id(value.func)], *value.args, **value.keywords)
    return value


def _resolve(value: Any) -> Any:
    if type(value) is _BackendFunction:
        return value.resolve()
    if type(value) is functools.partial and type(value.func) is _BackendFunction:
        return functools.partial(value.func.resolve(), *value.args, **value.keywords)
    return value


class _Ref:
    """Node ``index`` of a Function's snapshot, inside a call's arguments."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index

    def __reduce__(self) -> tuple:
        return (_Ref, (self.index,))


def _refer(x: Any, index: dict) -> Any:
    t = type(x)
    if t is LazyArray:
        return _Ref(index[id(x)])
    if t is tuple or t is list:
        return t([_refer(y, index) for y in x])
    if t is dict:
        return {k: _refer(v, index) for k, v in x.items()}
    return x


def _deref(x: Any, nodes: list) -> Any:
    t = type(x)
    if t is _Ref:
        return nodes[x.index]
    if t is tuple or t is list:
        return t([_deref(y, nodes) for y in x])
    if t is dict:
        return {k: _deref(v, nodes) for k, v in x.items()}
    return x


def _snapshot(ins: list, outs: list, order: list) -> tuple:
    """The graph ``ins -> outs`` as plain data: one entry per node, dependencies first,
    arguments referring to earlier entries. ``Function`` pickles this, never source."""
    kept = still_needed(order, outs)
    index: dict = {}
    entries: list = []
    for node in ins:
        index[id(node)] = len(entries)
        entries.append(("input", node._shape, node._dtype, node._device))
    for node in kept:
        if id(node) in index:
            continue
        if node._fn is None:
            if node._data is None:
                raise ValueError(
                    f"arraycompat.lazy.Function: the graph needs {node!r}, a Variable that is "
                    f"not among the inputs; add it to the inputs."
                )
            entry = ("data", node._data, node._shape, node._dtype, node._device)
        else:
            deps = None if node._deps is None else tuple(index[id(d)] for d in node._deps)
            entry = (
                "call", node._fn, _refer(node._args, index), _refer(node._kwargs, index), deps,
                node._shape, node._dtype, node._device,
            )
        index[id(node)] = len(entries)
        entries.append(entry)
    return entries, [index[id(o)] for o in outs]


def _rebuild_graph(entries: list, outputs: list, ns: Any) -> tuple[list, list]:
    """Lazy arrays (inputs, outputs) from a snapshot."""
    nodes: list = []
    ins = []
    for entry in entries:
        kind = entry[0]
        if kind == "input":
            _, shape, dtype, device = entry
            node = LazyArray(None, None, None, None, shape, dtype, device, ns, None)
            ins.append(node)
        elif kind == "data":
            _, data, shape, dtype, device = entry
            node = LazyArray(None, None, None, None, shape, dtype, device, ns, data)
        else:
            _, fn, args, kwargs, deps, shape, dtype, device = entry
            args = _deref(args, nodes)
            if deps is not None:
                deps = tuple(nodes[j] for j in deps)
                if len(deps) == len(args) and all(a is d for a, d in zip(args, deps)):
                    deps = args
            node = LazyArray(
                _resolve(fn), args, _deref(kwargs, nodes), deps, shape, dtype, device, ns
            )
        nodes.append(node)
    return ins, [nodes[j] for j in outputs]


class Function:
    """The graph ``inputs -> outputs`` compiled with Python's ``compile``; call it with
    arrays for ``inputs`` (the same pytree, or just the arrays in order) and it returns
    ``outputs``' pytree of arrays. With ``fold_constants`` everything that does not
    depend on ``inputs`` is computed once, now; with ``lower``, calls with an exactly
    equal cheaper form use it (``x + y`` inline, ``conj`` of a real array skipped...).
    ``check_inputs`` checks each call's arrays against the inputs' library, shape and
    dtype (a clear error instead of a wrong answer).

    Pickles as its graph; unpickling writes and compiles the source again from that
    graph (no source text is stored). Like every pickle, load only trusted data:
    unpickling can run any code the pickle names.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> a, b = lazy.Variable((2,), "float64"), lazy.Variable((2,), "float64")
    >>> f = lazy.Function([a, b], (a + b, a * b))
    >>> f(numpy.ones(2), numpy.full(2, 3.0))
    (array([4., 4.]), array([3., 3.]))
    """

    __slots__ = (
        "_source", "_params", "_fn", "_n_in", "_n_out", "_structure", "_graph", "_lower",
        "_backend", "_inputs", "_check",
    )

    def __init__(
        self,
        inputs: Any,
        outputs: Any,
        fold_constants: bool = True,
        lower: bool = True,
        check_inputs: bool = True,
    ) -> None:
        ins = roots_of(inputs)
        outs = roots_of(outputs)
        if not outs:
            raise ValueError(
                f"arraycompat.lazy.Function: outputs hold no lazy array (got "
                f"{type(outputs).__name__}); pass the lazy arrays the function returns."
            )
        for node in ins:
            if node._fn is not None or node._data is not None:
                raise TypeError(
                    f"arraycompat.lazy.Function: the input {node!r} is not a Variable; inputs "
                    f"are made with lazy.Variable(shape, dtype)."
                )
        order = ascend_list(outs)
        if fold_constants:
            compute_constants(outs, variables=ins, order=order)
        self._params: dict = {}
        self._source = write_function(ins, outs, self._params, lower=lower, order=order)
        self._graph = _snapshot(ins, outs, order)
        self._lower = lower
        self._backend = outs[0]._backend
        self._inputs = [(repr(v), v._shape, v._dtype) for v in ins]
        self._check = check_inputs
        self._n_in = len(ins)
        self._n_out = len(outs)
        self._structure = None if type(outputs) is LazyArray else _structure(outputs)
        self._compile()

    def _compile(self) -> None:
        namespace = dict(self._params)
        code = compile(self._source, "<arraycompat.lazy.Function>", "exec", optimize=1)
        exec(code, namespace)
        self._fn = namespace["graph"]

    def __call__(self, *args: Any) -> Any:
        if len(args) != self._n_in or any(type(a) in (tuple, list, dict) for a in args):
            args = _flatten_args(args, [])
            if len(args) != self._n_in:
                raise TypeError(
                    f"arraycompat.lazy.Function: expected {self._n_in} input array(s), got "
                    f"{len(args)}"
                )
        if self._check:
            for x, (name, shape, dtype) in zip(args, self._inputs):
                if getattr(x, "shape", None) != shape or getattr(x, "dtype", None) != dtype:
                    check_against(name, self._backend, shape, dtype, x, "lazy.Function")
        result = self._fn(*args)
        if self._structure is None:
            return result
        return _rebuild(self._structure, iter((result,) if self._n_out == 1 else result))

    @property
    def source(self) -> str:
        """The generated Python source."""
        return self._source

    def print_source(self) -> None:
        """Print the generated Python source."""
        print(self._source)

    def __getstate__(self) -> dict:
        names = _backend_names()
        entries, outputs = self._graph
        entries = [
            (e[0], _by_name(e[1], names), *e[2:]) if e[0] == "call" else e for e in entries
        ]
        return {
            "graph": (entries, outputs), "backend": self._backend.name, "lower": self._lower,
            "check_inputs": self._check, "structure": self._structure,
        }

    def __setstate__(self, state: dict) -> None:
        from ._config import backend_namespace

        if not isinstance(state, dict) or "graph" not in state:
            raise TypeError(
                "arraycompat.lazy.Function: this pickle is not a Function of this version "
                "(it carries no graph); build the Function again and pickle it anew."
            )
        ns = backend_namespace(state["backend"])
        entries, outputs = state["graph"]
        ins, outs = _rebuild_graph(entries, outputs, ns)
        self._params = {}
        # the source is written again from the graph: no stored text is compiled
        self._source = write_function(ins, outs, self._params, lower=state["lower"])
        self._graph = _snapshot(ins, outs, ascend_list(outs))
        self._lower = state["lower"]
        self._backend = ns
        self._inputs = [(repr(v), v._shape, v._dtype) for v in ins]
        self._check = state["check_inputs"]
        self._n_in = len(ins)
        self._n_out = len(outs)
        self._structure = state["structure"]
        self._compile()

    def __repr__(self) -> str:
        return f"<Function({self._n_in} input(s)) -> {self._n_out} output(s)>"
