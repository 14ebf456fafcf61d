# Combination: StaticSwap (p 0.75) then StillMix (random, p 0.75, Beta(200, 200)), each
# with its own probability (BlendingList).
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='BlendingList',
            blendings=[
                dict(type='StaticSwapBlending', prob=0.75),
                dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))
            ])))
