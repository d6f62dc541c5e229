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
    # the fact after the hope: all 16 first-layer weight maps, as training left them
    np.testing.assert_array_equal(numbers["weight maps"], net.weights[0])


def test_one_neurons_push_pull_and_threshold_are_recomputed_here(tmp_path):
    numbers = by_label(render_numbers(HiddenLayers, tmp_path))
    net = trained_network()
    x, _ = data.load_digit(STORY_DIGIT)
    W, b = net.weights[0], net.biases[0]
    j = numbers["chosen neuron"]
    products = W[j] * x
    np.testing.assert_allclose(numbers["push"], products[products > 0].sum(), rtol=1e-12)
    np.testing.assert_allclose(numbers["pull"], products[products < 0].sum(), rtol=1e-12)
    np.testing.assert_allclose(numbers["weighted sum"], W[j] @ x, rtol=1e-12)
    assert numbers["threshold"] == -b[j]
    np.testing.assert_allclose(numbers["activation"], 1 / (1 + np.exp(-(W[j] @ x + b[j]))))
    # the neuron shows a threshold passed: the digit turns it on, past a positive threshold,
    # and it is the highest such threshold among the neurons the digit turns on
    on = np.flatnonzero(W @ x + b > 0)
    assert j in on and numbers["weighted sum"] > numbers["threshold"] > 0
    assert -b[j] == max(-b[on])
