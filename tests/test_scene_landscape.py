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
from nncore.train import BATCH_SIZE, TRAIN_SEED
from scenes.landscape import LONG_STEPS, MAP_ETA, SMALL_ETA, CostLandscape


@pytest.fixture(scope="module")
def sidecar(tmp_path_factory):
    return render_numbers(CostLandscape, tmp_path_factory.mktemp("landscape"))


def recorded(sidecar: dict, label: str) -> list:
    return [e["value"] for e in sidecar["numbers"] if e["label"] == label]


def torch_cost(
    net: Network, moved: dict[str, float], requires_grad: bool = False, picked=slice(None)
):
    """The average quadratic cost over the training digits (those ``picked`` of them), the
    named weights moved, in torch."""
    images, labels = data.load_mnist()
    train, _ = data.split()
    train = train[picked]
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
        assert set(record) == {"parameters", "network", "digits", "points"}
        assert record["network"] == f"untrained, seed {UNTRAINED_SEED}"
        assert record["digits"] == "training"
        width = len(record["parameters"]) + 1  # the offsets, then the cost
        assert all(len(point) == width for point in record["points"])
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


def torch_walk(net: Network, names: list[str], steps: int, batches=None) -> np.ndarray:
    """Gradient descent on the two named weights alone, from scratch in torch: each step
    ``-MAP_ETA`` times the slope over all the training digits, or over ``batches[k]``."""
    images, labels = data.load_mnist()
    at, rows = np.zeros(2), []
    for k in range(steps + 1):
        total, _ = torch_cost(net, dict(zip(names, at)))
        rows.append([*at, float(total)])
        if k == steps:
            break
        offsets = torch.tensor(at, requires_grad=True)
        picked = slice(None) if batches is None else batches[k]
        train = data.split()[0][picked]
        weights = [torch.tensor(w) for w in net.weights]
        for i, name in enumerate(names):
            l, j, c = map(int, re.fullmatch(r"w(\d+)\[(\d+), (\d+)\]", name).groups())
            bump = torch.zeros_like(weights[l - 1])
            bump[j, c] = 1.0
            weights[l - 1] = weights[l - 1] + offsets[i] * bump
        a = torch.tensor(images[train])
        for w, b in zip(weights, net.biases):
            a = torch.sigmoid(a @ w.T + torch.tensor(b))
        y = torch.nn.functional.one_hot(torch.tensor(labels[train]), 10).double()
        ((a - y) ** 2).sum(dim=1).mean().backward()
        at = at - MAP_ETA * offsets.grad.numpy()
    return np.array(rows)


def test_the_careful_walker_and_the_quick_one_are_real_descents(sidecar):
    """Full-batch steps are plain gradient descent; mini-batch steps take, in turn, the
    batches of the training run's first epoch (its seeded shuffle, cut into tens)."""
    net = Network.random(seed=UNTRAINED_SEED)
    names = recorded(sidecar, "cost slice")[1]["parameters"]
    careful = np.array(recorded(sidecar, "map steps")[0])
    quick = np.array(recorded(sidecar, "mini-batch map steps")[0])
    steps = len(careful) - 1
    np.testing.assert_allclose(careful, torch_walk(net, names, steps), rtol=1e-8, atol=1e-10)
    # nncore.train's first epoch: rng = default_rng(TRAIN_SEED); order = rng.permutation(4000).
    order = np.random.default_rng(TRAIN_SEED).permutation(len(data.split()[0]))
    batches = [order[k * BATCH_SIZE : (k + 1) * BATCH_SIZE] for k in range(steps)]
    np.testing.assert_allclose(quick, torch_walk(net, names, steps, batches), rtol=1e-8, atol=1e-10)
    assert recorded(sidecar, "mini-batch size") == [BATCH_SIZE]
    assert not np.allclose(quick[1:, :2], careful[1:, :2]), "the quick walker stumbles"
    said = {b["name"]: b["say"] for b in sidecar["beats"]}["stumble"]
    assert ("just as low" in said) == (abs(quick[-1, 2] - careful[-1, 2]) < 0.01)
