# StillMix, frame-bank variant (Li et al., ICCV 2023) on TSN-R50, 3 segments, Kinetics-400; see README.md.
_base_ = ['../baseline/baseline_tsn-r50_8xb32-1x1x3-100e_kinetics400-rgb.py', '../_base_/models/stillmix_bank.py']

model = dict(data_preprocessor=dict(
    blending=dict(_base_.pop('stillmix_bank_blending'), bank_file='data/kinetics400/stillmix_bank.npz',
                  prob=0.25, alpha=(20., 60.))))  # the StillMix authors' K400 setting
