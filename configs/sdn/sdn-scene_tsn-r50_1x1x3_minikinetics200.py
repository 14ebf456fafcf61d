# SDN scene-adversarial stage (Choi et al., NeurIPS 2019) on tsn-r50_1x1x3, Mini-Kinetics-200
# (Xie et al. 2018: 200 Kinetics-400 classes, ~80k train / 5k val videos; SDN pre-trains on it).
# Everything as in ./sdn-scene_tsn-r50_1x1x3_kinetics400.py; the videos, the pseudo scene labels
# and the person-detection cache are the Kinetics-400 ones (Mini-Kinetics-200 is a subset);
# only the annotation lists (paths relative to the K400 video folders, labels 0-199) and the
# number of action classes change.
#
# Expected numbers (paper, 3D-ResNet-18, 16x112x112 on Mini-Kinetics-200; see the paper-recipe
# configs): scene accuracy on the features 29.7 % without debiasing -> 2.9 % with it (chance
# 0.3 %); transfer HMDB51 53.6 -> 56.7 (3-split mean), UCF101 83.5 -> 84.5, Diving48
# 18.0 -> 20.5. This backbone is not in the paper; expect the same direction.
_base_ = './sdn-scene_tsn-r50_1x1x3_kinetics400.py'

model = dict(cls_head=dict(num_classes=200))
train_dataloader = dict(
    dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_train_list_videos.txt'))
val_dataloader = dict(
    dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_val_list_videos.txt'))
test_dataloader = dict(
    dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_val_list_videos.txt'))
