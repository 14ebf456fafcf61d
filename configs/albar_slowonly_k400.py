# The documented entry point, kept at its first path: ALBAR on MMAction2's SlowOnly-R50
# 8x8x1 Kinetics-400 (Fioresi, Dave & Shah, ICLR 2025). The config lives in
# configs/albar/albar_slowonly-r50_8x8x1_kinetics400.py (also `mmdebias::albar/...` after a
# pip install); this file inherits it unchanged.
#
#   python tools/train.py configs/albar_slowonly_k400.py
_base_ = 'albar/albar_slowonly-r50_8x8x1_kinetics400.py'
