#!/usr/bin/env bash
# autoray 0.11.0's own tests and documentation, run on arraycompat (issue 13).
# Downloads the sdist from PyPI into a temporary folder (nothing of autoray's is
# committed), redirects `import autoray` to arraycompat.autoray with the plugin in
# tests/ecosystem/autoray, runs autoray's test files, then its README and docs code.
# Usage: .ci/autoray.sh [pytest args...]   (AUTORAY_FILES="test_lazy.py ..." to choose)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PYTHON:-python}
WORK=$(mktemp -d -t arraycompat-autoray-XXXX)
trap 'rm -rf "$WORK"' EXIT

timeout 300 "$PY" -m pip download --quiet --no-deps --no-binary :all: autoray==0.11.0 -d "$WORK"
tar xzf "$WORK"/autoray-0.11.0.tar.gz -C "$WORK"
SDIST="$WORK/autoray-0.11.0"
rm -rf "$SDIST/autoray"   # its package must not be importable: the tests get ours

FILES=${AUTORAY_FILES:-"test_autoray.py test_lazy.py test_autocompile.py test_linalg.py test_random.py test_grad.py"}
ARGS=()
for f in $FILES; do ARGS+=("$SDIST/tests/$f"); done

echo "== autoray 0.11.0 test suite on arraycompat"
status=0
(cd "$SDIST" && PYTHONPATH="$ROOT/tests/ecosystem/autoray" timeout 3000 "$PY" -m pytest \
    -p autoray_redirect -p no:cacheprovider -q -o addopts="" --rootdir "$SDIST" \
    "${ARGS[@]}" "$@") || status=$?

echo "== autoray 0.11.0 README and docs on arraycompat"
(cd "$SDIST" && timeout 900 "$PY" -u "$ROOT/tests/ecosystem/autoray/run_docs.py" "$SDIST") || status=$?
exit $status
