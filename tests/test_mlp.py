"""nncore.mlp against torch autograd and finite differences, on real digits."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from nncore import data
from nncore.mlp import SIZES, Network, cost, cost_terms, one_hot, sigmoid
from nncore.train import trained_network

torch.set_num_threads(1)


def torch_gradient(net: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """The mean cost and its gradient in flat order, computed by torch autograd in float64."""
    params = []
    for w, b in zip(net.weights, net.biases):
        params += [torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)]
    a = torch.tensor(np.atleast_2d(x))
    for w, b in zip(params[::2], params[1::2]):
        a = torch.sigmoid(a @ w.T + b)
    c = ((a - torch.tensor(np.atleast_2d(y))) ** 2).sum(dim=1).mean()
    c.backward()
    return c.item(), np.concatenate([p.grad.numpy().ravel() for p in params])


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    images, labels = data.load_mnist()
    picks = np.arange(7, 5000, 500)  # one real digit of each class
    return images[picks], np.array([one_hot(label) for label in labels[picks]])


@pytest.mark.parametrize(
    "net", [Network.random(seed=9), trained_network()], ids=["untrained", "trained"]
)
def test_backprop_matches_torch_autograd_on_every_parameter(net, digits):
    x, y = digits
    for i in range(len(x)):  # one example at a time, as in the scenes
        c_torch, g_torch = torch_gradient(net, x[i], y[i])
        g = net.backprop(x[i], y[i]).flat()
        assert g.shape == (13002,)
        np.testing.assert_allclose(g, g_torch, rtol=0, atol=1e-10)
        assert cost(net.feedforward(x[i]).output, y[i]) == pytest.approx(c_torch, abs=1e-12)
    # and the batch, whose gradient is that of the mean cost
    _, g_torch = torch_gradient(net, x, y)
    np.testing.assert_allclose(net.backprop(x, y).flat(), g_torch, rtol=0, atol=1e-10)


def test_backprop_matches_finite_differences_on_every_parameter(digits):
    net = Network.random(seed=5)
    x, y = digits[0][3], digits[1][3]
    analytic = net.backprop(x, y).flat()
    theta = net.flat()
    eps = 1e-6
    numeric = np.empty_like(theta)
    for i in range(theta.size):
        kind, l, where = net.locate(i)
        array = (net.weights if kind == "w" else net.biases)[l - 1]
        original = array[where]
        array[where] = original + eps
        c_plus = cost(net.feedforward(x).output, y)
        array[where] = original - eps
        c_minus = cost(net.feedforward(x).output, y)
        array[where] = original
        numeric[i] = (c_plus - c_minus) / (2 * eps)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)
    assert np.array_equal(net.flat(), theta)  # the loop restored every parameter


def test_deltas_are_dC_dz():
    net = Network.random(seed=1)
    x, label = data.mnist_digit(1234)
    y = one_hot(label)
    g = net.backprop(x, y)
    f = net.feedforward(x)
    # the output delta is the formula shown on screen, 2 (a - y) sigma'(z)
    s = sigmoid(f.zs[-1])
    np.testing.assert_allclose(g.deltas[-1], 2 * (f.output - y) * s * (1 - s), rtol=1e-12)
    # dC/db = delta and dC/dW = delta a_prev^T, layer by layer
    for l in range(3):
        np.testing.assert_array_equal(g.nabla_b[l], g.deltas[l])
        np.testing.assert_allclose(
            g.nabla_w[l], np.outer(g.deltas[l], f.activations[l]), rtol=1e-12
        )


def test_cost_is_the_sum_of_squared_differences_without_a_half():
    a = np.array([0.1, 0.9, 0.3, 0, 0, 0, 0, 0, 0, 0.5])
    y = one_hot(1)
    assert cost(a, y) == pytest.approx(0.01 + 0.01 + 0.09 + 0.25)
    assert cost(np.stack([a, y]), np.stack([y, y])) == pytest.approx(0.36 / 2)


def test_parameter_count_and_names():
    net = Network.random()
    assert net.sizes == SIZES
    assert net.n_params == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10 == 13_002
    assert net.flat().size == 13_002
    assert net.parameter_name(0) == "w1[0, 0]"
    assert net.parameter_name(784 * 16 - 1) == "w1[15, 783]"
    assert net.parameter_name(784 * 16) == "b1[0]"
    assert net.parameter_name(13_001) == "b3[9]"
    kind, l, (j, k) = net.locate(784 * 16 + 16 + 16 * 3 + 7)
    assert (kind, l, j, k) == ("w", 2, 3, 7)
    assert net.flat()[784 * 16 + 16 + 16 * 3 + 7] == net.weights[1][3, 7]
    with pytest.raises(IndexError):
        net.locate(13_002)


def test_untrained_network_is_seeded_and_standard_normal():
    a, b = Network.random(seed=13), Network.random(seed=13)
    assert np.array_equal(a.flat(), b.flat())
    assert not np.array_equal(a.flat(), Network.random(seed=14).flat())
    theta = a.flat()
    assert abs(theta.mean()) < 0.05 and abs(theta.std() - 1) < 0.05


def test_a_gradient_step_lowers_the_cost():
    net = Network.random(seed=13)
    x, label = data.mnist_digit(1500)
    y = one_hot(label)
    before = cost(net.feedforward(x).output, y)
    after = cost(net.step(net.backprop(x, y), eta=0.5).feedforward(x).output, y)
    assert after < before


def test_cost_terms_are_the_squared_differences_that_cost_sums():
    a = np.array([0.1, 0.9, 0.3, 0, 0, 0, 0, 0, 0, 0.5])
    y = one_hot(1)
    np.testing.assert_allclose(cost_terms(a, y), [0.01, 0.01, 0.09, 0, 0, 0, 0, 0, 0, 0.25])
    net = Network.random(seed=9)
    x, label = data.mnist_digit(1893)
    out = net.feedforward(x).output
    assert cost(out, one_hot(label)) == np.sum(cost_terms(out, one_hot(label)))
    batch = np.stack([a, y])
    assert cost_terms(batch, np.stack([y, y])).shape == (2, 10)


def test_activation_gradients_match_torch_autograd(digits):
    net = Network.random(seed=9)
    x, y = digits[0][2], digits[1][2]  # a real "2"
    a = torch.tensor(x, requires_grad=True)
    activations = [a]
    for w, b in zip(net.weights, net.biases):
        a = torch.sigmoid(torch.tensor(w) @ a + torch.tensor(b))
        a.retain_grad()
        activations.append(a)
    ((a - torch.tensor(y)) ** 2).sum().backward()
    grads = net.activation_gradients(x, y)
    assert [g.shape for g in grads] == [(n,) for n in SIZES]
    for g, a in zip(grads, activations):
        np.testing.assert_allclose(g, a.grad.numpy(), rtol=0, atol=1e-12)
    # dC/da of a layer times sigma'(z) is that layer's delta, as on screen
    f, g = net.feedforward(x), net.backprop(x, y)
    for l in range(1, 4):
        s = sigmoid(f.zs[l])
        np.testing.assert_allclose(grads[l] * s * (1 - s), g.deltas[l - 1], rtol=1e-12)


def test_activation_gradient_shares_are_each_neurons_part_of_dC_da(digits):
    net = Network.random(seed=9)
    x, y = digits[0][2], digits[1][2]
    a = torch.tensor(x)
    for w, b in zip(net.weights[:2], net.biases[:2]):
        a = torch.sigmoid(torch.tensor(w) @ a + torch.tensor(b))
    a2 = a.detach().requires_grad_(True)  # hidden layer 2, the layer whose shares we check
    z3 = torch.tensor(net.weights[2]) @ a2 + torch.tensor(net.biases[2])
    cost3 = ((torch.sigmoid(z3) - torch.tensor(y)) ** 2).sum()
    (dC_dz3,) = torch.autograd.grad(cost3, z3, retain_graph=True)
    shares = net.activation_gradient_shares(x, y, 2)
    assert shares.shape == (10, 16)
    for j in range(10):  # output j's share: dC/dz_j times dz_j/da, by autograd
        (dz_da,) = torch.autograd.grad(z3[j], a2, retain_graph=True)
        np.testing.assert_allclose(shares[j], dC_dz3[j].item() * dz_da.numpy(), atol=1e-12)
    np.testing.assert_allclose(shares.sum(axis=0), net.activation_gradients(x, y)[2], atol=1e-12)
