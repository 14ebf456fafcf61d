# Baseline of the comparison family (ALBAR's Table 1) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = 'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
