#!/usr/bin/env bash
# Set up the environment (tools/setup_env.sh) and run the test suite.
#   bash tools/run_tests.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
bash tools/setup_env.sh
t1=$(date +%s)
VENV=${MMDEBIAS_VENV:-$PWD/.venv}
set +e
"$VENV/bin/python" -m pytest tests -q -p no:cacheprovider --durations=15 "$@"
rc=$?
set -e
t2=$(date +%s)
echo "[run_tests] install: $((t1 - t0)) s, tests: $((t2 - t1)) s"
if [ "$rc" -eq 5 ]; then
  echo "[run_tests] pytest collected no tests: failing" >&2
  exit 1
fi
exit "$rc"
