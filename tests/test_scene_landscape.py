"""Gradient descent on a real landscape: every slice, step and claim is nncore's, checked by torch.

The scene records its slices as ``"cost slice"`` entries (the parameters by name, the
network, the digits, the sampled points); torch recomputes points of each from the
same weights with those parameters moved, and its autograd gives the first step.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from scenetools import render_numbers

from nncore import data
from nncore.landscape import local_minima
from nncore.mlp import UNTRAINED_SEED, Network
from scenes.landscape import LONG_STEPS, SMALL_ETA, CostLandscape


@pytest.fixture(scope="module")
def sidecar(tmp_path_factory):
    return render_numbers(CostLandscape, tmp_path_factory.mktemp("landscape"))


def recorded(sidecar: dict, label: str) -> list:
    return [e["value"] for e in sidecar["numbers"] if e["label"] == label]


def torch_cost(net: Network, moved: dict[str, float], requires_grad: bool = False):
    """The average quadratic cost over the training digits, the named weights moved, in torch."""
    images, labels = data.load_mnist()
    train, _ = data.split()
    weights = [torch.tensor(w) for w in net.weights]
    for name, offset in moved.items():
        l, j, k = map(int, re.fullmatch(r"w(\d+)\[(\d+), (\d+)\]", name).groups())
        weights[l - 1][j, k] += offset
    leaves = [w.requires_grad_(requires_grad) for w in weights]
    a = torch.tensor(images[train])
    for w, b in zip(leaves, net.biases):
        a = torch.sigmoid(a @ w.T + torch.tensor(b))
    y = torch.nn.functional.one_hot(torch.tensor(labels[train]), 10).double()
    return ((a - y) ** 2).sum(dim=1).mean(), leaves


def test_each_slice_is_the_cost_torch_computes(sidecar):
    net = Network.random(seed=UNTRAINED_SEED)
    curve, surface = recorded(sidecar, "cost slice")
    for record in (curve, surface):
        assert record["network"] == f"untrained, seed {UNTRAINED_SEED}"
        assert record["digits"] == "training"
    assert len(curve["parameters"]) == 1 and len(surface["parameters"]) == 2
    for point in curve["points"][::30]:
        expected, _ = torch_cost(net, {curve["parameters"][0]: point[0]})
        assert point[1] == pytest.approx(float(expected), rel=1e-10)
    for point in surface["points"][::97]:
        expected, _ = torch_cost(net, dict(zip(surface["parameters"], point[:2])))
        assert point[2] == pytest.approx(float(expected), rel=1e-10)
    # The weight sliced is the steepest: torch's gradient is largest there.
    (name,) = curve["parameters"]
    l, j, k = map(int, re.fullmatch(r"w(\d+)\[(\d+), (\d+)\]", name).groups())
    total, leaves = torch_cost(net, {}, requires_grad=True)
    total.backward()
    largest = max(float(w.grad.abs().max()) for w in leaves)
    assert abs(float(leaves[l - 1].grad[j, k])) == pytest.approx(largest)


def test_the_steps_go_against_the_slope_and_the_long_ones_overshoot(sidecar):
    net = Network.random(seed=UNTRAINED_SEED)
    (curve,) = recorded(sidecar, "cost slice")[:1]
    (name,) = curve["parameters"]
    small = np.array(recorded(sidecar, "small steps")[0])
    long = np.array(recorded(sidecar, "long steps")[0])
    total, leaves = torch_cost(net, {}, requires_grad=True)
    total.backward()
    l, j, k = map(int, re.fullmatch(r"w(\d+)\[(\d+), (\d+)\]", name).groups())
    first_slope = float(leaves[l - 1].grad[j, k])
    assert small[1, 0] == pytest.approx(-SMALL_ETA * first_slope, rel=1e-9)
    assert long[1, 0] == pytest.approx(-SMALL_ETA * LONG_STEPS * first_slope, rel=1e-9)
    assert np.all(np.diff(small[:, 1]) < 0)
    # What the narration says of the long steps is what the numbers show.
    points = np.array(curve["points"])
    floor = points[np.argmin(points[:, 1])]
    beats = {b["name"]: b["say"] for b in sidecar["beats"]}
    past = (long[1, 0] - floor[0]) * long[1, 0] > 0 and long[1, 1] > floor[1]
    assert ("flies right over the valley" in beats["overshoot"]) == past
    valleys = local_minima(points[:, 1])
    assert ("a single valley" in beats["valleys"]) == (len(valleys) == 1)
    assert recorded(sidecar, "valleys in the slice") == [len(valleys)]
