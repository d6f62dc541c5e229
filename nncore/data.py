"""Real handwritten digits: the shipped MNIST subset and a user's own image.

Both end as what the network reads: a 784-vector of activations in [0, 1], one
per pixel of a 28x28 image, row by row.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError

from nncore.errors import InputError

ASSETS = Path(__file__).resolve().parent / "assets"
MNIST_PATH = ASSETS / "mnist_5k.npz"
# sha256 of the committed asset, written by scripts/make_mnist_subset.py.
MNIST_SHA256 = "970702d994c498f4ed47376383483ffa572089f72cd489dad1f40f362dbc14bf"

SPLIT_SEED = 2017
N_TRAIN = 4000  # the remaining 1,000 digits are the held-out test set

SIDE = 28  # MNIST images are 28x28 ...
BOX = 20  # ... with the digit fitted into a 20x20 box inside them
MIN_IMAGE_SIDE = 8


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def load_mnist() -> tuple[np.ndarray, np.ndarray]:
    """The 5,000 shipped digits as ``(images (5000, 784) float64 in [0, 1], labels (5000,))``.

    They are 500 per class, sorted by label; :func:`split` shuffles them.
    """
    digest = sha256(MNIST_PATH)
    if digest != MNIST_SHA256:
        raise InputError(f"{MNIST_PATH} is damaged: sha256 {digest}, expected {MNIST_SHA256}")
    with np.load(MNIST_PATH, allow_pickle=False) as f:
        images, labels = f["images"], f["labels"]
    return images.astype(np.float64) / 255.0, labels.astype(np.int64)


@cache
def split() -> tuple[np.ndarray, np.ndarray]:
    """Fixed, seeded indices ``(train (4000,), test (1000,))`` into :func:`load_mnist`."""
    order = np.random.default_rng(SPLIT_SEED).permutation(len(load_mnist()[1]))
    return order[:N_TRAIN], order[N_TRAIN:]


def mnist_digit(index: int) -> tuple[np.ndarray, int]:
    """Shipped digit ``index`` (0-4999) as ``(x (784,), label)``."""
    images, labels = load_mnist()
    if not 0 <= index < len(labels):
        raise InputError(
            f"mnist:{index} does not exist: shipped digits are mnist:0 to mnist:{len(labels) - 1}"
        )
    return images[index], int(labels[index])


def load_digit(spec: str) -> tuple[np.ndarray, int | None]:
    """``"mnist:INDEX"`` or an image path -> ``(x (784,), label or None)``."""
    if spec.startswith("mnist:"):
        index = spec.removeprefix("mnist:")
        if not index.isdigit():
            raise InputError(f"{spec!r}: expected mnist:INDEX with INDEX a number from 0 to 4999")
        return mnist_digit(int(index))
    return load_image(Path(spec)), None


def load_image(path: Path) -> np.ndarray:
    """A user's digit image (PNG or JPEG, any size and colours) -> the 784-vector.

    Applies MNIST's own preprocessing: the ink is found (light digit on dark or
    dark on light), fitted into a 20x20 box keeping its aspect ratio, and placed
    in a 28x28 image so that its centre of mass is at the centre.
    """
    ink = _ink(_open(path), path)
    rows, cols = np.nonzero(ink)
    ink = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    box = _fit_into_box(ink)
    return _center_by_mass(box).ravel()


def _open(path: Path) -> Image.Image:
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not an image")
    try:
        image = Image.open(path)
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as e:
        raise InputError(f"{path} is not a readable image (PNG or JPEG): {e}") from None
    if min(image.size) < MIN_IMAGE_SIDE:
        w, h = image.size
        raise InputError(
            f"{path} is {w}x{h} pixels: too small to hold a digit "
            f"(need at least {MIN_IMAGE_SIDE}x{MIN_IMAGE_SIDE})"
        )
    return image


def _ink(image: Image.Image, path: Path) -> np.ndarray:
    """How much ink each pixel holds, in [0, 1], whatever the image's colours."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        alpha = np.asarray(image.convert("RGBA"), dtype=np.float64)[..., 3] / 255.0
        # A drawing on a transparent canvas: the strokes are where it is opaque.
        if alpha.min() < alpha.max():
            return _stretch(alpha, background=0.0, path=path)
    gray = np.asarray(image.convert("L"), dtype=np.float64) / 255.0
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    # Dark on light (pen on paper) is inverted so that ink is bright, as in MNIST.
    if background > 0.5:
        gray, border, background = 1.0 - gray, 1.0 - border, 1.0 - background
    # Pixels no brighter than the border's own noise (JPEG, paper grain) are background.
    noise = float(np.percentile(np.abs(border - background), 95))
    return _stretch(gray, background + noise, path)


def _stretch(values: np.ndarray, background: float, path: Path) -> np.ndarray:
    contrast = values.max() - background
    if contrast < 0.1:
        raise InputError(f"{path} looks blank: no digit stands out from the background")
    return np.clip((values - background) / contrast, 0.0, 1.0)


def _fit_into_box(ink: np.ndarray) -> np.ndarray:
    """Scale so the longer side is 20 pixels, keeping the aspect ratio (antialiased)."""
    h, w = ink.shape
    if max(h, w) == BOX:
        return ink
    scale = BOX / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    resized = Image.fromarray(ink.astype(np.float32), mode="F").resize(size, Image.LANCZOS)
    return np.clip(np.asarray(resized, dtype=np.float64), 0.0, 1.0)


def _center_by_mass(box: np.ndarray) -> np.ndarray:
    """Place ``box`` in a 28x28 image with its centre of mass at the centre."""
    h, w = box.shape
    ys, xs = np.indices(box.shape)
    mass = box.sum()
    top = int(np.clip(round(SIDE / 2 - (ys * box).sum() / mass), 0, SIDE - h))
    left = int(np.clip(round(SIDE / 2 - (xs * box).sum() / mass), 0, SIDE - w))
    out = np.zeros((SIDE, SIDE))
    out[top : top + h, left : left + w] = box
    return out
