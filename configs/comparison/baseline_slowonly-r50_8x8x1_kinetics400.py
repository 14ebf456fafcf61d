# Baseline of the comparison family (the methods of ALBAR's Table 1) on MMAction2's
# SlowOnly-R50 8x8x1, Kinetics-400: the stock config, plain cross entropy. Every
# <method>_slowonly-r50_8x8x1_kinetics400.py in configs/comparison/ and configs/stillmix/
# inherits it and only sets model.data_preprocessor.blending (plus the pipeline for
# ActorCutMix), so rows differ by the method alone.
#
#   python tools/train.py configs/comparison/baseline_slowonly-r50_8x8x1_kinetics400.py
_base_ = 'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
