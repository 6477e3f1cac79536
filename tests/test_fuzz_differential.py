"""The standing differential fuzzer (arraycompat.testing._fuzz): random programs run
eagerly on numpy, lazily, through Variable + compute, Function, autojit (twice) and
array-api-strict must agree on values, shapes, dtypes and error types.

CI runs a bounded profile (``ARRAYCOMPAT_FUZZ_EXAMPLES``, default 400 programs);
``python -m arraycompat fuzz --programs N --seed S`` runs a long one. Every mismatch
found is kept below as a fixed example."""

import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arraycompat.__main__ import main
from arraycompat.testing._fuzz import (
    MODES, DrawChooser, Outcome, Program, RandomChooser, check, compare, generate, run_modes, shrink,
)

EXAMPLES = int(os.environ.get("ARRAYCOMPAT_FUZZ_EXAMPLES", "400"))


@settings(
    max_examples=EXAMPLES, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_random_programs_agree_in_every_mode(data):
    program = generate(DrawChooser(data))
    found = check(program)
    assert found is None, "\n".join([f"{m}: {w}" for m, w in found] + [program.repro()])


# ---------------------------------------------------------------- fixed examples
def _program(inputs, *statements, returns=("v",), scalars=()):
    return Program([np.asarray(a) for a in inputs], list(statements), list(returns), list(scalars))


FIXED = {
    # issue 14 item 1: equal expressions merged, one of them written to
    "write_to_one_of_two_equal": _program(
        [np.zeros(3)], "a = x0 * 1", "v = x0 * 1", "a[0] = 5.0", returns=("v", "a")
    ),
    # item 2: a negative base lost its parentheses in generated source
    "negative_base": _program([np.array([2.0, 3.0])], "v = (-2.0) ** x0 + 0"),
    "negative_zero_base": _program([np.array([-1.0, 3.0])], "v = (-0.0) ** x0"),
    # item 3: 0.0 and -0.0 in the lazy keyword cache
    "signed_zero_keywords": _program(
        [np.array([np.nan, 1.0])],
        "a = xp.nan_to_num(x0, nan=0.0)", "v = xp.nan_to_num(x0, nan=-0.0)",
        "w = 1 / ((x0 * 0 + 1) * -0.0)", returns=("a", "v", "w"),
    ),
    # item 3: autojit's static keys: -0.0 after 0.0 (autojit-again calls the twin first)
    "static_negative_zero": _program([np.ones(2)], "v = 1 / (x0 * s0)", scalars=[-0.0]),
    "static_nan": _program([np.ones(2)], "v = x0 * s0", scalars=[float("nan")]),
    "static_true_after_one": _program([np.ones(2, dtype=np.int8)], "v = x0 + s0", scalars=[True]),
    # item 8: bool ** 255 is int64 on numpy, bool ** 2 int8
    "bool_power_value": _program(
        [np.array([True, False])], "a = x0 ** 2", "v = x0 ** 255", returns=("a", "v")
    ),
    "bool_power_negative": _program([np.array([True, False])], "v = x0 ** -1"),
    # a 0-d result that is a Python scalar (eager numpy gives one too); found by seed 3
    "python_scalar_result": _program(
        [np.asarray(3)], "a = (-2.0) ** x0", "v = (1j) ** a"
    ),
    # complex squares round differently on numpy and array-api-strict, within |z|'s
    # rounding (long run seed 20261202, program 6553: a false alarm of the comparison)
    "complex_square": _program([np.array([[3 + 2j, 2 + 3j, -3j]])], "v = xp.sqrt(x0) ** 2"),
    # seed 1, programs 9635 and 13692: bool ** 1 after bool ** 2 in the same process
    "bool_power_fast_exponents": _program(
        [np.array([True, False]), np.zeros((0,), dtype=bool)],
        "a = x0 ** 2", "b = x0 ** 1", "c = x1 ** 2", "v = x1 ** 3", returns=("a", "b", "c", "v")
    ),
    # seed 5, program 1731: bool // -inf, written as the namespace's function (the
    # operators differ on purpose: test_lazy_floor_divide_operator_follows_the_standard)
    "floor_divide_by_infinity": _program(
        [np.array([True, False]), np.array([[-np.inf, 1.0, 0.0]])],
        "a = x0[:, None] * 1", "v = xp.floor_divide(a, x1)", "w = xp.remainder(a, x1)",
        returns=("v", "w"),
    ),
    # in-place operator changing nothing but the values
    "inplace_on_copy": _program(
        [np.arange(3.0)], "v = x0 * 1", "w = x0 * 1", "v += 2", returns=("v", "w")
    ),
}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_examples_agree_in_every_mode(name):
    program = FIXED[name]
    found = check(program)
    assert found is None, "\n".join([f"{m}: {w}" for m, w in found] + [program.repro()])


# ---------------------------------------------------------------- the fuzzer itself
def test_compare_reports_values_shapes_dtypes_signed_zeros_and_error_types():
    ref = Outcome([np.array([0.0, 1.0])], None)
    same = Outcome([np.array([0.0, 1.0])], None)
    assert compare({"eager": ref, "lazy": same}) == []
    cases = {
        "values differ": Outcome([np.array([0.0, 2.0])], None),
        "signs of zeros": Outcome([np.array([-0.0, 1.0])], None),
        "shape": Outcome([np.array([[0.0, 1.0]])], None),
        "dtype": Outcome([np.array([0.0, 1.0], dtype=np.float32)], None),
        "ValueError": Outcome(None, ValueError("no")),
    }
    for what, outcome in cases.items():
        found = compare({"eager": ref, "lazy": outcome})
        assert len(found) == 1 and what in found[0][1], (what, found)
    err = Outcome(None, TypeError("x"))
    assert compare({"eager": err, "function": Outcome(None, TypeError("y"))}) == []
    assert compare({"eager": err, "function": Outcome(None, IndexError("y"))})
    # array-api-strict refusing a program outside the standard is not a mismatch
    assert compare({"eager": ref, "array_api_strict": Outcome(None, TypeError("strict"))}) == []


def test_generated_programs_are_reproducible_from_their_seed():
    first = generate(RandomChooser("7-1"))
    again = generate(RandomChooser("7-1"))
    assert first.source() == again.source()
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(first.inputs, again.inputs))
    for i in range(5):
        program = generate(RandomChooser(f"7-{i}"))
        eager = run_modes(program, modes=())["eager"]
        script = program.repro().replace("print(", "_ = (")
        if eager.error is None:
            exec(script, {})  # the repro runs
        else:
            with pytest.raises(type(eager.error)):
                exec(script, {})


def test_shrink_keeps_a_mismatch_and_drops_what_does_not_matter():
    # A "mismatch" that is real for this check: strict mode makes float() of a lazy
    # value an error, eagerly it is a value; shrinking keeps only that statement.
    program = _program(
        [np.arange(3.0)], "a = x0 + 1", "b = xp.sin(x0)", "v = x0 * 2",
        "w = float(xp.sum(x0)) * x0", returns=("v", "w"),
    )
    from arraycompat import lazy

    with lazy.strict():
        assert check(program, modes=("lazy",))
        small = shrink(program, modes=("lazy",))
    assert small.statements == ["w = float(xp.sum(x0)) * x0"]
    assert small.returns == ["w"]


def test_command_line_runs_a_seeded_profile(capsys):
    assert main(["fuzz", "--programs", "15", "--seed", "11"]) == 0
    out = capsys.readouterr().out
    assert "15 programs, seed 11, 0 mismatches" in out
    assert main(["fuzz", "--programs", "0"]) == 2
    assert main(["fuzz", "--modes", "lazy,nope"]) == 2
    assert set(MODES) >= {"lazy", "variable", "function", "autojit", "autojit-again"}


def test_floor_divide_by_infinity_follows_the_standard_and_is_not_held_to_strict():
    # found by the 20,000-program run after issue 17's corrections landed (seed 20261202,
    # program 7733): the standard says floor_divide(3.0, -inf) is -0.0; numpy and
    # array-api-strict say -1.0, so such programs are compared in every mode but strict
    program = _program(
        [np.asarray([3.0, 1.0, 0.0])], "v = xp.floor_divide(x0, -inf)"
    )
    results = run_modes(program)
    assert "array_api_strict" not in results
    eager = results["eager"].values[0]
    assert eager.tolist() == [0.0, 0.0, 0.0] and np.signbit(eager[:2]).all()  # -0.0, not -1.0
    assert check(program) is None


def test_lazy_floor_divide_operator_follows_the_standard():
    # numpy's ndarray ``//`` gives 1.0 // -inf == -1.0; the standard (and every
    # corrected namespace function, and lazy arrays' operators) gives -0.0
    import arraycompat
    from arraycompat import lazy

    x, y = np.array([1.0, -1.0]), np.array([-np.inf, -np.inf])
    xp = arraycompat.get_namespace(x)
    expected = xp.floor_divide(x, y)
    got = (lazy.asarray(x) // lazy.asarray(y)).compute()
    np.testing.assert_array_equal(got, expected)
    assert list(np.signbit(got)) == [True, False]
    assert (x // y)[0] == -1.0  # numpy's own operator: the difference the fuzzer avoids
