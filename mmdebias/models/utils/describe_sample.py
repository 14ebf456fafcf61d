def describe_sample(sample) -> str:
    """Name a data sample in an error message: its video file, video id or key."""
    meta = getattr(sample, 'metainfo', {}) or {}
    for key in ('filename', 'video_id', 'img_key'):
        if key in meta:
            return f'{key}={meta[key]}'
    return 'no filename in metainfo'
