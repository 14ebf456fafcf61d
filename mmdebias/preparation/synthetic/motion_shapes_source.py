"""The *source* task of MotionShapes' transfer preset: pre-training data without static bias.

Every seed paper of the family (ALBAR, ICLR 2025; StillMix, ICCV 2023; SDN, NeurIPS 2019;
...) fine-tunes a backbone pre-trained on a large action set (Kinetics-400 / Mini-Kinetics-
200) on a smaller, biased target (HMDB51, UCF101). The transfer preset mirrors that regime:
a backbone is pre-trained with plain cross entropy on this source task, then fine-tuned, its
classifier re-initialised, on the shortcut-bound target (``generate_motion_shapes(...,
preset='hard')``).

The source task, like Kinetics against HMDB51:

- **overlaps the target's classes only in part**: of the target's six motions only ``right``
  is a source class; the other five source classes teach motion the target does not have --
  ``grow`` / ``shrink`` (the actor scales about its centre, about 0.67x -> 1.36x over a clip),
  ``oscillate-horizontal`` / ``oscillate-vertical`` (back and forth, one period per clip) and
  ``still`` (no motion) -- and the target's left / down / up translations and its two
  rotations never occur (``DEFAULT_SOURCE_CLASSES``; other sources are picked from the
  catalogue ``SOURCE_CLASSES`` with ``classes=``);
- **has no static bias**: every clip's actor colour is one of the target's six actor colours
  and its shape one of the target's (drawn uniformly, whatever the class), and its
  background is a smooth texture of a colour drawn uniformly in the target backgrounds'
  (dark) range, so no frame tells the class; the actor's position in the middle frame is
  class-independent, as in the target;
- **has more clips than the target** (default 300 per class: 1,800 against the target's
  1,200).

The transfer preset draws source and target with one camera, ``TRANSFER_CAMERA``: the actor
moves half as fast as in the from-scratch hard preset (1 pixel per frame, x U(0.75, 1.25))
and every frame carries independent Gaussian sensor noise (std 20 grey levels). Motion is
then harder to read than the static cues (a background's colour survives the noise, a
one-pixel step barely does), as it is in real videos: fine-tuned from a source backbone, the
plain model takes the shortcut (a still frame on the class's background is given the class
75% of the time), while with the hard preset's camera (2 pixels per frame, no noise) the
source backbone reads every translation at once and leaves the shortcut only on the
rotations.

Files (MMAction2 ``VideoDataset`` lists, ``filename label``): ``train.txt``, ``val.txt``
(held-out clips of the same distribution, to check that the source model learns its motions)
and ``meta.json``. Deterministic given the seed; a folder already holding the same
benchmark (``meta.json``) is reused.
"""
import json
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np

from ...utils.atomic_write import atomic_write
from ...utils.checks import check_weight
from .motion_shapes import (HARD_ACTOR_COLOURS, HARD_SHAPES, SCALE_RATE, SHAPES, SOURCE_CLASSES,
                            SOURCE_MOTIONS, ClipSpec, MotionShapesRenderer, write_video)

# the backgrounds' colour range (BGR, each channel uniform): that of the target's training
# palettes (40-110) and a little beyond, so that the target's palettes are ordinary scenes of
# the source
SOURCE_BG_RANGE = (30.0, 120.0)
# the transfer preset's source classes: one motion shared with the target ('right'), five
# source-only ones. (Tried before, see the docs' regimes page: the target's four translations
# plus the four diagonals -- SOURCE_CLASSES[:8] --, the horizontal ones plus the diagonals,
# rotations + scaling + still; the plain fine-tune is the same with each.)
DEFAULT_SOURCE_CLASSES = ('right', 'grow', 'shrink', 'oscillate-horizontal',
                          'oscillate-vertical', 'still')
# the transfer preset's camera, for its source task and its target alike (the ``speed`` /
# ``noise`` arguments of generate_motion_shapes_source and generate_motion_shapes)
TRANSFER_CAMERA = dict(speed=1.0, noise=20.0)


def sample_source_spec(renderer: MotionShapesRenderer, rng: np.random.Generator,
                       label: int) -> ClipSpec:
    """One source clip of motion ``label`` (an index of ``SOURCE_CLASSES``): actor shape and
    colour uniform (the colour with the target's jitter), middle-frame centre from the
    class-independent box, speed ``speed x U(0.75, 1.25)`` (an oscillation starts either
    way), orientation uniform; the motion's spin (20 degrees / frame, as the target's
    rotations) and scale rate (``SCALE_RATE``) each ``x U(0.75, 1.25)``."""
    shape = HARD_SHAPES[int(rng.integers(len(HARD_SHAPES)))]
    colour_id = int(rng.integers(len(HARD_ACTOR_COLOURS)))
    colour = np.clip(HARD_ACTOR_COLOURS[colour_id] + rng.normal(0, 12, 3), 0, 255)
    centre = rng.uniform(*renderer.centre_range, size=2).astype(np.float32)
    speed = renderer.speed * rng.uniform(0.75, 1.25)
    _, _, spin, scale, oscillate = SOURCE_MOTIONS[label]
    if oscillate:  # starts either way
        speed *= float(rng.choice((-1.0, 1.0)))
    return ClipSpec(label, shape, colour, -1, centre, speed, int(rng.integers(2**31)),
                    spin=float(spin * 20.0 * rng.uniform(0.75, 1.25)),
                    angle=float(rng.uniform(0, 360)),
                    scale_rate=float(scale * SCALE_RATE * rng.uniform(0.75, 1.25)),
                    oscillate=bool(oscillate))


def generate_motion_shapes_source(out_dir: str, seed: int = 0, num_train_per_class: int = 300,
                                  num_val_per_class: int = 50, size: int = 32,
                                  num_frames: int = 8, speed: float = 2.0,
                                  classes: Sequence[str] = DEFAULT_SOURCE_CLASSES,
                                  noise: float = 0.0,
                                  progress: Optional[callable] = None) -> Dict[str, str]:
    """Write the source task to ``out_dir``; returns ``{'train', 'val', 'meta'}`` paths.

    ``classes``: the source's classes, names of ``SOURCE_CLASSES`` (label = position in
    ``classes``); default ``DEFAULT_SOURCE_CLASSES``. ``size`` / ``num_frames`` / ``speed`` /
    ``noise`` (the std of per-frame Gaussian sensor noise, grey levels) must match the target
    benchmark's (the defaults do): the same camera.
    """
    classes = tuple(classes)
    unknown = [c for c in classes if c not in SOURCE_CLASSES]
    if unknown or len(set(classes)) != len(classes) or len(classes) < 2:
        raise ValueError(f'generate_motion_shapes_source: classes must be at least two '
                         f'distinct names of {SOURCE_CLASSES}, got {classes!r}.')
    motion_ids = [SOURCE_CLASSES.index(c) for c in classes]
    noise = check_weight(noise, 'generate_motion_shapes_source: noise',
                         fix='pass the target\'s sensor-noise std in grey levels, 0 for none')
    for name, value in (('num_train_per_class', num_train_per_class),
                        ('num_val_per_class', num_val_per_class)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f'generate_motion_shapes_source: {name} must be a positive '
                             f'integer, got {value!r}.')
    params = dict(seed=seed, num_train_per_class=num_train_per_class,
                  num_val_per_class=num_val_per_class, size=size, num_frames=num_frames,
                  speed=speed, classes=list(classes), version=3)
    if noise:  # (absent when 0: a noiseless source keeps its meta.json)
        params['noise'] = float(noise)
    files = dict(train=osp.join(out_dir, 'train.txt'), val=osp.join(out_dir, 'val.txt'),
                 meta=osp.join(out_dir, 'meta.json'))
    if osp.exists(files['meta']):
        with open(files['meta']) as f:
            if json.load(f).get('params') == params and all(map(osp.exists, files.values())):
                return files
    rng = np.random.default_rng(seed)
    renderer = MotionShapesRenderer(size=size, num_frames=num_frames, speed=speed,
                                    preset='source')
    k = len(classes)
    total = k * (num_train_per_class + num_val_per_class)
    done = 0
    for split, per_class in (('train', num_train_per_class), ('val', num_val_per_class)):
        lines = []
        for i in range(per_class * k):
            label = i % k
            spec = sample_source_spec(renderer, rng, motion_ids[label])
            crng = np.random.default_rng(spec.seed)
            palette = crng.uniform(*SOURCE_BG_RANGE, size=3).astype(np.float32)
            frames = renderer.composite(renderer.texture_background(crng, palette),
                                        [renderer.actor_layers(spec)])
            frames = renderer.add_noise(frames, crng, noise)
            rel = f'{split}/{split}_{i:05d}.mp4'
            write_video(osp.join(out_dir, rel), frames)
            lines.append(f'{rel} {label}\n')
            done += 1
            if progress is not None:
                progress(done, total)
        with atomic_write(files[split]) as tmp, open(tmp, 'w') as f:
            f.writelines(lines)
    with atomic_write(files['meta']) as tmp, open(tmp, 'w') as f:  # last: marks it complete
        json.dump(dict(params=params, classes=classes, shapes=SHAPES), f, indent=1)
    return files
