# Baseline of the comparison family (ALBAR's Table 1) on TSN-R50, 3 segments, Kinetics-400; see README.md.
_base_ = 'mmaction::recognition/tsn/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
