# OmniDebias joint training (Duan et al., ECCV 2022): the K200db-train videos plus the
# `unbias` third of an auxiliary web set (items whose pseudo scene is rare within their action
# class), with SMAD (SAAR + MAAT, scene) on SlowOnly-R18 8x8x1.
#
# Web data: images (or short web videos) with action labels. Images are treated as static
# clips: store each as a one-frame rawframe folder (<web_root>/<id>/img_00001.jpg) and list it
# as "<id> 1 <label>"; SampleFrames(out_of_bound_opt='repeat_last') then repeats that frame 8
# times. Select the part with
#   python tools/data/extract_pseudo_labels.py ...            # scene pseudo labels of web items
#   python tools/data/omnidebias_select.py data/web/web_k200_rawframes.txt data/web \
#       --prefix web --pseudo-labels data/web/scene_labels_places365.npz --data-root data/web/frames
# (writes data/web/web_{bias,mid,unbias,rand}.txt and prints NMI(action, scene) of each).
# The two sets are joined with mmengine's ConcatDataset; web items get their scene label from
# their own pseudo-label file (missing: -1, masked out of the adversarial loss).
#
# Expected numbers (paper, Table 9; NMI: Table 12): co-training on `unbias` beats `bias`, `mid` and
# `rand` on the debiased benchmarks, and `unbias` has the lowest NMI(action, scene). Reference
# (SlowOnly-R18 on K200db-train, ARAS-64 / K200db-val): baseline 51.0 / 51.9, MAAT + SAAR
# 58.4 / 55.0 without web data.
_base_ = './smad-scene_slowonly-r18_8x8x1_k200db.py'

web_root = 'data/web/frames'
web_ann_file = 'data/web/web_unbias.txt'
web_scene_label_file = 'data/web/scene_labels_places365.npz'

web_pipeline = [
    dict(type='LoadAspectLabels', label_file=web_scene_label_file, key='scene_label',
         data_root=web_root, allow_missing=True),
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=1,
         out_of_bound_opt='repeat_last'),
    dict(type='RawFrameDecode', io_backend='disk'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='RandomResizedCrop'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='ConcatDataset',
        datasets=[
            dict(type='VideoDataset', ann_file={{_base_.ann_file_train}},
                 data_prefix=dict(video={{_base_.data_root}}),
                 pipeline={{_base_.train_pipeline}}),
            dict(type='RawframeDataset', ann_file=web_ann_file,
                 data_prefix=dict(img=web_root), filename_tmpl='img_{:05}.jpg',
                 pipeline=web_pipeline),
        ]))
