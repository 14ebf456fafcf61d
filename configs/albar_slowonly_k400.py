# The documented ALBAR entry point (SlowOnly-R50 8x8x1, Kinetics-400), kept at its first path; see configs/albar/README.md.
_base_ = 'albar/albar_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py'
