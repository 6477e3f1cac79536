"""Regenerate docs/performance.md (and docs/performance.json) from one run of every benchmark.

Run: ``python docs/make_performance.py [--quick]`` from a clone (it needs the
``benchmarks/`` folder and ``pip install -e .[bench]``). Each script records its
comparisons through ``benchmarks/_report.py``; this turns them into one table per
script, and the docs build draws the chart from ``performance.json``
(:func:`draw_chart`). The page records the date, the machine and the library versions,
since every ratio depends on them.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "performance.json"
LIBRARIES = ["numpy", "array-api-compat", "array-api-strict", "autoray", "torch", "jax",
             "dask", "distributed"]

TERMS = """\
## Reading the tables

- **arraycompat** and **other**: the time of one call (or of the whole program, for the
  lazy and jit rows), in the unit of the row; lower is better. *ns* nanoseconds,
  *us* microseconds, *ms* milliseconds.
- **ratio**: other / arraycompat, from the same run. Above 1 means arraycompat is faster;
  for a row against eager numpy, below 1 is the cost of tracing or dispatch.
- **target**: the goal the project set for that row.
- **MGS**: modified Gram-Schmidt, the function autoray's README uses; it makes many small
  operations, so per-operation overheads dominate.
- **trace + compute**: recording the lazy graph, then evaluating it.
- **overhead**: the extra time a dispatching call adds over calling the library directly.
- **cached read**: reading a function from the namespace object after the first lookup.
"""


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
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), "
            f"Python {platform.python_version()}")


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def table(records: list[dict]) -> str:
    """One Markdown table of ``records``: measure, times, what it is against, ratio, target."""
    lines = ["| measure | arraycompat | other | against | ratio | target |",
             "|---|---:|---:|---|---:|---|"]
    for r in records:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        lines.append(
            f"| {r['measure']} | {_number(r['ours'])} {r['unit']} | {_number(r['other'])} "
            f"{r['unit']} | {r['against']} | {ratio} | {r['target']} |"
        )
    return "\n".join(lines) + "\n"


def page(results: dict) -> str:
    """The Markdown of the performance page from ``results`` (what :func:`run` returns)."""
    sections = []
    for script, info in results["scripts"].items():
        records = [r for r in results["records"] if r["script"] == script]
        body = table(records) if records else "No comparison recorded.\n"
        sections.append(f"### {script}\n\n{info['title']}\n\n{body}")
    return (
        "# Performance\n\n"
        "Every number below comes from one run of the scripts in `benchmarks/`; each ratio "
        "compares two timings taken in that same run, against what people would use instead "
        "(array-api-compat, autoray, dask, eager numpy). Regenerate this page with "
        "`python docs/make_performance.py`; print the scripts' full output with "
        "`python -m arraycompat bench`.\n\n"
        f"- date: {results['date']}{' (quick mode)' if results['quick'] else ''}\n"
        f"- machine: {results['machine']}\n"
        f"- libraries: {results['versions']}\n\n"
        "```{figure} _static/performance_ratios.png\n:alt: speed ratios\n:width: 100%\n\n"
        "Each bar is one row of the tables below: how many times faster arraycompat is than "
        "the library named on the left (the ratio; the dashed line marks 1, equal speed).\n```\n\n"
        + TERMS + "\n## Results\n\n" + "\n".join(sections) + "\n" + CLUSTER
    )


def run(quick: bool = False) -> dict:
    """Run every benchmark script once; their records, titles and the machine."""
    scripts = {}
    with tempfile.TemporaryDirectory() as folder:
        results_file = Path(folder) / "results.jsonl"
        env = dict(os.environ, ARRAYCOMPAT_BENCH_QUICK="1" if quick else "0",
                   ARRAYCOMPAT_BENCH_RESULTS=str(results_file))
        started = time.perf_counter()
        for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
            print(f"running {script.name} ...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            done = subprocess.run([sys.executable, str(script)], capture_output=True,
                                  text=True, env=env, cwd=ROOT)
            if done.returncode != 0:
                print(done.stdout, done.stderr, file=sys.stderr)
                raise SystemExit(f"make_performance: {script.name} failed")
            print(done.stdout, file=sys.stderr, flush=True)  # the script's own report
            print(f"{script.name}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            title = (script.read_text().split('"""')[1].strip().splitlines() or [script.stem])[0]
            scripts[script.stem] = {"title": title.strip()}
        print(f"all benchmarks: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        text = results_file.read_text() if results_file.exists() else ""
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {"date": datetime.date.today().isoformat(), "quick": quick, "machine": _machine(),
            "versions": _versions(), "scripts": scripts, "records": records}


def draw_chart(results_path: str | Path, out_path: str | Path) -> Path:
    """Draw the ratios of ``performance.json`` as horizontal bars into ``out_path`` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = json.loads(Path(results_path).read_text())
    rows = [r for r in results["records"] if r["ratio"]]
    labels = [f"{r['measure']}\nvs {r['against']}" for r in rows]
    ratios = [r["ratio"] for r in rows]
    fig, ax = plt.subplots(figsize=(9, 0.55 * len(rows) + 1.2))
    colors = ["#2a9d8f" if ratio >= 1 else "#e76f51" for ratio in ratios]
    positions = range(len(rows))[::-1]
    ax.barh(list(positions), ratios, color=colors)
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1)
    ax.set_yticks(list(positions))
    ax.set_yticklabels(labels, fontsize=7.5)
    for y, ratio in zip(positions, ratios):
        ax.text(ratio, y, f" {ratio:.2f}x", va="center", fontsize=7.5)
    ax.set_xlabel("ratio: other time / arraycompat time (log scale; right of 1 = faster)")
    ax.set_title(f"arraycompat against the alternatives ({results['date']})", fontsize=10)
    fig.tight_layout()
    out_path = Path(out_path)
    fig.savefig(out_path, dpi=110)
    plt.close(fig)
    return out_path


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
    results = run(quick="--quick" in argv)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    (ROOT / "docs" / "performance.md").write_text(page(results))
    print("wrote docs/performance.md and docs/performance.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
