"""Devices: where an array lives, and moving arrays between libraries and devices.

``asarray(x, like=y)`` brings ``x`` into ``y``'s library and onto ``y``'s device:
DLPack first, a host copy as the fallback (only when ``x`` is readable on the
host), and an error rather than a result on the wrong device.

>>> import numpy, arraycompat
>>> arraycompat.device(numpy.ones(2))
'cpu'
"""

from __future__ import annotations

import types
from typing import Any

from ._compat import compat_function
from ._namespace import Namespace
from ._resolve import get_namespace, namespace_for

__all__ = ["device", "to_device", "devices", "default_device", "size", "asarray"]

_SCALARS = (bool, int, float, complex)

# Libraries whose arrays live in host memory but carry no ``device`` attribute
# (autograd's ArrayBox wraps a numpy array; pytensor's tensors are graph nodes that
# its default C backend computes on the host).
_HOST_ONLY_LIBRARIES = frozenset({"autograd", "pytensor"})


def device(x: Any, /) -> Any:
    """The device of array ``x`` (``'cpu'`` for numpy).

    >>> import numpy
    >>> device(numpy.zeros(1))
    'cpu'
    """
    try:
        return compat_function("device")(x)
    except AttributeError:
        from ._resolve import library_of_type

        if library_of_type(type(x), x) in _HOST_ONLY_LIBRARIES:
            return "cpu"
        raise


def to_device(x: Any, device: Any, /, *, stream: Any = None) -> Any:
    """Copy ``x`` to ``device`` within its own library (a no-op when already there).

    >>> import numpy
    >>> to_device(numpy.zeros(1), "cpu").shape
    (1,)
    """
    if isinstance(x, (list, tuple, str, bytes, *_SCALARS)) or x is None:
        raise TypeError(
            f"arraycompat.to_device: x must be an array, got a {type(x).__name__} "
            f"({str(x)[:40]}); make an array on that device with "
            f"arraycompat.asarray(x, like=..., device={device!r})."
        )
    return compat_function("to_device")(x, device, stream=stream)


def size(x: Any, /) -> int | None:
    """The number of elements of ``x``, or None when a dimension is unknown.

    >>> import numpy
    >>> size(numpy.zeros((2, 3)))
    6
    """
    shape = x.shape
    total = 1
    for n in shape:
        if n is None:
            return None
        try:
            total *= int(n)
        except (TypeError, ValueError):  # a symbolic or NaN size (dask unknown chunks)
            return None
    return total


def _as_namespace(xp: Any) -> Namespace:
    if isinstance(xp, Namespace):
        return xp
    if isinstance(xp, str):
        return namespace_for(xp)
    if isinstance(xp, types.ModuleType):
        if not callable(getattr(xp, "zeros", None)):
            raise TypeError(
                f"arraycompat: module {xp.__name__!r} is not an array namespace (it has no "
                f"zeros); pass an array, a Namespace or a library name such as 'numpy'."
            )
        # A namespace module (numpy, array_api_strict, arraycompat.lazy): resolve through
        # one of its arrays. (Not `hasattr(xp, "shape")`: numpy has a shape function.)
        return get_namespace(xp.zeros(1))
    return get_namespace(xp)


def devices(xp: Any, /) -> tuple:
    """Every device of a namespace (a Namespace, a library name, a module or an array).

    >>> devices("numpy")
    ('cpu',)
    """
    ns = _as_namespace(xp)
    if ns.name == "tensorflow":  # no __array_namespace_info__: ask tensorflow's config
        import tensorflow as tf

        return tuple(d.name for d in tf.config.list_logical_devices())
    if ns.name == "pytensor":  # no __array_namespace_info__
        return ("cpu",)
    return tuple(ns.__array_namespace_info__().devices())


def default_device(xp: Any, /) -> Any:
    """The device new arrays of a namespace are made on.

    >>> default_device("numpy")
    'cpu'
    """
    ns = _as_namespace(xp)
    if ns.name == "tensorflow":  # where tensorflow places a new tensor
        import tensorflow as tf

        return tf.constant(0.0).device
    if ns.name == "pytensor":
        return "cpu"
    return ns.__array_namespace_info__().default_device()


def asarray(
    x: Any,
    /,
    *,
    like: Any = None,
    device: Any = None,
    dtype: Any = None,
    copy: bool | None = None,
) -> Any:
    """Bring ``x`` into the library (and device) of ``like``.

    ``like`` is an array (its library and device are the target), a Namespace, a
    library name or None (``x``'s own library). ``device`` overrides the target
    device. Raises ``ValueError`` when ``x`` cannot reach the target device.

    >>> import numpy, array_api_strict as strict
    >>> y = asarray(numpy.arange(3.0), like=strict.zeros(1))
    >>> type(y).__module__.split(".")[0]
    'array_api_strict'
    """
    target_device = device
    if like is None:
        if isinstance(x, _SCALARS) or isinstance(x, (list, tuple)):
            raise TypeError(
                "arraycompat.asarray: x is a Python object with no library of its own; "
                "say which library to make it in with like=<array, namespace or library name>."
            )
        xp = get_namespace(x)
    elif isinstance(like, (Namespace, str, types.ModuleType)):
        xp = _as_namespace(like)
    else:
        xp = get_namespace(like)
        if target_device is None:
            target_device = _device_of(like)
    dtype = _target_dtype(dtype, xp)

    if isinstance(x, _SCALARS) or isinstance(x, (list, tuple)):
        kwargs = {"dtype": dtype, "copy": copy}
        if target_device is not None:
            kwargs["device"] = target_device
        return _with_clear_dtype_error(xp, dtype, lambda: xp.asarray(x, **kwargs))

    source = get_namespace(x)
    if source is xp:
        out = x
        if target_device is not None and not _same_device(_device_of(x), target_device):
            out = _move(x, target_device, xp)
        elif copy:
            out = xp.asarray(x, copy=True)
    else:
        out = _cross_library(x, xp, target_device, source)
        if target_device is not None and not _same_device(_device_of(out), target_device):
            out = _move(out, target_device, xp)
        if copy:
            # DLPack and the host path share memory with x where they can; copy=True
            # promises an array of its own.
            out = xp.asarray(out, copy=True)
    if dtype is not None and out.dtype != dtype:
        out = _with_clear_dtype_error(xp, dtype, lambda: xp.astype(out, dtype))
    return out


def _with_clear_dtype_error(xp: Namespace, dtype: Any, make: Any) -> Any:
    try:
        return make()
    except (TypeError, ValueError, RuntimeError) as e:
        if getattr(type(e), "arraycompat_propagate", False):
            raise
        raise TypeError(
            f"arraycompat.asarray: cannot make a {xp.name} array of dtype={dtype!r} "
            f"({type(dtype).__module__}.{type(dtype).__qualname__}): {type(e).__name__}: "
            f"{str(e).splitlines()[0] if str(e) else e!r}. "
            f"Pass a standard dtype name ('float32') or a {xp.name} dtype (xp.float32)."
        ) from e


def _target_dtype(dtype: Any, xp: Namespace) -> Any:
    """``dtype`` as a dtype of ``xp``'s library: a standard name ('float32') or a dtype
    of another library (numpy.float32 for torch) becomes ``xp.float32``."""
    if dtype is None:
        return None
    name = dtype if isinstance(dtype, str) else _dtype_name(dtype)
    if name is not None:
        found = getattr(xp.standard if xp.standard is not None else xp, name, None)
        if found is not None and (not callable(found) or _is_dtype_object(found)):
            return found
    if isinstance(dtype, str):
        raise TypeError(
            f"arraycompat.asarray: dtype={dtype!r} is not a dtype of {xp.name}; pass one of "
            f"the standard's names ('bool', 'int8' ... 'int64', 'uint8' ... 'uint64', "
            f"'float32', 'float64', 'complex64', 'complex128') or a {xp.name} dtype such as "
            f"xp.float32."
        )
    return dtype


def _dtype_name(dtype: Any) -> str | None:
    """The standard's name of a dtype of any library ('float32' for torch.float32)."""
    name = getattr(dtype, "name", None)
    if isinstance(name, str):
        return name
    if isinstance(dtype, type):  # numpy.float32, the scalar type
        return dtype.__name__
    text = str(dtype)
    return text.rpartition(".")[2] if text.startswith(("torch.", "array_api_strict.")) else None


def _is_dtype_object(obj: Any) -> bool:
    # numpy.float32 and jax's dtypes are classes; torch.float32 and numpy.dtype objects are not.
    return isinstance(obj, type) and obj.__name__ in _STANDARD_DTYPE_NAMES


_STANDARD_DTYPE_NAMES = frozenset({
    "bool", "bool_", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128",
})


def _same_device(actual: Any, wanted: Any) -> bool:
    """True when ``actual`` (a library's device object) is the device ``wanted`` names:
    'cpu' is torch's device(type='cpu')."""
    if actual == wanted:
        return True
    try:
        return actual == type(actual)(wanted)  # torch.device('cpu'), a str as itself
    except Exception:
        return str(actual) == str(wanted)


def _device_of(x: Any) -> Any:
    return device(x)  # 'cpu' for host-only libraries without a device attribute


def _move(x: Any, target_device: Any, xp: Namespace) -> Any:
    try:
        out = to_device(x, target_device)
    except Exception as e:
        raise ValueError(
            f"arraycompat.asarray: cannot move a {xp.name} array from device "
            f"{_device_of(x)!r} to {target_device!r}: {e}"
        ) from e
    if not _same_device(_device_of(out), target_device):
        raise ValueError(
            f"arraycompat.asarray: asked for device {target_device!r} but {xp.name} put the "
            f"array on {_device_of(out)!r}; pass a device this library can reach "
            f"(arraycompat.devices(xp) lists them)."
        )
    return out


def _cross_library(x: Any, xp: Namespace, target_device: Any, source: Namespace) -> Any:
    """DLPack first, then a host copy when ``x`` is readable on the host."""
    errors = []
    try:
        if target_device is not None:
            try:
                return xp.from_dlpack(x, device=target_device)
            except TypeError:  # from_dlpack without the 2023.12 device keyword
                pass
        return xp.from_dlpack(x)
    except Exception as e:  # BufferError, RuntimeError, TypeError... depend on the pair
        if getattr(type(e), "arraycompat_propagate", False):
            # An error that is an answer, not a failed route: lazy's StrictModeError
            # says "this would compute"; trying the host copy would compute anyway.
            raise
        errors.append(f"DLPack: {type(e).__name__}: {e}")
    try:
        host = _to_host(x, source)
    except Exception as e:
        errors.append(f"host copy: {type(e).__name__}: {e}")
        raise ValueError(
            f"arraycompat.asarray: cannot bring a {source.name} array on device "
            f"{_device_of(x)!r} into {xp.name} ({'; '.join(errors)}). Move it to a device "
            f"both libraries reach first, e.g. arraycompat.to_device(x, 'cpu')."
        ) from e
    kwargs = {} if target_device is None else {"device": target_device}
    return xp.asarray(host, **kwargs)


def pytensor_values(x: Any) -> Any:
    """The values of a pytensor constant; a symbolic tensor has none, and says so."""
    import numpy

    data = getattr(x, "data", None)
    if isinstance(data, numpy.ndarray):  # a TensorConstant
        return data.copy()
    raise ValueError(
        f"{x!r} is a symbolic pytensor tensor with no values; evaluate it with "
        f"x.eval({{input: value}}) or compile it with pytensor.function (or write the "
        f"function for arrays and use arraycompat.autojit(backend='pytensor'))"
    )


def _to_host(x: Any, source: Namespace) -> Any:
    """A numpy array with ``x``'s values; refuses arrays that live off the host."""
    import numpy

    if source.name == "torch":
        if x.device.type != "cpu":
            raise ValueError(f"the tensor is on {x.device}, not on the host")
        return x.detach().numpy()
    if source.name == "sparse" or hasattr(x, "todense"):
        x = x.todense()
    if source.name == "dask" or hasattr(x, "compute"):
        x = x.compute()
    if source.name == "pytensor":
        return pytensor_values(x)
    if source.name == "ndonnx":
        try:
            return x.unwrap_numpy()
        except ValueError as e:
            raise ValueError(
                f"it is a lazy ndonnx array with no values (built from ndonnx.argument: {e}); "
                f"build and run its ONNX model to get values"
            ) from e
    out = numpy.asarray(x)
    if out.dtype == object and out.ndim == 0 and getattr(x, "ndim", 0) != 0:
        raise TypeError(
            f"numpy.asarray wrapped the {type(x).__qualname__} in an object scalar instead of "
            f"reading its values; the library needs DLPack or __array__"
        )
    return out
