# Baseline of the comparison family (the methods of ALBAR's Table 1) on MMAction2's TSN-R50, 3
# segments (a "frame" is a segment), Kinetics-400: the stock config, plain cross entropy. Every
# <method>_tsn-r50_1x1x3_kinetics400.py in configs/comparison/ and configs/stillmix/ inherits
# it and only sets model.data_preprocessor.blending (plus the pipeline for ActorCutMix), so
# rows differ by the method alone.
#
#   python tools/train.py configs/comparison/baseline_tsn-r50_1x1x3_kinetics400.py
_base_ = 'mmaction::recognition/tsn/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
