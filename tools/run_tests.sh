#!/usr/bin/env bash
# Set up the environment and run every check CI runs:
#   1. tools/setup_env.sh     the project environment (.venv, exact pins)
#   2. tools/lint.sh          ruff (pyflakes, syntax, invalid escapes)
#   3. pytest tests           the test suite (pytest args pass through)
#   4. tools/build_docs.sh    the Sphinx docs, warnings as errors
#   5. tools/check_install.sh the wheel in a second environment (mmdebias::, mim train)
#
#   bash tools/run_tests.sh [pytest args]
# MMDEBIAS_QUICK=1 stops after the test suite (steps 1-3).
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
bash tools/setup_env.sh
t1=$(date +%s)
VENV=${MMDEBIAS_VENV:-$PWD/.venv}
RUFF="$VENV/bin/ruff" bash tools/lint.sh
set +e
# one worker per core (pytest-xdist; a module's tests stay on one worker), one compute
# thread each; MMDEBIAS_TEST_WORKERS=0 runs in this process
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} "$VENV/bin/python" -m pytest tests -q -p no:cacheprovider \
  -n "${MMDEBIAS_TEST_WORKERS:-2}" --dist loadscope --durations=15 "$@"
rc=$?
set -e
t2=$(date +%s)
echo "[run_tests] install: $((t1 - t0)) s, tests: $((t2 - t1)) s"
if [ "$rc" -eq 5 ]; then
  echo "[run_tests] pytest collected no tests: failing" >&2
  exit 1
fi
[ "$rc" -eq 0 ] || exit "$rc"
[ "${MMDEBIAS_QUICK:-0}" = 1 ] && exit 0
bash tools/build_docs.sh
t3=$(date +%s)
bash tools/check_install.sh
t4=$(date +%s)
echo "[run_tests] install: $((t1 - t0)) s, tests: $((t2 - t1)) s, docs: $((t3 - t2)) s," \
  "second environment: $((t4 - t3)) s"
