"""The ``arraycompat`` command line: ``python -m arraycompat info``,
``python -m arraycompat conformance NAMESPACE`` (the official suite, see _conformance)
and ``python -m arraycompat fuzz --programs N --seed S`` (see testing/_fuzz).

>>> main(["info", "--libraries", "numpy"])  # doctest: +ELLIPSIS
library ...
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import warnings
from typing import Sequence

from .core._install import install_hint, is_installed

__all__ = ["main"]


def _version_of(library: str) -> str:
    from importlib import metadata

    # A library's distributions, first installed wins (tensorflow-cpu installs `tensorflow`).
    dists = {
        "array_api_strict": ("array-api-strict",),
        "tensorflow": ("tensorflow", "tensorflow-cpu"),
    }.get(library, (library,))
    for dist in dists:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return "?"


def info_rows(libraries: Sequence[str]) -> list[tuple[str, ...]]:
    """One row per installed library: name, version, namespace source, standard, devices."""
    from .core._resolve import namespace_for
    from .core._devices import devices

    rows = []
    for library in libraries:
        module = {"jax": "jax", "dask": "dask"}.get(library, library)
        if importlib.util.find_spec(module) is None:
            rows.append((library, "not installed", "", "", ""))
            continue
        try:
            xp = namespace_for(library)
            source = getattr(xp.standard, "__name__", "none")
            try:
                with warnings.catch_warnings():  # torch's info warns about mkldnn
                    warnings.simplefilter("ignore")
                    found = devices(xp)
                devs = ", ".join(_device_label(d) for d in found)
            except Exception as e:  # a library whose info object is incomplete
                devs = f"? ({type(e).__name__})"
            rows.append((library, _version_of(library), source, str(xp.__array_api_version__), devs))
        except Exception as e:
            rows.append((library, _version_of(library), f"error: {e}", "", ""))
    return rows


def _device_label(d: object) -> str:
    text = str(d)
    match = re.fullmatch(r"array_api_strict\.Device\('(.*)'\)", text)
    if match:
        return match.group(1)
    # A device class with no __str__ of its own (ndonnx): its name, not an address.
    default = re.fullmatch(r"<([\w.]+) object at 0x[0-9a-fA-F]+>", text)
    return default.group(1) if default else text


def _print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())


def _cmd_info(args: argparse.Namespace) -> int:
    from . import __version__
    from .core._samples import KNOWN_LIBRARIES

    libraries = args.libraries.split(",") if args.libraries else KNOWN_LIBRARIES
    unknown = [lib for lib in libraries if lib not in KNOWN_LIBRARIES]
    if unknown:
        print(
            f"arraycompat info: unknown library {', '.join(unknown)}; "
            f"choose from {', '.join(KNOWN_LIBRARIES)}",
            file=sys.stderr,
        )
        return 2
    _print_table(
        ("library", "version", "namespace source", "standard", "devices"), info_rows(libraries)
    )
    if not args.libraries:
        print(f"\narraycompat {__version__}, Python {sys.version.split()[0]}")
    return 0


def _benchmarks_dir() -> "Path | None":
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent / "benchmarks"
    return here if here.is_dir() else None


#: the libraries the benchmark scripts compare against, when installed
BENCH_LIBRARIES = ("torch", "jax", "dask", "autoray", "array_api_strict")


def _cmd_bench(args: argparse.Namespace) -> int:
    import os
    import subprocess

    folder = _benchmarks_dir()
    if folder is None:
        print(
            "arraycompat bench: the benchmark scripts live in the repository's benchmarks/ "
            "folder, which an installed wheel does not have; run it from a clone "
            "(pip install -e .[bench]).",
            file=sys.stderr,
        )
        return 2
    scripts = sorted(folder.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if args.only in s.stem]
        if not scripts:
            print(f"arraycompat bench: no benchmark matches {args.only!r}", file=sys.stderr)
            return 2
    missing = [lib for lib in BENCH_LIBRARIES if not is_installed(lib)]
    if missing:
        print("arraycompat bench: skipping the rows of " + ", ".join(
            f"{lib} (not installed: {install_hint(lib)})" for lib in missing))
    env = dict(os.environ, ARRAYCOMPAT_BENCH_QUICK="1" if args.quick else "0")
    failed = []
    for i, script in enumerate(scripts, 1):
        print(f"\n[{i}/{len(scripts)}] {script.name}", flush=True)
        done = subprocess.run([sys.executable, str(script)], env=env)
        if done.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"arraycompat bench: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from .cli._demo import _LIBRARIES, run_demo

    libraries = args.libraries.split(",") if args.libraries else None
    unknown = [lib for lib in libraries or () if lib not in _LIBRARIES]
    if unknown:
        print(f"arraycompat demo: unknown library {', '.join(unknown)}; choose from "
              f"{', '.join(_LIBRARIES)}", file=sys.stderr)
        return 2
    not_installed = [lib for lib in libraries or () if not is_installed(_LIBRARIES[lib])]
    if not_installed:
        print("arraycompat demo: not installed: " + ", ".join(
            f"{lib} ({install_hint(lib)})" for lib in not_installed), file=sys.stderr)
        return 2
    if args.n < 2:
        print(f"arraycompat demo: --n must be at least 2, got {args.n}", file=sys.stderr)
        return 2
    if libraries is None:
        skipped = [lib for lib, module in _LIBRARIES.items() if not is_installed(module)]
        if skipped:
            print("arraycompat demo: skipping " + ", ".join(
                f"{lib} (not installed: {install_hint(lib)})" for lib in skipped))
    return run_demo(n=args.n, libraries=libraries, repeat=args.repeat,
                    torch_compile=args.torch_compile)


def _cmd_fuzz(args: argparse.Namespace) -> int:
    from .testing._fuzz import MODES, fuzz

    modes = tuple(args.modes.split(",")) if args.modes else MODES
    unknown = [m for m in modes if m not in MODES]
    if unknown or args.programs < 1 or args.jobs < 1:
        print(f"arraycompat fuzz: --programs and --jobs must be at least 1 and --modes among "
              f"{', '.join(MODES)} (got {args.programs}, {args.jobs}, "
              f"{', '.join(unknown) or 'no unknown mode'})", file=sys.stderr)
        return 2
    if "array_api_strict" in modes and not is_installed("array_api_strict"):
        print(f"arraycompat fuzz: skipping array_api_strict (not installed: "
              f"{install_hint('array_api_strict')})")
        modes = tuple(m for m in modes if m != "array_api_strict")
    summary = fuzz(args.programs, args.seed, modes, lambda line: print(line, flush=True),
                   args.max_statements, jobs=args.jobs)
    print(f"arraycompat fuzz: {summary['programs']} programs, seed {summary['seed']}, "
          f"{summary['mismatches']} mismatches, {summary['seconds']} s")
    return 1 if summary["mismatches"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="arraycompat", description="One piece of numeric code on every array library."
    )
    parser.add_argument("--version", action="version", version=f"arraycompat {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    info = sub.add_parser(
        "info", help="installed array libraries: version, namespace source, standard, devices"
    )
    info.add_argument("--libraries", help="comma-separated libraries to show (default: all known)")
    info.set_defaults(run=_cmd_info)
    demo = sub.add_parser(
        "demo", help="trace modified Gram-Schmidt lazily, check it, time eager/lazy/autojit"
    )
    demo.add_argument("--n", type=int, default=30, help="matrix size (default 30)")
    demo.add_argument("--libraries", help="comma-separated libraries (default: all installed)")
    demo.add_argument("--repeat", type=int, default=3, help="timing repeats (default 3)")
    demo.add_argument("--torch-compile", action="store_true",
                      help="autojit torch with torch.compile (minutes on a CPU) instead of a trace")
    demo.set_defaults(run=_cmd_demo)
    bench = sub.add_parser("bench", help="run the benchmark scripts and print their ratio tables")
    bench.add_argument("--quick", action="store_true", help="fewer repeats and smaller sizes")
    bench.add_argument("--only", help="run only the scripts whose name contains this text")
    bench.set_defaults(run=_cmd_bench)
    fuzz = sub.add_parser(
        "fuzz", help="differential fuzzer: random programs eager vs lazy, Function, autojit, strict"
    )
    fuzz.add_argument("--programs", type=int, default=1000, help="programs to run (default 1000)")
    fuzz.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    fuzz.add_argument("--max-statements", type=int, default=6, help="statements per program")
    fuzz.add_argument("--modes", help="comma-separated modes to compare with eager numpy (default all)")
    fuzz.add_argument("--jobs", type=int, default=1, help="processes to run programs in (default 1)")
    fuzz.set_defaults(run=_cmd_fuzz)
    from .cli import _conformance

    conformance = sub.add_parser(
        "conformance", help="run the official array-api-tests suite on a namespace, print a summary"
    )
    _conformance.add_arguments(conformance)
    conformance.set_defaults(run=_conformance.run_cli)
    args, extra = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if extra:  # the subcommand's usage, not the top-level one
        sub.choices[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
