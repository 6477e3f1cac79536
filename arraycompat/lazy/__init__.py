"""``arraycompat.lazy``: a lazy tracer that is itself an Array API namespace.

Every function of the standard (2025.12), ``linalg`` and ``fft`` records a node
instead of computing; shapes, dtypes and devices are known at trace time, by the
wrapped library's own rules. ``compute`` runs the graph on that library.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.arange(6.0).reshape(2, 3))
>>> y = lazy.sum(x * x, axis=1)
>>> y.shape, y.dtype
((2,), dtype('float64'))
>>> y.compute()
array([ 5., 50.])

Creation functions build on the default backend (numpy) unless ``backend=`` or
``lazy.default_backend(...)`` says otherwise. Beyond the standard, numpy-style
names (``einsum``, ``kron``, ``linalg.norm``...) record the wrapped library's function.
"""

from __future__ import annotations

import math as _math

from . import fft, linalg, special
from . import _indexing  # noqa: F401  (LazyArray's [] and []=: it enters itself in _node)
from ._compute import compute
from ._config import DeviceError, StrictModeError, default_backend, is_strict, on_force, strict
from ._info import __array_namespace_info__
from ._node import LazyArray, Variable, array
from ._record import cache_sizes, set_cache_size
from .creation import *  # noqa: F401,F403
from .creation import __all__ as _names_creation
from .data_types import *  # noqa: F401,F403
from .data_types import DTYPE_NAMES as _DTYPE_NAMES
from .data_types import __all__ as _names_data_types
from .elementwise import *  # noqa: F401,F403
from .elementwise import __all__ as _names_elementwise
from .indexing import *  # noqa: F401,F403
from .indexing import __all__ as _names_indexing
from .linear_algebra import *  # noqa: F401,F403
from .linear_algebra import __all__ as _names_linear_algebra
from .manipulation import *  # noqa: F401,F403
from .manipulation import __all__ as _names_manipulation
from .searching import *  # noqa: F401,F403
from .searching import __all__ as _names_searching
from .set import *  # noqa: F401,F403
from .set import __all__ as _names_set
from .sorting import *  # noqa: F401,F403
from .sorting import __all__ as _names_sorting
from .statistical import *  # noqa: F401,F403
from .statistical import __all__ as _names_statistical

__array_api_version__ = "2025.12"
#: The library name, as ``Namespace.name`` gives it for the eager libraries.
name = "lazy"

e = _math.e
inf = _math.inf
nan = _math.nan
pi = _math.pi
newaxis = None

__all__ = [
    "LazyArray", "Variable", "array", "compute", "ascend", "descend", "show",
    "history_num_nodes", "cache_sizes", "set_cache_size", "strict", "is_strict", "on_force", "StrictModeError", "DeviceError", "default_backend",
    "linalg", "fft", "e", "inf", "nan", "pi", "newaxis", "__array_namespace_info__",
    *_names_creation, *_names_data_types, *_names_elementwise, *_names_indexing,
    *_names_linear_algebra, *_names_manipulation,
    *_names_searching, *_names_set, *_names_sorting, *_names_statistical, *_DTYPE_NAMES,
]


def __getattr__(name: str):
    """dtypes are the default backend's; other names beyond the standard record the
    wrapped library's function of that name."""
    if name in _DTYPE_NAMES:
        from ._config import backend_namespace

        return getattr(backend_namespace(), name)
    from ._fallthrough import beyond_standard

    return beyond_standard(name)


def __dir__():
    import builtins

    # ``set``, ``all``, ``sum``... are names of this namespace: use the builtins.
    return builtins.sorted(builtins.set(globals()) | builtins.set(__all__))


# ---------------------------------------------------------------- graph tools (issue 5)
from ._traverse import History, ascend, descend, fn_name  # noqa: E402,F811
from ._stats import (  # noqa: E402
    history_bytes_footprint, history_flops, history_fn_frequencies, history_max_bytes,
    history_max_size, history_num_nodes, history_peak_bytes, history_peak_size,
    history_size_footprint, history_stats, history_total_bytes, history_total_size,
    node_bytes, node_flops, node_size,
)
from ._show import show  # noqa: E402,F811
from ._shared import SharedCache, SharedWriteError, shared_intermediates  # noqa: E402
from ._fold import compute_constants  # noqa: E402
from ._source import get_source  # noqa: E402
from ._function import Function  # noqa: E402
from . import _methods  # noqa: E402,F401  (graph tools as LazyArray methods)
from ._autoray_methods import complex  # noqa: E402  (autoray's attributes, lazy.complex)

floordivide = floor_divide  # noqa: F405  autoray.lazy's names for the two divisions
truedivide = divide  # noqa: F405

__all__ += [
    "History", "fn_name", "history_bytes_footprint", "history_flops", "history_fn_frequencies",
    "history_max_bytes", "history_max_size", "history_peak_bytes", "history_peak_size",
    "history_size_footprint", "history_stats", "history_total_bytes", "history_total_size",
    "node_bytes", "node_flops", "node_size", "SharedCache", "SharedWriteError", "shared_intermediates",
    "compute_constants", "get_source", "Function", "complex", "floordivide", "truedivide",
]
from ._plot import (  # noqa: E402
    plot_circuit, plot_graph, plot_history_functions, plot_history_size_footprint,
    plot_history_stats, to_nx_digraph,
)

__all__ += [
    "plot_circuit", "plot_graph", "plot_history_functions", "plot_history_size_footprint",
    "plot_history_stats", "to_nx_digraph",
]
