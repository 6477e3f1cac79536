#!/usr/bin/env bash
# A longer differential-fuzzer profile than the test suite's (which runs 400 programs):
# 20,000 random programs, eager numpy vs lazy, Variable+compute, Function, autojit and
# array-api-strict. The seed changes every day (printed, so a failure reproduces with
# `python -m arraycompat fuzz --programs 20000 --seed SEED`); about 25 s on 2 quiet cores.
set -euo pipefail
seed="${ARRAYCOMPAT_FUZZ_SEED:-$(date -u +%Y%m%d)}"
echo "arraycompat fuzz: seed ${seed}"
timeout 900 python -m arraycompat fuzz --programs "${ARRAYCOMPAT_FUZZ_PROGRAMS:-20000}" --seed "${seed}" --jobs 2
