"""Check a built documentation site has the pages people look for first.

Run: ``python docs/check_build.py docs/_build/html``; exits non-zero naming what is missing.
"""

import sys
from pathlib import Path

REQUIRED = [
    "index.html",
    "getting-started.html",
    "namespaces.html",
    "testing.html",
    "lazy.html",
    "api/generated/arraycompat.get_namespace.html",
    "_images/lazy_graph.png",
    "_images/lazy_circuit.png",
    "_images/lazy_size_footprint.png",
    "_images/lazy_functions.png",
    "_images/lazy_stats.png",
    "_images/performance_ratios.png",
    "performance.html",
]


def main(site: str) -> int:
    root = Path(site)
    missing = [page for page in REQUIRED if not (root / page).is_file()]
    api = root / "api/generated/arraycompat.get_namespace.html"
    if api.is_file() and "Return the" not in api.read_text():
        missing.append(f"{api} (no docstring text)")
    if api.is_file() and "object at" in api.read_text().replace("&lt;", "<"):
        missing.append(f"{api} (its signature shows a sentinel object, not the arguments)")
    for page in missing:
        print(f"docs: missing {page}", file=sys.stderr)
    if not missing:
        print(f"docs: all {len(REQUIRED)} required pages present in {root}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/_build/html"))
