# The released UCF101 bias benchmarks of StillMix (Li et al., ICCV 2023), read as released; see configs/released_bias/README.md.
_base_ = ['./stillmix_hmdb51.py']
root = '{{$MMDEBIAS_STILLMIX_UCF101:data/released/stillmix/ucf101}}'
__scuba, __mix = root + '/replacebackground_with_box_for_UCF101_test_', root + '/mix_dynamic_static_same_bg_for_UCF101_test_stripe'
scuba_sets = [dict(background=bg, ann_file=f'{__scuba}{n}/101classes/testlist01.txt', data_prefix=f'{__scuba}{n}/generated_videos')
              for bg, n in (('places365', 'place365'), ('vqgan', 'vqgan'), ('stripes', 'stripe'))]
conflfg_sets = [dict(background='stripes', dynamic_list=f'{__mix}/101classes/dynamic_testlist01.txt',
                     static_list=f'{__mix}/101classes/static_testlist01.txt', data_prefix=f'{__mix}/generated_videos')]
test_dataloader = dict(dataset=dict(scuba=scuba_sets, conflfg=conflfg_sets, num_classes=101))
