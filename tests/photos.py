"""Synthetic phone photos of handwritten digits, made from the shipped MNIST digits.

A digit is drawn as smooth pen ink on textured paper, then lit unevenly, shadowed,
tinted, given sensor noise, a table edge and specks, rotated with a matching EXIF
orientation tag and saved as a JPEG: each effect can be switched on alone, so a test
can tell which one a loader fails on. Everything is seeded and deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

BLACK_INK = (0.08, 0.08, 0.09)
BLUE_INK = (0.10, 0.16, 0.48)  # a ballpoint's dark blue
WHITE_PAPER = (0.96, 0.96, 0.96)
CREAM_PAPER = (0.95, 0.91, 0.80)
WARM_CAST = (1.0, 0.86, 0.66)  # indoor tungsten light
ORIENTATIONS = (1, 6, 8, 3)
# What exif_transpose does for each tag, inverted: the stored pixels are the upright
# ones turned the other way, as a phone held sideways stores them.
_STORE = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90}
_STORE[8] = Image.Transpose.ROTATE_270


@dataclass(frozen=True)
class Look:
    """Which photo effects are on; the default is a flat, clean scan."""

    ink: tuple[float, float, float] = BLACK_INK
    paper: tuple[float, float, float] = WHITE_PAPER
    cast: tuple[float, float, float] = (1.0, 1.0, 1.0)
    grain: float = 0.0  # paper texture, as a fraction of its brightness
    gradient: float = 0.0  # brightness lost from one side of the page to the other
    shadow: float = 0.0  # brightness lost in the shadowed part (0.5: half as bright)
    noise: float = 0.0  # sensor noise, standard deviation in [0, 1] units
    table: bool = False  # a dark strip of table along one border
    specks: int = 0
    orientation: int = 1  # EXIF tag 274
    quality: int = 85


SCAN = Look()
PHOTO = Look(
    ink=BLUE_INK,
    paper=CREAM_PAPER,
    cast=WARM_CAST,
    grain=0.03,
    gradient=0.25,
    shadow=0.5,
    noise=0.025,
    table=True,
    specks=5,
)


def _smooth_noise(rng: np.random.Generator, shape: tuple[int, int], cells: int) -> np.ndarray:
    """Low-frequency noise in about [-1, 1]: a coarse random grid, bicubically upscaled."""
    coarse = rng.uniform(-1, 1, (cells, cells)).astype(np.float32)
    big = Image.fromarray(coarse, mode="F").resize(shape[::-1], Image.BICUBIC)
    return np.asarray(big)


def _pen_strokes(digit: np.ndarray, side: int) -> np.ndarray:
    """A 28x28 MNIST digit as ink coverage at ``side`` x ``side``, crisp but soft-edged."""
    image = Image.fromarray((digit.reshape(28, 28) * 255).astype(np.uint8))
    big = image.resize((side, side), Image.BICUBIC).filter(ImageFilter.GaussianBlur(side / 120))
    coverage = np.asarray(big, dtype=np.float32) / 255
    # A pen either inks the paper or does not: sharpen MNIST's grey ramps into strokes.
    return np.clip((coverage - 0.25) / 0.3, 0.0, 1.0)


def render(digit: np.ndarray, look: Look, seed: int, height: int = 1600) -> Image.Image:
    """The upright RGB photo of ``digit`` (784 floats in [0, 1]) with ``look``'s effects."""
    rng = np.random.default_rng(seed)
    h, w = height, height * 3 // 4
    ys, xs = (np.mgrid[0:h, 0:w] / h).astype(np.float32)

    # The digit, some 35-50 % of the page high (MNIST's 28x28 frame around it), off centre.
    side = int(h * rng.uniform(0.35, 0.5) * 28 / 20)
    top = int(np.clip((h - side) / 2 + rng.uniform(-0.1, 0.1) * h, 0, h - side))
    left = int(np.clip((w - side) / 2 + rng.uniform(-0.1, 0.1) * w, 0, w - side))
    coverage = np.zeros((h, w), np.float32)
    coverage[top : top + side, left : left + side] = _pen_strokes(digit, side)
    for _ in range(look.specks):  # dust and pencil dots, away from the digit
        cy, cx = rng.uniform(0.05, 0.95) * h, rng.uniform(0.05, 0.95) * w
        if top - 20 < cy < top + side + 20 and left - 20 < cx < left + side + 20:
            continue
        r = rng.uniform(0.002, 0.005) * h
        y0, x0 = int(cy - r), int(cx - r)
        dy, dx = np.mgrid[y0 : int(cy + r) + 1, x0 : int(cx + r) + 1]
        dot = coverage[y0 : y0 + dy.shape[0], x0 : x0 + dx.shape[1]]
        dot[...] = np.maximum(dot, ((dy - cy) ** 2 + (dx - cx) ** 2 < r * r) * 0.9)

    paper = np.array(look.paper, np.float32) * (
        1 + look.grain * _smooth_noise(rng, (h, w), 24)[..., None]
    )
    paper *= 1 + look.grain / 2 * rng.standard_normal((h, w, 1), np.float32)
    rgb = paper * (1 - coverage[..., None]) + np.array(look.ink, np.float32) * coverage[..., None]

    if look.table:  # the page ends a little before one side, slightly askew
        edge = rng.uniform(0.04, 0.08) + rng.uniform(-0.02, 0.02) * (ys - 0.5)
        side_x = xs * h / w if rng.random() < 0.5 else 1 - xs * h / w
        table = np.clip((edge - side_x) * 400, 0, 1)[..., None]
        rgb = rgb * (1 - table) + np.array([0.22, 0.16, 0.11], np.float32) * table

    angle = rng.uniform(0, 2 * np.pi)
    along = np.cos(angle) * xs + np.sin(angle) * ys
    light = 1 - look.gradient * (along - along.min()) / np.ptp(along)
    if look.shadow:  # a soft-edged shadow (a hand, a phone) over part of the page
        angle = rng.uniform(0, 2 * np.pi)
        across = np.cos(angle) * (xs - w / h / 2) + np.sin(angle) * (ys - 0.5)
        offset, softness = rng.uniform(-0.15, 0.15), rng.uniform(0.02, 0.05)
        light *= 1 - look.shadow / (1 + np.exp(-(across - offset) / softness))
    rgb *= light[..., None] * np.array(look.cast, np.float32)
    rgb += look.noise * rng.standard_normal(rgb.shape, np.float32)
    return Image.fromarray(np.round(np.clip(rgb, 0, 1) * 255).astype(np.uint8), mode="RGB")


def save_photo(image: Image.Image, path: Path, look: Look) -> Path:
    """Save the upright ``image`` as a phone would: pixels as held, plus the EXIF tag."""
    stored = (
        image if _STORE[look.orientation] is None else image.transpose(_STORE[look.orientation])
    )
    exif = Image.Exif()
    exif[274] = look.orientation
    stored.save(path, quality=look.quality, exif=exif.tobytes())
    return path


def photo(digit: np.ndarray, look: Look, seed: int, path: Path, height: int = 1600) -> Path:
    """Render ``digit`` with ``look`` and save it to ``path`` (a .jpg, or .png for a scan)."""
    return save_photo(render(digit, look, seed, height), path, look)


def class_of_two(folder: Path) -> Path:
    """``folder`` holding ana's and ben's digits, the first two held-out ones, as scans
    named ``<label>_<name>.png``: a class whose students each have a digit of their own."""
    from nncore import data

    images, labels = data.load_mnist()
    folder.mkdir()
    for i, name in zip(data.split()[1][:2], ("ana", "ben")):
        pixels = np.round(images[i].reshape(28, 28) * 255).astype(np.uint8)
        Image.fromarray(pixels).save(folder / f"{labels[i]}_{name}.png")
    return folder
