"""Concept 3: one neuron's real weights, the real shapes and nncore's parameter count."""

from __future__ import annotations

import numpy as np
from scenetools import by_label, render_numbers

from nncore import data
from nncore.train import trained_network
from scenes.parameters import WeightsAndBiases, most_excited_neuron
from scenes.story import STORY_DIGIT


def test_numbers_are_the_trained_networks(tmp_path):
    numbers = by_label(render_numbers(WeightsAndBiases, tmp_path))
    net = trained_network()
    x, _ = data.load_digit(STORY_DIGIT)
    j = numbers["neuron"]
    z1 = net.feedforward(x).zs[1]
    assert j == most_excited_neuron(net, x) == int(np.argmax(z1))
    assert numbers["z"] == z1[j]
    assert numbers["b"] == net.biases[0][j]
    assert numbers["a"] == net.feedforward(x).activations[1][j]
    assert numbers["largest |w|"] == np.abs(net.weights[0][j]).max()
    assert numbers["W1 shape"] == [16, 784] and numbers["b1 shape"] == [16]
    assert numbers["weights into the neuron"] == net.weights[0].shape[1] == 784
    assert numbers["grid side"] == data.SIDE == 28
    assert numbers["layer sizes"] == list(net.sizes) == [784, 16, 16, 10]
    assert numbers["weights"] == 784 * 16 + 16 * 16 + 16 * 10 == 12_960
    assert numbers["biases"] == 16 + 16 + 10
    assert numbers["parameters"] == net.n_params == 13_002
    assert numbers["edges"] == 12_960  # every weight is one edge of the picture
    assert numbers["untrained seed"] == 9
    # the function picture: 784 in, 10 out, and its dials the first parameters' real values
    assert numbers["inputs"] == 784 and numbers["outputs"] == 10
    picked = np.linspace(0, 13_001, 40).round().astype(int)
    np.testing.assert_array_equal(numbers["dials"], net.flat()[picked])
    assert numbers["dials"][0] == net.weights[0][0, 0]  # flat() starts with W1's first row
