#!/usr/bin/env bash
# autoray 0.11.0's own tests and documentation, run on arraycompat (issue 13).
# Downloads the sdist from PyPI into a temporary folder (nothing of autoray's is
# committed), redirects `import autoray` to arraycompat.autoray with the plugin in
# tests/ecosystem/autoray, runs autoray's test files, then its README and docs code.
#
# Usage: .ci/autoray.sh [pytest args...]
#   default: test_autoray, test_lazy, test_linalg, test_grad, test_autocompile and
#            test_random on two pytest-xdist workers, then the README, lazy_computation,
#            compilation, automatic_dispatch and random guides, time-boxed (pytest 480 s,
#            docs 420 s): about 5 min on a quiet 2-core machine (the lazy guide's dask
#            comparison alone is about 70 s, as it is with autoray).
#   AUTORAY_FILES="test_lazy.py ...": choose the files; AUTORAY_WORKERS=1: serial.
#   AUTORAY_DOCS=0: the tests only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python}
WORK=$(mktemp -d -t arraycompat-autoray-XXXX)
trap 'rm -rf "$WORK"' EXIT
START=$SECONDS

timeout 300 "$PY" -m pip download --quiet --no-deps --no-binary :all: autoray==0.11.0 -d "$WORK"
tar xzf "$WORK"/autoray-0.11.0.tar.gz -C "$WORK"
SDIST="$WORK/autoray-0.11.0"
rm -rf "$SDIST/autoray"   # its package must not be importable: the tests get ours

FILES=${AUTORAY_FILES:-"test_autoray.py test_lazy.py test_linalg.py test_grad.py test_autocompile.py test_random.py"}
ARGS=()
for f in $FILES; do ARGS+=("$SDIST/tests/$f"); done
WORKERS=${AUTORAY_WORKERS:-2}
XDIST=()
if [ "$WORKERS" != 1 ]; then XDIST=(-n "$WORKERS"); fi

echo "== autoray 0.11.0 test suite on arraycompat: $FILES"
status=0
(cd "$SDIST" && PYTHONPATH="$ROOT/tests/ecosystem/autoray" timeout "${AUTORAY_TEST_BUDGET:-480}" \
    "$PY" -m pytest -p autoray_redirect -p no:cacheprovider -q -o addopts="" \
    --rootdir "$SDIST" "${XDIST[@]}" "${ARGS[@]}" "$@") || status=$?
if [ "$status" = 124 ]; then echo "FAIL: the autoray suite ran past its time budget"; fi
echo "== tests took $((SECONDS - START)) s"

if [ "${AUTORAY_DOCS:-1}" = 1 ]; then
    echo "== autoray 0.11.0 README and docs on arraycompat"
    (cd "$SDIST" && timeout "${AUTORAY_DOCS_BUDGET:-420}" "$PY" -u "$ROOT/tests/ecosystem/autoray/run_docs.py" "$SDIST") || status=$?
    if [ "$status" = 124 ]; then echo "FAIL: the autoray docs ran past their time budget"; fi
else
    echo "== autoray's docs not run (AUTORAY_DOCS=0)"
fi
echo "== .ci/autoray.sh took $((SECONDS - START)) s, exit $status"
exit $status
