"""The dask compiler of ``autojit``: a traced program as a few dask tasks, not one
dask operation per traced call.

Run eagerly on dask arrays, a function builds dask's graph one operation at a time,
on every call (modified Gram-Schmidt on 30x30 makes ~3,000 dask arrays). This
compiler traces the function once per signature with ``arraycompat.lazy`` on the
library of the chunks (numpy, usually), compiles a ``lazy.Function``, and on each
call hands dask work that runs it:

* **one chunk's worth of input** (all inputs together no larger than dask's
  ``array.chunk-size``, 128 MiB by default): one task runs the compiled function on
  the whole inputs; each output is a dask array of one chunk cut from that task;
* larger inputs are traced on dask arrays (no full-size stand-ins in this process);
  **elementwise programs** (operators and elementwise functions of the standard on
  one shape): one ``map_blocks`` per output, the function compiled for the chunks'
  library applied per chunk;
* **anything else** (reductions, reshapes, products on large inputs): the
  ``Function`` traced on dask runs on the dask arrays, so dask's own chunked
  algorithms keep memory bounded.

The result is always dask arrays, as lazy as dask's own; its values equal eager
dask's up to the rounding of chunked sums (dask adds per-chunk partial sums).

>>> import numpy, dask.array as da
>>> from arraycompat import autojit, get_namespace
>>> @autojit
... def f(x):
...     xp = get_namespace(x)
...     return xp.sum(x * x)
>>> y = f(da.ones((4, 4), chunks=2))
>>> type(y).__name__, float(y.compute())
('Array', 16.0)
"""

from __future__ import annotations

import math
import operator
from typing import Any, Callable

from ._compilers import compile_python, register_compiler, trace_options
from ._pytree import flatten, unflatten

__all__ = ["compile_dask", "SMALL_INPUT_BYTES"]

#: Inputs up to this many bytes run as one task (None: dask's ``array.chunk-size``).
SMALL_INPUT_BYTES: int | None = None


def _small_limit() -> int:
    if SMALL_INPUT_BYTES is not None:
        return SMALL_INPUT_BYTES
    import dask
    from dask.utils import parse_bytes

    return parse_bytes(dask.config.get("array.chunk-size", "128MiB"))


def _chunk_namespace(x: Any) -> Any:
    """The Namespace of a dask array's chunks (numpy, cupy, sparse...)."""
    from ..core._resolve import get_namespace

    return get_namespace(x._meta)


def compile_dask(call: Callable, arrays: list, ns: Any, opts: dict) -> Callable:
    """Trace ``call`` on the chunks' library and return a program of dask arrays.

    ``opts``: ``fold_constants`` and ``share_intermediates`` (as for 'python').
    """
    from .. import lazy

    chunk_ns = _chunk_namespace(arrays[0])
    opts = trace_options("dask", opts)
    if any(_chunk_namespace(x) is not chunk_ns for x in arrays) or any(
        n != n for x in arrays for n in x.shape
    ):
        # chunks of two libraries, or unknown sizes: the op-by-op program
        return compile_python(call, arrays, ns, opts)

    share = opts["share_intermediates"]
    small = _nbytes(arrays) <= _small_limit()
    # Large inputs are traced on dask first: tracing on the chunks' library would make
    # stand-in arrays of the inputs' full size in this process.
    variables, outputs = _trace(call, arrays, chunk_ns if small else ns, share)
    leaves, treedef = flatten(outputs)
    positions = [i for i, y in enumerate(leaves) if type(y) is lazy.LazyArray]
    if not positions:
        return lambda *xs: outputs  # nothing depends on the inputs
    lazy_outs = [leaves[i] for i in positions]
    specs = [(y.shape, y.dtype) for y in lazy_outs]
    template = list(leaves)

    def rebuild(dask_outs: list) -> Any:
        filled = list(template)
        for i, y in zip(positions, dask_outs):
            filled[i] = y
        return unflatten(treedef, filled)

    if small:
        single = len(lazy_outs) == 1
        function = lazy.Function(
            variables, lazy_outs[0] if single else tuple(lazy_outs),
            fold_constants=opts["fold_constants"],
        )
        import uuid

        token = uuid.uuid4().hex  # names this program's tasks (an id() could be reused)
        return lambda *xs: rebuild(_one_task(function, token, xs, specs, single))
    if _is_blockwise(variables, lazy_outs):
        # elementwise steps only: tracing on the chunks' library makes no stand-ins
        variables, outputs = _trace(call, arrays, chunk_ns, share)
        chunk_outs = [y for y in flatten(outputs)[0] if type(y) is lazy.LazyArray]
        # traced at the whole arrays' shapes, called on each block's: the shapes differ
        # by design, so the per-call shape check is off (blocks come from dask itself)
        functions = [lazy.Function(variables, y, check_inputs=False) for y in chunk_outs]
        return lambda *xs: rebuild(_per_block(functions, xs, specs))
    function = lazy.Function(variables, outputs, fold_constants=opts["fold_constants"])
    return function


def _nbytes(arrays: list) -> int:
    return sum(math.prod(x.shape) * x.dtype.itemsize for x in arrays)


def _trace(call: Callable, arrays: list, chunk_ns: Any, share: bool) -> tuple[list, Any]:
    import contextlib

    from .. import lazy

    variables = [
        lazy.Variable(tuple(int(n) for n in x.shape), x.dtype, backend=chunk_ns) for x in arrays
    ]
    # creation functions (xp.arange...) make arrays of the traced library, as eagerly
    with lazy.default_backend(chunk_ns), (
        lazy.shared_intermediates() if share else contextlib.nullcontext()
    ):
        outputs = call(*variables)
    return variables, outputs


def _one_task(function: Any, token: str, xs: tuple, specs: list, single: bool) -> list:
    """Each output a one-chunk dask array, all cut from one task running ``function``."""
    import dask.array as da
    from dask import delayed
    from dask.array.utils import meta_from_array
    from dask.base import tokenize

    # Keys from the inputs' names and the program: the same call gives the same keys,
    # and nothing tokenizes (pickles) the compiled function itself.
    name = f"autojit-{tokenize(token, *xs)}"
    task = delayed(function, pure=False)(*xs, dask_key_name=name)
    outs = []
    for i, (shape, dtype) in enumerate(specs):
        part = task if single else delayed(operator.getitem, pure=False)(
            task, i, dask_key_name=f"{name}-{i}"
        )
        shape = tuple(math.nan if n is None else n for n in shape)
        meta = meta_from_array(xs[0]._meta, ndim=len(shape), dtype=dtype)
        outs.append(da.from_delayed(part, shape, dtype=dtype, meta=meta, name=f"{name}-out{i}"))
    return outs


# ---------------------------------------------------------------- elementwise programs
def _is_blockwise(variables: list, outputs: list) -> bool:
    """True for a program where every step is an elementwise operator or function of
    the standard on one shape (scalars aside): it can run block by block."""
    from .. import lazy
    from ..lazy._traverse import ascend, deps_of, fn_name
    from ..lazy.elementwise import BINARY, UNARY

    names = {*UNARY, *BINARY, *_OPERATORS}
    shape = variables[0].shape
    if any(v.shape != shape for v in variables) or any(y.shape != shape for y in outputs):
        return False
    inputs = {id(v) for v in variables}
    for node in ascend(outputs):
        if id(node) in inputs:
            continue
        if node._fn is None:  # data: a constant, fine when it is a scalar
            if node.shape != ():
                return False
            continue
        if node.shape != shape or fn_name(node) not in names:
            return False
        if any(d.shape not in (shape, ()) for d in deps_of(node)):
            return False
        if node._kwargs or any(
            type(a) not in (lazy.LazyArray, bool, int, float, complex) for a in node._args
        ):
            return False
    return True


_OPERATORS = {
    f.__name__
    for f in (
        operator.add, operator.sub, operator.mul, operator.truediv, operator.floordiv,
        operator.mod, operator.pow, operator.neg, operator.pos, operator.abs, operator.invert,
        operator.and_, operator.or_, operator.xor, operator.eq, operator.ne, operator.lt,
        operator.le, operator.gt, operator.ge,
    )
}


def _per_block(functions: list, xs: tuple, specs: list) -> list:
    import dask.array as da

    from dask.array.utils import meta_from_array

    return [
        da.map_blocks(f, *xs, dtype=dtype, meta=meta_from_array(xs[0]._meta, dtype=dtype))
        for f, (_, dtype) in zip(functions, specs)
    ]


register_compiler("dask", compile_dask, "dask", default_for="dask")
