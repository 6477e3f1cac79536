"""dtypes by name on every library, and moving arrays to and from numpy.

>>> import numpy
>>> get_dtype_name(numpy.ones(1, dtype="float32"))
'float32'
>>> astype(numpy.ones(1), "complex64").dtype
dtype('complex64')
"""

from __future__ import annotations

from typing import Any

from . import _dispatch

__all__ = ["to_backend_dtype", "get_dtype_name", "dtype_name", "astype", "to_numpy", "from_numpy"]

# (library, dtype name) -> the library's dtype object.
_backend_dtypes: dict[tuple[str, str], Any] = {}
# (type of the dtype, dtype object) -> its name; the type first, so dtypes of two
# libraries are never compared with each other (array-api-strict warns when they are).
_names: dict[tuple[type, Any], str] = {}

_SCALAR_DTYPES = {bool: "bool", int: "int64", float: "float64", complex: "complex128"}


def to_backend_dtype(dtype_name: str, like: Any) -> Any:
    """The dtype object called ``dtype_name`` in ``like``'s library.

    >>> import torch
    >>> to_backend_dtype("float32", like="torch")
    torch.float32
    """
    if not isinstance(dtype_name, str):
        return dtype_name  # already a dtype of some library
    library = _dispatch.library_of_like(like)
    key = (library, dtype_name)
    try:
        return _backend_dtypes[key]
    except KeyError:
        pass
    dtype = _find_dtype(library, dtype_name)
    _backend_dtypes[key] = dtype
    return dtype


def _forget_dtype(library: str, dtype_name: str) -> None:
    _backend_dtypes.pop((library, dtype_name), None)


def _find_dtype(library: str, dtype_name: str) -> Any:
    from . import _registry

    if _forget_dtype not in _registry.dtype_listeners:  # before anything is cached
        _registry.dtype_listeners.append(_forget_dtype)
    registered = _registry.registered(library, dtype_name)
    if registered is not None:
        return registered
    if library == "tensorflow":  # pragma: no cover - not installed
        import tensorflow as tf

        return tf.as_dtype(dtype_name)
    dtype = _dispatch._standard_attribute(library, dtype_name)
    if dtype is None:
        dtype = _dispatch.module_attribute(library, dtype_name)
    if dtype is not None and callable(dtype) and not isinstance(dtype, type):
        dtype = None  # a function ('sum'), not a dtype; torch and strict dtypes are not callable
    if dtype is None:
        raise ValueError(
            f"arraycompat.to_backend_dtype: {library} has no dtype called {dtype_name!r}; "
            f"use a name such as 'float32', 'int64', 'complex64' or 'bool'."
        )
    return dtype


def dtype_name(dtype: Any) -> str:
    """The name of a dtype object of any library ('float32', 'complex64', ...).

    >>> import torch
    >>> dtype_name(torch.int16)
    'int16'
    """
    if isinstance(dtype, str):
        return dtype
    key = (type(dtype), dtype)
    try:
        return _names[key]
    except (KeyError, TypeError):
        pass
    name = getattr(dtype, "name", None)
    if not isinstance(name, str):
        if isinstance(dtype, type) and hasattr(dtype, "dtype"):  # numpy.float32, jnp.float32
            name = dtype(0).dtype.name
        else:
            name = str(dtype).rsplit(".", 1)[-1]
    try:
        _names[key] = name
    except TypeError:  # an unhashable dtype
        pass
    return name


def get_dtype_name(x: Any) -> str:
    """The dtype name of array ``x``, or of a Python scalar (float -> 'float64').

    >>> import torch
    >>> get_dtype_name(torch.ones(1, dtype=torch.complex64)), get_dtype_name(1.0)
    ('complex64', 'float64')
    """
    scalar = _SCALAR_DTYPES.get(type(x))
    if scalar is not None:
        return scalar
    try:
        dtype = x.dtype
    except AttributeError:
        raise TypeError(
            f"arraycompat.get_dtype_name: {type(x).__name__} has no dtype; pass an array or a "
            f"Python scalar."
        ) from None
    return dtype_name(dtype)


def astype(x: Any, dtype: Any, /, **kwargs: Any) -> Any:
    """``x`` cast to ``dtype`` (a name such as 'complex64', or the library's dtype).

    >>> import torch
    >>> astype(torch.ones(1), "float64").dtype
    torch.float64
    """
    library = _dispatch.infer_backend(x)
    if library == _dispatch._NOT_ARRAY:
        raise TypeError(
            f"arraycompat.astype: {type(x).__name__} is not an array; make one first, e.g. "
            f"arraycompat.do('asarray', x, like='numpy')."
        )
    return _dispatch.do("astype", x, to_backend_dtype(dtype, like=library), **kwargs)


def to_numpy(x: Any) -> Any:
    """A numpy array with ``x``'s values, from any library and any device.

    torch tensors that require grad are detached, GPU arrays are copied to the host,
    dask arrays are computed and sparse arrays made dense.

    >>> import torch
    >>> to_numpy(torch.ones(2, requires_grad=True)).tolist()
    [1.0, 1.0]
    """
    import numpy

    library = _dispatch.infer_backend(x)
    if library == "numpy":
        return numpy.asarray(x)
    if library == "torch":
        return x.detach().cpu().resolve_conj().resolve_neg().numpy()
    if library == "cupy":  # pragma: no cover - needs a CUDA device
        return x.get()
    if library == "dask":
        x = x.compute()
        return to_numpy(x) if _dispatch.infer_backend(x) != "numpy" else numpy.asarray(x)
    if library == "sparse" or hasattr(x, "todense"):
        return numpy.asarray(x.todense())
    if library == "tensorflow":
        return x.numpy()
    if library == "ndonnx":
        return x.unwrap_numpy()  # ValueError for a lazy (symbolic) ndonnx array
    if library == "pytensor":
        from ..core._devices import pytensor_values

        try:
            return pytensor_values(x)
        except ValueError as e:
            raise ValueError(f"arraycompat.to_numpy: {e}.") from None
    if library == _dispatch._NOT_ARRAY:
        return numpy.asarray(x)
    try:
        return numpy.asarray(x)
    except (TypeError, ValueError, RuntimeError):
        return numpy.from_dlpack(x)


def from_numpy(x: Any, like: Any, *, dtype: Any = None, device: Any = None) -> Any:
    """The numpy array ``x`` as an array of ``like``'s library (and device).

    >>> import numpy
    >>> from_numpy(numpy.ones(2), like="torch")
    tensor([1., 1.], dtype=torch.float64)
    """
    from ..core._devices import asarray

    library = _dispatch.library_of_like(like)
    if library == "dask":
        import dask.array

        out = dask.array.from_array(x)
    elif library == "sparse":
        import sparse

        out = sparse.asarray(x)
    else:
        target = like if _dispatch.infer_backend(like) == library else library
        out = asarray(x, like=target, device=device)
    if dtype is not None:
        out = astype(out, dtype)
    return out
