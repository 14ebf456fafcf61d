# ALBAR + StillMix on SlowOnly-R50 8x8x1, Kinetics-400: configs/albar_slowonly_k400.py plus
# StillMix (random variant, as in ALBAR's code; p 0.25, Beta(20., 60.), the StillMix authors
# K400 setting). StaticClipSampler cuts each static clip from the clip BEFORE StillMix blends
# it, and no blending reorders the batch, so clip i, its static clip and its label stay aligned
# (ALBAR's released code mixes and reorders the static clips but not the labels -- not
# reproduced). ALBAR (ICLR 2025), the best published row: HMDB51 (Swin3D-T) 74.31 orig / 54.24
# SCUBA / 1.35 SCUFO / 53.68 contrasted (ALBAR alone 72.81 / 53.53 / 1.50 / 53.22); UCF101
# (re-segmented masks) SCUBA 31.17 vs 26.25; K400 46.52 SCUBA vs 44.75.
#
#   python tools/train.py configs/stillmix/albar-stillmix_slowonly-r50_8x8x1_kinetics400.py
_base_ = '../albar/albar_slowonly-r50_8x8x1_kinetics400.py'

model = dict(
    data_preprocessor=dict(blending=dict(type='StillMixBlending', prob=0.25, alpha=(20., 60.))))
