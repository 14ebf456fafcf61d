# Smoke test of the whole stack: TSN-R18 (random init), 3 segments at 64x64, trained for a few
# epochs on the 4 real videos in tests/data/videos (made-up labels) and tested on them.
# It proves that decoding, training, checkpointing and testing work end to end on CPU;
# the accuracy it prints means nothing. Run:
#   python tools/train.py configs/baseline/tsn_r18_tiny_videos.py
#   python tools/test.py configs/baseline/tsn_r18_tiny_videos.py \
#       work_dirs/tsn_r18_tiny_videos/epoch_4.pth
_base_ = [
    '../_base_/models/tsn_r18.py', '../_base_/datasets/tiny_videos_tsn.py',
    '../_base_/schedules/sgd_tiny.py', '../_base_/default_runtime.py'
]
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(save_best=None))
