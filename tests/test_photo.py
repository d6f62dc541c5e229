"""Phone photos of handwritten digits: read right despite light, colour, specks and size.

The photos are synthesised from held-out MNIST digits (tests/photos.py), one effect
at a time and then all together; "read right" means the trained network's
prediction from :func:`nncore.data.load_image` is the digit's label.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import photos
import pytest
from PIL import Image, ImageDraw

from nncore import data
from nncore.errors import InputError
from nncore.train import trained_network

NNEXPLAIN = Path(sys.executable).with_name("nnexplain")


@pytest.fixture(scope="module")
def digits(tmp_path_factory) -> list[int]:
    """The first 20 held-out digits that the network reads right from a flat scan of them."""
    images, labels = data.load_mnist()
    folder, chosen = tmp_path_factory.mktemp("scans"), []
    for index in data.split()[1]:
        scan = photos.photo(images[index], photos.SCAN, 0, folder / f"{index}.png", height=1000)
        if read(data.load_image(scan)) == labels[index]:
            chosen.append(int(index))
        if len(chosen) == 20:
            return chosen
    raise AssertionError("fewer than 20 held-out digits are read right as scans")


def read(x: np.ndarray) -> int:
    return int(np.argmax(trained_network().feedforward(x).output))


def correlation(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


EFFECTS = {
    "exif 6": photos.Look(orientation=6),
    "exif 8": photos.Look(orientation=8),
    "exif 3": photos.Look(orientation=3),
    "shadow": photos.Look(shadow=0.6, noise=0.01),
    "uneven light": photos.Look(gradient=0.4, noise=0.01),
    "colour cast": photos.Look(paper=photos.CREAM_PAPER, cast=photos.WARM_CAST, grain=0.03),
    "blue ink": photos.Look(ink=photos.BLUE_INK),
    "noise": photos.Look(noise=0.04, quality=70),
    "specks and table": photos.Look(specks=8, table=True),
}


@pytest.mark.parametrize("effect", EFFECTS)
def test_one_effect_alone(tmp_path, digits, effect):
    images, labels = data.load_mnist()
    look = EFFECTS[effect]
    for n, index in enumerate(digits[:4]):
        path = photos.photo(images[index], look, seed=n, path=tmp_path / f"{n}.jpg", height=1500)
        x = data.load_image(path)
        assert read(x) == labels[index], (effect, index)
        # Not just the right answer: the same picture as the scan.
        assert correlation(x, images[index]) > 0.8, (effect, index)


def test_phone_photos_are_read_right(tmp_path, digits):
    """All effects at once, every EXIF orientation: at least 16 of 20 read right."""
    images, labels = data.load_mnist()
    right = []
    for n, index in enumerate(digits):
        look = replace(photos.PHOTO, orientation=photos.ORIENTATIONS[n % 4])
        path = photos.photo(images[index], look, seed=100 + n, path=tmp_path / f"{n}.jpg")
        right.append(read(data.load_image(path)) == labels[index])
    assert sum(right) >= 16, right


def test_scans_still_read_exactly_as_before(tmp_path, digits):
    """A flat scan (white paper, black ink, PNG) gives what MNIST's digit gives."""
    images, _ = data.load_mnist()
    for n, index in enumerate(digits[:3]):
        x = data.load_image(photos.photo(images[index], photos.SCAN, n, tmp_path / f"{n}.png"))
        assert correlation(x, images[index]) > 0.9


def test_a_blank_photo_looks_blank(tmp_path):
    # Without the table: a lone page edge is kept as a digit cropped tight would be.
    look = replace(photos.PHOTO, specks=0, table=False)
    path = photos.photo(np.zeros(784), look, seed=3, path=tmp_path / "page.jpg")
    with pytest.raises(InputError, match="looks blank"):
        data.load_image(path)


def test_a_big_photo_is_shrunk_before_it_is_analysed(tmp_path, digits):
    images, labels = data.load_mnist()
    index = digits[0]
    look = photos.Look(orientation=6, shadow=0.5, noise=0.01)
    small = photos.render(images[index], look, seed=7, height=800)
    path = photos.save_photo(small.resize((3000, 4000), Image.BICUBIC), tmp_path / "12mp.jpg", look)
    with Image.open(path) as stored:
        assert stored.size == (4000, 3000)  # as held: sideways
    opened = data._open(path)
    assert opened.size == (data.ANALYSIS_SIDE * 3 // 4, data.ANALYSIS_SIDE)  # upright, small
    assert read(data.load_image(path)) == labels[index]


def test_light_on_dark_and_transparent_drawings_at_photo_size(tmp_path, digits):
    images, labels = data.load_mnist()
    index = digits[1]
    strokes = Image.fromarray(np.uint8(images[index].reshape(28, 28) * 255))
    strokes = strokes.resize((1400, 1400), Image.BICUBIC)
    strokes.convert("RGB").save(tmp_path / "white_on_black.png")  # a paint program's
    canvas = Image.new("RGBA", strokes.size, (20, 40, 200, 0))
    canvas.putalpha(strokes)
    canvas.save(tmp_path / "canvas.png")
    for name in ("white_on_black.png", "canvas.png"):
        x = data.load_image(tmp_path / name)
        assert read(x) == labels[index] and correlation(x, images[index]) > 0.9, name


def huge_png(path: Path, width: int, height: int) -> Path:
    """A valid black 1-bit PNG of any size, written row by row: a few kB on disk."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return len(body).to_bytes(4, "big") + kind + body + crc.to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    packer, row = zlib.compressobj(9), bytes(1 + (width + 7) // 8)  # filter byte + pixels
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
    path.write_bytes(png + chunk(b"IEND", b""))
    return path


# 400 MP is past Pillow's own limit, 120 MP past its warning; 40000 px is too long a side.
HUGE = {"bomb": (20000, 20000, "400 megapixels"), "warned": (12000, 10000, "12000x10000")}
HUGE["too long"] = (40000, 100, "40000x100")


@pytest.mark.parametrize("case", HUGE)
def test_huge_images_are_refused_in_one_line(tmp_path, case):
    width, height, size = HUGE[case]
    path = huge_png(tmp_path / "huge.png", width, height)
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match="too large") as error:
        data.load_image(path)
    assert size in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize("case", ["bomb", "warned"])
def test_a_decompression_bomb_through_the_cli(tmp_path, case):
    width, height, size = HUGE[case]
    path = huge_png(tmp_path / "bomb.png", width, height)
    result = subprocess.run(
        [str(NNEXPLAIN), "inspect", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "error:" in lines[0] and size in lines[0], result.stderr


def test_a_long_path_gives_a_short_error(tmp_path):
    folder = tmp_path / ("d" * 120) / ("e" * 120)
    folder.mkdir(parents=True)
    (folder / "notes.png").write_text("not an image")
    Image.new("L", (50, 50), 255).save(folder / "blank.png")
    cases = {"missing.png": "no such file", "notes.png": "not a readable", "blank.png": "blank"}
    for name, message in cases.items():
        assert len(str(folder / name)) > 200
        with pytest.raises(InputError, match=message) as error:
            data.load_image(folder / name)
        assert len(str(error.value)) < 200 and "..." in str(error.value), str(error.value)
    with pytest.raises(InputError, match="mnist:INDEX") as error:
        data.load_digit("mnist:" + "x" * 300)
    assert len(str(error.value)) < 200


def test_short_keeps_both_ends():
    assert data._short("short") == "short"
    cut = data._short("/home/" + "a" * 200 + "/my_seven.png")
    assert len(cut) == 80 and cut.startswith("/home/aaa") and cut.endswith("my_seven.png")


def test_preview_shows_the_image_beside_what_the_network_reads(tmp_path, digits):
    images, _ = data.load_mnist()
    look = photos.Look(orientation=8, shadow=0.5)
    path = photos.photo(images[digits[2]], look, seed=1, path=tmp_path / "p.jpg")
    out = data.preview(path, tmp_path / "preview.png")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.jpg", "preview.png"]  # no tmp file
    sheet = np.asarray(Image.open(out).convert("L"), dtype=np.float64)
    height = data.PREVIEW_HEIGHT
    assert sheet.shape[0] > height
    # The right-hand square is the 28x28 input, each pixel a 10x10 block.
    gap = (sheet.shape[0] - height) // 2
    seen = sheet[gap : gap + height, -gap - height : -gap]
    expected = np.round(data.load_image(path).reshape(28, 28) * 255)
    np.testing.assert_array_equal(seen[5::10, 5::10], expected)
    # The original, upright (portrait), to its left.
    assert sheet.shape[1] - 3 * gap - height == round(height * 3 / 4)


def test_preview_of_a_shipped_digit_and_a_bad_target(tmp_path):
    out = data.preview("mnist:4500", tmp_path / "mnist.png")
    with Image.open(out) as sheet:
        assert sheet.height == data.PREVIEW_HEIGHT + 40
    with pytest.raises(InputError, match="does not exist"):
        data.preview("mnist:4500", tmp_path / "no" / "such" / "folder.png")
    drawing = Image.new("RGB", (400, 400), "white")
    ImageDraw.Draw(drawing).line([(110, 90), (290, 90), (190, 330)], fill="black", width=28)
    drawing.save(tmp_path / "seven.png")
    data.preview(tmp_path / "seven.png", tmp_path / "mnist.png")  # replaces the old one
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mnist.png", "seven.png"]
