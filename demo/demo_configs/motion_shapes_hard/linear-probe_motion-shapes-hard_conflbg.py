# Linear-probe target: as the SCUBA one, tested on the Confl-BG clips; see README.md.
_base_ = ['./linear-probe_motion-shapes-hard_scuba.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'

test_dataloader = dict(dataset=dict(ann_file=f'{data_root}/conflbg.json', protocol='conflbg'))
