"""``compute_constants``: compute, once, every part of a graph that does not depend
on the given variables, so a compiled ``Function`` only repeats the rest.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.Variable((3,), "float64")
>>> w = lazy.exp(lazy.array(numpy.zeros(3)))   # constant
>>> y = x * w
>>> lazy.compute_constants(y, variables=x)
>>> lazy.history_fn_frequencies(y)
{'Variable': 1, 'data': 1, 'mul': 1}
"""

from __future__ import annotations

from typing import Any

from ._traverse import ascend_list, deps_of, roots_of

__all__ = ["compute_constants"]


def compute_constants(outputs: Any, variables: Any = (), *, order: list | None = None) -> None:
    """Compute in place every node below ``outputs`` that depends on none of
    ``variables`` (a lazy array or a pytree of them; Variables without a value
    always count as variables). Folded nodes keep only their data. ``order`` is
    ``ascend_list(outputs)`` when the caller has it already.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.Variable((3,), "float64")
    >>> y = x * lazy.exp(lazy.array(numpy.zeros(3)))
    >>> lazy.history_fn_frequencies(y)
    {'data': 1, 'exp': 1, 'Variable': 1, 'mul': 1}
    >>> lazy.compute_constants(y, variables=x)
    >>> lazy.history_fn_frequencies(y)
    {'Variable': 1, 'data': 1, 'mul': 1}
    """
    from ._compute import evaluate_graph

    variable = {id(v) for v in roots_of(variables)}
    constant_roots = []
    roots = {id(r) for r in roots_of(outputs)}
    for node in ascend_list(outputs) if order is None else order:
        deps = deps_of(node)
        if id(node) in variable or (node._fn is None and node._data is None):
            variable.add(id(node))
        elif any(id(d) in variable for d in deps):
            variable.add(id(node))
            # the constants this node reads are the largest constant subgraphs
            constant_roots.extend(d for d in deps if id(d) not in variable and d._fn is not None)
        elif id(node) in roots and node._fn is not None:
            constant_roots.append(node)
    if constant_roots:
        evaluate_graph(constant_roots)
