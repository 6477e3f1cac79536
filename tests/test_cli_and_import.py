"""python -m arraycompat info; import arraycompat stays light."""

import subprocess
import sys

import arraycompat.__main__ as cli
from conftest import INSTALLED


def test_info_lists_every_installed_library(capsys):
    assert cli.main(["info"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["library", "version", "namespace", "source", "standard", "devices"]
    for library in INSTALLED:
        row = next(line for line in out.splitlines() if line.startswith(library + " "))
        assert "not installed" not in row and "error" not in row
    assert "array_api_compat.numpy" in out


def test_info_bad_library_exits_nonzero(capsys):
    assert cli.main(["info", "--libraries", "nolib"]) == 2
    assert "unknown library nolib" in capsys.readouterr().err


def test_no_command_prints_help(capsys):
    assert cli.main([]) == 2
    assert "info" in capsys.readouterr().out


def test_module_entry_point_runs():
    done = subprocess.run(
        [sys.executable, "-m", "arraycompat", "info", "--libraries", "numpy"],
        capture_output=True, text=True, check=True,
    )
    assert "array_api_compat.numpy" in done.stdout


def test_import_pulls_in_no_array_library():
    code = (
        "import sys, arraycompat\n"
        "heavy = [m for m in ('numpy', 'torch', 'jax', 'dask', 'array_api_compat', 'numpy.testing', "
        "'numpy.f2py') if m in sys.modules]\n"
        "print(heavy)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_bench_unknown_filter_exits_2(capsys):
    assert cli.main(["bench", "--only", "no-such-benchmark"]) == 2
    assert "no benchmark matches 'no-such-benchmark'" in capsys.readouterr().err


def test_every_subcommand_has_help():
    for command in ("info", "bench", "demo", "conformance"):
        done = subprocess.run(
            [sys.executable, "-m", "arraycompat", command, "--help"],
            capture_output=True, text=True,
        )
        assert done.returncode == 0 and "usage: arraycompat " + command in done.stdout


def test_demo_traces_checks_and_times(capsys):
    assert cli.main(["demo", "--n", "4", "--libraries", "numpy", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "nodes traced" in out and "max |lazy - eager|" in out
    assert "All checks passed." in out
    row = next(line for line in out.splitlines() if line.strip().startswith("numpy "))
    assert len(row.split()) == 5


def test_demo_bad_input_exits_2(capsys):
    assert cli.main(["demo", "--libraries", "nolib"]) == 2
    assert "unknown library nolib" in capsys.readouterr().err
    assert cli.main(["demo", "--n", "1"]) == 2
