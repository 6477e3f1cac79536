"""Settings of the lazy namespace: strict mode, the default backend, dtype translation.

Both settings are ``contextvars``, so threads and asyncio tasks do not leak into
each other.

>>> from arraycompat import lazy
>>> with lazy.strict():
...     lazy.is_strict()
True
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import Any, Iterator

from ..core._namespace import Namespace
from ..core._resolve import get_namespace, namespace_for
from ..dispatch._dispatch import LIBRARY_ALIASES

__all__ = ["strict", "is_strict", "on_force", "default_backend", "backend_namespace", "native_dtype"]

_strict = contextvars.ContextVar("arraycompat_lazy_strict", default=False)
_backend = contextvars.ContextVar("arraycompat_lazy_backend", default="numpy")


class StrictModeError(RuntimeError):
    """Raised under ``lazy.strict()`` when an operation would force computation.

    >>> from arraycompat import lazy
    >>> with lazy.strict():
    ...     try:
    ...         float(lazy.sum(lazy.ones(3)))
    ...     except lazy.StrictModeError:
    ...         print("refused")
    refused
    """

    # Tells arraycompat.asarray (and any other fallback chain) that this error is the
    # answer, not a route that failed: do not try another way that would compute.
    arraycompat_propagate = True


StrictModeError.__module__ = "arraycompat.lazy"  # users see the public path in tracebacks


class DeviceError(ValueError, TypeError):
    """A device the wrapped library does not have, asked of a lazy array. Both a
    ``ValueError`` (what eager libraries raise for an unknown device) and a
    ``TypeError`` (what autoray raises when a lazy array is asked to move).

    >>> from arraycompat import lazy
    >>> try:
    ...     lazy.ones(2).to_device("cuda:7")
    ... except lazy.DeviceError as e:
    ...     print(str(e)[:57])
    arraycompat.lazy: 'cuda:7' is not a device of the 'numpy'
    """


DeviceError.__module__ = "arraycompat.lazy"


@contextlib.contextmanager
def strict(enabled: bool = True) -> Iterator[None]:
    """Within this context, forcing data (``bool(x)``, ``float(x)``, data-dependent
    sizes...) raises ``StrictModeError`` naming the operation.

    >>> from arraycompat import lazy
    >>> x = lazy.ones(3)
    >>> with lazy.strict():
    ...     float(lazy.sum(x))
    Traceback (most recent call last):
    ...
    arraycompat.lazy.StrictModeError: ...
    """
    token = _strict.set(enabled)
    try:
        yield
    finally:
        _strict.reset(token)


def is_strict() -> bool:
    """True inside ``lazy.strict()``.

    >>> from arraycompat import lazy
    >>> lazy.is_strict()
    False
    >>> with lazy.strict():
    ...     lazy.is_strict()
    True
    """
    return _strict.get()


_force_listeners: contextvars.ContextVar[tuple] = contextvars.ContextVar(
    "arraycompat_lazy_force_listeners", default=()
)


@contextlib.contextmanager
def on_force(callback: Any) -> Iterator[None]:
    """Within this context, call ``callback(operation)`` each time values are forced.

    ``operation`` names what forced them ('bool(x)', 'nonzero() (its output size
    depends on the values)'...). The callback may raise to refuse.

    >>> from arraycompat import lazy
    >>> seen = []
    >>> with lazy.on_force(seen.append):
    ...     _ = float(lazy.sum(lazy.ones(3)))
    >>> seen
    ['float(x)']
    """
    token = _force_listeners.set(_force_listeners.get() + (callback,))
    try:
        yield
    finally:
        _force_listeners.reset(token)


def refuse_if_strict(operation: str) -> None:
    """Values are about to be forced for ``operation``: tell the ``on_force``
    listeners, and raise ``StrictModeError`` when strict mode is on."""
    for listener in _force_listeners.get():
        listener(operation)
    if _strict.get():
        raise StrictModeError(
            f"arraycompat.lazy: {operation} needs the array's values, which would compute "
            f"the graph; lazy.strict() forbids that. Keep the value lazy, or leave strict mode."
        )


class _BackendSetting:
    """What ``default_backend(name)`` returns: the setting is made at once, and undone
    at the end of a ``with`` block when used as a context manager."""

    def __init__(self, token: contextvars.Token) -> None:
        self._token = token

    def __enter__(self) -> "_BackendSetting":
        return self

    def __exit__(self, *exc: Any) -> None:
        _backend.reset(self._token)


def default_backend(name: str | None = None) -> Any:
    """Get (no argument) or set the library that creation functions build on.

    >>> from arraycompat import lazy
    >>> lazy.default_backend()
    'numpy'
    >>> with lazy.default_backend("array_api_strict"):
    ...     lazy.zeros(2).backend
    'array_api_strict'
    """
    if name is None:
        return _backend.get()
    backend_namespace(name)  # validate now, with a clear error
    return _BackendSetting(_backend.set(name))


_namespaces: dict[str, Namespace] = {}


def backend_namespace(backend: Any = None) -> Namespace:
    """The arraycompat Namespace of a backend: a name, a Namespace, an array, or None
    for the default backend."""
    if backend is None:
        backend = _backend.get()
    if isinstance(backend, Namespace):
        return backend
    if isinstance(backend, str):
        ns = _namespaces.get(backend)
        if ns is None:
            library = LIBRARY_ALIASES.get(backend, backend)  # 'autoray.numpy' is numpy
            if library == "lazy":
                raise ValueError(
                    f"arraycompat.lazy: the backend of a lazy array cannot be {backend!r}; "
                    f"name the library that computes it (e.g. 'numpy')."
                )
            ns = _namespaces[backend] = namespace_for(library)
        return ns
    return get_namespace(backend)


# (library, dtype) -> the library's dtype object as its arrays report it.
_native: dict[tuple[str, Any], Any] = {}


def dtype_name(dtype: Any) -> str:
    """'float64' for numpy's, torch's, jax's or array-api-strict's float64."""
    name = getattr(dtype, "name", None)
    if isinstance(name, str):
        return name
    text = str(dtype)
    return text.rsplit(".", 1)[-1].strip("'>")


def native_dtype(ns: Namespace, dtype: Any) -> Any:
    """``dtype`` (of any library, or a name) as the dtype object ``ns``'s arrays report.

    >>> import numpy, arraycompat
    >>> native_dtype(arraycompat.namespace_for("numpy"), "float32")
    dtype('float32')
    """
    if dtype is None:
        return None
    key = (ns.name, dtype)
    try:
        return _native[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable dtype-like
        key = None
    name = dtype if isinstance(dtype, str) else dtype_name(dtype)
    candidate = getattr(ns, name, None) if name.isidentifier() else None
    if candidate is None:
        candidate = dtype
    try:
        found = ns.empty((0,), dtype=candidate).dtype
    except Exception as e:
        raise TypeError(
            f"arraycompat.lazy: {dtype!r} is not a dtype of the {ns.name!r} backend; pass one of "
            f"its dtypes (e.g. lazy.float64) or a name such as 'float32'."
        ) from e
    if key is not None:
        _native[key] = found
    return found
