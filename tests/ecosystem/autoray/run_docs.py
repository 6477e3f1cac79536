"""Run the code of autoray's README and docs on arraycompat, with only the import changed.

Usage: ``python run_docs.py SDIST_DIR [DOCUMENT...]`` (the unpacked autoray 0.11.0 sdist;
.ci/autoray.sh downloads it; all of DOCUMENTS unless some are named). Each document's code blocks run in order in one namespace:
``import autoray`` / ``from autoray import`` become ``arraycompat.autoray``, and the
names the guides' fragments assume (``ar``, ``do``...) are imported first; IPython magic
lines (``%%timeit``, ``%config``) are dropped, the code under them kept. When a block
ends in an expression whose printed value the document records as a Python literal
(a notebook output, or a ``# value`` comment line right after it), the value must
be equal. A block that needs a library that is not installed, a CUDA device this machine
lacks, a name that only a fragment of prose defines, or a name a skipped block would
have set, is reported as skipped with the reason; anything else that raises is a
failure. The documents run in order, each in a namespace of its own (the compilation
guide goes on in the lazy guide's). The exit status is the number of failures.
"""

from __future__ import annotations

import ast
import json
import re
import sys
import traceback
import types
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

DOCUMENTS = ["README.md", "docs/lazy_computation.ipynb", "docs/compilation.ipynb",
             "docs/automatic_dispatch.md", "docs/random.md"]
# Libraries a document's fragments use without importing them: imported first when
# installed (a block that needs a missing one is skipped, as any missing library).
DOCUMENT_IMPORTS = {"docs/random.md": ("jax", "torch")}
# Blocks that show a signature, not code to run: where -> why.
SIGNATURES = {"docs/random.md:block 2": "random.array's signature, parameter names as values"}
# Calls arraycompat refuses on purpose (docs/migration.md, "Deliberate differences"):
# (document, expression) -> the exception it raises instead of what the document shows.
REFUSED_ON_PURPOSE = {
    ("docs/random.md", "ar.do('random.normal', size=(3,), dtype='complex128', like='numpy')"):
        ValueError,  # a complex dtype is not drawn as a real sample with a zero imaginary part
}
# A document that goes on in the namespace another left (the rest start afresh)
CONTINUES = {"docs/compilation.ipynb": "docs/lazy_computation.ipynb"}
# Printed values that are not the same on purpose (docs/migration.md, "Deliberate
# differences"): (document, expression) -> why.
DIFFERENT_ON_PURPOSE = {
    ("docs/lazy_computation.ipynb", "ly.history_fn_frequencies()"):
        "input nodes are named 'data' (autoray: 'None') and norms 'norm' (autoray: "
        "'linalg_norm'); the counts are checked under those names",
}

# Outputs the document recorded with an older autoray: (document, expression) -> what
# autoray 0.11.0 itself prints for the same code (measured), which is checked instead.
STALE_IN_DOCUMENT = {
    ("docs/lazy_computation.ipynb", "ly.history_peak_size()"): 102,
}


def fences(text: str) -> list[tuple[str, str | None]]:
    """``(code, recorded value)`` of each ```python block of a markdown text."""
    blocks = []
    for match in re.finditer(r"^```python\n(.*?)^```", text, flags=re.S | re.M):
        blocks += [_with_comment_value(cell) for cell in cells(match.group(1))]
    return blocks


def cells(code: str) -> list[str]:
    """A fenced block split where a cell magic (``%%timeit``) starts a line: in a
    notebook such a line can only open a cell, so the block shows several cells."""
    parts = re.split(r"^(?=%%)", code, flags=re.M)
    return [part for part in parts if part.strip()]


def _with_comment_value(code: str) -> tuple[str, str | None]:
    """A trailing ``# value`` comment after the last expression is its recorded value."""
    lines = code.rstrip("\n").split("\n")
    comments = []
    while lines and lines[-1].startswith("# "):
        comments.insert(0, lines.pop()[2:])
    return "\n".join(lines) + "\n", ("\n".join(comments) if comments else None)


def notebook(path: Path) -> list[tuple[str, str | None]]:
    blocks = []
    for cell in json.loads(path.read_text())["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            blocks += fences(source + "\n")
            continue
        recorded = None
        for out in cell.get("outputs", []):
            text = out.get("data", {}).get("text/plain") or out.get("text")
            if text and out.get("output_type") == "execute_result":
                recorded = "".join(text)
        blocks.append((source, recorded))
    return blocks


def adapt(code: str) -> str:
    """Only the import changes; IPython magic lines go."""
    code = re.sub(r"^(\s*)import autoray as", r"\1import arraycompat.autoray as", code, flags=re.M)
    code = re.sub(r"^(\s*)import autoray$", r"\1import arraycompat.autoray as autoray", code, flags=re.M)
    code = re.sub(r"^(\s*)from autoray(\.[\w.]+)? import", r"\1from arraycompat.autoray\2 import",
                  code, flags=re.M)
    return "\n".join(line for line in code.split("\n") if not line.lstrip().startswith("%"))


def literal(text: str | None):
    if text is None:
        return None
    try:
        return ast.literal_eval(text.strip())
    except (ValueError, SyntaxError):
        return None


# What the guides' fragments assume without writing it: autoray imported as ``ar``
# and its names (``do``, ``backend_like``, ``infer_backend``...) in scope.
PRELUDE = "import arraycompat.autoray as ar\nfrom arraycompat.autoray import *\n"


def names_stored(code: str) -> set:
    """The names a block assigns, defines or imports."""
    out = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
    return out


def names_read(code: str) -> set:
    """The names a block reads that it does not set itself."""
    read = {n.id for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Name)
            and isinstance(n.ctx, ast.Load)}
    return read - names_stored(code)


def names_imported(code: str) -> set:
    out = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
    return out


def skipped_names(code: str, env: dict) -> set:
    """Names a skipped block would have set: later blocks that read them are skipped
    too (an import of a name already set, such as ``compose``, changes nothing)."""
    return names_stored(code) - (names_imported(code) & set(env))


def _needs_gpu(error: Exception) -> bool:
    """An error that only says this machine has no CUDA device."""
    text = str(error)
    if "CUDA" not in text and "cuda" not in text:
        return False
    try:
        import torch

        return not torch.cuda.is_available()
    except ImportError:
        return True


def run_block(code: str, recorded: str | None, env: dict, where: str, report: dict) -> None:
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    body = ast.Module(tree.body[:-1] if last else tree.body, type_ignores=[])
    exec(compile(body, where, "exec"), env)
    if last is None:
        report["ran"] += 1
        return
    expression = ast.unparse(last.value)
    refused = REFUSED_ON_PURPOSE.get((where.split(":")[0], expression))
    if refused is not None:
        try:
            eval(compile(ast.Expression(last.value), where, "eval"), env)
        except refused as e:
            report["checked"].append(f"{where}: {expression} raises {type(e).__name__} "
                                     f"(deliberate)")
            report["ran"] += 1
            return
        raise AssertionError(f"{expression} did not raise {refused.__name__}")
    value = eval(compile(ast.Expression(last.value), where, "eval"), env)
    expected = literal(recorded)
    if expected is None or isinstance(expected, str) and not isinstance(value, str):
        report["ran"] += 1
        return
    key = (where.split(":")[0], expression)
    if key in STALE_IN_DOCUMENT:
        expected = STALE_IN_DOCUMENT[key]
    reason = DIFFERENT_ON_PURPOSE.get(key)
    if reason is not None:
        value = {_OUR_NAMES.get(k, k): v for k, v in value.items()}
        expected = {_OUR_NAMES.get(k, k): v for k, v in expected.items()}
    if value != expected:
        raise AssertionError(f"{expression} printed {value!r}; the document shows {expected!r}")
    report["checked"].append(f"{where}: {expression} == {expected!r}")
    report["ran"] += 1


# autoray's node names -> ours, for the counts the lazy guide prints (see above)
_OUR_NAMES = {"None": "data", "linalg_norm": "norm", "conjugate": "conj", "absolute": "abs"}


def main(sdist: str, documents: list[str] | None = None) -> int:
    root = Path(sdist)
    failures = 0
    namespaces: dict = {}
    for document in documents or DOCUMENTS:
        # each document in a module of its own registered as __main__, as in a notebook
        # (torch.compile's guards look the functions' globals up there); the compilation
        # guide goes on from the lazy guide's namespace, whose modified_gram_schmidt it uses
        main_module = types.ModuleType("__main__")
        sys.modules["__main__"] = main_module
        env: dict = main_module.__dict__
        exec(PRELUDE, env)
        unset: set = set()  # names only a skipped block would have set
        if document in CONTINUES:
            env.update(namespaces[CONTINUES[document]][0])
            unset = set(namespaces[CONTINUES[document]][1])
        namespaces[document] = (env, unset)
        for module in DOCUMENT_IMPORTS.get(document, ()):
            try:
                env[module] = __import__(module)
            except ImportError:
                pass
        path = root / document
        blocks = notebook(path) if path.suffix == ".ipynb" else fences(path.read_text())
        report = {"ran": 0, "checked": [], "skipped": []}
        print(f"-- {document}: {len(blocks)} code blocks")
        for i, (code, recorded) in enumerate(blocks):
            where = f"{document}:block {i + 1}"
            code = adapt(code)
            if where in SIGNATURES:
                report["skipped"].append(f"{where}: {SIGNATURES[where]}")
                continue
            stale = names_read(code) & unset
            if stale:
                report["skipped"].append(f"{where}: needs {', '.join(sorted(stale))} from a "
                                         f"skipped block")
                unset |= skipped_names(code, env)
                continue
            try:
                run_block(code, recorded, env, where, report)
                unset -= names_stored(code)
            except ImportError as e:  # a library the docs use that is not installed here
                report["skipped"].append(f"{where}: {e}")
                unset |= skipped_names(code, env)
            except NameError as e:  # a fragment whose names the prose only describes
                report["skipped"].append(f"{where}: fragment, {e}")
                unset |= skipped_names(code, env)
            except Exception as e:
                if _needs_gpu(e):  # the guide shows a GPU; this machine has none
                    report["skipped"].append(f"{where}: needs a CUDA device ({str(e)[:60]})")
                    unset |= skipped_names(code, env)
                    continue
                failures += 1
                print(f"FAIL {where}\n{code}")
                traceback.print_exc()
        for line in report["checked"]:
            print(f"   checked {line}")
        for line in report["skipped"]:
            print(f"   skipped {line}")
        print(f"   ran {report['ran']}, checked {len(report['checked'])}, "
              f"skipped {len(report['skipped'])}")
    print(f"== docs: {failures} failing blocks")
    return failures


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
