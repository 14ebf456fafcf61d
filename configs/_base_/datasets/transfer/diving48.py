# Diving48 V2 (48 classes, one split) for the transfer configs; a config built on a UCF101 split-1 transfer config takes it with _base_.pop('diving48').
diving48 = dict(
    model=dict(cls_head=dict(num_classes=48)),
    data_root='data/diving48/videos',
    train_dataloader=dict(dataset=dict(
        ann_file='data/diving48/diving48_train_list_videos_trainsub.txt',
        data_prefix=dict(video='data/diving48/videos'))),
    val_dataloader=dict(dataset=dict(
        ann_file='data/diving48/diving48_train_list_videos_holdout.txt',
        data_prefix=dict(video='data/diving48/videos'))),
    test_dataloader=dict(dataset=dict(
        ann_file='data/diving48/diving48_val_list_videos.txt',
        data_prefix=dict(video='data/diving48/videos'))))
