#!/usr/bin/env python3
"""Check that arraycompat's modules import downward only (docs/architecture.md).

Every ``import`` / ``from ... import`` in a module counts, wherever it is: at the top,
inside a function, under ``if TYPE_CHECKING:``. ``from . import x`` is an import of
submodule ``x`` when there is one, else of the package. Importing a module does not
count as importing its parent packages.

Two checks, both must be clean:
  * no import cycle: no group of modules that import each other, directly or not;
  * no upward import: each module belongs to a layer (LAYERS below, lowest first) and
    imports only modules of its own layer or of lower ones.

Usage: python .ci/layers.py [PACKAGE_DIR]   (default: arraycompat next to .ci/)
Prints every finding with the line that makes it, then
``import cycles: N, upward imports: M``; exits 1 when either is non-zero.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

# Lowest first; docs/architecture.md draws them. A module is in the layer of the
# longest prefix that names it (a prefix is a module or a package with its files).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("arraycompat.core",)),
    ("dispatch", ("arraycompat.dispatch", "arraycompat.numpy")),
    ("lazy", ("arraycompat.lazy",)),
    ("jit", ("arraycompat.jit",)),
    ("front doors", (
        "arraycompat", "arraycompat.autoray", "arraycompat.testing", "arraycompat.cli",
        "arraycompat.__main__",
    )),
]


def module_names(root: Path) -> dict[str, Path]:
    """``{dotted module name: file}`` for every .py file under the package ``root``."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports_of(name: str, path: Path, modules: set[str]) -> dict[str, int]:
    """``{imported package module: first line}`` for the module ``name``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: dict[str, int] = {}

    def owner(dotted: str) -> str | None:
        # the package module that ``dotted`` names, or its nearest parent that is one
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            module = owner(target)
            if module is not None and module != name:
                out.setdefault(module, node.lineno)
    return out


def layer_of(module: str) -> int:
    best, best_len = None, -1
    for rank, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = rank, len(prefix)
    if best is None:
        raise SystemExit(f"layers.py: module {module} is in no layer; add it to LAYERS")
    return best


def strongly_connected(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Groups of two or more modules that reach each other (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def main() -> int:
    default = Path(__file__).resolve().parent.parent / "arraycompat"
    root = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else default
    files = module_names(root)
    graph = {name: imports_of(name, path, set(files)) for name, path in files.items()}
    cycles = strongly_connected(graph)
    for i, group in enumerate(cycles, 1):
        print(f"cycle {i}: {len(group)} modules")
        members = set(group)
        for module in group:
            for target, line in sorted(graph[module].items()):
                if target in members:
                    print(f"  {module} -> {target}  (line {line})")
    upward = 0
    for module in sorted(graph):
        for target, line in sorted(graph[module].items()):
            if layer_of(target) > layer_of(module):
                upward += 1
                print(
                    f"upward: {module} ({LAYERS[layer_of(module)][0]}) imports {target} "
                    f"({LAYERS[layer_of(target)][0]})  (line {line})"
                )
    edges = sum(len(targets) for targets in graph.values())
    print(f"import cycles: {len(cycles)}, upward imports: {upward} "
          f"({len(graph)} modules, {edges} import edges)")
    return 1 if cycles or upward else 0


if __name__ == "__main__":
    sys.exit(main())
