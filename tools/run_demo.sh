#!/usr/bin/env bash
# Set up the environment and run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup_env.sh
VENV=${MMDEBIAS_VENV:-$PWD/.venv}
"$VENV/bin/python" tools/train.py configs/baseline/tsn_r18_tiny_videos.py \
  --work-dir work_dirs/tsn_r18_tiny_videos --seed 0
"$VENV/bin/python" tools/test.py configs/baseline/tsn_r18_tiny_videos.py \
  work_dirs/tsn_r18_tiny_videos/epoch_4.pth --work-dir work_dirs/tsn_r18_tiny_videos
