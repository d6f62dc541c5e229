"""Concept 7: the nudges, deltas and desired changes on screen are nncore's backprop."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from manim import Scene
from manim.utils.testing.frames_comparison import frames_comparison
from scenetools import by_label, render_numbers

from nncore import data
from nncore.mlp import UNTRAINED_SEED, Network, one_hot, sigmoid
from nncore.train import BATCH_SIZE, TRAIN_SEED, trained_network
from scenes.backprop import (
    N_BRIGHTEST,
    STORY_DIGIT,
    Backpropagation,
    arrows_at,
    network_diagram,
)
from scenes.mobjects.nudge_arrows import nudge_scale

__module_test__ = "backprop"

TARGET = 2


def test_story_digit_is_the_clear_test_2_the_untrained_net_likes_least():
    images, labels = data.load_mnist()
    twos = np.array([i for i in data.split()[1] if labels[i] == TARGET])
    assert 1000 <= twos.min() and twos.max() <= 1499
    trained = trained_network().feedforward(images[twos]).output
    clear = twos[np.sum((trained - one_hot(TARGET)) ** 2, axis=1) < 0.01]
    untrained = Network.random(seed=UNTRAINED_SEED).feedforward(images[clear]).output
    assert STORY_DIGIT == f"mnist:{clear[np.argmin(untrained[:, TARGET])]}"


@pytest.fixture(scope="module")
def sidecar(tmp_path_factory) -> dict:
    return render_numbers(Backpropagation, tmp_path_factory.mktemp("backprop"))


def test_nudges_deltas_and_desired_changes_are_backprops(sidecar):
    numbers = by_label(sidecar)
    net = Network.random(seed=UNTRAINED_SEED)
    x, label = data.load_digit(STORY_DIGIT)
    assert label == TARGET
    assert sidecar["inputs"] == {"digit": STORY_DIGIT, "label": TARGET, "seed": UNTRAINED_SEED}
    y = one_hot(TARGET)
    f = net.feedforward(x)
    g = net.backprop(x, y)
    w2, w3 = net.weights[1], net.weights[2]
    slope = [sigmoid(z) * (1 - sigmoid(z)) for z in f.zs[1:]]  # sigma'(z), layers 1-3
    assert set(numbers) == {
        *("a0", "a1", "a2", "a3", "y", "a - y", "desired output", "loudest wrong output"),
        *("delta3", "w into target", "brightest"),
        *("target wish for a2", "wishes for a2", "-dC/da2", "delta2", "-dC/da1"),
        *(f"{which} {what}" for which in ("brightest", "darkest")
          for what in ("neuron feeding the target", "neuron's activation",
                       "neuron's weight change")),
        *("mini-batch", "mini-batch labels", "mini-batch size", "story digit's weight change"),
        *("mini-batch weight changes", "mini-batch average weight change"),
    }  # fmt: skip

    for layer, a in enumerate(f.activations):
        np.testing.assert_array_equal(numbers[f"a{layer}"], a)
    np.testing.assert_array_equal(numbers["y"], y)
    np.testing.assert_array_equal(numbers["a - y"], f.output - y)
    # up for the target, down for every other output
    assert numbers["a - y"][TARGET] < 0 and np.all(np.delete(numbers["a - y"], TARGET) > 0)
    assert numbers["desired output"] == TARGET
    # the wrong output the untrained network is surest of
    wrong = [k for k in range(10) if k != TARGET]
    assert numbers["loudest wrong output"] == max(wrong, key=lambda k: f.output[k])

    # delta_L = 2 (a_L - y) sigma'(z_L), as in the formula on screen
    np.testing.assert_array_equal(numbers["delta3"], g.deltas[2])
    np.testing.assert_allclose(numbers["delta3"], 2 * (f.output - y) * slope[2], rtol=1e-12)

    # the three ways: the brightest previous neurons, the target's wish -delta w_i
    np.testing.assert_array_equal(numbers["w into target"], w3[TARGET])
    a2 = f.activations[2]
    assert set(numbers["brightest"]) == set(np.argsort(a2)[-N_BRIGHTEST:])
    np.testing.assert_allclose(
        numbers["target wish for a2"], -g.deltas[2][TARGET] * w3[TARGET], rtol=1e-12
    )

    # every output's wishes, summed: the desired change of hidden layer 2 is -W3^T delta3
    wishes = np.array(numbers["wishes for a2"])
    np.testing.assert_allclose(wishes, -np.outer(g.deltas[2], np.ones(16)) * w3, rtol=1e-12)
    np.testing.assert_allclose(numbers["-dC/da2"], -w3.T @ g.deltas[2], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(wishes.sum(axis=0), numbers["-dC/da2"], rtol=1e-12, atol=1e-15)
    # through sigma'(z2) it is backprop's delta of hidden layer 2
    np.testing.assert_array_equal(numbers["delta2"], g.deltas[1])
    np.testing.assert_allclose(
        numbers["delta2"], (w3.T @ g.deltas[2]) * slope[1], rtol=1e-12, atol=1e-15
    )
    # one layer back: -W2^T delta2
    np.testing.assert_allclose(numbers["-dC/da1"], -w2.T @ g.deltas[1], rtol=1e-12, atol=1e-15)


def torch_last_layer_gradient(net: Network, images: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """dC/dW of the last layer, the cost averaged over the digits, by torch autograd."""
    weights = [torch.tensor(w, requires_grad=True) for w in net.weights]
    a = torch.tensor(np.atleast_2d(images))
    for w, b in zip(weights, net.biases):
        a = torch.sigmoid(a @ w.T + torch.tensor(b))
    y = torch.nn.functional.one_hot(torch.tensor(np.atleast_1d(labels)), 10).double()
    ((a - y) ** 2).sum(dim=1).mean().backward()
    return weights[-1].grad.numpy()


def test_fire_together_and_the_mini_batch_average_are_torchs(sidecar):
    """A weight's wished change is its feeding activation times the target's delta; the
    mini-batch is the training run's first, and its average wish is torch's batch gradient."""
    numbers = by_label(sidecar)
    net = Network.random(seed=UNTRAINED_SEED)
    x, _ = data.load_digit(STORY_DIGIT)
    a2 = net.feedforward(x).activations[2]
    one = -torch_last_layer_gradient(net, x, np.array([TARGET]))[TARGET]
    bright, dark = int(np.argmax(a2)), int(np.argmin(a2))
    for which, k in (("brightest", bright), ("darkest", dark)):
        assert numbers[f"{which} neuron feeding the target"] == k
        assert numbers[f"{which} neuron's activation"] == pytest.approx(a2[k], rel=1e-12)
        assert numbers[f"{which} neuron's weight change"] == pytest.approx(one[k], rel=1e-9)
    # In proportion to the activation feeding it.
    ratio = numbers["darkest neuron's weight change"] / numbers["brightest neuron's weight change"]
    assert ratio == pytest.approx(a2[dark] / a2[bright], rel=1e-9)
    # The first mini-batch of nncore.train's first epoch, from scratch.
    images, labels = data.load_mnist()
    train = data.split()[0]
    picked = train[np.random.default_rng(TRAIN_SEED).permutation(len(train))[:BATCH_SIZE]]
    np.testing.assert_array_equal(numbers["mini-batch"], picked)
    np.testing.assert_array_equal(numbers["mini-batch labels"], labels[picked])
    assert numbers["story digit's weight change"] == pytest.approx(one[bright], rel=1e-9)
    each = [-torch_last_layer_gradient(net, images[i], labels[i])[TARGET, bright] for i in picked]
    np.testing.assert_allclose(numbers["mini-batch weight changes"], each, rtol=1e-9)
    average = -torch_last_layer_gradient(net, images[picked], labels[picked])[TARGET, bright]
    assert numbers["mini-batch average weight change"] == pytest.approx(average, rel=1e-9)
    assert average == pytest.approx(np.mean(each), rel=1e-9)


@frames_comparison
def test_backprop_key_frame(scene: Scene):
    """The real nudges: outputs towards y, summed into hidden layer 2, passed to hidden 1."""
    net = Network.random(seed=UNTRAINED_SEED)
    x, _ = data.load_digit(STORY_DIGIT)
    y = one_hot(TARGET)
    f = net.feedforward(x)
    grads = net.activation_gradients(x, y)  # dC/da, input layer first
    want2, want1 = -grads[2], -grads[1]
    diagram = network_diagram(net, x)
    for layer, a in enumerate(f.activations):
        diagram.set_activations(layer, a)
    scene.add(
        diagram,
        arrows_at(diagram, 3, y - f.output, nudge_scale(y - f.output)),
        arrows_at(diagram, 2, want2, nudge_scale(want2)),
        arrows_at(diagram, 1, want1, nudge_scale(want1)),
    )
