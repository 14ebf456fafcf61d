# StillMix, frame-bank variant (Li et al., ICCV 2023) on TSN-R50, 3 segments, UCF101 split 1; see README.md.
_base_ = ['../comparison/baseline_tsn-r50_1x1x3_ucf101.py', '../_base_/models/stillmix_bank.py']

model = dict(data_preprocessor=dict(
    blending=dict(_base_.pop('stillmix_bank_blending'), bank_file='data/ucf101/stillmix_bank.npz')))
