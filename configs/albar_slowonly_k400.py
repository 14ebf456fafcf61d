# The documented ALBAR entry point (SlowOnly-R50 8x8x1, Kinetics-400), kept at its first path; see configs/albar/README.md.
_base_ = 'albar/albar_slowonly-r50_8x8x1_kinetics400.py'
