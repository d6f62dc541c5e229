"""Real handwritten digits: the shipped MNIST subset and a user's own image.

Both end as what the network reads: a 784-vector of activations in [0, 1], one
per pixel of a 28x28 image, row by row.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from nncore import files
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
# A photo is read at this long side: ample for a 20x20 box, and fast whatever the camera.
ANALYSIS_SIDE = 512
# Larger than any camera's picture: past this a file is a mistake or a decompression bomb.
MAX_PIXELS = 100_000_000
MAX_SIDE = 30_000
# A phone's photo is 2-15 MB; an image file past this is not a digit's picture.
MAX_IMAGE_BYTES = 50_000_000
PREVIEW_HEIGHT = 280  # 10 screen pixels per pixel of the 28x28 input
PREVIEW_BACKGROUND = (24, 24, 28)  # dark, yet not the 28x28's own black


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
            raise InputError(
                f"{_short(spec)!r}: expected mnist:INDEX with INDEX a number from 0 to 4999"
            )
        return mnist_digit(int(index))
    return load_image(Path(spec)), None


def load_image(path: Path) -> np.ndarray:
    """A user's digit image (PNG or JPEG, a scan, a drawing or a phone photo) -> the 784-vector.

    The image is turned upright by its EXIF orientation and shrunk to at most
    ``ANALYSIS_SIDE`` pixels. Ink is what is darker than the paper around it (or
    lighter, for a light digit on a dark canvas; or opaque, on a transparent one),
    so shadows, uneven light, tinted paper and coloured ink do not matter. Specks
    and page edges are dropped: only the digit's strokes are kept. Then comes
    MNIST's own preprocessing: the ink is fitted into a 20x20 box keeping its
    aspect ratio, and placed in a 28x28 image with its centre of mass at the centre.

    Parameters
    ----------
    path : Path
        A PNG or JPEG file.

    Returns
    -------
    numpy.ndarray
        784 activations in [0, 1], row by row, ink bright as in MNIST.

    Raises
    ------
    InputError
        The file is missing, not an image, too small, too large, or blank.
    """
    ink = _digit_only(_ink(_open(path), path))
    rows, cols = np.nonzero(ink)
    ink = ink[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    box = _fit_into_box(ink)
    return _center_by_mass(box).ravel()


def preview(path_or_spec: str | Path, out_png: str | Path) -> Path:
    """Write a PNG of the image beside the 28x28 the network reads from it.

    The original (upright, scaled to ``PREVIEW_HEIGHT`` pixels high) is on the
    left, the 28x28 input on the right, scaled up without smoothing to the same
    height so each of its pixels shows as a square, both on a dark background: it
    shows at a glance why a digit was misread (a shadow taken for ink, a digit
    cropped, strokes too faint).

    Parameters
    ----------
    path_or_spec : str or Path
        An image file, or ``"mnist:INDEX"`` for a shipped digit.
    out_png : str or Path
        Where to write the PNG; it is replaced atomically, with mode 0644.

    Returns
    -------
    Path
        ``out_png``.

    Raises
    ------
    InputError
        The input cannot be read (see :func:`load_digit`), or ``out_png`` is not a
        file's name in a folder that exists.
    OSError
        Writing failed (a full disk, say): ``out_png`` is as it was.
    """
    spec, out = str(path_or_spec), Path(out_png)
    files.check_output(out, "preview")
    if not out.parent.is_dir():
        raise InputError(f"{_short(out)}: the folder {_short(out.parent)} does not exist")
    x, _ = load_digit(spec)
    seen = Image.fromarray(np.round(x.reshape(SIDE, SIDE) * 255).astype(np.uint8))
    seen = seen.resize((PREVIEW_HEIGHT, PREVIEW_HEIGHT), Image.NEAREST).convert("RGB")
    original = seen if spec.startswith("mnist:") else _for_display(_open(Path(spec)))
    gap = 20
    size = (original.width + seen.width + 3 * gap, PREVIEW_HEIGHT + 2 * gap)
    sheet = Image.new("RGB", size, PREVIEW_BACKGROUND)
    sheet.paste(original, (gap, gap))
    sheet.paste(seen, (original.width + 2 * gap, gap))
    # Written beside the target and renamed over it: a reader never sees half a PNG,
    # and a device named as the target is refused, never replaced.
    with files.written(out) as f:
        sheet.save(f, format="PNG")
    return out


def _for_display(image: Image.Image) -> Image.Image:
    """``image`` as RGB on the preview's dark background, ``PREVIEW_HEIGHT`` pixels high."""
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, PREVIEW_BACKGROUND)
    flat.paste(rgba, mask=rgba.getchannel("A"))
    # A very wide image is kept at most three times as wide as it is high.
    scale = min(PREVIEW_HEIGHT / flat.height, 3 * PREVIEW_HEIGHT / flat.width)
    size = (max(1, round(flat.width * scale)), max(1, round(flat.height * scale)))
    return flat.resize(size, Image.NEAREST if scale > 1 else Image.LANCZOS)


def _short(text: object, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters, keeping both ends: an error stays one short line."""
    text = str(text)
    if len(text) <= limit:
        return text
    head = (limit - 3) // 2
    return f"{text[:head]}...{text[len(text) - (limit - 3 - head) :]}"


def _open(path: Path) -> Image.Image:
    """The checked image, upright, at most ``ANALYSIS_SIDE`` pixels on its long side."""
    name = _short(path)
    # Checked before opening: a FIFO would block the read forever, a device never end.
    files.regular_input(path, "image", MAX_IMAGE_BYTES)
    try:
        with warnings.catch_warnings():
            # Pillow warns past ~89 MP; the size check below refuses with a clearer line.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # A damaged file's "Corrupt EXIF data" would be more lines: it is judged below.
            warnings.simplefilter("ignore", UserWarning)
            file = Image.open(path)
    except Image.DecompressionBombError as e:
        found = re.search(r"\((\d+) pixels\)", str(e))
        size = f"{int(found[1]) / 1e6:.0f} megapixels" if found else "too many pixels"
        raise InputError(f"{name} has {size}: {_too_large()}") from None
    except UnidentifiedImageError:  # Pillow's message would only repeat the path
        raise InputError(f"{name} is not a readable image (PNG or JPEG)") from None
    except (OSError, ValueError) as e:
        raise InputError(f"{name} is not a readable image (PNG or JPEG): {_short(e, 60)}") from None
    with file:
        w, h = file.size
        if w * h > MAX_PIXELS or max(w, h) > MAX_SIDE:
            raise InputError(f"{name} is {w}x{h} pixels: {_too_large()}")
        if min(w, h) < MIN_IMAGE_SIDE:
            raise InputError(
                f"{name} is {w}x{h} pixels: too small to hold a digit "
                f"(need at least {MIN_IMAGE_SIDE}x{MIN_IMAGE_SIDE})"
            )
        try:
            # A JPEG is decoded at 1/2 to 1/8 scale straight away: a 50 MP photo costs
            # what a 1 MP one does. Everything after this works on a small image.
            file.draft(None, (2 * ANALYSIS_SIDE, 2 * ANALYSIS_SIDE))
            with warnings.catch_warnings():  # a damaged EXIF block: the photo as it is stored
                warnings.simplefilter("ignore", UserWarning)
                image = ImageOps.exif_transpose(file)  # a phone stores a photo as it was held
        except (OSError, ValueError, SyntaxError) as e:
            raise InputError(
                f"{name} is not a readable image (PNG or JPEG): {_short(e, 60)}"
            ) from None
    if image.mode in ("1", "P"):  # shrinking these would drop thin strokes (nearest pixel)
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    image.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE), Image.LANCZOS)
    return image


def _too_large() -> str:
    return (
        f"too large to be a digit's picture (the limit is {MAX_PIXELS // 1_000_000} "
        f"megapixels and {MAX_SIDE:,} pixels a side)"
    )


def _ink(image: Image.Image, path: Path) -> np.ndarray:
    """How much ink each pixel holds, in [0, 1], whatever the image's colours and light."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        alpha = np.asarray(image.convert("RGBA"), dtype=np.float64)[..., 3] / 255.0
        # A drawing on a transparent canvas: the strokes are where it is opaque.
        if alpha.min() < alpha.max():
            return _stretch(alpha, background=0.0, path=path)
    rgb = np.asarray(image.convert("RGB"), dtype=np.float64) / 255.0
    # From here on the paper is light and the ink dark, as with pen on paper.
    if _light_on_dark(rgb):
        rgb = 1.0 - rgb
    paper = _paper(rgb)
    # Ink is how much darker than the paper around it a pixel is, in the channel where
    # it is darkest, relative to the paper's brightness there: a shadow dims paper and
    # ink alike, and blue ink on cream paper stands out most in red, not in grey.
    brightness = np.maximum(paper.max(axis=2), 1e-3)
    darkness = (paper - rgb).max(axis=2) / brightness
    # The paper's own grain and the sensor's noise, robustly: most pixels are paper.
    median = float(np.median(darkness))
    noise = 1.4826 * float(np.median(np.abs(darkness - median)))
    return _stretch(darkness, median + 5 * noise, path)


def _light_on_dark(rgb: np.ndarray) -> bool:
    """Whether the digit is light on a dark background (a paint program's white on black).

    The border is mostly background. Its upper quartile is taken, not its median,
    because a photo's border also has dark table and shadowed paper; and it is
    compared with the image's own range, because a dim photo's paper is still its
    light part.
    """
    gray = rgb @ np.array([0.299, 0.587, 0.114])
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    low, high = np.percentile(gray, [0.5, 99.5])
    return float(np.percentile(border, 75)) < low + 0.25 * (high - low)


def _paper(rgb: np.ndarray) -> np.ndarray:
    """The paper's colour behind every pixel, with the ink taken away.

    A closing made of rank filters (the 90th percentile over a 15x15 square, then
    the 10th) on a copy 64-127 pixels wide removes anything dark that covers less
    than 9/10 of a square an eighth to a quarter of the image wide, which is the ink
    (even MNIST's thick strokes on 28x28), while it keeps lighting gradients and the
    edges of shadows, straight or soft, where they are. Percentiles rather than max
    and min are not fooled by noise.
    """
    h, w, _ = rgb.shape
    factor = max(1, max(h, w) // 64)
    coarse = rgb[: h // factor * factor, : w // factor * factor]
    coarse = coarse.reshape(h // factor, factor, w // factor, factor, 3).mean(axis=(1, 3))
    size = 15
    dilate = ImageFilter.RankFilter(size, size * size * 9 // 10)
    erode = ImageFilter.RankFilter(size, size * size // 10)
    channels = []
    for c in range(3):
        paper = Image.fromarray(coarse[..., c].astype(np.float32), mode="F")
        paper = paper.filter(dilate).filter(erode).resize((w, h), Image.BILINEAR)
        channels.append(np.asarray(paper, dtype=np.float64))
    return np.stack(channels, axis=-1)


def _stretch(values: np.ndarray, background: float, path: Path) -> np.ndarray:
    contrast = values.max() - background
    if contrast < 0.1:
        raise InputError(f"{_short(path)} looks blank: no digit stands out from the background")
    return np.clip((values - background) / contrast, 0.0, 1.0)


def _digit_only(ink: np.ndarray) -> np.ndarray:
    """``ink`` with only the digit's strokes kept (no specks, no page edges), re-stretched.

    The digit is the heaviest connected patch of ink that does not run along the
    image's border, as a table, the page's edge or a shadow does (unless there is
    no other sizeable patch: a drawing cropped tight), with whatever other patches
    lie within or near it (a 5's separate bar, a broken stroke). Small specks near
    it, and everything further away, are dropped.
    """
    labels, count = _components(ink > 0)
    mass = np.bincount(labels.ravel(), ink.ravel(), minlength=count + 1)
    mass[0] = 0.0
    sides = (labels[0], labels[-1], labels[:, 0], labels[:, -1])
    along = np.max([np.bincount(side, minlength=count + 1) / len(side) for side in sides], axis=0)
    inner = (along <= 0.25) & (mass >= 0.1 * mass.max())
    main = int(np.argmax(np.where(inner, mass, -1.0) if inner.any() else mass))
    top, bottom, left, right = _bounding_boxes(labels, count)
    margin = 0.25 * max(bottom[main] - top[main], right[main] - left[main])
    near = (top <= bottom[main] + margin) & (bottom >= top[main] - margin)
    near &= (left <= right[main] + margin) & (right >= left[main] - margin)
    inside = (top >= top[main]) & (bottom <= bottom[main])
    inside &= (left >= left[main]) & (right <= right[main])
    keep = near & ((mass >= 0.01 * mass[main]) | inside) & (along <= 0.25 if inner[main] else True)
    kept = np.where(keep[labels] & (labels > 0), ink, 0.0)
    # A dropped speck or edge may have been the darkest thing in the image.
    return kept / kept.max()


def _bounding_boxes(labels: np.ndarray, count: int) -> tuple[np.ndarray, ...]:
    """``(top, bottom, left, right)`` of each label 0..count, inclusive."""
    ys, xs = np.nonzero(labels)
    found = labels[ys, xs]
    boxes = [np.full(count + 1, labels.shape[0]), np.full(count + 1, -1)]
    boxes += [np.full(count + 1, labels.shape[1]), np.full(count + 1, -1)]
    for box, reduce, coords in zip(boxes, (np.minimum, np.maximum) * 2, (ys, ys, xs, xs)):
        reduce.at(box, found, coords)
    return tuple(boxes)


def _components(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """The 8-connected patches of ``mask``: ``(labels, count)``, labels 1..count, 0 off mask.

    Works on runs of pixels along rows, joined where runs on neighbouring rows touch
    (a union-find), so a photo's few thousand runs cost milliseconds in Python.
    """
    h, w = mask.shape
    edges = np.diff(np.pad(mask, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows, starts = np.nonzero(edges == 1)
    stops = np.nonzero(edges == -1)[1]  # one past each run's end, in the same order
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first = np.searchsorted(rows, np.arange(h + 1)).tolist()
    starts_, stops_ = starts.tolist(), stops.tolist()
    for y in range(1, h):
        i, j = first[y - 1], first[y]
        while i < first[y] and j < first[y + 1]:
            # Runs on neighbouring rows touch, diagonally too, when they overlap by a pixel.
            if starts_[i] <= stops_[j] and starts_[j] <= stops_[i]:
                parent[root(i)] = root(j)
            if stops_[i] < stops_[j]:
                i += 1
            else:
                j += 1
    roots = np.array([root(i) for i in range(len(rows))], dtype=np.int64)
    _, run_label = np.unique(roots, return_inverse=True)
    labels = np.zeros((h, w), dtype=np.int64)
    for y, start, stop, label in zip(rows.tolist(), starts_, stops_, (run_label + 1).tolist()):
        labels[y, start:stop] = label
    return labels, int(run_label.max()) + 1 if len(rows) else 0


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
