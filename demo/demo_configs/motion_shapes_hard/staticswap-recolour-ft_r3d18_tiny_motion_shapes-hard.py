# StaticSwap with recolouring (mmdebias, p 0.75) as fine-tuning of the shortcut-bound plain
# model of the same seed: 3 epochs with AdamW 1e-4, the schedule of
# baseline-ft_r3d18_tiny_motion_shapes-hard.py, its control.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StaticSwapBlending', prob=0.75, permute_channels=True)))
