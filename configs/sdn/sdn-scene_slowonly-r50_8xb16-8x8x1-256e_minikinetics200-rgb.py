# SDN scene-adversarial stage (Choi et al., NeurIPS 2019) on SlowOnly-R50 8x8x1, Mini-Kinetics-200; see README.md.
_base_ = './sdn-scene_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py'

model = dict(cls_head=dict(num_classes=200))
train_dataloader = dict(dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_train_list_videos.txt'))
val_dataloader = dict(dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_val_list_videos.txt'))
test_dataloader = val_dataloader
