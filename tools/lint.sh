#!/usr/bin/env bash
# Lint the project with ruff (rules in ruff.toml: pyflakes errors, syntax errors, invalid
# escape sequences). Exits non-zero on any finding.
#   bash tools/lint.sh            # RUFF=/path/to/ruff to pick the binary
set -euo pipefail
cd "$(dirname "$0")/.."
RUFF=${RUFF:-ruff}
"$RUFF" --version
"$RUFF" check --no-cache mmdebias tools demo bench tests configs "$@"
