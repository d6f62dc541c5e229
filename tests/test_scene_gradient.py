"""Concept 6: the shown -∇C entries, their names, the marked ones and the step are nncore's."""

from __future__ import annotations

import re

import numpy as np
import torch
from manim import Scene
from manim.utils.testing.frames_comparison import frames_comparison
from scenetools import by_label, render_numbers

from nncore import data, train
from nncore.mlp import UNTRAINED_SEED, Network, cost, one_hot
from scenes.gradient import (
    NegativeGradient,
    entry_links,
    gradient_column,
    network_diagram,
    shown_neurons,
)
from scenes.story import STORY_DIGIT

__module_test__ = "gradient"

N_SHOWN = 8


def parse(name: str) -> tuple[int, int, int]:
    """``"w2[9, 3]"`` -> ``(2, 9, 3)``: layer from 1, neuron fed, neuron feeding."""
    l, j, k = re.fullmatch(r"w(\d)\[(\d+), (\d+)\]", name).groups()
    return int(l), int(j), int(k)


def test_gradient_entries_marks_and_step_are_nncores(tmp_path):
    sidecar = render_numbers(NegativeGradient, tmp_path)
    numbers = by_label(sidecar)
    net = Network.random(seed=UNTRAINED_SEED)
    x, label = data.load_digit(STORY_DIGIT)
    y = one_hot(label)
    gradient = net.backprop(x, y)
    assert sidecar["inputs"] == {"digit": STORY_DIGIT, "label": label, "seed": UNTRAINED_SEED}
    assert numbers["label"] == label
    assert numbers["gradient entries"] == 784 * 16 + 16 + 16 * 16 + 16 + 16 * 10 + 10 == 13_002

    # Each shown entry is -dC/dw of the weight its name says (read from the matrices).
    entry_labels = {label for label in numbers if label.startswith("-dC/d ")}
    layers = ("a0", "a1", "a2", "a3", "a1 after", "a2 after", "a3 after")
    assert set(numbers) == {
        *entry_labels,
        *layers,
        *("label", "shown inputs", "gradient entries", "largest", "smallest"),
        *("sign up", "sign down", "zero entries", "entries that matter"),
        *("cost before", "eta", "cost after"),
    }
    shown = {
        parse(label.removeprefix("-dC/d ")): value
        for label, value in numbers.items()
        if label.startswith("-dC/d ")
    }
    assert len(shown) == N_SHOWN
    for (l, j, k), value in shown.items():
        assert value == -gradient.nabla_w[l - 1][j, k]

    # They are drawn edges, at evenly spaced ranks of |dC/dw| among all drawn weights.
    inputs = numbers["shown inputs"]
    assert len(inputs) == 16 and inputs == sorted(inputs) and all(x[inputs] > 0)
    drawn = [
        (l, j, k)
        for l, w in enumerate(gradient.nabla_w, start=1)
        for j in range(w.shape[0])
        for k in range(w.shape[1])
        if l > 1 or k in inputs
    ]
    magnitude = {key: abs(gradient.nabla_w[key[0] - 1][key[1:]]) for key in drawn}
    ranked = sorted(drawn, key=lambda key: -magnitude[key])
    picks = np.round(np.linspace(0, len(ranked) - 1, N_SHOWN)).astype(int)
    assert set(shown) == {ranked[r] for r in picks}

    # "matters a lot": the largest |dC/dw| of all 12,960 weights; "who cares": the smallest drawn.
    largest = net.locate(numbers["largest"])
    everything = np.concatenate([np.abs(w).ravel() for w in gradient.nabla_w])
    assert largest[0] == "w" and magnitude[(largest[1], *largest[2])] == everything.max()
    smallest = net.locate(numbers["smallest"])
    assert smallest[0] == "w" and magnitude[(smallest[1], *smallest[2])] == min(magnitude.values())

    # The signs: the shown entries with the largest and the smallest value.
    assert shown[parse(net.parameter_name(numbers["sign up"]))] == max(shown.values()) > 0
    assert shown[parse(net.parameter_name(numbers["sign down"]))] == min(shown.values()) < 0

    # The sizes, against torch's autograd of the same quadratic cost: most weights' entries
    # are exactly zero (those leaving pixels without ink), few reach a tenth of the largest.
    params = [torch.tensor(w, requires_grad=True) for w in net.weights]
    biases = [torch.tensor(b) for b in net.biases]
    a = torch.tensor(x)
    for w, b in zip(params, biases):
        a = torch.sigmoid(w @ a + b)
    torch.sum((a - torch.tensor(y)) ** 2).backward()
    entries = np.abs(np.concatenate([p.grad.numpy().ravel() for p in params]))
    np.testing.assert_allclose(
        entries, np.abs(np.concatenate([g.ravel() for g in gradient.nabla_w])), rtol=1e-9, atol=0
    )
    assert numbers["zero entries"] == np.sum(entries == 0) == np.sum(x == 0) * 16 == 10_752
    assert numbers["entries that matter"] == np.sum(entries >= 0.1 * entries.max()) == 323

    # One step of gradient descent at the training rate lowers the cost.
    assert numbers["eta"] == train.ETA
    stepped = Network(
        [w - train.ETA * g for w, g in zip(net.weights, gradient.nabla_w)],
        [b - train.ETA * g for b, g in zip(net.biases, gradient.nabla_b)],
    )
    before = np.sum((net.feedforward(x).output - y) ** 2)
    after = np.sum((stepped.feedforward(x).output - y) ** 2)
    assert numbers["cost before"] == cost(net.feedforward(x).output, y) == before
    assert numbers["cost after"] == after < before
    for layer, a in enumerate(net.feedforward(x).activations):
        np.testing.assert_array_equal(numbers[f"a{layer}"], a)
    for layer, a in enumerate(stepped.feedforward(x).activations[1:], start=1):
        np.testing.assert_array_equal(numbers[f"a{layer} after"], a)


@frames_comparison
def test_gradient_key_frame(scene: Scene):
    """The column of real -dC/dw entries, each tied to its edge in the untrained network."""
    net = Network.random(seed=UNTRAINED_SEED)
    x, label = data.load_digit(STORY_DIGIT)
    downhill = -net.backprop(x, one_hot(label)).flat()
    diagram = network_diagram(net, shown_neurons(net, x, downhill))
    for layer, a in enumerate(net.feedforward(x).activations):
        diagram.set_activations(layer, a)
    column, title, rows = gradient_column(net, diagram, downhill)
    scene.add(diagram, column, title, *entry_links(net, diagram, column, rows).values())
