"""nncore.mlp for any sizes and activation, against torch autograd and finite differences."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from nncore import data
from nncore.activations import ACTIVATIONS
from nncore.errors import InputError
from nncore.mlp import SIZES, Network, cost, n_params, one_hot, sigmoid

torch.set_num_threads(1)

SHAPES = [(784, 10), (784, 32, 10), (784, 128, 64, 10)]
TORCH_F = {"sigmoid": torch.sigmoid, "relu": torch.relu, "tanh": torch.tanh}


def a_network(sizes: tuple[int, ...], activation: str, seed: int = 4) -> Network:
    """An untrained network whose z are of order 1, so no activation is flat or dead everywhere.

    Scaled weights, and biases N(0, 0.25) rather than 0 so their gradients are not special.
    """
    net = Network.random(seed, sizes, activation, init="scaled")
    rng = np.random.default_rng(seed + 1000)
    net.biases = [0.5 * rng.standard_normal(b.shape) for b in net.biases]
    return net


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    images, labels = data.load_mnist()
    picks = np.arange(11, 5000, 500)  # one real digit of each class
    return images[picks], np.array([one_hot(label) for label in labels[picks]])


def torch_gradient(net: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """The mean cost and its gradient in flat order, by torch autograd in float64."""
    f = TORCH_F[net.activation]
    params = []
    for w, b in zip(net.weights, net.biases):
        params += [torch.tensor(w, requires_grad=True), torch.tensor(b, requires_grad=True)]
    a = torch.tensor(np.atleast_2d(x))
    for w, b in zip(params[::2], params[1::2]):
        a = f(a @ w.T + b)  # the activation in every layer, the output layer too
    c = ((a - torch.tensor(np.atleast_2d(y))) ** 2).sum(dim=1).mean()
    c.backward()
    return c.item(), np.concatenate([p.grad.numpy().ravel() for p in params])


@pytest.mark.parametrize("sizes", SHAPES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_backprop_matches_torch_autograd(sizes, activation, digits):
    net = a_network(sizes, activation)
    x, y = digits
    for i in (0, 3, 9):
        c_torch, g_torch = torch_gradient(net, x[i], y[i])
        g = net.backprop(x[i], y[i]).flat()
        assert g.shape == (net.n_params,) and np.count_nonzero(g) > net.n_params // 20
        np.testing.assert_allclose(g, g_torch, rtol=0, atol=1e-10)
        assert cost(net.feedforward(x[i]).output, y[i]) == pytest.approx(c_torch, abs=1e-12)
    _, g_torch = torch_gradient(net, x, y)  # the batch: the gradient of the mean cost
    np.testing.assert_allclose(net.backprop(x, y).flat(), g_torch, rtol=0, atol=1e-10)


def sample_of_parameters(net: Network, x: np.ndarray, per_layer: int) -> list[int]:
    """Some of every layer's weights (fed by a lit pixel or neuron, so not trivially 0) and biases.

    Every parameter when the network is small enough to check them all quickly.
    """
    if net.n_params <= 8_000:
        return list(range(net.n_params))
    rng = np.random.default_rng(0)
    lit = [a != 0 for a in net.feedforward(x).activations[:-1]]
    picks, start = [], 0
    for l, (w, b) in enumerate(zip(net.weights, net.biases)):
        rows, cols = np.nonzero(np.broadcast_to(lit[l], w.shape))
        chosen = rng.choice(len(rows), size=min(per_layer, len(rows)), replace=False)
        picks += [start + int(j) * w.shape[1] + int(k) for j, k in zip(rows[chosen], cols[chosen])]
        start += w.size
        picks += [start + j for j in rng.choice(b.size, size=min(10, b.size), replace=False)]
        start += b.size
    return picks


@pytest.mark.parametrize("sizes", SHAPES, ids=lambda s: "-".join(map(str, s)))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_backprop_matches_central_finite_differences(sizes, activation, digits):
    net = a_network(sizes, activation, seed=6)
    x, y = digits[0][5], digits[1][5]
    analytic = net.backprop(x, y).flat()
    eps = 1e-6
    checked = 0
    for i in sample_of_parameters(net, x, per_layer=120):
        kind, l, where = net.locate(i)
        array = (net.weights if kind == "w" else net.biases)[l - 1]
        original = array[where]
        costs, kinks = [], []
        for shifted in (original + eps, original - eps):
            array[where] = shifted
            f = net.feedforward(x)
            costs.append(cost(f.output, y))
            kinks.append([z > 0 for z in f.zs[1:]])
        array[where] = original
        # A relu whose z crosses 0 between the two points has no derivative there to compare.
        if any(not np.array_equal(a, b) for a, b in zip(*kinks)):
            continue
        numeric = (costs[0] - costs[1]) / (2 * eps)
        assert analytic[i] == pytest.approx(numeric, rel=1e-5, abs=1e-8), net.parameter_name(i)
        checked += 1
    assert checked >= min(net.n_params, 250)


@pytest.mark.parametrize(
    "sizes, expected",
    [((784, 10), 7_850), ((784, 32, 10), 25_450), ((784, 100, 10), 79_510), (SIZES, 13_002)],
)
def test_n_params_from_the_sizes(sizes, expected):
    net = Network.random(seed=1, sizes=sizes)
    assert n_params(sizes) == net.n_params == net.flat().size == expected


@pytest.mark.parametrize("sizes", [*SHAPES, (784, 16, 16, 10), (784, 100, 10)], ids=str)
def test_locate_and_parameter_name_round_trip(sizes):
    net = Network.random(seed=2, sizes=sizes)
    theta = net.flat()
    name = re.compile(r"([wb])(\d+)\[(\d+)(?:, (\d+))?\]")
    for i in [*range(0, net.n_params, 101), net.n_params - 1]:
        kind, l, where = net.locate(i)
        array = (net.weights if kind == "w" else net.biases)[l - 1]
        assert array[where] == theta[i]
        k, layer, *rest = name.fullmatch(net.parameter_name(i)).groups()
        assert (k, int(layer), tuple(int(r) for r in rest if r is not None)) == (kind, l, where)
    layers = len(sizes) - 1
    assert net.parameter_name(net.n_params - 1) == f"b{layers}[9]"
    assert net.parameter_name(sizes[0] * sizes[1]) == "b1[0]"
    with pytest.raises(IndexError):
        net.locate(net.n_params)


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_feedforward_keeps_every_z_and_a(activation, digits):
    net = a_network((784, 128, 64, 10), activation)
    f = net.feedforward(digits[0])
    assert f.zs[0] is None and [z.shape for z in f.zs[1:]] == [(10, 128), (10, 64), (10, 10)]
    for l in range(1, 4):
        np.testing.assert_array_equal(f.activations[l], ACTIVATIONS[activation].f(f.zs[l]))
    assert net.predict(digits[0]).shape == (10,)


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_each_derivative_is_autograds(activation):
    z = torch.linspace(-6, 6, 1001, dtype=torch.float64, requires_grad=True)
    TORCH_F[activation](z).sum().backward()
    spec = ACTIVATIONS[activation]
    np.testing.assert_allclose(spec.prime(z.detach().numpy()), z.grad.numpy(), atol=1e-15)
    np.testing.assert_allclose(
        spec.f(z.detach().numpy()), TORCH_F[activation](z).detach().numpy(), atol=1e-15
    )


def test_the_formulas_for_the_screen():
    assert ACTIVATIONS["sigmoid"].formula == "sigma(z) = 1/(1+e^(-z))"
    assert ACTIVATIONS["relu"].formula == '"ReLU"(z) = max(0, z)'
    assert ACTIVATIONS["tanh"].formula.startswith("tanh(z)")
    for spec in ACTIVATIONS.values():
        assert spec.prime_formula
    net = Network.random(seed=1, sizes=(784, 32, 10), activation="tanh")
    assert net.activation == "tanh" and net.activation_function is ACTIVATIONS["tanh"]
    assert Network.random().activation == "sigmoid"


def test_an_unknown_activation_is_one_line():
    with pytest.raises(InputError, match="unknown activation 'softmax': choose one of sigmoid"):
        Network.random(seed=1, activation="softmax")


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_activation_gradients_and_shares_match_torch(activation, digits):
    net = a_network((784, 128, 64, 10), activation)
    x, y = digits[0][2], digits[1][2]
    f = TORCH_F[activation]
    a = torch.tensor(x, requires_grad=True)
    activations = [a]
    for w, b in zip(net.weights, net.biases):
        a = f(torch.tensor(w) @ a + torch.tensor(b))
        a.retain_grad()
        activations.append(a)
    ((a - torch.tensor(y)) ** 2).sum().backward()
    grads = net.activation_gradients(x, y)
    assert [g.shape for g in grads] == [(784,), (128,), (64,), (10,)]
    for g, a in zip(grads, activations):
        np.testing.assert_allclose(g, a.grad.numpy(), rtol=0, atol=1e-12)
    for layer in range(3):
        shares = net.activation_gradient_shares(x, y, layer)
        assert shares.shape == (net.sizes[layer + 1], net.sizes[layer])
        np.testing.assert_allclose(shares.sum(axis=0), grads[layer], atol=1e-12)


def test_a_784_10_network_has_one_layer_and_steps_downhill(digits):
    net = a_network((784, 10), "relu")
    x, y = digits
    g = net.backprop(x, y)
    assert len(g.deltas) == len(g.nabla_w) == 1 and g.nabla_w[0].shape == (10, 784)
    stepped = net.step(g, eta=0.01)
    assert stepped.activation == "relu"
    assert cost(stepped.feedforward(x).output, y) < cost(net.feedforward(x).output, y)


def test_the_default_network_is_nielsens_sigmoid_network_unchanged(digits):
    # The seed-9 network the cost scenes show: weights layer by layer, then biases, all N(0, 1).
    rng = np.random.default_rng(9)
    weights = [rng.standard_normal(shape) for shape in ((16, 784), (16, 16), (10, 16))]
    biases = [rng.standard_normal(n) for n in (16, 16, 10)]
    net = Network.random(seed=9)
    assert net.sizes == SIZES and net.activation == "sigmoid"
    for got, expected in zip(net.weights + net.biases, weights + biases):
        np.testing.assert_array_equal(got, expected)
    # and it computes a' = sigmoid(W a + b), those very operations, in this process
    a = digits[0]
    for l, (w, b) in enumerate(zip(weights, biases), start=1):
        a = 1.0 / (1.0 + np.exp(-(a @ w.T + b)))
        np.testing.assert_array_equal(net.feedforward(digits[0]).activations[l], a)
    np.testing.assert_array_equal(sigmoid(np.array([0.0])), [0.5])
