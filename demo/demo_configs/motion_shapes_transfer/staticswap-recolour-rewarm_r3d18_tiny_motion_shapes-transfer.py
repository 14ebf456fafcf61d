# Transfer preset, re-warm schedule (mmdebias's fine-tune recipe for StaticSwap, as in the
# repair regime): the source backbone fine-tuned with the from-scratch config of the same
# method (SGD 0.05, momentum 0.9, one linear warm-up epoch, cosine, 6 epochs) instead of the
# preset's AdamW 1e-4 -- the same start and budget; baseline-rewarm / control-rewarm are that
# schedule's plain fine-tune and control.
_base_ = ['../motion_shapes_hard/staticswap-recolour_r3d18_tiny_motion_shapes-hard.py']
load_from = '{{$MMDEBIAS_SOURCE_BACKBONE:work_dirs/demo_transfer/source_backbone.pth}}'
