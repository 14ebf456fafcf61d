# SDN full model (Choi et al., NeurIPS 2019) on TSN-R50 1x1x3, Mini-Kinetics-200; see README.md.
_base_ = './sdn-full_tsn-r50_8xb32-1x1x3-100e_kinetics400-rgb.py'

model = dict(cls_head=dict(head=dict(num_classes=200)))
train_dataloader = dict(dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_train_list_videos.txt'))
val_dataloader = dict(dataset=dict(ann_file='data/mini_kinetics200/mini_kinetics200_val_list_videos.txt'))
test_dataloader = val_dataloader
