# Combination: LfF reweighting with the static-frame bias model + ALBAR's entropy term only
# (w_s = 0: no adversarial CE, no gradient penalty) on the 3D model's static clips.
_base_ = ['./lff_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    cls_head=dict(objectives=[
        dict(type='ALBARObjective', loss_static_weight=0.0, loss_entropy_weight=1.0,
             loss_gp_weight=0.0),
        dict(type='BiasReweightObjective', expert=dict(type='FrameExpert'))
    ]))
