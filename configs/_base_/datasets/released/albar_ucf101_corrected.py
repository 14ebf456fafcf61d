# ALBAR's corrected UCF101 SCUBA / SCUFO (Fioresi et al., ICLR 2025), read as ALBAR's loader reads it; see configs/released_bias/README.md.
_base_ = ['./albar_scuba_scufo.py']
root = '{{$MMDEBIAS_ALBAR_UCF101:data/released/albar/ucf101}}'
class_list = '{{$MMDEBIAS_UCF101_CLASS_LIST:data/ucf101/annotations/classInd.txt}}'
test_dataloader = dict(
    dataset=dict(data_root=root, dataset='UCF101', class_list=class_list, num_classes=101))
