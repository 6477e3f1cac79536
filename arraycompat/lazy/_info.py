"""``__array_namespace_info__()`` of the lazy namespace: the default backend's answers,
with the capabilities of the lazy layer: boolean indexing and data-dependent shapes
work, the same answer in and out of ``lazy.strict()`` (such sizes are None until
computed, in every mode).

>>> from arraycompat import lazy
>>> lazy.__array_namespace_info__().default_device()
'cpu'
"""

from __future__ import annotations

from typing import Any

from ._config import backend_namespace


class Info:
    """The inspection object of the standard, for the default backend (or ``backend``)."""

    def __init__(self, backend: Any = None) -> None:
        self._info = backend_namespace(backend).__array_namespace_info__()

    def capabilities(self) -> dict:
        caps = dict(self._info.capabilities())
        caps["boolean indexing"] = True
        caps["data-dependent shapes"] = True
        return caps

    def default_device(self) -> Any:
        return self._info.default_device()

    def default_dtypes(self, *, device: Any = None) -> dict:
        return self._info.default_dtypes(device=device)

    def devices(self) -> list:
        return list(self._info.devices())  # the standard's list (array-api-compat's is a tuple)

    def dtypes(self, *, device: Any = None, kind: Any = None) -> dict:
        return self._info.dtypes(device=device, kind=kind)


def __array_namespace_info__(*, backend: Any = None) -> Info:
    return Info(backend)
