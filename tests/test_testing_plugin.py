"""The pytest plugin, run in pytester sandboxes: backends, devices, markers, lazy functions."""

import textwrap

import pytest

from arraycompat.core._install import missing_message
from arraycompat.testing import installed_backends
from conftest import installed

BACKENDS = installed_backends()


OPT_IN = 'pytest_plugins = ["arraycompat.testing.plugin"]\n'


def opt_in(pytester):
    """Switch the plugin on the way a project does: in its root conftest.py."""
    pytester.makeconftest(OPT_IN)


def outcomes(result):
    return result.parseoutcomes()


def test_xp_fixture_runs_once_per_installed_backend(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        def test_sum(xp):
            assert float(xp.sum(xp.ones(3))) == 3.0
        """
    )
    result = pytester.runpytest_subprocess("-v", "--xp", "all")
    result.assert_outcomes(passed=len(BACKENDS))
    for backend in BACKENDS:
        result.stdout.fnmatch_lines([f"*test_sum?{backend}? PASSED*"])


def test_xp_option_and_environment_select_backends(pytester, monkeypatch):
    opt_in(pytester)
    pytester.makepyfile("def test_name(xp):\n    assert xp.name == 'numpy'\n")
    pytester.runpytest_subprocess("--xp", "numpy").assert_outcomes(passed=1)
    monkeypatch.setenv("ARRAYCOMPAT_XP", "numpy")
    pytester.runpytest_subprocess().assert_outcomes(passed=1)


@pytest.mark.skipif(not installed("torch"), reason=missing_message("torch"))
def test_aliases_and_two_backends(pytester):
    opt_in(pytester)
    pytester.makepyfile("def test_ok(xp):\n    assert xp.name in ('numpy', 'torch')\n")
    result = pytester.runpytest_subprocess("-v", "--xp", "numpy, torch")
    result.assert_outcomes(passed=2)


def test_unknown_backend_is_a_usage_error(pytester):
    opt_in(pytester)
    pytester.makepyfile("def test_ok(xp):\n    pass\n")
    result = pytester.runpytest_subprocess("--xp", "numpyy")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*unknown backend 'numpyy'; choose from numpy*"])


def test_skip_and_xfail_markers(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.skip_xp_backends("array_api_strict", reason="strict lacks it")
        def test_skip(xp):
            assert xp.name != "array_api_strict"

        @pytest.mark.skip_xp_backends(np_only=True, reason="numpy only here")
        def test_np_only(xp):
            assert xp.name == "numpy"

        @pytest.mark.xfail_xp_backends("numpy", reason="known numpy bug")
        def test_xfail(xp):
            assert xp.name != "numpy"

        @pytest.mark.skip_xp_backends(eager_only=True, exceptions=["dask.array"])
        def test_eager(xp):
            assert xp.name in ("numpy", "array_api_strict", "torch", "cupy", "dask")
        """
    )
    result = pytester.runpytest_subprocess("-rsx", "--xp", "all")
    n = len(BACKENDS)
    strict = "array_api_strict" in BACKENDS
    lazy_skipped = len({"jax.numpy", "lazy"} & set(BACKENDS))
    expected = outcomes(result)
    assert expected.get("xfailed") == 1
    assert expected.get("skipped") == int(strict) + (n - 1) + lazy_skipped
    assert expected.get("passed") == (n - int(strict)) + 1 + (n - 1) + (n - lazy_skipped)
    result.stdout.fnmatch_lines(["*strict lacks it*", "*numpy only here*", "*known numpy bug*"])


def test_marker_with_unknown_keyword_is_an_error(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.skip_xp_backends("torch", cpu=True)
        def test_x(xp):
            pass
        """
    )
    result = pytester.runpytest_subprocess("--xp", "numpy")
    assert result.ret != 0
    assert "unknown keyword(s) cpu" in result.stdout.str() + result.stderr.str()


@pytest.mark.skipif(not installed("array_api_strict"), reason=missing_message("array_api_strict"))
def test_device_fixture_covers_fake_devices_and_cpu_only(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        import pytest
        import arraycompat

        def test_on_device(xp, device):
            x = xp.ones(2, device=device)
            if device is not None:
                assert arraycompat.device(x) == device

        @pytest.mark.skip_xp_backends(cpu_only=True, reason="host only")
        def test_cpu_only(xp, device):
            pass
        """
    )
    result = pytester.runpytest_subprocess("-v", "--xp", "array_api_strict")
    result.stdout.fnmatch_lines([
        "*test_on_device?array_api_strict-default? PASSED*",
        "*test_on_device?array_api_strict-CPU_DEVICE? PASSED*",
        "*test_on_device?array_api_strict-device1? PASSED*",
        "*test_on_device?array_api_strict-device2? PASSED*",
    ])
    result.assert_outcomes(passed=4 + 2, skipped=2)


def test_failure_output_of_assert_close_in_a_user_test(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        from arraycompat.testing import assert_close

        def test_bad(xp):
            assert_close(xp.asarray([1.0, 2.0, 3.0]), xp.asarray([1.0, 2.0, 4.0]))
        """
    )
    result = pytester.runpytest_subprocess("--xp", "numpy")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*Arrays are not close*",
        "*Mismatched elements: 1 / 3 (33.3%)*",
        "*Max absolute difference: 1 at index (2,) (actual 3.0, desired 4.0)*",
    ])


@pytest.mark.skipif(not installed("dask"), reason=missing_message("dask"))
def test_lazy_xp_function_counts_dask_computes_and_names_the_line(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        from arraycompat.testing import lazy_xp_function

        def forces(x):
            total = float(x.sum())   # forces a compute on dask
            return x / total

        def stays_lazy(x):
            return x / x.sum()

        lazy_xp_function(forces)
        lazy_xp_function(stays_lazy)

        def test_forces(xp):
            forces(xp.ones(4))

        def test_stays_lazy(xp):
            stays_lazy(xp.ones(4))
        """
    )
    result = pytester.runpytest_subprocess("--xp", "dask.array,numpy")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*forces forced a dask compute 1 time(s), allowed 0*",
        "*test_lazy_xp_function_counts_dask_computes_and_names_the_line.py:4:*total = float(x.sum())*",
    ])


@pytest.mark.skipif(not installed("jax"), reason=missing_message("jax"))
def test_lazy_xp_function_runs_jax_under_jit(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        import jax
        from arraycompat.testing import lazy_xp_function

        seen = []

        def record(x, scale):
            seen.append(isinstance(x, jax.core.Tracer))
            return x * scale

        lazy_xp_function(record)

        def test_traced(xp):
            out = record(xp.ones(2), 3.0)
            assert float(out[0]) == 3.0
            assert seen == [True]
        """
    )
    pytester.runpytest_subprocess("--xp", "jax.numpy").assert_outcomes(passed=1)


def test_lazy_xp_function_refuses_forced_lazy_values_at_the_line(pytester):
    opt_in(pytester)
    pytester.makepyfile(
        """
        from arraycompat.testing import lazy_xp_function

        def forces(x):
            if bool(x.shape[0] > 0) and float(x[0]) > 0:   # float() forces a lazy value
                return x
            return -x

        def allowed_once(x):
            return x / float(x[0])

        lazy_xp_function(forces)
        lazy_xp_function(allowed_once, allow_compute=1)

        def test_forces(xp):
            forces(xp.ones(3) * 2)

        def test_allowed_once(xp):
            allowed_once(xp.ones(3) * 2)
        """
    )
    result = pytester.runpytest_subprocess("--xp", "lazy")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*forces forced a lazy value 1 time(s), allowed 0*",
        "*:4: *float(x?0?) > 0*?float(x)?",
    ])


# ----------------------------------------------------------------- opt-in, never overriding
PROJECT_WITH_OWN_FIXTURES = {
    "conftest": """
        import numpy
        import pytest

        @pytest.fixture
        def xp():
            return numpy

        @pytest.fixture(params=["cpu"])
        def device(request):
            return request.param
        """,
    "test_project": """
        def test_own_xp(xp):
            assert xp.__name__ == "numpy"

        def test_own_device(xp, device):
            assert device == "cpu"
        """,
}


def test_installed_package_registers_no_pytest_plugin():
    from importlib.metadata import entry_points

    ours = [ep for ep in entry_points(group="pytest11") if ep.value.startswith("arraycompat")]
    assert ours == []


def test_project_with_its_own_xp_fixture_is_unaffected(pytester):
    pytester.makeconftest(PROJECT_WITH_OWN_FIXTURES["conftest"])
    pytester.makepyfile(test_project=PROJECT_WITH_OWN_FIXTURES["test_project"])
    result = pytester.runpytest_subprocess("-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_own_xp PASSED*", "*test_own_device?cpu? PASSED*"])
    assert "arraycompat" not in result.stdout.str()


def test_opted_in_project_keeps_its_own_xp_and_device_fixtures(pytester):
    conftest = OPT_IN + textwrap.dedent(PROJECT_WITH_OWN_FIXTURES["conftest"])
    pytester.makeconftest(conftest)
    pytester.makepyfile(test_project=PROJECT_WITH_OWN_FIXTURES["test_project"])
    result = pytester.runpytest_subprocess("-v", "--xp", "all")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*test_own_xp PASSED*", "*test_own_device?cpu? PASSED*"])


def test_opted_in_project_gets_the_backend_matrix(pytester):
    opt_in(pytester)
    pytester.makepyfile(test_matrix="def test_ones(xp):\n    assert xp.ones(2).shape == (2,)\n")
    result = pytester.runpytest_subprocess("-v", "--xp", "all")
    result.assert_outcomes(passed=len(BACKENDS))


def test_command_line_switch_turns_the_plugin_on(pytester):
    pytester.makepyfile(test_matrix="def test_ones(xp):\n    assert xp.ones(2).shape == (2,)\n")
    result = pytester.runpytest_subprocess("-p", "arraycompat.testing.plugin", "--xp", "numpy")
    result.assert_outcomes(passed=1)
