import numpy as np
import pytest
from mmaction.registry import TRANSFORMS


def decoded(num_frames=6):
    """Results as after DecordDecode: distinct frames (frame t filled with t)."""
    imgs = [np.full((4, 5, 3), t, dtype=np.uint8) for t in range(num_frames)]
    return dict(imgs=imgs, frame_inds=np.arange(10, 10 + num_frames), num_clips=2,
                clip_len=num_frames // 2)


@pytest.mark.parametrize('frame_index, expected', [('middle', 3), (1, 1), (-1, 5)])
def test_fixed_frame(frame_index, expected):
    transform = TRANSFORMS.build(dict(type='StaticFrameRepeat', frame_index=frame_index))
    results = transform(decoded())
    assert len(results['imgs']) == 6
    assert all((img == expected).all() and img.shape == (4, 5, 3) for img in results['imgs'])
    assert results['frame_inds'].tolist() == [10 + expected] * 6
    assert results['static_frame_index'] == expected


def test_random_frame_changes_between_calls():
    transform = TRANSFORMS.build(dict(type='StaticFrameRepeat'))
    np.random.seed(0)
    chosen = set()
    for _ in range(30):
        results = transform(decoded())
        values = {int(img[0, 0, 0]) for img in results['imgs']}
        assert len(values) == 1
        chosen |= values
    assert len(chosen) > 3  # uniform over 6 frames, 30 draws


def test_frames_are_copies():
    results = TRANSFORMS.build(dict(type='StaticFrameRepeat', frame_index=0))(decoded())
    results['imgs'][0][:] = 255  # e.g. an in-place flip of one frame
    assert results['imgs'][1].max() == 0


def test_bad_arguments():
    with pytest.raises(ValueError):
        TRANSFORMS.build(dict(type='StaticFrameRepeat', frame_index='first'))
    with pytest.raises(IndexError):
        TRANSFORMS.build(dict(type='StaticFrameRepeat', frame_index=6))(decoded())
    with pytest.raises(ValueError):
        TRANSFORMS.build(dict(type='StaticFrameRepeat'))(dict(imgs=[]))


def test_seeded_draw_is_per_clip_and_reproducible():
    """With a seed the frame is a function of (seed, clip name): the same in every call and
    independent of the global random state; different clips draw differently."""
    transform = TRANSFORMS.build(dict(type='StaticFrameRepeat', seed=3))

    def draw(name):
        return transform(dict(decoded(), pair_id=name))['static_frame_index']

    np.random.seed(0)
    first = [draw(f'clip{i}') for i in range(20)]
    np.random.seed(1)
    assert [draw(f'clip{i}') for i in range(20)] == first
    assert len(set(first)) > 2  # 20 clips over 6 frames
    other_seed = TRANSFORMS.build(dict(type='StaticFrameRepeat', seed=4))
    assert [other_seed(dict(decoded(), pair_id=f'clip{i}'))['static_frame_index']
            for i in range(20)] != first
    # the name may also come from the frame folder or the file
    assert transform(dict(decoded(), frame_dir='clip0'))['static_frame_index'] == \
        transform(dict(decoded(), frame_dir='clip0'))['static_frame_index']
    with pytest.raises(KeyError, match='clip name'):
        transform(decoded())
    with pytest.raises(ValueError, match='seed'):
        TRANSFORMS.build(dict(type='StaticFrameRepeat', seed=-1))


def test_clip_scope_repeats_one_position_per_clip():
    """scope='clip' (StillMix's TemporalSelect for 3D models): one position t < clip_len,
    clip c repeats its own frame c * clip_len + t."""
    transform = TRANSFORMS.build(dict(type='StaticFrameRepeat', frame_index=1, scope='clip'))
    results = transform(decoded())  # 2 clips of 3 frames: values 0..5
    assert [int(img[0, 0, 0]) for img in results['imgs']] == [1, 1, 1, 4, 4, 4]
    assert results['frame_inds'].tolist() == [11, 11, 11, 14, 14, 14]
    seeded = TRANSFORMS.build(dict(type='StaticFrameRepeat', seed=0, scope='clip'))
    for name in ('a', 'b', 'c', 'd'):
        values = [int(img[0, 0, 0]) for img in seeded(dict(decoded(), pair_id=name))['imgs']]
        assert values[:3] == [values[0]] * 3 and values[3:] == [values[0] + 3] * 3
    with pytest.raises(ValueError, match='clip_len'):
        transform(dict(decoded(), clip_len=4))
    with pytest.raises(ValueError, match='scope'):
        TRANSFORMS.build(dict(type='StaticFrameRepeat', scope='video'))
