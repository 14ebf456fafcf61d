#!/usr/bin/env bash
# Build the documentation (Sphinx, docs/en -> docs/en/_build/html) with warnings as errors:
# a broken docstring fails the build. -E: read every source again (an incremental build
# would not repeat the warnings of unchanged pages).
#   bash tools/build_docs.sh          # after tools/setup_env.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${MMDEBIAS_VENV:-$PWD/.venv}
"$VENV/bin/python" -m sphinx -E -W --keep-going -q -b html docs/en docs/en/_build/html
echo "[build_docs] docs/en/_build/html/index.html"
