#!/usr/bin/env bash
# arraycompat.lazy as a backend of array-api-extra's and SciPy's own test suites, next to dask.
#
# 1. array-api-extra: downloads its sdist (it ships tests/), adds one line to its Backend
#    enum (LAZY = "arraycompat.lazy"), and runs its whole suite (tests/main) on the lazy
#    and dask backends with tests/ecosystem/lazy_backend_plugin.py: functions tagged
#    lazy_xp_function run under lazy.strict(), as dask's run with compute() disabled.
# 2. SciPy (the installed SciPy's own tests, SCIPY_ARRAY_API=1), with arraycompat.lazy
#    added to SciPy's xp fixture as one more backend: scipy.stats' test_stats, and
#    scipy.special's test_support_alternative_backends and test_logsumexp, whole
#    (2.5 min on a quiet 2-core machine with -n 2, 8 min with another agent's tests
#    beside it); --scipy runs a quick subset (zscore, sem, gmean, hmean).
# Nothing of theirs is committed here. Each part fails when arraycompat.lazy fails a test
# that dask passes, unless tests/ecosystem/lazy_*_expected.txt lists it with a reason,
# or when dask itself fails.
#
#   .ci/lazyback.sh            # both parts (budget: 15 min per part on 2 cores, -n 2)
#   .ci/lazyback.sh --aae      # array-api-extra only
#   .ci/lazyback.sh --scipy [pytest selection...]   # SciPy only; default: the quick subset
#   .ci/lazyback.sh --scipy-full                    # SciPy: the three whole files (CI)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-python}"
VERSION="${ARRAY_API_EXTRA_VERSION:-0.11.5}"
LIMIT="${LAZYBACK_TIMEOUT:-900}"     # per part, seconds
WORKERS="${LAZYBACK_WORKERS:-2}"     # pytest-xdist workers ("0": no xdist)
PART="${1:-all}"
[[ $# -gt 0 ]] && shift
XDIST=(-p no:benchmark)              # pytest-benchmark refuses to run beside xdist
if [[ "$WORKERS" != "0" ]]; then XDIST+=(-n "$WORKERS"); fi

run_aae() {
  local work src
  work="$(mktemp -d)"
  "$PY" -m pip download -q --no-deps --no-binary array-api-extra "array-api-extra==$VERSION" -d "$work"
  tar xzf "$work/array_api_extra-$VERSION.tar.gz" -C "$work"
  src="$work/array_api_extra-$VERSION"
  "$PY" "$ROOT/tests/ecosystem/lazy_add_backend.py" "$src/src"
  # -p no:arraycompat: our own pytest plugin must not add its xp parameters to theirs.
  (cd "$src" && PYTHONPATH="$src/src:$ROOT/tests/ecosystem" \
    ARRAYCOMPAT_LAZY_EXPECTED="$ROOT/tests/ecosystem/lazy_array_api_extra_expected.txt" \
    timeout "$LIMIT" "$PY" -m pytest -p no:arraycompat -p lazy_backend_plugin -p no:cacheprovider \
      "${XDIST[@]}" -o addopts="" -q --tb=line -rf "$@" tests/main)
  local rc=$?
  rm -rf "$work"
  return $rc
}

run_scipy() {
  local work
  if [[ $# -eq 0 ]]; then
    set -- --pyargs scipy.stats.tests.test_stats -k "TestZscore or TestSEM or TestGMean or TestHMean"
  fi
  work="$(mktemp -d)"
  (cd "$work" && SCIPY_ARRAY_API=1 ARRAYCOMPAT_LAZY_XP_PARAM=1 \
    ARRAYCOMPAT_LAZY_PACKAGES=scipy._lib.array_api_extra \
    ARRAYCOMPAT_LAZY_EXPECTED="$ROOT/tests/ecosystem/lazy_scipy_expected.txt" \
    PYTHONPATH="$ROOT/tests/ecosystem" \
    timeout "$LIMIT" "$PY" -m pytest -p no:arraycompat -p lazy_backend_plugin -p no:cacheprovider \
      "${XDIST[@]}" -q --tb=line -rf "$@")
  local rc=$?
  rm -rf "$work"
  return $rc
}

run_scipy_full() {
  run_scipy --pyargs scipy.stats.tests.test_stats \
    scipy.special.tests.test_support_alternative_backends scipy.special.tests.test_logsumexp "$@"
}

case "$PART" in
  --aae) run_aae "$@" ;;
  --scipy) run_scipy "$@" ;;
  --scipy-full) run_scipy_full "$@" ;;
  all)
    status=0
    run_aae || status=1
    run_scipy_full || status=1
    exit $status ;;
  *) echo "lazyback.sh: unknown option $PART (use --aae, --scipy, --scipy-full, or nothing)" >&2; exit 2 ;;
esac
