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
             "dask", "distributed"]


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


CLUSTER = """## On a real cluster

`bench_distributed` runs on a `LocalCluster` of this machine, but nothing in statkit,
`get_namespace` or `autojit` knows where dask runs its tasks: the same code runs on a
cluster of many machines once a `Client` is connected to its scheduler. Start a
scheduler and workers (`dask scheduler` on one machine, `dask worker
tcp://scheduler-address:8786 --memory-limit 4GiB` on each of the others; or a
deployment such as dask-kubernetes or dask-jobqueue), install `arraycompat` and your
code on every worker, then:

```python
import dask.array as da
from distributed import Client

from arraycompat import autojit
from statkit import logsumexp

client = Client("tcp://scheduler-address:8786")  # from now on dask computes there
x = da.random.default_rng(0).standard_normal((200_000, 65_536), chunks=(512, 65_536))
as_written = logsumexp(x, axis=-1).compute()       # get_namespace resolves dask
compiled = autojit(logsumexp)(x, axis=-1).compute()  # the dask compiler
```

Arrays made on the workers (`da.random`, `da.from_zarr`, `dd.read_parquet(...).to_dask_array()`)
never pass through the client; results are dask arrays until `.compute()` or
`client.compute(...)`.
"""


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
        f"- libraries: {_versions()}\n\n" + "\n".join(sections) + "\n" + CLUSTER
    )
    (ROOT / "docs" / "performance.md").write_text(page)
    print("wrote docs/performance.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
