# StillMix, frame-bank variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, UCF101 split 1; see README.md.
_base_ = ['../comparison/baseline_slowonly-r50_8x8x1_ucf101.py', '../_base_/models/stillmix_bank.py']

model = dict(data_preprocessor=dict(
    blending=dict(_base_.pop('stillmix_bank_blending'), bank_file='data/ucf101/stillmix_bank.npz')))
