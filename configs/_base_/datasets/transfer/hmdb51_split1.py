# HMDB51 split 1 (51 classes) for the transfer configs, train / held-out validation / official test lists; a config built on a UCF101 split-1 transfer config takes it with _base_.pop('hmdb51_split1').
hmdb51_split1 = dict(
    model=dict(cls_head=dict(num_classes=51)),
    split=1,
    data_root='data/hmdb51/videos',
    train_dataloader=dict(dataset=dict(
        ann_file='data/hmdb51/hmdb51_train_split_1_videos_trainsub.txt',
        data_prefix=dict(video='data/hmdb51/videos'))),
    val_dataloader=dict(dataset=dict(
        ann_file='data/hmdb51/hmdb51_train_split_1_videos_holdout.txt',
        data_prefix=dict(video='data/hmdb51/videos'))),
    test_dataloader=dict(dataset=dict(
        ann_file='data/hmdb51/hmdb51_val_split_1_videos.txt',
        data_prefix=dict(video='data/hmdb51/videos'))))
