"""Regenerate docs/performance.md from one run of every benchmark script.

Run: ``python docs/make_performance.py [--quick]`` from a clone (it needs the
``benchmarks/`` folder and ``pip install -e .[bench]``). The page records the date,
the machine and the library versions next to the tables, since every ratio depends on
them.
"""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIBRARIES = ["numpy", "array-api-compat", "array-api-strict", "autoray", "torch", "jax",
             "dask"]


def _versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(found)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    env = dict(os.environ, ARRAYCOMPAT_BENCH_QUICK="1" if quick else "0")
    sections = []
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                              env=env, cwd=ROOT)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        title = (script.read_text().split('"""')[1].strip().splitlines() or [script.stem])[0]
        sections.append(f"## {script.stem}\n\n{title}\n\n```text\n{done.stdout.rstrip()}\n```\n")
    today = datetime.date.today().isoformat()
    page = (
        "# Performance\n\n"
        "Every table below comes from one run of the scripts in `benchmarks/`; each ratio is "
        "measured within one run, against the library people would use instead. Regenerate "
        "this page with `python docs/make_performance.py`, or print the tables with "
        "`python -m arraycompat bench`.\n\n"
        f"- date: {today}{' (quick mode)' if quick else ''}\n"
        f"- machine: {_machine()}\n"
        f"- libraries: {_versions()}\n\n" + "\n".join(sections)
    )
    (ROOT / "docs" / "performance.md").write_text(page)
    print("wrote docs/performance.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
