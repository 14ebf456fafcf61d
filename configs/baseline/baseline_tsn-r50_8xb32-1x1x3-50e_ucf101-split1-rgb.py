# Baseline of the comparison family (ALBAR's Table 1) on TSN-R50, 3 segments, UCF101 split 1; see README.md.
_base_ = './baseline_tsn-r50_8xb32-1x1x3-50e_hmdb51-split1-rgb.py'

model = dict(cls_head=dict(num_classes=101))

# Checkpoints are selected on a validation split held out from the TRAINING list, never on the
# official test split. Make it once with
#   python tools/data/holdout_val_split.py data/ucf101/ucf101_train_split_1_videos.txt
data_root = 'data/ucf101/videos'
ann_file_train = 'data/ucf101/ucf101_train_split_1_videos_trainsub.txt'
ann_file_val = 'data/ucf101/ucf101_train_split_1_videos_holdout.txt'
ann_file_test = 'data/ucf101/ucf101_val_split_1_videos.txt'  # official split-1 test list
train_dataloader = dict(
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file_test, data_prefix=dict(video=data_root)))
