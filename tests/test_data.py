"""The shipped MNIST digits and MNIST-style preprocessing of a user's own image."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from nncore import data
from nncore.errors import InputError


def save(array: np.ndarray, path, mode: str = "L") -> None:
    Image.fromarray(np.asarray(array, dtype=np.uint8), mode=mode).save(path)


def digit_uint8(index: int) -> np.ndarray:
    return np.round(data.mnist_digit(index)[0] * 255).astype(np.uint8).reshape(28, 28)


def center_of_mass(x: np.ndarray) -> tuple[float, float]:
    img = x.reshape(28, 28)
    ys, xs = np.indices(img.shape)
    return (ys * img).sum() / img.sum(), (xs * img).sum() / img.sum()


def test_shipped_digits_are_real_mnist():
    images, labels = data.load_mnist()
    assert images.shape == (5000, 784) and labels.shape == (5000,)
    assert images.min() == 0 and images.max() == 1
    assert np.bincount(labels).tolist() == [500] * 10
    assert data.sha256(data.MNIST_PATH) == data.MNIST_SHA256


def test_split_is_fixed_and_disjoint():
    train, test = data.split()
    assert len(train) == 4000 and len(test) == 1000
    assert len(np.union1d(train, test)) == 5000
    order = np.random.default_rng(data.SPLIT_SEED).permutation(5000)
    assert np.array_equal(np.concatenate([train, test]), order)
    # shuffled: every class is in the test set
    assert len(np.unique(data.load_mnist()[1][test])) == 10


def test_mnist_spec_and_bad_indices():
    x, label = data.load_digit("mnist:4500")
    assert label == 9 and x.shape == (784,)
    for spec in ("mnist:5000", "mnist:-1", "mnist:nine"):
        with pytest.raises(InputError, match="mnist:"):
            data.load_digit(spec)


@pytest.mark.parametrize("index", [0, 1234, 2345, 4500])
def test_shipped_digit_round_trips_through_png(tmp_path, index):
    path = tmp_path / "digit.png"
    save(digit_uint8(index), path)
    x = data.load_image(path)
    np.testing.assert_allclose(x, data.mnist_digit(index)[0], atol=1 / 255 + 1e-12)


def test_dark_on_light_is_inverted_and_rgb_is_read(tmp_path):
    path = tmp_path / "paper.png"
    save(np.stack([255 - digit_uint8(4500)] * 3, axis=-1), path, mode="RGB")
    np.testing.assert_allclose(
        data.load_image(path), data.mnist_digit(4500)[0], atol=1 / 255 + 1e-12
    )


def test_drawing_on_a_transparent_canvas(tmp_path):
    rgba = np.zeros((28, 28, 4), np.uint8)
    rgba[..., :3] = (200, 30, 30)  # red ink: its colour does not matter, its opacity does
    rgba[..., 3] = digit_uint8(2345)
    save(rgba, tmp_path / "canvas.png", mode="RGBA")
    np.testing.assert_allclose(
        data.load_image(tmp_path / "canvas.png"), data.mnist_digit(2345)[0], atol=1 / 255 + 1e-12
    )


def test_off_centre_large_digit_is_fitted_and_recentred(tmp_path):
    big = np.asarray(Image.fromarray(digit_uint8(4500)).resize((140, 140), Image.BILINEAR))
    canvas = np.zeros((300, 400), np.uint8)
    canvas[5:145, 250:390] = big  # top right corner
    save(canvas, tmp_path / "corner.png")
    x = data.load_image(tmp_path / "corner.png")
    cy, cx = center_of_mass(x)
    assert abs(cy - 14) <= 0.5 and abs(cx - 14) <= 0.5
    rows = np.nonzero(x.reshape(28, 28).any(axis=1))[0]
    cols = np.nonzero(x.reshape(28, 28).any(axis=0))[0]
    assert max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1 == 20  # fitted into the 20x20 box
    assert np.corrcoef(x, data.mnist_digit(4500)[0])[0, 1] > 0.9


def test_jpeg_noise_is_background(tmp_path):
    path = tmp_path / "scan.jpg"
    Image.fromarray(255 - digit_uint8(1234)).resize((280, 280)).save(path, quality=60)
    x = data.load_image(path)
    assert np.corrcoef(x, data.mnist_digit(1234)[0])[0, 1] > 0.9
    assert x.reshape(28, 28)[:3].max() == 0  # no speckle in the empty rows


def test_bad_images(tmp_path):
    (tmp_path / "notes.png").write_text("not an image")
    save(np.full((50, 50), 255), tmp_path / "blank.png")
    save(np.full((1, 1), 255), tmp_path / "dot.png")
    cases = {
        tmp_path / "missing.png": "no such file",
        tmp_path / "notes.png": "not a readable image",
        tmp_path / "blank.png": "looks blank",
        tmp_path / "dot.png": "1x1 pixels",
        tmp_path: "is a folder",
    }
    for path, message in cases.items():
        with pytest.raises(InputError, match=message):
            data.load_image(path)
