#!/usr/bin/env bash
# Set up the environment and run the main job: the MotionShapes debiasing demo
# (shortcut-bound preset: plain model, unbiased control, StaticSwap + recolouring; one seed,
# ~5 min on 2 CPU cores). Extra arguments go to the demo, e.g. --seeds 0 1 2 or
# --preset easy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
VENV=${MMDEBIAS_VENV:-$PWD/.venv}
# One compute thread by default: the README's tables were measured so, and CPU results
# depend on the thread count (float reduction order); set OMP_NUM_THREADS to override.
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} MKL_NUM_THREADS=${MKL_NUM_THREADS:-1}
"$VENV/bin/python" demo/bias_demo.py "$@"
