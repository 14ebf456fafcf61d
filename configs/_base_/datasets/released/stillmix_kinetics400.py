# The released Kinetics-400 bias benchmarks of StillMix (Li et al., ICCV 2023), read as released; see configs/released_bias/README.md.
_base_ = ['./stillmix_hmdb51.py']
root = '{{$MMDEBIAS_STILLMIX_K400:data/released/stillmix/kinetics400}}'
# Kinetics-400: the list is <set>/val.txt, the clip folders are in <set>/ itself
__scuba, __mix = root + '/replacebackground_with_segmentation_and_saliency_for_test_', root + '/mix_dynamic_static_same_bg_for_test_stripe'
scuba_sets = [dict(background=bg, ann_file=f'{__scuba}{n}/val.txt', data_prefix=f'{__scuba}{n}')
              for bg, n in (('places365', 'place365'), ('vqgan', 'vqgan'), ('stripes', 'stripe'))]
conflfg_sets = [dict(background='stripes', dynamic_list=f'{__mix}/val/dynamic_testlist01.txt',
                     static_list=f'{__mix}/val/static_testlist01.txt', data_prefix=__mix)]
test_dataloader = dict(dataset=dict(scuba=scuba_sets, conflfg=conflfg_sets, num_classes=400,
                                    filename_tmpl='{:06d}.jpg'))  # K400 frames: 000001.jpg ...
