"""The cost landscape, the noise digit and the chain rule, each against an independent torch.

Torch computes the same quantities with its own forward pass and autograd, from the
same weights: the slices, the slopes of the walks, the outputs for pure noise and
the chain rule's product must all agree with nncore's to float64 rounding.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nncore import data
from nncore.chain_rule import output_weight
from nncore.landscape import (
    Digits,
    average_cost,
    cost_slice,
    descend,
    local_minima,
    mini_batch,
    moved,
    slope,
    steepest,
)
from nncore.mlp import Network, one_hot
from nncore.noise import noise_image
from nncore.train import trained_network


@pytest.fixture(scope="module")
def digits() -> Digits:
    images, labels = data.load_mnist()
    train, _ = data.split()
    return Digits(images[train[:500]], labels[train[:500]])


@pytest.fixture(scope="module")
def untrained() -> Network:
    return Network.random()


def torch_cost(net: Network, flat: torch.Tensor, digits: Digits) -> torch.Tensor:
    """The average quadratic cost of ``net``'s shape with parameters ``flat``, in torch."""
    a = torch.tensor(digits.images, dtype=torch.float64)
    at = 0
    for w, b in zip(net.weights, net.biases):
        W = flat[at : at + w.size].reshape(w.shape)
        at += w.size
        B = flat[at : at + b.size]
        at += b.size
        a = torch.sigmoid(a @ W.T + B)
    y = torch.tensor(digits.targets, dtype=torch.float64)
    return ((a - y) ** 2).sum(dim=1).mean()


def test_a_slice_is_the_cost_torch_computes_with_that_parameter_moved(untrained, digits):
    (index,) = steepest(untrained, digits)
    offsets = np.linspace(-4, 4, 9)
    costs = cost_slice(untrained, [index], [offsets], digits)
    for offset, c in zip(offsets, costs):
        flat = torch.tensor(untrained.flat())
        flat[index] += offset
        assert c == pytest.approx(float(torch_cost(untrained, flat, digits)), rel=1e-12)
    assert costs[4] == pytest.approx(average_cost(untrained, digits))


def test_a_two_parameter_slice_is_a_surface(untrained, digits):
    # The steepest weight (last layer) and the steepest of the first layer, which the
    # digits must go through again at every point.
    i = steepest(untrained, digits)[0]
    first_layer = untrained.weights[0].size
    j = int(np.argmax(np.abs(slope(untrained, range(first_layer), digits))))
    grid = np.linspace(-2, 2, 3)
    costs = cost_slice(untrained, [i, j], [grid, grid], digits)
    assert costs.shape == (3, 3)
    corner = moved(untrained, [i, j], [-2.0, 2.0])
    assert costs[0, 2] == pytest.approx(average_cost(corner, digits))


def test_the_slope_is_torch_autograds(untrained, digits):
    i, j = steepest(untrained, digits, count=2)
    flat = torch.tensor(untrained.flat(), requires_grad=True)
    torch_cost(untrained, flat, digits).backward()
    expected = flat.grad.numpy()[[i, j]]
    np.testing.assert_allclose(slope(untrained, [i, j], digits), expected, rtol=1e-9)
    # The steepest weight's slope is at least any other weight's.
    grads = np.abs(flat.grad.numpy())
    weights = [k for k in range(len(grads)) if untrained.locate(k)[0] == "w"]
    assert grads[i] == pytest.approx(grads[weights].max())


def test_a_walk_goes_downhill_in_small_steps_and_overshoots_in_large_ones(untrained, digits):
    (index,) = steepest(untrained, digits)
    small = descend(untrained, [index], [0.0], eta=2.0, steps=6, digits=digits)
    assert small.shape == (7, 2)
    assert np.all(np.diff(small[:, 1]) < 0), "each small step lowers the cost"
    # Each step is -eta times the slope where it starts.
    first = slope(untrained, [index], digits)[0]
    assert small[1, 0] == pytest.approx(-2.0 * first)
    # A step far too large flies past the valley's floor and lands higher than the floor.
    offsets = np.linspace(-12, 0, 49)
    curve = cost_slice(untrained, [index], [offsets], digits)
    floor = int(np.argmin(curve))
    large = descend(untrained, [index], [0.0], eta=60.0, steps=1, digits=digits)
    assert large[1, 0] < offsets[floor] and large[1, 1] > curve[floor]


def test_stochastic_steps_use_mini_batches_and_are_seeded(untrained, digits):
    i, j = steepest(untrained, digits, count=2)
    sgd = descend(untrained, [i, j], [0.0, 0.0], 2.0, 5, digits, batch_size=10, seed=3)
    again = descend(untrained, [i, j], [0.0, 0.0], 2.0, 5, digits, batch_size=10, seed=3)
    full = descend(untrained, [i, j], [0.0, 0.0], 2.0, 5, digits)
    np.testing.assert_array_equal(sgd, again)
    assert not np.allclose(sgd[1:, :2], full[1:, :2])
    assert sgd[0, 2] == full[0, 2]


def test_mini_batches_are_the_training_runs_first_epoch():
    # nncore.train: rng = default_rng(seed); order = rng.permutation(n); runs of batch_size.
    order = np.random.default_rng(2).permutation(4000)
    np.testing.assert_array_equal(mini_batch(4000, 10, 2), order[:10])
    np.testing.assert_array_equal(mini_batch(4000, 10, 2, 3), order[30:40])
    np.testing.assert_array_equal(mini_batch(4000, 10, 2, 400), order[:10])  # it starts over


def test_local_minima_of_a_curve():
    assert local_minima(np.array([3.0, 1.0, 2.0, 0.5, 0.7])) == [1, 3]
    assert local_minima(np.array([3.0, 2.0, 1.0])) == []


def test_the_trained_network_calls_pure_noise_a_digit_as_torch_does():
    net = trained_network()
    x = noise_image()
    assert x.shape == (784,) and 0 <= x.min() and x.max() <= 1
    np.testing.assert_array_equal(x, noise_image())
    a = torch.tensor(x)
    for w, b in zip(net.weights, net.biases):
        a = torch.sigmoid(torch.tensor(w) @ a + torch.tensor(b))
    np.testing.assert_allclose(net.feedforward(x).output, a.numpy(), rtol=1e-12)


def test_the_chain_rule_product_is_backprops_entry(digits):
    net = trained_network()
    x, label = digits.images[0], int(digits.labels[0])
    for j, k in [(label, 3), ((label + 1) % 10, 7)]:
        chain = output_weight(net, x, label, j, k)
        entry = net.backprop(x, one_hot(label)).nabla_w[-1][j, k]
        assert chain.product == pytest.approx(entry, rel=1e-12)
        assert chain.prime == pytest.approx(chain.a * (1 - chain.a))
        assert chain.y == (1.0 if j == label else 0.0)
