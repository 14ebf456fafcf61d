# Transfer preset: linear probe of the frozen source backbone -- every backbone stage frozen
# (frozen_stages=4: weights and BatchNorm statistics), only the re-initialised classifier
# trained, with plain cross entropy on the biased target: what the source features carry.
# lr 1e-3, ten times the fine-tune's (only a linear layer learns), same 6 epochs.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-transfer.py']
model = dict(backbone=dict(frozen_stages=4))
optim_wrapper = dict(optimizer=dict(lr=1e-3))
