# StillMix's frame-bank blending (Li et al., ICCV 2023); a leaf takes it with _base_.pop('stillmix_bank_blending') and adds its bank_file.
stillmix_bank_blending = dict(
    type='StillMixBlending',
    prob=0.75,
    alpha=(200., 200.),
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375])
