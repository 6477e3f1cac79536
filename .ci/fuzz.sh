#!/usr/bin/env bash
# A longer differential-fuzzer profile than the test suite's (which runs 400 programs):
# 3,000 random programs, eager numpy vs lazy, Variable+compute, Function, autojit and
# array-api-strict. The seed changes every day (printed, so a failure reproduces with
# `python -m arraycompat fuzz --programs 3000 --seed SEED`); about 1-2 minutes on 2 cores.
set -euo pipefail
seed="${ARRAYCOMPAT_FUZZ_SEED:-$(date -u +%Y%m%d)}"
echo "arraycompat fuzz: seed ${seed}"
timeout 900 python -m arraycompat fuzz --programs "${ARRAYCOMPAT_FUZZ_PROGRAMS:-3000}" --seed "${seed}" --jobs 2
