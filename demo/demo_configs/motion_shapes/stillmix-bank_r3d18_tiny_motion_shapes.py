# StillMix, frame-bank variant (Li et al., ICCV 2023) on the MotionShapes demo: as
# stillmix-random_r3d18_tiny_motion_shapes.py (p 0.75, Beta(200, 200), label kept) but f is a
# frame of a bank of 1024 frames that a 2D reference network classifies confidently from the
# frame alone (top half of the top-1 confidence ranking) -- the strongest static cues. Build
# the bank first (trains the 2D network for 6 epochs, then scores the 6400 training frames):
#   python tools/data/stillmix_frame_bank.py demo/demo_configs/motion_shapes/ref-r2d18_1x1x1_motion_shapes.py \
#       --work-dir work_dirs/motion_shapes/stillmix_bank \
#       --out data/synthetic/motion_shapes/stillmix_bank.npz --short-side 32 --crop-size 32
# The bank stores raw frames; they are normalised with the model's mean / std below.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py', '../../../configs/_base_/models/stillmix_bank.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'
model = dict(data_preprocessor=dict(blending=dict(
    _base_.pop('stillmix_bank_blending'), bank_file=f'{data_root}/stillmix_bank.npz',
    mean={{_base_.model.data_preprocessor.mean}}, std={{_base_.model.data_preprocessor.std}})))
