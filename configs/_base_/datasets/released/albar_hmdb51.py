# The HMDB51 SCUBA / SCUFO sets in ALBAR's layout (Fioresi et al., ICLR 2025); see configs/released_bias/README.md.
_base_ = ['./albar_scuba_scufo.py']
root = '{{$MMDEBIAS_ALBAR_HMDB51:data/released/albar/hmdb51}}'
label_file = '{{$MMDEBIAS_HMDB51_TEST_LIST:data/hmdb51/hmdb51_val_split_1_videos.txt}}'
test_dataloader = dict(
    dataset=dict(data_root=root, dataset='HMDB51', label_file=label_file, num_classes=51))
