"""MotionShapes: a small synthetic static-bias benchmark whose labels are defined by motion.

Every clip shows one foreground actor (a coloured shape) translating across a textured
background. The **class is the direction of motion** (right, left, down, up), so only the
temporal change carries the label: the actor's position in the middle frame is drawn from the
same central box for every class, so a single middle frame says nothing about the class.

Static shortcuts are planted in the training and in-distribution sets: with probability
``bias`` (default 0.9) a clip is *bias-aligned* -- its background palette and its actor's
shape and colour are the ones associated with its class; otherwise all three are drawn at
random. A model can therefore reach ~``bias + (1-bias)/K`` accuracy from one frame, and a
plain model trained briefly takes that shortcut.

Test sets follow the static-bias protocols (StillMix, ICCV 2023; ALBAR, ICLR 2025):

- ``original``: held-out clips from the training distribution (same bias).
- ``scuba``: the same actors and motions pasted onto backgrounds never seen in training --
  sinusoidal stripes (the SCUBA recipe of Li et al., ICCV 2023, at this resolution) and noise
  textures in unseen colours.
- ``scufo``: the middle frame of each SCUBA clip repeated over time (no motion); shares the
  SCUBA clip's ``pair_id``. A motion-reliant model is at chance here.
- ``conflfg``: the moving actor of a clip of class A plus a *static* actor copied from a clip
  of another class B, on a stripe background; ``label`` = A, ``static_label`` = B.
- ``conflbg`` (Confl-BG, an mmdebias addition): each original clip of class A with its
  background replaced by the training palette of another class B (actor and motion kept);
  ``static_label`` = B. A model that uses the background shortcut on moving clips loses
  accuracy here; one that relies on motion does not.

Clips are written as MPEG-4 videos readable by decord, with MMAction2 annotation files:
``train.txt`` / ``val.txt`` (VideoDataset ``filename label``) and JSON lists for
``BiasVideoDataset`` (``{filename, label, video_id, pair_id, protocol, background,
static_label, scene_label}``), where ``scene_label`` is the background palette id (the
"scene" for scene-adversarial methods). The static aspects of the training clips are also
written as pseudo-label files for :class:`LoadAspectLabels`: ``scene_labels.npz``
(background palette) and ``object_labels.npz`` (actor shape), one-hot, keyed by the path
relative to ``out_dir``, and ``actor_boxes/`` holds the actor's box in every frame of every
training clip in the detection-cache format of :class:`HumanMask` (ground-truth "person
detections" for SDN's human masking). ``control_train.txt`` is the **unbiased control**
training set: as many clips, every static cue drawn uniformly over the classes (bias 1/K),
for the control run that trains the same network on data without the shortcut
(``control_train_full.json`` lists its clips with their cues). Generation is deterministic
given the seed.

Optional difficulty knobs: ``noise`` adds independent Gaussian sensor noise to every frame
(appearance stays readable, frame-to-frame motion gets harder to read) and ``speed`` sets
the actor's speed in pixels per frame.
"""
import json
import os.path as osp
from dataclasses import dataclass
from typing import Dict, List, Optional

import cv2
import numpy as np

from ...datasets.detection_cache import save_detections
from ...datasets.pseudo_labels import save_pseudo_labels
from ...utils.atomic_write import atomic_write
from ...utils.checks import check_weight
from .. import video_io
from .backgrounds import draw_stripes, texture_background
from .compositing import alpha_composite, still_clip

CLASSES = ('right', 'left', 'down', 'up')
# unit motion (dx, dy) per class
DIRECTIONS = np.array([(1, 0), (-1, 0), (0, 1), (0, -1)], dtype=np.float32)
SHAPES = ('square', 'disk', 'triangle', 'cross')
# BGR colours: actor colours and background palettes associated with each class
ACTOR_COLOURS = np.array([(40, 40, 230), (230, 60, 40), (40, 200, 40), (30, 210, 230)],
                         dtype=np.float32)
BG_PALETTES = np.array([(90, 140, 60), (150, 80, 140), (60, 90, 160), (160, 150, 70)],
                       dtype=np.float32)
PALETTE_NAMES = ('green', 'purple', 'brown', 'teal')
# the 'hard' preset (shortcut-bound): six motion classes -- four translations and two
# rotations -- with two static cues (background palette, actor colour), one per class
HARD_CLASSES = ('right', 'left', 'down', 'up', 'clockwise', 'counterclockwise')
# (dx, dy, spin sign) per class of the hard preset
HARD_MOTIONS = np.array([(1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1)],
                        dtype=np.float32)
# bright actors on darker backgrounds, so that every actor / background pair keeps contrast
# (the probing sets pair them at random)
HARD_ACTOR_COLOURS = np.array([(60, 60, 250), (250, 120, 60), (90, 250, 90), (60, 235, 250),
                               (250, 100, 250), (250, 250, 250)], dtype=np.float32)
HARD_BG_PALETTES = np.array([(60, 100, 40), (100, 45, 90), (40, 60, 110), (110, 100, 40),
                             (55, 55, 55), (40, 90, 90)], dtype=np.float32)
HARD_PALETTE_NAMES = ('green', 'purple', 'brown', 'teal', 'grey', 'olive')
# shapes whose rotation is visible (not the disk)
HARD_SHAPES = (0, 2, 3)
PRESETS = ('easy', 'hard')
# the transfer preset's *source* task (motion_shapes_source.py, the analogue of Kinetics for
# HMDB51): a catalogue of motions, each clip's static cues uniform over the classes; a source
# task picks some of them (DEFAULT_SOURCE_CLASSES in motion_shapes_source.py). Columns: (dx,
# dy) translation direction, spin sign (rotation, as the hard preset's), scale sign (the actor
# grows / shrinks about its centre), oscillation (1: the actor moves back and forth along
# (dx, dy), one period per clip, instead of translating)
SOURCE_CLASSES = ('right', 'left', 'down', 'up', 'down-right', 'up-left', 'down-left',
                  'up-right', 'clockwise', 'counterclockwise', 'grow', 'shrink',
                  'oscillate-horizontal', 'oscillate-vertical', 'still')
_D = float(np.sqrt(0.5))
SOURCE_MOTIONS = np.array([(1, 0, 0, 0, 0), (-1, 0, 0, 0, 0), (0, 1, 0, 0, 0), (0, -1, 0, 0, 0),
                           (_D, _D, 0, 0, 0), (-_D, -_D, 0, 0, 0), (-_D, _D, 0, 0, 0),
                           (_D, -_D, 0, 0, 0), (0, 0, 1, 0, 0), (0, 0, -1, 0, 0),
                           (0, 0, 0, 1, 0), (0, 0, 0, -1, 0), (1, 0, 0, 0, 1), (0, 1, 0, 0, 1),
                           (0, 0, 0, 0, 0)], dtype=np.float32)
# scale change of 'grow' / 'shrink': exp(+-SCALE_RATE) per frame (x U(0.75, 1.25)), about
# 0.67x -> 1.36x of the actor's size over 8 frames
SCALE_RATE = float(np.log(1.5) / 4)
RENDER_PRESETS = PRESETS + ('source', )
# palettes never used in training (SCUBA "other" backgrounds)
UNSEEN_PALETTES = np.array([(200, 200, 200), (20, 20, 20), (120, 120, 20), (20, 120, 120)],
                           dtype=np.float32)
# the hard preset's: unseen hues in its training backgrounds' (dark) range
HARD_UNSEEN_PALETTES = np.array([(120, 30, 30), (20, 20, 20), (30, 30, 120), (110, 110, 110)],
                                dtype=np.float32)


@dataclass
class ClipSpec:
    label: int
    actor_shape: int
    actor_colour: np.ndarray
    bg_palette: int
    centre: np.ndarray  # (x, y) in frame T // 2
    speed: float
    seed: int
    spin: float = 0.0  # rotation in degrees per frame (hard preset)
    angle: float = 0.0  # orientation in the middle frame, degrees (hard preset)
    scale_rate: float = 0.0  # log size change per frame (source task's grow / shrink)
    oscillate: bool = False  # back and forth along the direction, one period (source task)


def _shape_mask(shape: int, size: int) -> np.ndarray:
    """Binary mask (size x size) of one of SHAPES."""
    yy, xx = np.mgrid[:size, :size].astype(np.float32) + 0.5
    c = size / 2
    if SHAPES[shape] == 'square':
        m = np.ones((size, size), bool)
    elif SHAPES[shape] == 'disk':
        m = (xx - c) ** 2 + (yy - c) ** 2 <= c * c
    elif SHAPES[shape] == 'triangle':
        m = (yy >= size * 0.1) & (np.abs(xx - c) <= (yy - size * 0.1) / 1.8 + 0.5)
    else:  # cross
        w = size / 3
        m = (np.abs(xx - c) <= w / 2) | (np.abs(yy - c) <= w / 2)
    return m


class MotionShapesRenderer:
    """Renders clips of ``num_frames`` x ``size`` x ``size`` (uint8 BGR)."""

    def __init__(self, size: int = 32, num_frames: int = 8, actor_size: int = 9,
                 speed: float = 2.0, preset: str = 'easy'):
        if preset not in RENDER_PRESETS:
            raise ValueError(f'MotionShapes: preset must be one of {RENDER_PRESETS}, got '
                             f'{preset!r}.')
        # (a negative speed would reverse every motion and silently mislabel the clips)
        speed = check_weight(speed, 'MotionShapes: speed', positive=True,
                             fix='pass the actor speed in pixels per frame, e.g. 2')
        self.size, self.num_frames, self.actor_size, self.speed = (size, num_frames,
                                                                   actor_size, speed)
        self.preset = preset
        # the source preset draws its actors as the hard preset does (bright colours, shapes
        # whose orientation is visible); its backgrounds are drawn per clip by its generator
        hard = preset in ('hard', 'source')
        # (dx, dy, spin sign) per class; None: the easy preset's DIRECTIONS
        self.motions = dict(hard=HARD_MOTIONS, source=SOURCE_MOTIONS).get(preset)
        self.classes = dict(hard=HARD_CLASSES, source=SOURCE_CLASSES).get(preset, CLASSES)
        self.palettes = HARD_BG_PALETTES if hard else BG_PALETTES
        self.palette_names = HARD_PALETTE_NAMES if hard else PALETTE_NAMES
        self.actor_colours = HARD_ACTOR_COLOURS if hard else ACTOR_COLOURS
        self.unseen_palettes = HARD_UNSEEN_PALETTES if hard else UNSEEN_PALETTES
        # the actor is at ``centre`` in frame T // 2 (the frame a static clip repeats)
        self.mid = num_frames // 2
        steps = max(self.mid, num_frames - 1 - self.mid)
        travel = speed * 1.25 * steps + actor_size / 2 + 1
        # middle-frame centres are drawn from the same box for every class
        self.centre_range = (travel, size - travel)
        if self.centre_range[0] >= self.centre_range[1]:
            raise ValueError('MotionShapes: frame too small for the actor trajectory; '
                             'increase size or reduce speed/num_frames.')

    # ---- random specs -------------------------------------------------------------
    def sample_spec(self, rng: np.random.Generator, label: int, aligned: bool) -> ClipSpec:
        k = len(CLASSES)
        shape = label if aligned else int(rng.integers(k))
        colour_id = label if aligned else int(rng.integers(k))
        bg = label if aligned else int(rng.integers(k))
        colour = np.clip(ACTOR_COLOURS[colour_id] + rng.normal(0, 12, 3), 0, 255)
        centre = rng.uniform(*self.centre_range, size=2).astype(np.float32)
        speed = self.speed * rng.uniform(0.75, 1.25)
        return ClipSpec(label, shape, colour, bg, centre, speed, int(rng.integers(2**31)))

    def sample_spec_hard(self, rng: np.random.Generator, label: int, bias: float,
                         unbiased: bool = False) -> ClipSpec:
        """Hard preset: background palette and actor colour are each, independently, the
        class's own with probability ``bias`` and uniform otherwise (``unbiased``: both
        uniform, the unbiased control's training set); the shape is uniform among the
        shapes whose rotation is visible; the middle-frame orientation is uniform."""
        k = len(self.classes)

        def cue():
            if not unbiased and rng.random() < bias:
                return label
            return int(rng.integers(k))

        bg, colour_id = cue(), cue()
        shape = HARD_SHAPES[int(rng.integers(len(HARD_SHAPES)))]
        colour = np.clip(self.actor_colours[colour_id] + rng.normal(0, 12, 3), 0, 255)
        centre = rng.uniform(*self.centre_range, size=2).astype(np.float32)
        speed = self.speed * rng.uniform(0.75, 1.25)
        spin = float(HARD_MOTIONS[label, 2] * 20.0 * rng.uniform(0.75, 1.25))
        return ClipSpec(label, shape, colour, bg, centre, speed, int(rng.integers(2**31)),
                        spin=spin, angle=float(rng.uniform(0, 360)))

    # ---- backgrounds ----------------------------------------------------------------
    def texture_background(self, rng: np.random.Generator, palette: np.ndarray) -> np.ndarray:
        """Palette colour modulated by smooth random noise (:func:`texture_background`)."""
        return texture_background(rng, palette, self.size)

    def stripe_background(self, rng: np.random.Generator) -> np.ndarray:
        """SCUBA stripes (Li et al., ICCV 2023) at this resolution: random colour,
        inverse-colour stripes along y = A sin(w x + t) + c, line width 1-3 px, spacing 3-5x
        line width, random rotation. In the hard preset both colours are drawn in the
        training backgrounds' (dark) range instead, so that the shift is in the scene and
        not in the bright actors' contrast."""
        big = self.size * 2
        if self.preset != 'easy':
            colour, inverse = rng.uniform(20, 120, (2, 3)).astype(np.float32)
        else:
            colour = rng.uniform(0, 255, 3).astype(np.float32)
            inverse = 255 - colour
        width = rng.uniform(1.0, 3.0) * 2
        spacing = width * rng.uniform(3, 5)
        amp, w, t = rng.uniform(2, 8), rng.uniform(0.05, 0.3), rng.uniform(0, 2 * np.pi)
        img = draw_stripes(big, colour, inverse, width, spacing, amp, w, t, baseline=big / 2,
                           angle=rng.uniform(0, 180), interpolation=cv2.INTER_LINEAR,
                           border_mode=cv2.BORDER_REFLECT)
        lo = big // 2 - self.size // 2
        return img[lo:lo + self.size, lo:lo + self.size]

    # ---- actor ----------------------------------------------------------------------
    def actor_layers(self, spec: ClipSpec, static: bool = False):
        """Per-frame actor colour image and alpha mask, both [T, H, W(, 3)] float32."""
        mask_small = _shape_mask(spec.actor_shape, self.actor_size).astype(np.float32)
        alphas = np.zeros((self.num_frames, self.size, self.size), np.float32)
        direction = (DIRECTIONS[spec.label] if self.motions is None else
                     self.motions[spec.label, :2])
        for t in range(self.num_frames):
            dt = 0.0 if static else float(t - self.mid)
            shift = dt * spec.speed
            if spec.oscillate:  # one period per clip, as far out as a translation goes
                shift = self.mid * spec.speed * np.sin(2 * np.pi * dt / self.num_frames)
            cx, cy = spec.centre + direction * shift
            # sub-pixel placement via an affine warp of the shape mask
            m = np.float32([[1, 0, cx - self.actor_size / 2], [0, 1, cy - self.actor_size / 2]])
            if self.preset != 'easy':  # rotate (and scale) about the shape's centre, place it
                angle = spec.angle + dt * spec.spin
                half = self.actor_size / 2
                rot = cv2.getRotationMatrix2D((half, half), angle,
                                              float(np.exp(dt * spec.scale_rate)))
                m = np.float32(rot + [[0, 0, cx - half], [0, 0, cy - half]])
            alphas[t] = cv2.warpAffine(mask_small, m, (self.size, self.size),
                                       flags=cv2.INTER_LINEAR)
        colour = np.broadcast_to(spec.actor_colour, (self.size, self.size, 3))
        return colour, alphas

    @staticmethod
    def composite(background: np.ndarray, layers) -> np.ndarray:
        """composite = actor * mask + background * (1 - mask), frame by frame
        (:func:`~mmdebias.preparation.synthetic.compositing.alpha_composite`)."""
        return alpha_composite(background, layers)

    @staticmethod
    def actor_boxes(alphas: np.ndarray) -> dict:
        """Per-frame bounding box of the actor (alpha > 0.5), score 1, in the detection-cache
        format of :class:`HumanMask` -- the ground-truth "person detections" of a clip."""
        boxes, frame_of_box = [], []
        for t, alpha in enumerate(alphas):
            ys, xs = np.nonzero(alpha > 0.5)
            if len(xs):
                boxes.append((xs.min(), ys.min(), xs.max() + 1, ys.max() + 1))
                frame_of_box.append(t)
        return dict(frame_inds=np.arange(len(alphas)),
                    boxes=np.array(boxes, np.float32).reshape(-1, 4),
                    scores=np.ones(len(boxes), np.float32),
                    frame_of_box=np.array(frame_of_box, np.int64),
                    img_shape=np.array(alphas.shape[1:], np.int64))

    @staticmethod
    def add_noise(frames: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
        """Independent Gaussian sensor noise (std ``sigma`` grey levels) on every frame: it
        leaves the per-frame appearance readable but makes frame-to-frame motion harder to
        read. ``sigma=0`` draws nothing (clips identical to the noiseless version)."""
        if sigma <= 0:
            return frames
        return frames + rng.normal(0, sigma, frames.shape).astype(np.float32)


def write_video(path: str, frames: np.ndarray, fps: int = 8) -> None:
    """Write BGR frames [T, H, W, 3] (float, rounded and clipped to uint8) as an MPEG-4
    video (:func:`mmdebias.preparation.video_io.write_video`, atomically). Not read back: the
    tests read the clips with decord, and reading back every clip would add decoding to
    the generation."""
    frames = np.clip(np.rint(frames), 0, 255).astype(np.uint8)
    video_io.write_video(path, frames, fps, channel_order='bgr', verify=False)


def generate_motion_shapes(out_dir: str, seed: int = 0, num_train_per_class: int = 200,
                           num_test_per_class: int = 50, bias: float = 0.9,
                           size: int = 32, num_frames: int = 8, noise: float = 0.0,
                           speed: float = 2.0, preset: str = 'easy',
                           progress: Optional[callable] = None) -> Dict[str, str]:
    """Write the benchmark to ``out_dir``; returns the annotation file paths.

    ``preset='easy'`` is the four-direction benchmark described above (one bias draw per clip
    sets background, actor shape and colour together). ``preset='hard'`` is the
    *shortcut-bound* one: six classes defined by motion alone (four translations, clockwise
    and counter-clockwise rotation of an asymmetric shape), two static cues (background
    palette, actor colour) each drawn independently as the class's own with probability
    ``bias`` (the project uses 0.98), the actor's shape uniform; its bias-probing sets (SCUBA, SCUFO,
    Confl-FG, Confl-BG) redraw the actor colour uniformly, so only motion tells the class
    there; its **unbiased control** training set ``control_train.txt`` (as in the easy
    preset: the same number of clips with both cues uniform, i.e. bias 1/K) shows that motion
    is learnable with the same network and budget; and it adds ``oracle_weights.json``
    (``LoadSampleWeight``: clips with a conflicting cue weigh #aligned / #conflicting), the
    oracle reweighting ceiling.

    Both presets write the unbiased control set (``control_train.txt`` and
    ``control_train_full.json``) from the generator's random stream *after* the training and
    in-distribution clips, and the probing sets draw from per-clip streams, so every other
    file is the same as a generator without the control set wrote for the same seed.

    Deterministic given ``seed``; a directory already holding a complete benchmark with the
    same parameters (``meta.json``) is reused.
    """
    if preset not in PRESETS:
        raise ValueError(f'generate_motion_shapes: preset must be one of {PRESETS}, '
                         f'got {preset!r}.')
    if not 0.0 <= bias <= 1.0:
        raise ValueError(f'generate_motion_shapes: bias must be in [0, 1], got {bias!r}.')
    noise = check_weight(noise, 'generate_motion_shapes: noise',
                         fix='pass the sensor-noise std in grey levels, 0 for none')
    hard = preset == 'hard'
    params = dict(seed=seed, num_train_per_class=num_train_per_class,
                  num_test_per_class=num_test_per_class, bias=bias, size=size,
                  num_frames=num_frames, noise=noise, speed=speed, version=2)
    if hard:
        params.update(preset=preset, hard_version=4)  # 4: control_train_full.json
    else:  # 3: the unbiased control set (a benchmark of version 2 is regenerated: the same
        params['version'] = 3  # files plus the control set)
    meta_path = osp.join(out_dir, 'meta.json')
    files = {name: osp.join(out_dir, f'{name}.{ext}') for name, ext in
             (('train', 'txt'), ('val', 'txt'), ('train_full', 'json'), ('original', 'json'),
              ('scuba', 'json'), ('scufo', 'json'), ('conflfg', 'json'), ('conflbg', 'json'),
              ('scene_labels', 'npz'), ('object_labels', 'npz'))}
    files['actor_boxes'] = osp.join(out_dir, 'actor_boxes')  # a folder
    files['control_train'] = osp.join(out_dir, 'control_train.txt')
    files['control_train_full'] = osp.join(out_dir, 'control_train_full.json')
    if hard:
        files['oracle_weights'] = osp.join(out_dir, 'oracle_weights.json')
    if osp.exists(meta_path):
        with open(meta_path) as f:
            if json.load(f).get('params') == params and all(map(osp.exists, files.values())):
                return files
    rng = np.random.default_rng(seed)
    renderer = MotionShapesRenderer(size=size, num_frames=num_frames, speed=speed,
                                    preset=preset)
    k = len(renderer.classes)
    palettes = renderer.palettes
    entries: Dict[str, List[dict]] = {name: [] for name in
                                      ('train_full', 'original', 'control_train', 'scuba',
                                       'scufo', 'conflfg', 'conflbg')}

    def add(split, rel, label, **extra):
        entries[split].append(dict(filename=rel, label=int(label), **extra))

    total = k * (num_train_per_class * 2 + num_test_per_class * 5)
    done = 0

    def tick():
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    # training and in-distribution sets
    val_specs = []
    # (the control set last: the other sets' clips stay those of the same seed without it)
    splits = [('train_full', num_train_per_class), ('original', num_test_per_class),
              ('control_train', num_train_per_class)]
    for split, per_class in splits:
        for i in range(per_class * k):
            label = i % k
            if hard:
                spec = renderer.sample_spec_hard(rng, label, bias,
                                                 unbiased=split == 'control_train')
                aligned = spec.bg_palette == label and _colour_id(spec, renderer) == label
            elif split == 'control_train':  # shape, colour and background all uniform
                spec = renderer.sample_spec(rng, label, aligned=False)
                aligned = (spec.bg_palette == spec.actor_shape == _colour_id(spec, renderer)
                           == label)
            else:
                aligned = rng.random() < bias
                spec = renderer.sample_spec(rng, label, aligned)
            crng = np.random.default_rng(spec.seed)
            bg = renderer.texture_background(crng, palettes[spec.bg_palette])
            layers = renderer.actor_layers(spec)
            frames = renderer.add_noise(renderer.composite(bg, [layers]), crng, noise)
            vid = f'{split}_{i:05d}'
            folder = dict(train_full='train', original='val', control_train='control')[split]
            rel = f'{folder}/{vid}.mp4'
            write_video(osp.join(out_dir, rel), frames)
            if split == 'train_full':
                save_detections(osp.join(files['actor_boxes'], rel + '.npz'),
                                **renderer.actor_boxes(layers[1]))
            add(split, rel, label, video_id=vid, pair_id=vid, protocol=(
                'original' if split == 'original' else 'train'), background='seen',
                scene_label=int(spec.bg_palette), object_label=int(
                    _colour_id(spec, renderer) if hard else spec.actor_shape),
                aligned=bool(aligned))
            if split == 'original':
                val_specs.append((vid, spec))
            tick()

    if hard:  # the bias-probing sets redraw the actor colour: only motion tells the class
        val_specs = [(vid, _with_random_colour(spec, renderer)) for vid, spec in val_specs]

    # SCUBA / SCUFO: the val actors on unseen backgrounds
    for vid, spec in val_specs:
        crng = np.random.default_rng(spec.seed + 1)
        source = 'stripes' if crng.random() < 0.5 else 'other'
        if source == 'stripes':
            bg = renderer.stripe_background(crng)
        else:
            bg = renderer.texture_background(
                crng, renderer.unseen_palettes[crng.integers(len(renderer.unseen_palettes))])
        frames = renderer.add_noise(
            renderer.composite(bg, [renderer.actor_layers(spec)]), crng, noise)
        pair = f'{vid}_bg0'
        rel = f'scuba/{pair}.mp4'
        write_video(osp.join(out_dir, rel), frames)
        add('scuba', rel, spec.label, video_id=vid, pair_id=pair, protocol='scuba',
            background=source)
        tick()
        still = still_clip(frames, 'middle')
        rel = f'scufo/{pair}.mp4'
        write_video(osp.join(out_dir, rel), still)
        add('scufo', rel, spec.label, video_id=vid, pair_id=pair, protocol='scufo',
            background=source)
        tick()

    # Confl-FG: moving actor of A + static actor of another class B on stripes
    by_label = {c: [s for _, s in val_specs if s.label == c] for c in range(k)}
    for vid, spec in val_specs:
        crng = np.random.default_rng(spec.seed + 2)
        other = int((spec.label + crng.integers(1, k)) % k)
        static_spec = by_label[other][int(crng.integers(len(by_label[other])))]
        # place the static actor away from the moving one's middle position
        lo, hi = renderer.centre_range
        static_centre = np.where(spec.centre < (lo + hi) / 2, spec.centre + (hi - lo) / 2,
                                 spec.centre - (hi - lo) / 2).astype(np.float32)
        static_spec = ClipSpec(**{**static_spec.__dict__, 'centre': static_centre})
        bg = renderer.stripe_background(crng)
        frames = renderer.composite(bg, [renderer.actor_layers(static_spec, static=True),
                                         renderer.actor_layers(spec)])
        frames = renderer.add_noise(frames, crng, noise)
        rel = f'conflfg/{vid}_fg.mp4'
        write_video(osp.join(out_dir, rel), frames)
        add('conflfg', rel, spec.label, video_id=vid, pair_id=f'{vid}_fg', protocol='conflfg',
            background='stripes', static_label=other)
        tick()

    # Confl-BG: the original clip with its background replaced by the training palette of
    # another class B (actor and motion unchanged)
    for vid, spec in val_specs:
        crng = np.random.default_rng(spec.seed + 3)
        other = int((spec.label + crng.integers(1, k)) % k)
        bg = renderer.texture_background(crng, palettes[other])
        frames = renderer.add_noise(
            renderer.composite(bg, [renderer.actor_layers(spec)]), crng, noise)
        rel = f'conflbg/{vid}_bg.mp4'
        write_video(osp.join(out_dir, rel), frames)
        add('conflbg', rel, spec.label, video_id=vid, pair_id=f'{vid}_bg', protocol='conflbg',
            background='seen', static_label=other)
        tick()

    for name in ('train_full', 'original', 'scuba', 'scufo', 'conflfg', 'conflbg'):
        with atomic_write(files[name]) as tmp, open(tmp, 'w') as f:
            json.dump(entries[name], f, indent=0)
    with atomic_write(files['control_train_full']) as tmp, open(tmp, 'w') as f:
        json.dump(entries['control_train'], f, indent=0)
    lists = [('train', 'train_full'), ('val', 'original'), ('control_train', 'control_train')]
    for name, split in lists:
        with atomic_write(files[name]) as tmp, open(tmp, 'w') as f:
            f.writelines(f"{e['filename']} {e['label']}\n" for e in entries[split])
    if hard:  # oracle group weights (LoadSampleWeight): conflicting clips balance the rest
        train = entries['train_full']
        conflicting = sum(not e['aligned'] for e in train)
        factor = (len(train) - conflicting) / max(conflicting, 1)
        with atomic_write(files['oracle_weights']) as tmp, open(tmp, 'w') as f:
            json.dump({e['filename']: 1.0 if e['aligned'] else factor for e in train}, f,
                      indent=0)
    # the static aspects of the training clips as (one-hot) pseudo-label files, the format
    # LoadAspectLabels reads (keys relative to out_dir): the "scene" of SDN / SMAD is the
    # background palette, SMAD's "object" the actor's shape
    train_videos = [e['filename'] for e in entries['train_full']]
    object_names = tuple(f'colour{i}' for i in range(k)) if hard else SHAPES
    for name, key, classes in (('scene_labels', 'scene_label', renderer.palette_names),
                               ('object_labels', 'object_label', object_names)):
        ids = np.array([e[key] for e in entries['train_full']])
        save_pseudo_labels(files[name], train_videos, np.eye(len(classes))[ids], classes)
    with atomic_write(meta_path) as tmp, open(tmp, 'w') as f:  # last: marks it complete
        json.dump(dict(params=params, classes=renderer.classes, shapes=SHAPES), f, indent=1)
    return files


def _colour_id(spec: ClipSpec, renderer: MotionShapesRenderer) -> int:
    """Index of the actor colour a (jittered) colour was drawn from."""
    return int(np.argmin(np.abs(renderer.actor_colours - spec.actor_colour).sum(axis=1)))


def _with_random_colour(spec: ClipSpec, renderer: MotionShapesRenderer) -> ClipSpec:
    crng = np.random.default_rng(spec.seed + 4)
    colour_id = int(crng.integers(len(renderer.actor_colours)))
    colour = np.clip(renderer.actor_colours[colour_id] + crng.normal(0, 12, 3), 0, 255)
    return ClipSpec(**{**spec.__dict__, 'actor_colour': colour})
