# Transfer preset: linear probe of the frozen source backbone -- every backbone stage frozen
# (frozen_stages=4: weights and BatchNorm statistics), only the re-initialised classifier
# trained (same schedule), with plain cross entropy on the biased target: what the source
# features carry, and which of them a linear classifier picks on the biased data.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-transfer.py']
model = dict(backbone=dict(frozen_stages=4))
