#!/usr/bin/env bash
# CI for issue 20: install the extra array libraries into the current environment
# (the full run's, which already has `.[test]` and numpy), run their tests, and fail
# if any of them skipped. Bounded: each install and the test run have a timeout.
#   .ci/backends.sh                  autograd, ndonnx and tensorflow-cpu
#   .ci/backends.sh --no-tensorflow  autograd and ndonnx only (under a minute)
# Measured on the 2-core dev machine (2026-12-02): autograd + ndonnx install in 38 s
# (0.7 MB and 38 MB installed), tensorflow-cpu in 293 s (1.4 GB); the tests take
# about 30 s without tensorflow and about 90 s more with it (importing tensorflow
# alone takes over a minute there). One run of this script with everything already
# installed: 327 s (40 passed), of which `arraycompat info` importing tensorflow ~130 s.
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$SECONDS
say() { printf '\n== %s (%ds)\n' "$*" "$((SECONDS - T0))"; }

WITH_TF=1
for arg in "$@"; do
    case "$arg" in
        --no-tensorflow) WITH_TF=0 ;;
        *) echo ".ci/backends.sh: unknown argument $arg (use --no-tensorflow or nothing)" >&2; exit 2 ;;
    esac
done

say "install autograd, ndonnx"
timeout 600 python -m pip install -q autograd ndonnx
TESTS=(tests/test_backend_autograd.py tests/test_backend_ndonnx.py tests/test_backend_numpylike.py)
LIBS="autograd|ndonnx"
if [ "$WITH_TF" = 1 ]; then
    say "install tensorflow-cpu"
    timeout 1200 python -m pip install -q tensorflow-cpu
    TESTS+=(tests/test_backend_tensorflow.py)
    LIBS="$LIBS|tensorflow"
fi
python -m arraycompat info

say "tests"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
timeout 900 python -m pytest -q -rs -p no:cacheprovider "${TESTS[@]}" | tee "$LOG"
if grep -E "needs ($LIBS), which is not installed" "$LOG"; then
    echo "CI: backend tests skipped for a library this script installs (above)" >&2
    exit 1
fi
echo "CI: backends took $((SECONDS - T0))s: $(tail -1 "$LOG")"
