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
from ._traverse import ascend_list, roots_of

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
        from ._node import backend_function

        return backend_function(backend_namespace(self.library), self.name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:  # a partial needs a callable
        return self.resolve()(*args, **kwargs)


def _backend_names() -> dict:
    """``{id(function): _BackendFunction}`` for the backend functions nodes use."""
    from ._node import _functions

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


class Function:
    """The graph ``inputs -> outputs`` compiled with Python's ``compile``; call it with
    arrays for ``inputs`` (the same pytree, or just the arrays in order) and it returns
    ``outputs``' pytree of arrays. With ``fold_constants`` everything that does not
    depend on ``inputs`` is computed once, now; with ``lower``, calls with an exactly
    equal cheaper form use it (``x + y`` inline, ``conj`` of a real array skipped...).
    Pickles (the source is recompiled).

    >>> import numpy
    >>> from arraycompat import lazy
    >>> a, b = lazy.Variable((2,), "float64"), lazy.Variable((2,), "float64")
    >>> f = lazy.Function([a, b], (a + b, a * b))
    >>> f(numpy.ones(2), numpy.full(2, 3.0))
    (array([4., 4.]), array([3., 3.]))
    """

    __slots__ = ("_source", "_params", "_fn", "_n_in", "_n_out", "_structure")

    def __init__(
        self, inputs: Any, outputs: Any, fold_constants: bool = True, lower: bool = True
    ) -> None:
        ins = roots_of(inputs)
        outs = roots_of(outputs)
        if not outs:
            raise ValueError(
                f"arraycompat.lazy.Function: outputs hold no lazy array (got "
                f"{type(outputs).__name__}); pass the lazy arrays the function returns."
            )
        order = ascend_list(outs)
        if fold_constants:
            compute_constants(outs, variables=ins, order=order)
        self._params: dict = {}
        self._source = write_function(ins, outs, self._params, lower=lower, order=order)
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

    def __getstate__(self) -> tuple:
        names = _backend_names()
        params = {k: _by_name(v, names) for k, v in self._params.items()}
        return (self._source, params, self._n_in, self._n_out, self._structure)

    def __setstate__(self, state: tuple) -> None:
        self._source, params, self._n_in, self._n_out, self._structure = state
        self._params = {k: _resolve(v) for k, v in params.items()}
        self._compile()

    def __repr__(self) -> str:
        return f"<Function({self._n_in} input(s)) -> {self._n_out} output(s)>"
