"""Concept 2: the layers light up with the trained network's real activations."""

from __future__ import annotations

import numpy as np
from scenetools import by_label, render_numbers

from nncore import data
from nncore.train import trained_network
from scenes.network import HiddenLayers
from scenes.story import STORY_DIGIT


def test_activations_and_prediction_are_nncores(tmp_path):
    numbers = by_label(render_numbers(HiddenLayers, tmp_path))
    net = trained_network()
    x, label = data.load_digit(STORY_DIGIT)
    forward = net.feedforward(x)
    assert [numbers[f"layer {l} size"] for l in range(4)] == [784, 16, 16, 10]
    for layer, a in enumerate(forward.activations):
        np.testing.assert_array_equal(numbers[f"a{layer}"], a)
    for d in range(10):
        assert numbers[f"output {d}"] == forward.output[d]
    assert numbers["prediction"] == int(np.argmax(forward.output)) == label
    assert numbers["label"] == label
    assert numbers["training digits"] == net.metadata["train_digits"]
    for layer in (1, 2):
        assert numbers[f"lit in layer {layer}"] == int(np.sum(forward.activations[layer] > 0.5))
