"""Collection rules for the whole repository: optional libraries stay optional.

A doctest (in a module, a docstring or a docs page) that needs an array library that is
not installed is skipped with a reason naming the library and its install command,
instead of failing. A module whose own import needs such a library is skipped the same
way. Anything else that fails to import still fails loudly.
"""

from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem, DoctestModule

from arraycompat.core._install import INSTALL_COMMANDS, is_installed
from arraycompat.core._install import missing_message as missing_reason

# the libraries a doctest may need without the package requiring them
OPTIONAL_LIBRARIES = set(INSTALL_COMMANDS) - {"numpy", "array_api_compat"}

def imported_libraries(source: str) -> list[str]:
    """The top-level modules that ``import`` statements in ``source`` name, in order."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name.partition(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module.partition(".")[0])
    return list(dict.fromkeys(names))


def _missing(library: str) -> bool:
    return library in OPTIONAL_LIBRARIES and not is_installed(library)


class _SkippedModule(pytest.File):
    """Stands in for a module whose import needs a missing optional library."""

    reason: str = ""

    def collect(self):
        pytest.skip(self.reason)


def _module_name(path: Path, rootpath: Path) -> str | None:
    try:
        parts = list(path.relative_to(rootpath).with_suffix("").parts)
    except ValueError:
        return None
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts) or None


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    collectors = yield
    replaced = []
    for collector in collectors or []:
        if isinstance(collector, DoctestModule):
            if parent.session.isinitpath(file_path) is False and _is_test_file(file_path):
                continue  # test modules hold no doctests; their own skips apply
            reason = _import_skip_reason(file_path, parent.config.rootpath)
            if reason is not None:
                skipped = _SkippedModule.from_parent(parent, path=file_path)
                skipped.reason = reason
                collector = skipped
        replaced.append(collector)
    return replaced


def _is_test_file(path: Path) -> bool:
    return path.name == "conftest.py" or path.name.startswith("test_")


def _import_skip_reason(path: Path, rootpath: Path) -> str | None:
    """Why importing the package module at ``path`` must be skipped here, or None."""
    if not (path.parent / "__init__.py").is_file():
        return None
    name = _module_name(path, rootpath)
    try:
        if name is not None:
            importlib.import_module(name)
    except ModuleNotFoundError as error:
        library = (error.name or "").partition(".")[0]
        if _missing(library):
            return missing_reason(library)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, DoctestItem) or item.dtest is None:
            continue
        source = "\n".join(example.source for example in item.dtest.examples)
        for library in imported_libraries(source):
            if _missing(library):
                item.add_marker(pytest.mark.skip(reason=missing_reason(library)))
                break


def _missing_library_behind(error: BaseException | None) -> str | None:
    """The missing optional library an exception (or what caused it) failed to import."""
    if isinstance(error, doctest.UnexpectedException):
        error = error.exc_info[1]
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, ModuleNotFoundError):
            library = (error.name or "").partition(".")[0]
            if _missing(library):
                return library
        error = error.__cause__ or error.__context__
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A doctest that failed only because an optional library is missing is a skip."""
    report = yield
    if isinstance(item, DoctestItem) and report.failed and call.excinfo is not None:
        failures = getattr(call.excinfo.value, "failures", [call.excinfo.value])
        for failure in failures:
            library = _missing_library_behind(failure)
            if library is not None:
                report.outcome = "skipped"
                report.longrepr = (str(item.path), item.reportinfo()[1] or 0,
                                   f"Skipped: {missing_reason(library)}")
                break
    return report
