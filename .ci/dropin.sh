#!/usr/bin/env bash
# CI job for issue 16: array-api-extra's and scikit-learn's own test suites, run
# unswapped and with arraycompat.get_namespace swapped in for
# array_api_compat.array_namespace; the outcome of every test id must match.
#
# Downloads array-api-extra's sdist and scikit-learn's wheel from PyPI at run time
# (nothing of theirs is committed). Bounded: about 5 minutes on 2 cores.
#   DROPIN_AAE_VERSION       array-api-extra version (default 0.11.5)
#   DROPIN_SKLEARN_VERSION   scikit-learn version (default 1.9.1)
#   DROPIN_PER_TEST          array-api-extra: parametrizations kept per test function
#                            and array library (default 10; 0 = the whole suite)
#   DROPIN_WORK              scratch folder (default: a fresh temporary one)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python}
AAE_VERSION=${DROPIN_AAE_VERSION:-0.11.5}
SKLEARN_VERSION=${DROPIN_SKLEARN_VERSION:-1.9.1}
PER_TEST=${DROPIN_PER_TEST:-10}
WORK=${DROPIN_WORK:-$(mktemp -d)}
mkdir -p "$WORK"
echo "drop-in job: work folder $WORK"

# scikit-learn's wheel carries its tests; array-api-extra's tests are in its sdist.
"$PY" -m pip install -q "scikit-learn==$SKLEARN_VERSION"
"$PY" -m pip download -q --no-deps --no-binary array-api-extra \
    "array-api-extra==$AAE_VERSION" -d "$WORK"
tar -xzf "$WORK/array_api_extra-$AAE_VERSION.tar.gz" -C "$WORK"
AAE="$WORK/array_api_extra-$AAE_VERSION"

# -p dropin_swap: swap (or not), bound the run, record one outcome per test id.
# -p no:arraycompat: our own pytest plugin stays out of their suites.
PYTEST=("$PY" -m pytest -q -p no:cacheprovider -p dropin_swap -p no:arraycompat)

run_aae() {  # $1 = mode (0 = unswapped, 1 = swapped)
    (cd "$AAE" && PYTHONPATH="$AAE/src:$ROOT/tests/ecosystem" ARRAYCOMPAT_DROPIN=$1 \
        ARRAYCOMPAT_DROPIN_OUTCOMES="$WORK/aae_$1.txt" \
        ARRAYCOMPAT_DROPIN_BACKENDS=numpy,array_api_strict,torch \
        ARRAYCOMPAT_DROPIN_PER_TEST=$PER_TEST \
        timeout 900 "${PYTEST[@]}" tests/main \
        --deselect tests/main/test_version.py::test_version >"$WORK/aae_$1.log" 2>&1) || true
}

# test_move_to_numpy_negative_strides_to_torch runs scikit-learn in a subprocess
# (where no swap applies) with a 60 s timeout that a loaded machine exceeds.
run_sklearn() {  # $1 = mode
    (cd "$WORK" && PYTHONPATH="$ROOT/tests/ecosystem" SCIPY_ARRAY_API=1 ARRAYCOMPAT_DROPIN=$1 \
        ARRAYCOMPAT_DROPIN_OUTCOMES="$WORK/sklearn_$1.txt" \
        timeout 600 "${PYTEST[@]}" --pyargs sklearn.utils.tests.test_array_api \
        -k "not test_move_to_numpy_negative_strides_to_torch" \
        >"$WORK/sklearn_$1.log" 2>&1) || true
}

start=$SECONDS
# The unswapped and swapped runs of one suite side by side: one per core.
run_aae 0 & run_aae 1 & wait
run_sklearn 0 & run_sklearn 1 & wait
echo "drop-in job: suites ran in $((SECONDS - start)) s"
for log in aae_0 aae_1 sklearn_0 sklearn_1; do
    echo "--- $log: $(tail -1 "$WORK/$log.log")"
done

status=0
"$PY" tests/ecosystem/dropin_compare.py array-api-extra "$WORK/aae_0.txt" "$WORK/aae_1.txt" || status=1
# Two scikit-learn tests assert identity with its vendored copy of array-api-compat
# (`xp is sklearn.externals.array_api_compat.numpy`); no function outside that copy
# can pass them, the real array_api_compat.array_namespace included (README).
"$PY" tests/ecosystem/dropin_compare.py scikit-learn "$WORK/sklearn_0.txt" "$WORK/sklearn_1.txt" \
    --expect "$ROOT/tests/ecosystem/dropin_expected_sklearn.txt" || status=1
exit $status
