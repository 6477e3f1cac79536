"""The pytest plugin: ``xp`` and ``device`` fixtures and the backend markers.

Opt-in: installing arraycompat registers nothing. A project switches it on in its
root ``conftest.py`` with ``pytest_plugins = ["arraycompat.testing.plugin"]`` (or runs
``pytest -p arraycompat.testing.plugin``). A fixture named ``xp`` or ``device`` that the
project defines itself always wins: the plugin then leaves that name alone.

A test that asks for the plugin's ``xp`` runs once per selected backend::

    def test_sum(xp):
        assert_close(xp.sum(xp.ones(3)), xp.asarray(3.0))

Select backends with ``--xp numpy,torch,lazy``, ``--xp all`` (the default: every
installed backend) or the environment variable ``ARRAYCOMPAT_XP``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from ._backends import (
    LAZY_BACKENDS,
    backend_devices,
    canonical_backend,
    device_name,
    installed_backends,
    is_cpu_device,
    load_backend,
)

_MARKERS = {
    "skip_xp_backends": "skip_xp_backends(*backends, reason=, cpu_only=False, np_only=False, "
    "eager_only=False, exceptions=()): skip the test on these array backends",
    "xfail_xp_backends": "xfail_xp_backends(*backends, reason=, cpu_only=False, np_only=False, "
    "eager_only=False, exceptions=()): expect the test to fail on these array backends",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("arraycompat", "array backends (arraycompat)")
    group.addoption(
        "--xp",
        action="store",
        default=None,
        help="comma-separated array backends for the `xp` fixture (numpy, array_api_strict, "
        "torch, jax.numpy, dask.array, cupy, lazy) or 'all' (default: $ARRAYCOMPAT_XP, else all "
        "installed)",
    )


def pytest_configure(config: pytest.Config) -> None:
    for line in _MARKERS.values():
        config.addinivalue_line("markers", line)
    config._arraycompat_backends = selected_backends(config.getoption("--xp"))


def selected_backends(option: str | None) -> list[str]:
    """The backends chosen by ``--xp`` or ``ARRAYCOMPAT_XP``; every installed one by default."""
    text = option if option is not None else os.environ.get("ARRAYCOMPAT_XP", "all")
    installed = installed_backends()
    if text.strip() == "all":
        return installed
    chosen = []
    for name in text.split(","):
        if not name.strip():
            continue
        try:
            backend = canonical_backend(name)
        except ValueError as e:
            raise pytest.UsageError(str(e)) from None
        if backend not in installed:
            raise pytest.UsageError(
                f"arraycompat.testing: backend {backend!r} was asked for with --xp/ARRAYCOMPAT_XP "
                f"but is not installed; installed: {', '.join(installed)}."
            )
        if backend not in chosen:
            chosen.append(backend)
    return chosen


def _is_ours(name2fixturedefs: dict[str, Any], name: str) -> bool:
    """Whether the fixture ``name`` a test sees is this plugin's (not the project's own)."""
    definitions = name2fixturedefs.get(name)
    if not definitions:
        return False
    func = getattr(definitions[-1], "func", None)
    return getattr(func, "__module__", None) == __name__


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    definitions = metafunc.definition._fixtureinfo.name2fixturedefs
    if "xp" not in metafunc.fixturenames or not _is_ours(definitions, "xp"):
        return
    backends = metafunc.config._arraycompat_backends
    if "device" in metafunc.fixturenames and _is_ours(definitions, "device"):
        pairs = []
        for backend in backends:
            for device in [None, *_devices_of(backend)]:
                label = "default" if device is None else device_name(device)
                pairs.append(pytest.param(backend, device, id=f"{backend}-{label}"))
        metafunc.parametrize(("xp", "device"), pairs, indirect=True)
    else:
        metafunc.parametrize("xp", backends, indirect=True)


def _devices_of(backend: str) -> list[Any]:
    return backend_devices(load_backend(backend))


@pytest.fixture
def xp(request: pytest.FixtureRequest) -> Any:
    """The namespace of one array backend (parametrized by ``--xp``)."""
    backend = request.param
    namespace = load_backend(backend)
    request.node._arraycompat_backend = backend
    return namespace


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is None or "xp" not in callspec.params:
            continue
        fixtureinfo = getattr(item, "_fixtureinfo", None)
        if fixtureinfo is None or not _is_ours(fixtureinfo.name2fixturedefs, "xp"):
            continue
        backend = callspec.params["xp"]
        device = (
            callspec.params.get("device")
            if _is_ours(fixtureinfo.name2fixturedefs, "device")
            else None
        )
        for marker_name, make in (
            ("skip_xp_backends", lambda reason: pytest.mark.skip(reason=reason)),
            ("xfail_xp_backends", lambda reason: pytest.mark.xfail(reason=reason, strict=False)),
        ):
            for marker in item.iter_markers(marker_name):
                reason = _marker_applies(marker, backend, device)
                if reason is not None:
                    item.add_marker(make(reason))


def _marker_applies(marker: pytest.Mark, backend: str, device: Any) -> str | None:
    """The reason when ``marker`` matches this backend and device, else None."""
    kwargs = dict(marker.kwargs)
    unknown = set(kwargs) - {"reason", "cpu_only", "np_only", "eager_only", "exceptions"}
    if unknown:
        raise pytest.UsageError(
            f"{marker.name}: unknown keyword(s) {', '.join(sorted(unknown))}; accepted: reason, "
            f"cpu_only, np_only, eager_only, exceptions."
        )
    backends = {canonical_backend(b) for b in marker.args}
    exceptions = {canonical_backend(b) for b in kwargs.get("exceptions", ())}
    reason = kwargs.get("reason")
    if backend in exceptions:
        return None
    if backend in backends:
        return reason or f"{marker.name}: {backend}"
    if kwargs.get("np_only") and backend != "numpy":
        return reason or "numpy only"
    if kwargs.get("eager_only") and backend in LAZY_BACKENDS:
        return reason or f"eager backends only ({backend} is lazy)"
    if kwargs.get("cpu_only") and (backend == "cupy" or not is_cpu_device(device)):
        return reason or f"CPU only ({backend} on {device_name(device) if device else 'GPU'})"
    return None


@pytest.fixture
def device(request: pytest.FixtureRequest) -> Any:
    """Each data-holding device of the current ``xp`` backend, and None (the default)."""
    if not hasattr(request, "param"):
        raise pytest.UsageError(
            "the `device` fixture is parametrized together with `xp`: ask for both in the test."
        )
    return request.param


@pytest.fixture(autouse=True)
def _arraycompat_lazy_functions(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Swap the module's ``lazy_xp_function``-tagged functions for lazy/jit versions."""
    fixtureinfo = getattr(request.node, "_fixtureinfo", None)
    if (
        "xp" not in request.fixturenames
        or request.module is None
        or fixtureinfo is None
        or not _is_ours(fixtureinfo.name2fixturedefs, "xp")
    ):
        yield
        return
    from ._lazy_functions import registered_functions, wrap_for_backend

    registry = registered_functions(request.module)
    if registry:
        backend = request.getfixturevalue("xp") and request.node._arraycompat_backend
        for name, value in list(vars(request.module).items()):
            options = registry.get(value) if callable(value) else None
            if options is not None:
                monkeypatch.setattr(request.module, name, wrap_for_backend(value, backend, options))
    yield
