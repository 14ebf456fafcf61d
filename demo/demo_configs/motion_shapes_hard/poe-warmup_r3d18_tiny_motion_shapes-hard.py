# Product of experts whose static-frame expert is trained alone for the first epoch (75
# steps: the main loss is switched off), so it is strong before the 3D model can settle on
# the shortcut.
_base_ = ['./poe_r3d18_tiny_motion_shapes-hard.py']
model = dict(cls_head=dict(objectives=[
    dict(type='ProductOfExpertsObjective', expert=dict(type='FrameExpert'), warmup_iters=75)
]))
