#!/usr/bin/env bash
# CI for issue 20: tensorflow-cpu, autograd, pytensor and ndonnx (and PennyLane and
# cotengra, libraries built on autoray, run with autoray swapped), in a virtual
# environment of their own (so they cannot change the full run's packages: pytensor
# pins an older numba, tensorflow its own protobuf), then their tests; fails if any of
# them skipped. Two phases, so the slow install overlaps the rest of CI:
#
#   .ci/backends.sh --prepare DIR   make DIR/venv and install everything; writes
#                                   DIR/prepare.log and, when done, DIR/prepare.rc
#   .ci/backends.sh --run DIR       wait for --prepare (at most BACKENDS_WAIT_S, 1500 s by
#                                   default), then run the tests in DIR/venv
#   .ci/backends.sh [DIR]           both, one after the other (DIR: a temporary folder)
#   --no-tensorflow                 (with any of the above) leave tensorflow-cpu out
#
# Started early in .ci/run:   bash .ci/backends.sh --prepare "$WORK/backends" &
# and later:                  bash .ci/backends.sh --run "$WORK/backends"
# Every step has a timeout and every failure stops with a message and a non-zero status.
# Measured wall times are in docs/backends.md ("CI").
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T0=$SECONDS
say() { printf '\n== backends: %s (%ds)\n' "$*" "$((SECONDS - T0))"; }
fail() { echo "CI backends: $*" >&2; exit 1; }

PHASE=both
WITH_TF=1
DIR=
while [ $# -gt 0 ]; do
    case "$1" in
        --prepare) PHASE=prepare ;;
        --run) PHASE=run ;;
        --no-tensorflow) WITH_TF=0 ;;
        -*) echo ".ci/backends.sh: unknown option $1 (--prepare DIR, --run DIR, --no-tensorflow)" >&2; exit 2 ;;
        *) DIR=$1 ;;
    esac
    shift
done
if [ -z "$DIR" ]; then
    [ "$PHASE" = both ] || { echo ".ci/backends.sh: --$PHASE needs a folder, e.g. --$PHASE \"\$WORK/backends\"" >&2; exit 2; }
    DIR=$(mktemp -d)
    trap 'rm -rf "$DIR"' EXIT
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
VENV=$DIR/venv
LIBS=(autograd pytensor ndonnx onnxruntime pennylane cotengra)
[ "$WITH_TF" = 1 ] && LIBS+=(tensorflow-cpu)

# arraycompat's dependencies and test extras, one a line, from pyproject.toml
READ_DEPS='import sys, tomllib
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["test"]))'

prepare() {
    rm -f "$DIR/prepare.rc"
    local start=$SECONDS rc=0
    # In a process group of its own (setsid), so that stopping this script stops pip too
    # (timeout --foreground: timeout would otherwise put pip in yet another group).
    setsid bash -c '
        set -eu
        echo "prepare: venv with the test dependencies and ${*:4}"
        # --system-site-packages: what CI'"'"'s python already has (torch, jax...) is reused,
        # and the tests that convert from torch run; the libraries go into the venv.
        # arraycompat itself is not installed (an editable install writes into the
        # checkout while CI'"'"'s other installs do): the tests import it from the checkout.
        timeout --foreground 120 python -m venv --system-site-packages "$1"
        "$1/bin/python" -c "$2" "$3/pyproject.toml" > "$1.requirements.txt"
        timeout --foreground 1500 "$1/bin/python" -m pip install -q -r "$1.requirements.txt" "${@:4}"
    ' prepare "$VENV" "$READ_DEPS" "$ROOT" "${LIBS[@]}" > "$DIR/prepare.log" 2>&1 &
    local job=$!
    # a TERM from the caller (CI stopping early) stops the install too
    trap 'kill -- -"$job" 2>/dev/null; exit 143' TERM INT
    wait "$job" || rc=$?
    trap - TERM INT
    [ "$rc" = 124 ] && echo "prepare: an install step ran past its timeout" >> "$DIR/prepare.log"
    echo "prepare: rc=$rc after $((SECONDS - start))s; $(du -sh "$VENV" 2>/dev/null | cut -f1) in the venv" \
        >> "$DIR/prepare.log"
    echo "$rc" > "$DIR/prepare.rc.tmp" && mv "$DIR/prepare.rc.tmp" "$DIR/prepare.rc"
    return "$rc"
}

run_tests() {
    local waited=0 limit=${BACKENDS_WAIT_S:-1500}
    while [ ! -f "$DIR/prepare.rc" ]; do
        if [ "$waited" -ge "$limit" ]; then
            tail -20 "$DIR/prepare.log" >&2 || true
            fail "the install (--prepare $DIR) did not finish within ${limit}s (its log ends above)"
        fi
        sleep 5
        waited=$((waited + 5))
    done
    say "install finished ($(tail -1 "$DIR/prepare.log")); waited ${waited}s for it"
    if [ "$(cat "$DIR/prepare.rc")" != 0 ]; then
        tail -30 "$DIR/prepare.log" >&2
        fail "the install failed (its log ends above)"
    fi
    local py=$VENV/bin/python
    export PYTHONPATH=$ROOT${PYTHONPATH:+:$PYTHONPATH}  # this checkout's arraycompat
    local tests=(tests/test_backend_autograd.py tests/test_backend_ndonnx.py tests/test_backend_numpylike.py
                 tests/test_backend_pytensor.py tests/test_jit_pytensor.py tests/test_autoray_downstream.py)
    local libs="autograd|ndonnx|pytensor|pennylane|cotengra"
    local info=autograd,ndonnx,pytensor
    if [ "$WITH_TF" = 1 ]; then
        tests+=(tests/test_backend_tensorflow.py)
        libs="$libs|tensorflow"
        info="$info,tensorflow"
    fi
    say "versions"
    timeout 300 "$py" -m arraycompat info --libraries "$info" || fail "arraycompat info failed"
    say "tests"
    local log=$DIR/tests.log status=0
    timeout 1200 "$py" -m pytest -q -rs -p no:cacheprovider "${tests[@]}" > "$log" 2>&1 || status=$?
    cat "$log"
    [ "$status" = 124 ] && fail "the tests ran past 1200s"
    [ "$status" = 0 ] || fail "tests failed (exit $status)"
    if grep -E "needs ($libs), which is not installed" "$log"; then
        fail "tests skipped for a library this script installs (above)"
    fi
    echo "CI: backends tests took $((SECONDS - T0))s in --run (waiting included): $(tail -1 "$log")"
}

case "$PHASE" in
    prepare) prepare || fail "the install failed; $DIR/prepare.log ends: $(tail -3 "$DIR/prepare.log")" ;;
    run) run_tests ;;
    both)
        say "install ${LIBS[*]}"
        prepare || true  # run_tests reports it with the log
        run_tests
        ;;
esac
