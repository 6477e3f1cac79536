#!/usr/bin/env bash
# CI: arraycompat's modules import downward only (docs/architecture.md): no import
# cycle, imports inside functions included, and no import of a higher layer.
# Time budget: 10 s (it parses the package's files; no library is imported).
set -euo pipefail
cd "$(dirname "$0")/.."
timeout 60 python .ci/layers.py arraycompat
