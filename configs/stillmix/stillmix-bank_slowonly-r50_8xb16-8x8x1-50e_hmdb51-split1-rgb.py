# StillMix, frame-bank variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, HMDB51 split 1; see README.md.
_base_ = ['../baseline/baseline_slowonly-r50_8xb16-8x8x1-50e_hmdb51-split1-rgb.py', '../_base_/models/stillmix_bank.py']

model = dict(data_preprocessor=dict(
    blending=dict(_base_.pop('stillmix_bank_blending'), bank_file='data/hmdb51/stillmix_bank.npz')))
