"""python -m arraycompat info; import arraycompat stays light."""

import subprocess
import sys

import arraycompat
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


def test_version_flag():
    done = subprocess.run([sys.executable, "-m", "arraycompat", "--version"],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.strip() == f"arraycompat {arraycompat.__version__}"


def test_bad_flag_of_a_subcommand_shows_that_subcommands_usage():
    done = subprocess.run([sys.executable, "-m", "arraycompat", "demo", "--bogus"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "usage: arraycompat demo" in done.stderr
    assert "unrecognized arguments: --bogus" in done.stderr


def _cli_without(library: str, *argv: str) -> subprocess.CompletedProcess:
    """Run the CLI in a fresh interpreter in which ``library`` cannot be imported."""
    code = (
        "import sys\n"
        "class Hide:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.partition('.')[0] == {library!r}:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Hide())\n"
        f"from arraycompat.__main__ import main\nsys.exit(main({list(argv)!r}))"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_demo_naming_a_library_that_is_not_installed_exits_2_with_the_install_command():
    done = _cli_without("torch", "demo", "--libraries", "torch")
    assert done.returncode == 2
    assert "not installed: torch (pip install torch==2.13.0)" in done.stderr
    assert "All checks passed" not in done.stdout


def test_demo_says_in_one_line_which_libraries_it_skipped():
    done = _cli_without("jax", "demo", "--n", "3", "--repeat", "1")
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stdout.splitlines() if "skipping" in line]
    assert len(skipped) == 1 and "jax (not installed: pip install jax jaxlib)" in skipped[0]
