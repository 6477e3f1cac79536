#!/usr/bin/env bash
# arraycompat.lazy as a backend of array-api-extra's own test suite, next to dask.
#
# Downloads array-api-extra's sdist (it ships tests/), adds one line to its Backend
# enum (LAZY = "arraycompat.lazy"), and runs its suite on the lazy and dask backends
# with tests/ecosystem/lazy_backend_plugin.py: functions tagged lazy_xp_function run
# under lazy.strict(), as dask's run with compute() disabled. Nothing of theirs is
# committed here. Fails when arraycompat.lazy fails a test that dask passes, unless
# tests/ecosystem/lazy_array_api_extra_expected.txt lists it with a reason.
#
# SciPy's array-API tests the same way (the installed SciPy's own tests; its xp
# fixture gets arraycompat.lazy as one more backend):
#
#   .ci/lazyback.sh            # the CI subset (the files that exercise laziness)
#   .ci/lazyback.sh --full     # every file of the suite (20+ min on 2 busy cores)
#   .ci/lazyback.sh --scipy [pytest selection...]   # default: a fixed scipy.stats subset
#   .ci/lazyback.sh --scipy --pyargs scipy.special.tests.test_support_alternative_backends scipy.stats.tests.test_stats
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-python}"
VERSION="${ARRAY_API_EXTRA_VERSION:-0.11.5}"
LIMIT="${LAZYBACK_TIMEOUT:-1500}"
SUBSET="${LAZYBACK_SUBSET:-tests/main/test_lazy.py tests/main/test_set.py tests/main/test_at.py tests/main/test_elementwise.py tests/main/test_statistical.py tests/main/test_searching.py}"
# apply_where's Hypothesis test: minutes on lazy (each x[mask] = v with x held elsewhere
# asks the garbage collector for x's referrers); the full run keeps it.
SELECT=(-k "not test_hypothesis")
if [[ "${1:-}" == "--full" ]]; then SUBSET="tests/main"; SELECT=(); fi

if [[ "${1:-}" == "--scipy" ]]; then
  shift
  if [[ $# -eq 0 ]]; then
    set -- --pyargs scipy.stats.tests.test_stats -k "TestZscore or TestSEM or TestGMean or TestHMean"
  fi
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
  cd "$WORK"
  SCIPY_ARRAY_API=1 ARRAYCOMPAT_LAZY_XP_PARAM=1 \
  ARRAYCOMPAT_LAZY_PACKAGES=scipy._lib.array_api_extra \
  ARRAYCOMPAT_LAZY_EXPECTED="$ROOT/tests/ecosystem/lazy_scipy_expected.txt" \
  PYTHONPATH="$ROOT/tests/ecosystem" \
    timeout "$LIMIT" "$PY" -m pytest -p no:arraycompat -p lazy_backend_plugin -p no:cacheprovider \
      -q --tb=line -rf "$@"
  exit $?
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$PY" -m pip download -q --no-deps --no-binary array-api-extra "array-api-extra==$VERSION" -d "$WORK"
tar xzf "$WORK/array_api_extra-$VERSION.tar.gz" -C "$WORK"
SRC="$WORK/array_api_extra-$VERSION"
"$PY" "$ROOT/tests/ecosystem/lazy_add_backend.py" "$SRC/src"

cd "$SRC"
# -p no:arraycompat: our own pytest plugin must not add its xp parameters to theirs.
PYTHONPATH="$SRC/src:$ROOT/tests/ecosystem" \
ARRAYCOMPAT_LAZY_EXPECTED="$ROOT/tests/ecosystem/lazy_array_api_extra_expected.txt" \
  timeout "$LIMIT" "$PY" -m pytest -p no:arraycompat -p lazy_backend_plugin -p no:cacheprovider \
    -o addopts="" -q --tb=line -rf "${SELECT[@]}" $SUBSET
