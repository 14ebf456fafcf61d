#!/usr/bin/env bash
# Set up the environment and run the main job: the MotionShapes debiasing demo
# (shortcut-bound preset: plain model, unbiased control, StaticSwap + recolouring; one seed,
# ~5 min on 2 CPU cores). Extra arguments go to the demo, e.g. --seeds 0 1 2 or
# --preset easy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
VENV=${MMDEBIAS_VENV:-$PWD/.venv}
"$VENV/bin/python" demo/bias_demo.py "$@"
