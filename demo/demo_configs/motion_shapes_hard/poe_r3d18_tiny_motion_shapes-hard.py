# Product of experts with a static-view bias expert on the shortcut-bound preset: a small 2D
# network (FrameExpert) classifies the middle frame; the 3D model is trained through the
# product of the two (the expert detached) and predicts alone at test time.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head}},
        objectives=[dict(type='ProductOfExpertsObjective', expert=dict(type='FrameExpert'))]))
