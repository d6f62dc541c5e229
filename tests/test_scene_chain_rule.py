"""The chain rule on one path: each link and their product are nncore's, and torch's gradient."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from scenetools import by_label, render_numbers

from nncore import data
from nncore.mlp import UNTRAINED_SEED, Network
from nncore.train import DEFAULT_INIT, save_atomically
from scenes.chain_rule import ChainRule
from scenes.story import STORY_DIGIT


def torch_output_gradient(net: Network, x: np.ndarray, label: int) -> np.ndarray:
    """dC/dW of the last layer for one digit, by torch autograd from the same weights."""
    weights = [torch.tensor(w, requires_grad=True) for w in net.weights]
    a = torch.tensor(x)
    for w, b in zip(weights, net.biases):
        a = torch.sigmoid(w @ a + torch.tensor(b))
    y = torch.zeros(10, dtype=torch.float64)
    y[label] = 1.0
    ((a - y) ** 2).sum().backward()
    return weights[-1].grad.numpy()


def test_each_link_and_the_product_are_the_gradient_torch_computes(tmp_path):
    sidecar = render_numbers(ChainRule, tmp_path)
    numbers = by_label(sidecar)
    net = Network.random(seed=UNTRAINED_SEED)
    x, label = data.load_digit(STORY_DIGIT)
    f = net.feedforward(x)
    k, quiet = int(np.argmax(f.activations[-2])), int(np.argmin(f.activations[-2]))
    assert (numbers["neuron"], numbers["output"], numbers["silent neuron"]) == (k, label, quiet)
    a, z = f.output[label], f.zs[-1][label]
    assert numbers["dz/dw"] == pytest.approx(f.activations[-2][k], rel=1e-12)
    assert numbers["da/dz"] == pytest.approx(a * (1 - a), rel=1e-12)
    assert numbers["dC/da"] == pytest.approx(2 * (a - 1.0), rel=1e-12)
    assert numbers["da/dz"] == pytest.approx(np.exp(-z) / (1 + np.exp(-z)) ** 2, rel=1e-9)
    grad = torch_output_gradient(net, x, label)
    assert numbers["dC/dw"] == pytest.approx(grad[label, k], rel=1e-9)
    assert numbers["backprop's dC/dw"] == pytest.approx(numbers["dC/dw"], rel=1e-12)
    # The quiet neuron's weight gets a nudge as small as its activation, in the same
    # proportion: the reason for backprop's "fire together, wire together", said there.
    assert numbers["silent neuron's dC/dw"] == pytest.approx(grad[label, quiet], rel=1e-9)
    ratio = numbers["silent neuron's dC/dw"] / numbers["dC/dw"]
    assert ratio == pytest.approx(numbers["silent neuron's activation"] / numbers["dz/dw"])
    said = " ".join(b["say"] for b in sidecar["beats"])
    assert f"{numbers['dC/dw']:.3f}" in said and "fire together" not in said


def test_the_second_link_is_the_networks_own_activation(tmp_path, monkeypatch):
    net = Network.random(3, (784, 16, 10), "tanh", DEFAULT_INIT["tanh"])
    net.metadata = {}
    save_atomically(net, tmp_path / "tanh.npz")
    monkeypatch.setenv("NNEXPLAIN_WEIGHTS", str(tmp_path / "tanh.npz"))
    sidecar = render_numbers(ChainRule, tmp_path / "media")
    (links,) = [b["say"] for b in sidecar["beats"] if b["name"] == "links"]
    assert "slope of the tanh at z" in links and "sigmoid" not in links
