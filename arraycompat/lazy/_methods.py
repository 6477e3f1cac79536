"""The graph tools as ``LazyArray`` methods, as autoray's lazy arrays have them:
``y.history_num_nodes()``, ``y.show()``, ``y.plot_graph()``, ``y.get_function([x])``...

Installed on the class when ``arraycompat.lazy`` is imported; each method is the
module-level function with the array as first argument.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones(3))
>>> y = lazy.exp(x) + x
>>> y.history_num_nodes(), y.fn_name, [d.fn_name for d in y.deps]
(3, 'add', ['exp', 'data'])
"""

from __future__ import annotations

from typing import Any

from . import _plot, _show, _stats, _traverse
from ._fold import compute_constants
from ._function import Function
from ._node import LazyArray
from ._source import get_source

__all__: list = []


def _get_function(self: LazyArray, variables: Any, fold_constants: bool = True) -> Function:
    """A compiled ``Function`` of ``variables`` computing this array."""
    return Function(variables, self, fold_constants=fold_constants)


def _depth(self: LazyArray) -> int:
    """The longest path from this node down to an input."""
    return _traverse.depths(self)[id(self)]


_METHODS = {
    "ascend": _traverse.ascend,
    "descend": _traverse.descend,
    "show": _show.show,
    "compute_constants": compute_constants,
    "get_source": get_source,
    "get_function": _get_function,
    **{name: getattr(_stats, name) for name in _stats.__all__ if name.startswith("history_")},
    **{name: getattr(_plot, name) for name in _plot.__all__},
}
_PROPERTIES = {
    "fn_name": _traverse.fn_name,
    "deps": _traverse.deps_of,
    "depth": _depth,
}

for _name, _fn in _METHODS.items():
    setattr(LazyArray, _name, _fn)
for _name, _fn in _PROPERTIES.items():
    setattr(LazyArray, _name, property(_fn))
del _name, _fn
