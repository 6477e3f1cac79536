"""Statistics of a lazy graph: node counts, sizes, memory footprint, FLOPs.

Sizes count elements (as autoray does); the ``*_bytes`` versions weigh each array
by its dtype's item size. A size that is unknown at trace time counts as 0. Each
function takes outputs (one lazy array or a pytree) or a ``History`` of them, which
saves walking the graph again for several statistics.

>>> import numpy
>>> from arraycompat import lazy
>>> x = lazy.array(numpy.ones((4, 4)))
>>> y = lazy.sum(x @ x)
>>> lazy.history_num_nodes(y), lazy.history_max_size(y), lazy.history_total_size(y)
(3, 16, 33)
>>> lazy.history_peak_bytes(y)
256
>>> lazy.history_flops(y)
144
"""

from __future__ import annotations

import collections
import itertools
import math
from typing import Any, Callable

from ._node import LazyArray
from ._traverse import History, deps_of, fn_name
from ..dispatch._dtypes import dtype_name

__all__ = [
    "history_num_nodes", "history_max_size", "history_size_footprint", "history_peak_size",
    "history_total_size", "history_stats", "history_fn_frequencies", "history_max_bytes",
    "history_bytes_footprint", "history_peak_bytes", "history_total_bytes", "history_flops",
    "node_size", "node_bytes", "node_flops", "itemsize",
]


# ---------------------------------------------------------------- per node
def node_size(node: LazyArray) -> int:
    """The number of elements of ``node`` (0 when a size is unknown, or for the parent
    node of a function with several outputs).

    >>> from arraycompat import lazy
    >>> lazy.node_size(lazy.Variable((2, 3), "float64"))
    6
    """
    if node._dtype is None:
        return 0
    total = 1
    for n in node._shape:
        if n is None:
            return 0
        total *= n
    return total


_ITEMSIZES: dict = {}


def itemsize(dtype: Any) -> int:
    """Bytes per element of ``dtype`` (a numpy, torch, jax, dask... dtype).

    >>> import numpy
    >>> itemsize(numpy.dtype("complex64"))
    8
    """
    try:
        return _ITEMSIZES[dtype]
    except (KeyError, TypeError):
        pass
    size = getattr(dtype, "itemsize", None)
    if not isinstance(size, int):
        name = dtype_name(dtype)  # 'float32', 'complex64', 'bool' on every library
        digits = "".join(c for c in name if c.isdigit())
        if digits:
            size = int(digits) // 8
        elif name == "bool":
            size = 1
        else:
            raise TypeError(f"arraycompat.lazy: cannot tell the item size of dtype {dtype!r}")
    try:
        _ITEMSIZES[dtype] = size
    except TypeError:
        pass
    return size


def node_bytes(node: LazyArray) -> int:
    """The bytes ``node`` takes (0 when a size is unknown, or for a multi-output parent).

    >>> from arraycompat import lazy
    >>> lazy.node_bytes(lazy.Variable((2, 3), "float64"))
    48
    """
    if node._dtype is None:
        return 0
    return node_size(node) * itemsize(node._dtype)


_ELEMENTWISE = frozenset(
    """abs acos acosh asin asinh atan atanh bitwise_invert ceil conj conjugate cos cosh exp
    expm1 floor imag isfinite isinf isnan log log1p log2 log10 logical_not negative positive
    real reciprocal round sign signbit sin sinh square sqrt tan tanh trunc add atan2
    bitwise_and bitwise_left_shift bitwise_or bitwise_right_shift bitwise_xor copysign divide
    equal floor_divide greater greater_equal hypot less less_equal logaddexp logical_and
    logical_or logical_xor maximum minimum multiply nextafter not_equal pow power remainder
    subtract clip where neg pos invert sub mul truediv floordiv mod and_ or_ xor lshift rshift
    eq ne lt le gt ge""".split()
)
_REDUCTIONS = frozenset(
    """sum prod max min mean std var all any cumulative_sum cumulative_prod cumsum cumprod
    argmax argmin count_nonzero logsumexp norm vector_norm matrix_norm trace vecdot""".split()
)


def _contracted(a: LazyArray, b: LazyArray, out: LazyArray) -> int:
    """The summed-over size of a tensordot: |a| |b| = |out| k^2."""
    sa, sb, so = node_size(a), node_size(b), node_size(out)
    if not (sa and sb and so):
        return 0
    return math.isqrt((sa * sb) // so)


def _einsum_flops(node: LazyArray) -> int:
    args = node._args
    eq = args[0] if args and isinstance(args[0], str) else None
    operands = [a for a in args if type(a) is LazyArray]
    if eq is None or not operands:
        return 0
    inputs = eq.replace(" ", "").split("->")[0].split(",")
    dims: dict = {}
    for term, op in zip(inputs, operands):
        if "." in term:
            return 0  # ellipsis: no estimate
        for letter, n in zip(term, op._shape):
            dims[letter] = n or 0
    total = math.prod(dims.values()) if dims else 1
    output = eq.split("->")[1] if "->" in eq else ""
    summed = any(letter not in output for letter in dims)
    # one multiply per extra operand, one add when an index is summed over
    return total * (len(operands) - 1 + (1 if summed else 0))


def node_flops(node: LazyArray) -> int:
    """An estimate of the floating point operations of ``node``: matmul and tensordot
    ``2 * out * k``, einsum from its equation, elementwise one per output element,
    reductions one per input element; 0 for data movement and unknown functions.

    >>> from arraycompat import lazy
    >>> a = lazy.Variable((2, 3), "float64")
    >>> node_flops(a @ lazy.Variable((3, 4), "float64"))
    48
    """
    if node._fn is None:
        return 0
    name = fn_name(node)
    deps = deps_of(node)
    if name in _ELEMENTWISE:
        return node_size(node)
    if name in _REDUCTIONS:
        return node_size(deps[0]) if deps else 0
    if name == "matmul" and len(deps) == 2:
        return 2 * max(node_size(node), 1) * (deps[0]._shape[-1] or 0)
    if name in ("tensordot", "dot", "inner", "outer", "kron") and len(deps) == 2:
        return 2 * max(node_size(node), 1) * max(_contracted(deps[0], deps[1], node), 1)
    if name == "einsum":
        return _einsum_flops(node)
    return 0


# ---------------------------------------------------------------- whole graph
def _history(tree: Any) -> History:
    return tree if isinstance(tree, History) else History(tree)


def history_num_nodes(tree: Any) -> int:
    """The number of distinct nodes below ``tree`` (one output or a pytree).

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_num_nodes(y)
    3
    """
    return len(_history(tree))


def history_max_size(tree: Any) -> int:
    """The largest single array (in elements) of the graph.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_max_size(y)
    6
    """
    return max(node_size(n) for n in _history(tree))


def history_max_bytes(tree: Any) -> int:
    """The largest single array (in bytes) of the graph.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_max_bytes(y)
    48
    """
    return max(node_bytes(n) for n in _history(tree))


def _footprint(tree: Any, include_inputs: bool, measure: Callable) -> list:
    delete_checked = set()
    steps = []
    input_total = 0
    for node in reversed(_history(tree)):
        # walking outputs first, the first sight of a dependency is its last use
        for d in deps_of(node):
            if id(d) not in delete_checked:
                if include_inputs or d._fn is not None:
                    steps.append(-measure(d))
                delete_checked.add(id(d))
        if node._fn is not None:
            steps.append(measure(node))
        elif include_inputs:
            input_total += measure(node)
    steps.append(input_total)
    steps.reverse()
    return list(itertools.accumulate(steps))


def history_size_footprint(tree: Any, include_inputs: bool = True) -> list:
    """The elements alive after each step of computing ``tree``, in ``ascend`` order,
    freeing each intermediate after its last use. With ``include_inputs`` the inputs
    are all alive at the start (the first entry) and freed after their last use.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_size_footprint(y)
    [6, 12, 6, 7, 1]
    """
    return _footprint(tree, include_inputs, node_size)


def history_bytes_footprint(tree: Any, include_inputs: bool = True) -> list:
    """``history_size_footprint`` in bytes, from each array's dtype.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_bytes_footprint(y)
    [48, 96, 48, 56, 8]
    """
    return _footprint(tree, include_inputs, node_bytes)


def history_peak_size(tree: Any, include_inputs: bool = True) -> int:
    """The most elements alive at once while computing ``tree``.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_peak_size(y)
    12
    """
    return max(history_size_footprint(tree, include_inputs))


def history_peak_bytes(tree: Any, include_inputs: bool = True) -> int:
    """The most bytes alive at once while computing ``tree``.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_peak_bytes(y)
    96
    """
    return max(history_bytes_footprint(tree, include_inputs))


def history_total_size(tree: Any) -> int:
    """The elements of all distinct arrays of the graph together.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_total_size(y)
    13
    """
    return sum(node_size(n) for n in _history(tree))


def history_total_bytes(tree: Any) -> int:
    """The bytes of all distinct arrays of the graph together.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_total_bytes(y)
    104
    """
    return sum(node_bytes(n) for n in _history(tree))


def history_flops(tree: Any) -> int:
    """The estimated floating point operations of the whole graph (see ``node_flops``).

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_flops(y)
    12
    """
    return sum(node_flops(n) for n in _history(tree))


_STATS: dict = {
    "count": lambda node: 1,
    "sizein": lambda node: sum(node_size(d) for d in deps_of(node)),
    "sizeout": node_size,
    "bytesin": lambda node: sum(node_bytes(d) for d in deps_of(node)),
    "bytesout": node_bytes,
    "flops": node_flops,
}


def history_stats(tree: Any, fn: Callable | str) -> dict:
    """``{function name: total}`` of ``fn(node)`` over the graph; ``fn`` is a callable
    (a ``None`` result is skipped) or one of 'count', 'sizein', 'sizeout', 'bytesin',
    'bytesout', 'flops'.

    >>> import numpy
    >>> from arraycompat import lazy
    >>> x = lazy.array(numpy.ones(3))
    >>> lazy.history_stats(x * x + x, "sizeout")
    {'data': 3, 'mul': 3, 'add': 3}
    """
    if not callable(fn):
        try:
            fn = _STATS[fn]
        except (KeyError, TypeError):
            raise ValueError(
                f"arraycompat.lazy.history_stats: fn must be a callable or one of "
                f"{sorted(_STATS)}, got {fn!r}"
            ) from None
    stats: dict = collections.defaultdict(int)
    for node in _history(tree):
        cost = fn(node)
        if cost is not None:
            stats[fn_name(node)] += cost
    return dict(stats)


def history_fn_frequencies(tree: Any) -> dict:
    """``{function name: number of nodes}``.

    >>> from arraycompat import lazy
    >>> x = lazy.Variable((2, 3), "float64")
    >>> y = lazy.sum(x * 2.0)
    >>> lazy.history_fn_frequencies(y)
    {'Variable': 1, 'mul': 1, 'sum': 1}
    """
    return history_stats(tree, "count")
