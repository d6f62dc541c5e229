"""Concept 1: the input layer shows the real pixel values of the digit."""

from __future__ import annotations

import numpy as np
import pytest
from scenetools import by_label, render_numbers

from nncore import data
from scenes.input_layer import STORY_DIGIT, InputLayer
from scenes.mobjects.network import ink_indices


def test_every_number_is_the_digits_own_pixel_value(tmp_path):
    sidecar = render_numbers(InputLayer, tmp_path)
    x, label = data.load_digit(STORY_DIGIT)
    assert sidecar["inputs"] == {"digit": STORY_DIGIT, "label": label}
    numbers = by_label(sidecar)
    assert numbers.pop("grid side") == 28
    assert numbers.pop("input neurons") == 784
    assert numbers.pop("label") == label  # said: "here is a handwritten 9"
    assert numbers, "the scene shows pixel values"
    for name, value in numbers.items():
        pixel = int(name.split()[-1])
        assert value == x[pixel], name
    # the shown neurons are spread through the ink; the sampled values are not all equal
    shown = ink_indices(x)
    assert len(shown) == 16 and np.all(x[shown] > 0) and np.ptp(x[shown]) > 0.5


def test_a_users_digit_replaces_the_story_digit(tmp_path, monkeypatch):
    from PIL import Image

    seven = np.round(data.mnist_digit(3600)[0] * 255).astype(np.uint8).reshape(28, 28)
    Image.fromarray(255 - seven).resize((200, 200)).save(tmp_path / "seven.png")
    monkeypatch.setenv("NNEXPLAIN_DIGIT", str(tmp_path / "seven.png"))
    sidecar = render_numbers(InputLayer, tmp_path / "media")
    x = data.load_image(tmp_path / "seven.png")
    assert sidecar["inputs"]["label"] is None
    for name, value in by_label(sidecar).items():
        if name.startswith(("pixel", "activation")):
            assert value == pytest.approx(x[int(name.split()[-1])], abs=1e-12)
