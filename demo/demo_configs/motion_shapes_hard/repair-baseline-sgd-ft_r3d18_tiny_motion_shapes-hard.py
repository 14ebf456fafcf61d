# Repairing the shortcut-bound model, control for the schedule: plain cross entropy re-warmed
# with the from-scratch schedule (SGD 0.05, momentum 0.9, 1 warm-up epoch, cosine).
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
# Its schedule is the from-scratch one (6 epochs, SGD, warm-up), so it is the plain config.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
