"""What users see: public exceptions and warnings carry public module paths."""

import importlib

import pytest

PUBLIC_MODULES = ["arraycompat", "arraycompat.lazy", "arraycompat.jit", "arraycompat.testing"]


def _public_exception_classes():
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", []):
            value = getattr(module, attr)
            if isinstance(value, type) and issubclass(value, (Exception, Warning)):
                yield name, attr, value


@pytest.mark.parametrize("module, name, cls", list(_public_exception_classes()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_exceptions_in_tracebacks_name_a_public_module(module, name, cls):
    assert "._" not in cls.__module__, f"{name} shows as {cls.__module__}.{cls.__qualname__}"
    assert getattr(importlib.import_module(cls.__module__), cls.__qualname__) is cls


def test_strict_mode_error_in_a_traceback_reads_as_public():
    import traceback

    from arraycompat import lazy

    with pytest.raises(lazy.StrictModeError) as info, lazy.strict():
        float(lazy.asarray([1.0])[0])
    line = traceback.format_exception_only(info.type, info.value)[-1]
    assert line.startswith("arraycompat.lazy.StrictModeError: ")

