"""One neuron's pushes, pulls and threshold on a real digit, against torch."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nncore import data
from nncore.mlp import Network
from nncore.neurons import thresholded_neuron, weighted_sum
from nncore.train import trained_network


@pytest.mark.parametrize("net", [trained_network(), Network.random()], ids=["trained", "untrained"])
def test_push_and_pull_add_up_to_torchs_weighted_sum(net):
    x, _ = data.load_digit("mnist:4529")
    W = torch.tensor(net.weights[0], dtype=torch.float64)
    b = torch.tensor(net.biases[0], dtype=torch.float64)
    X = torch.tensor(x, dtype=torch.float64)
    products = W * X  # (16, 784): every pixel's contribution to every neuron
    for j in range(W.shape[0]):
        s = weighted_sum(net, j, x)
        assert s.push == pytest.approx(float(products[j].clamp(min=0).sum()), rel=1e-12)
        assert s.pull == pytest.approx(float(products[j].clamp(max=0).sum()), rel=1e-12)
        assert s.total == pytest.approx(float(W[j] @ X), rel=1e-12, abs=1e-12)
        assert s.z == pytest.approx(float(W[j] @ X + b[j]), rel=1e-12, abs=1e-12)
        assert s.threshold == -float(b[j])
        # past the threshold exactly when the neuron is more than half lit
        assert (s.total > s.threshold) == (float(torch.sigmoid(W[j] @ X + b[j])) > 0.5)


def test_the_chosen_neuron_is_on_and_has_the_highest_threshold_of_those_on():
    net = trained_network()
    x, _ = data.load_digit("mnist:4529")
    j = thresholded_neuron(net, x)
    sums = [weighted_sum(net, k, x) for k in range(16)]
    on = [k for k, s in enumerate(sums) if s.z > 0]
    assert j in on
    assert sums[j].threshold == max(sums[k].threshold for k in on)
    assert sums[j].threshold > 0  # a real threshold to pass, not a head start


def test_with_no_neuron_on_the_chosen_one_is_the_hardest_driven():
    net = trained_network()
    net = Network([w.copy() for w in net.weights], [b - 1e3 for b in net.biases])
    x, _ = data.load_digit("mnist:4529")
    z = net.weights[0] @ x + net.biases[0]
    assert thresholded_neuron(net, x) == int(np.argmax(z))
