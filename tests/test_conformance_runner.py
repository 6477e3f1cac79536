"""The conformance runner: finding the suite, parsing real pytest-json-report output,
reports and their diff, the CLI. Only the last test needs the official suite
(ARRAY_API_TESTS_DIR); everything else runs real pytest on small files written here.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import arraycompat.__main__ as cli
from arraycompat.cli import _conformance as conformance

REPO = Path(__file__).resolve().parent.parent

# A small test file whose outcomes cover every kind; FLIP swaps which of two tests fails.
SAMPLE_TESTS = '''
import os
import pytest

FLIP = bool(os.environ.get("FLIP"))

def test_add():
    assert 1 + 1 == 2

@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_finfo(dtype):
    assert dtype == "float64", f"finfo({dtype}).eps is not a Python float"

def test_sum():
    assert not FLIP, "sum broke"

def test_mean():
    assert FLIP, "mean is wrong"

@pytest.mark.skip(reason="not relevant")
def test_skipped():
    pass

@pytest.mark.xfail(reason="known")
def test_known_bug():
    assert False

@pytest.mark.xfail(reason="fixed upstream")
def test_fixed_bug():
    pass

@pytest.fixture
def broken():
    raise RuntimeError("fixture exploded\\nsecond line")

def test_error(broken):
    pass
'''


def _run_pytest_json(folder: Path, flip: bool = False) -> Path:
    report = folder / ("flipped.json" if flip else "report.json")
    env = dict(os.environ, FLIP="1" if flip else "")
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "test_sample.py",
         "--json-report", f"--json-report-file={report}"],
        cwd=folder, env=env, capture_output=True, text=True, check=False,
    )
    assert report.exists(), "pytest-json-report wrote no report"
    return report


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Two real pytest-json-report files of SAMPLE_TESTS: plain and FLIP=1."""
    folder = tmp_path_factory.mktemp("sample")
    (folder / "test_sample.py").write_text(SAMPLE_TESTS)
    return _run_pytest_json(folder), _run_pytest_json(folder, flip=True)


# ---------------------------------------------------------------- finding the suite
def test_missing_suite_says_how_to_get_it(monkeypatch):
    monkeypatch.delenv(conformance.SUITE_ENV, raising=False)
    with pytest.raises(conformance.SuiteMissingError) as info:
        conformance.find_suite()
    message = str(info.value)
    assert "ARRAY_API_TESTS_DIR" in message and "--suite-dir" in message
    assert "git clone https://github.com/data-apis/array-api-tests" in message
    assert "55fcc60" in message and "5f847a38" in message  # the pinned commits
    assert "array-api" in message and "submodule" in message
    assert "pip install -r SUITE/requirements.txt" in message


def test_suite_folder_without_tests_or_spec_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv(conformance.SUITE_ENV, str(tmp_path))
    with pytest.raises(conformance.SuiteMissingError, match="no array_api_tests/ folder"):
        conformance.find_suite()
    (tmp_path / "array_api_tests").mkdir()
    with pytest.raises(conformance.SuiteMissingError, match="not its array-api/ submodule"):
        conformance.find_suite()
    (tmp_path / "array-api" / "spec").mkdir(parents=True)
    assert conformance.find_suite() == tmp_path
    # An explicit folder wins over the environment variable.
    with pytest.raises(conformance.SuiteMissingError, match=str(tmp_path / "elsewhere")):
        conformance.find_suite(tmp_path / "elsewhere")


def test_namespace_names():
    assert conformance.array_api_tests_module("module:array_api_compat.numpy") == "array_api_compat.numpy"
    module = conformance.array_api_tests_module("array_api_strict")
    assert module == "exec('import arraycompat; xp = arraycompat.namespace_for(\"array_api_strict\")')"
    # The suite runs that script and reads xp.__name__: it must work as written.
    scope: dict = {}
    exec(module[len("exec('") : -len("')")], scope)
    # A Namespace is named after its library module (what array-api-compat's
    # predicates accept); .name is arraycompat's library name.
    assert scope["xp"].__name__ == "array_api_strict" and scope["xp"].name == "array_api_strict"
    with pytest.raises(conformance.UnknownNamespaceError, match="unknown namespace 'nump'.*numpy"):
        conformance.array_api_tests_module("nump")
    with pytest.raises(conformance.UnknownNamespaceError, match="'no_such_module_xyz' is not importable"):
        conformance.array_api_tests_module("module:no_such_module_xyz")


# ---------------------------------------------------------------- parsing
def test_a_module_that_fails_to_import_counts_as_an_error(tmp_path):
    # The suite's modules import ndindex: without it they used to vanish from the counts.
    (tmp_path / "test_sample.py").write_text(SAMPLE_TESTS)
    (tmp_path / "test_broken.py").write_text("import no_such_module_xyz\n\ndef test_x():\n    pass\n")
    report = tmp_path / "report.json"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--continue-on-collection-errors",
         "--json-report", f"--json-report-file={report}"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
    )
    summary = conformance.parse_json_report(report, "sample")
    assert summary.outcomes["test_broken.py"] == "error"
    assert "no_such_module_xyz" in summary.failing["test_broken.py"]
    assert summary.counts["error"] == 2 and summary.counts["total"] == 10  # test_error too


def test_parse_real_json_report_counts(reports):
    summary = conformance.parse_json_report(reports[0], "sample")
    assert summary.counts == {
        "passed": 3, "failed": 2, "skipped": 1, "xfailed": 1, "xpassed": 1, "error": 1, "total": 9,
    }
    assert summary.outcomes["test_sample.py::test_finfo[float32]"] == "failed"
    assert summary.outcomes["test_sample.py::test_finfo[float64]"] == "passed"
    failing = summary.failing
    assert set(failing) == {
        "test_sample.py::test_finfo[float32]", "test_sample.py::test_mean", "test_sample.py::test_error",
    }
    assert failing["test_sample.py::test_finfo[float32]"].startswith(
        "AssertionError: finfo(float32).eps is not a Python float"
    )
    assert failing["test_sample.py::test_error"] == "RuntimeError: fixture exploded"
    groups = summary.by_function()
    assert groups["finfo"] == {"passed": 1, "failed": 1}
    assert groups["mean"] == {"failed": 1}


@pytest.mark.parametrize(
    "test_id, function",
    [
        ("array_api_tests/test_operators_and_elementwise_functions.py::test_add[__iadd__(x, s)]", "add"),
        ("array_api_tests/test_special_cases.py::test_unary[expm1(real(x_i) is NaN) -> NaN + 0j]", "expm1"),
        ("array_api_tests/test_special_cases.py::test_iop[__ifloordiv__(x1_i is +infinity) -> +0]", "__ifloordiv__"),
        ("array_api_tests/test_special_cases.py::test_empty_arrays[mean]", "mean"),
        ("array_api_tests/test_has_names.py::test_has_names[linalg-cholesky]", "linalg.cholesky"),
        ("array_api_tests/test_has_names.py::test_has_names[elementwise-log1p]", "log1p"),
        ("array_api_tests/test_has_names.py::test_has_names[array_attribute-mT]", "array.mT"),
        ("array_api_tests/test_signatures.py::test_func_signature[sort]", "sort"),
        ("array_api_tests/test_signatures.py::test_extension_func_signature[linalg.svdvals]", "linalg.svdvals"),
        ("array_api_tests/test_signatures.py::test_array_method_signature[to_device]", "array.to_device"),
        ("array_api_tests/test_signatures.py::test_info_func_signature[dtypes]", "info.dtypes"),
        ("array_api_tests/test_array_object.py::test_scalar_casting[__float__(float64)]", "array.__float__"),
        ("array_api_tests/test_array_object.py::test_getitem_masking", "array.__getitem__"),
        ("array_api_tests/test_constants.py::test_irrational_numbers[e-2.718281828459045]", "e"),
        ("array_api_tests/test_data_type_functions.py::test_finfo_dtype[float32]", "finfo"),
        ("array_api_tests/test_data_type_functions.py::TestResultType::test_with_scalars", "result_type"),
        ("array_api_tests/test_inspection_functions.py::TestInspection::test_devices", "info.devices"),
        ("array_api_tests/test_linalg.py::test_linalg_matmul", "linalg.matmul"),
        ("array_api_tests/test_linalg.py::test_cholesky", "cholesky"),
        ("array_api_tests/test_fft.py::test_rfftn", "fft.rfftn"),
        ("array_api_tests/test_fft.py::test_shift_func[fftshift]", "fftshift"),
        ("array_api_tests/test_searching_functions.py::test_where_with_scalars", "where"),
    ],
)
def test_function_of_suite_ids(test_id, function):
    assert conformance.function_of(test_id) == function


def test_xfails_file_loses_its_reasons(tmp_path):
    source = tmp_path / "numpy-xfails.txt"
    source.write_text(
        "# finfo attributes are numpy scalars\n"
        "array_api_tests/test_data_type_functions.py::test_finfo[float32]  # numpy/numpy#1234\n"
        "\n"
        "   array_api_tests/test_sorting_functions.py::test_sort   # flaky\n"
        "array_api_tests/test_special_cases.py::test_unary[expm1(x_i is NaN) -> NaN]\n"
    )
    dest = tmp_path / "clean.txt"
    assert conformance.clean_xfails(source, dest) == 3
    assert dest.read_text().splitlines() == [
        "array_api_tests/test_data_type_functions.py::test_finfo[float32]",
        "array_api_tests/test_sorting_functions.py::test_sort",
        "array_api_tests/test_special_cases.py::test_unary[expm1(x_i is NaN) -> NaN]",
    ]


def test_committed_xfails_files_name_a_reason_per_line():
    for path in sorted((REPO / "conformance").glob("*-xfails.txt")):
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                test_id, _, reason = line.partition("#")
                assert test_id.startswith("array_api_tests/test_"), (path.name, line)
                assert reason.strip(), f"{path.name}: no reason for {test_id.strip()}"


# ---------------------------------------------------------------- reports
def test_markdown_report_and_diff_against_previous(reports, tmp_path):
    before = conformance.parse_json_report(reports[0], "sample")
    after = conformance.parse_json_report(reports[1], "sample")
    assert conformance.diff_reports(before, after) == {
        "started_failing": ["test_sample.py::test_sum"],
        "started_passing": ["test_sample.py::test_mean"],
    }
    path = tmp_path / "reports" / "sample.md"
    markdown, machine = conformance.write_report(before, path)
    assert (markdown, machine) == (path, path.with_suffix(".json"))
    first = markdown.read_text()
    assert "| 3 | 2 | 1 | 1 | 1 | 1 | 9 |" in first
    assert "Since the previous report" not in first
    assert "| finfo | 1 | 1 | 0 | 0 | 0 | 0 |" in first
    assert "`test_sample.py::test_mean` | AssertionError: mean is wrong" in first
    assert "## Expected to fail, passed (1)\n\n- `test_sample.py::test_fixed_bug`" in first
    assert conformance.load_report(machine).outcomes == before.outcomes

    conformance.write_report(after, path)
    second = markdown.read_text()
    since = second.split("## Since the previous report", 1)[1].split("## Per function")[0]
    assert "Started failing (1):\n- `test_sample.py::test_sum`: AssertionError: sum broke" in since
    assert "Started passing (1):\n- `test_sample.py::test_mean`" in since
    assert json.loads(machine.read_text())["counts"]["failed"] == 2


def test_summary_table_lists_counts_and_seconds(reports):
    summary = conformance.parse_json_report(reports[0], "sample")
    summary.seconds = 12.4
    header, _, row = conformance.summary_table([summary]).splitlines()
    assert header.split() == ["namespace", "passed", "failed", "skipped", "xfailed", "xpassed", "error", "seconds"]
    assert row.split() == ["sample", "3", "2", "1", "1", "1", "1", "12"]


# ---------------------------------------------------------------- command line
def test_cli_exits_2_with_one_line_reason(monkeypatch, capsys, tmp_path):
    monkeypatch.delenv(conformance.SUITE_ENV, raising=False)
    assert cli.main(["conformance", "numpy"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("arraycompat conformance: the array-api-tests suite was not found")
    assert "git clone" in err
    assert cli.main(["conformance", "nonesuch", "--suite-dir", str(tmp_path)]) == 2
    from arraycompat.core._samples import KNOWN_LIBRARIES

    assert capsys.readouterr().err.strip().splitlines() == [
        f"arraycompat conformance: unknown namespace 'nonesuch'; use one of "
        f"{', '.join(KNOWN_LIBRARIES)}, lazy, or module:<importable module> for a comparison run."
    ]
    (tmp_path / "array_api_tests").mkdir()
    (tmp_path / "array-api" / "spec").mkdir(parents=True)
    assert cli.main(["conformance", "numpy", "--suite-dir", str(tmp_path), "--xfails-file", "nope.txt"]) == 2
    assert capsys.readouterr().err == "arraycompat conformance: --xfails-file 'nope.txt' is not a file.\n"


@pytest.fixture
def stand_in_suite(tmp_path):
    """A folder laid out like the suite, whose one test file loads ARRAY_API_TESTS_MODULE
    the way the suite does; it checks the runner's plumbing (environment, paths, exit codes)."""
    (tmp_path / "array-api" / "spec").mkdir(parents=True)
    tests = tmp_path / "array_api_tests"
    tests.mkdir()
    (tmp_path / "conftest.py").write_text(textwrap.dedent('''
        from hypothesis import settings

        def pytest_addoption(parser):
            parser.addoption("--max-examples", type=int)

        def pytest_configure(config):  # the suite loads its profile the same way
            settings.register_profile("array-api-tests", max_examples=config.getoption("--max-examples"))
            settings.load_profile("array-api-tests")
    '''))
    (tests / "test_plumbing.py").write_text(textwrap.dedent('''
        import os
        script = os.environ["ARRAY_API_TESTS_MODULE"][len("exec('"):-len("')")]
        scope = {}
        exec(script, scope)
        xp = scope["xp"]

        def test_namespace_loads():
            assert xp.__name__ == "numpy" and xp.name == "numpy"
            assert int(xp.sum(xp.asarray([1, 2]))) == 3

        def test_sum():
            assert not os.environ.get("BREAK_SUM"), "sum is broken"

        def test_hypothesis_profile():
            from hypothesis import Phase, settings
            assert settings.default.max_examples == int(os.environ.get("EXPECT_MAX_EXAMPLES", "20"))
            assert (Phase.shrink in settings.default.phases) == (os.environ.get("EXPECT_SHRINK", "1") == "1")
    '''))
    return tmp_path


def test_cli_runs_and_reports(stand_in_suite, monkeypatch, tmp_path):
    args = ["-m", "arraycompat", "conformance", "numpy", "-n", "0", "--suite-dir", str(stand_in_suite),
            "--report", str(tmp_path / "out.md")]
    env = dict(os.environ, PYTHONPATH=str(REPO), BREAK_SUM="")
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2].split()[:3] == ["numpy", "3", "0"]
    env["BREAK_SUM"] = "1"
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2].split()[:3] == ["numpy", "2", "1"]
    report = (tmp_path / "out.md").read_text()
    assert "Started failing (1):\n- `array_api_tests/test_plumbing.py::test_sum`: AssertionError: sum is broken" in report


@pytest.mark.parametrize("shrink", [True, False])
def test_no_shrink_drops_only_the_shrink_phase(stand_in_suite, monkeypatch, shrink):
    monkeypatch.setenv("EXPECT_SHRINK", "1" if shrink else "0")
    monkeypatch.setenv("EXPECT_MAX_EXAMPLES", "7")
    summary = conformance.run_suite(
        "numpy", suite_dir=stand_in_suite, workers=0, max_examples=7, shrink=shrink,
        test_ids=["array_api_tests/test_plumbing.py::test_hypothesis_profile"],
    )
    assert summary.outcomes == {"array_api_tests/test_plumbing.py::test_hypothesis_profile": "passed"}, summary.errors
    assert summary.meta["shrink"] is shrink


def test_run_script_entry(stand_in_suite):
    done = subprocess.run(
        [sys.executable, str(REPO / "conformance" / "run.py"), "numpy", "-n", "0", "--suite-dir", str(stand_in_suite)],
        env=dict(os.environ, BREAK_SUM=""), capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "numpy" in done.stdout.splitlines()[-1]


# ---------------------------------------------------------------- the real suite
@pytest.mark.skipif(
    not os.environ.get(conformance.SUITE_ENV),
    reason="the official array-api-tests suite is not assembled here: set ARRAY_API_TESTS_DIR "
    "(see conformance/README.md)",
)
def test_real_suite_on_a_few_ids(tmp_path):
    xfails = tmp_path / "numpy-xfails.txt"
    finfo = "array_api_tests/test_data_type_functions.py::test_finfo"
    xfails.write_text(f"{finfo}[float32]  # finfo(float32).eps is a numpy scalar\n")
    summary = conformance.run_suite(
        "numpy", max_examples=5, workers=0, xfails_file=xfails,
        test_ids=[finfo, "array_api_tests/test_statistical_functions.py::test_sum"],
    )
    assert summary.counts["total"] == 5  # finfo x 4 dtypes, sum
    # The reason was stripped, so the suite matched the id and marked it.
    assert summary.outcomes[f"{finfo}[float32]"] in ("xfailed", "xpassed")
    assert summary.outcomes[f"{finfo}[float64]"] == "passed"
    assert summary.outcomes["array_api_tests/test_statistical_functions.py::test_sum"] == "passed"
    assert set(summary.by_function()) == {"finfo", "sum"}
    assert summary.meta["api_version"] == "2025.12" and summary.meta["module"].startswith("exec(")


def test_lazy_over_a_backend_names_its_backend():
    module = conformance.array_api_tests_module("lazy:numpy")
    assert 'lazy.default_backend("numpy")' in module and module.endswith("xp = lazy')")
    with pytest.raises(conformance.UnknownNamespaceError, match="lazy:torch"):
        conformance.array_api_tests_module("lazy:nonesuch")
