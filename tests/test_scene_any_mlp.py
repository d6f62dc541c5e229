"""Every digit scene draws the network it is given, and every number it shows is nncore's.

Each scene is rendered (last frame only, tiny) with a 784-10 sigmoid, a 784-32-10
ReLU and a 784-128-64-10 tanh network, and every label of its sidecar is
recomputed here from ``nncore`` (a label this file does not know fails the test).
The quick run renders each scene with one of the shapes, every shape and every
activation at least once; the slow run renders every scene with every shape. One
test renders every digit chapter and the learning one from a PyTorch ``nn.Sequential``
saved as ``.safetensors``, through ``nnexplain render``. The shipped 784-16-16-10
network is each scene's own test's subject.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scenetools import by_label, render_numbers

from nncore import data
from nncore.mlp import Network, cost, n_params, one_hot
from nncore.train import (
    BATCH_SIZE,
    DEFAULT_ETA,
    DEFAULT_INIT,
    STAND_IN,
    TRAIN_SEED,
    save_atomically,
    train,
)
from scenes import cost as cost_scene
from scenes import parameters as parameters_scene
from scenes.audio.narration import unmatched

ENV = (
    "NNEXPLAIN_DIGIT",
    "NNEXPLAIN_LABEL",
    "NNEXPLAIN_SEED",
    "NNEXPLAIN_WEIGHTS",
    "NNEXPLAIN_ACTIVATION",
)
SEED = 9  # the untrained network's, NNEXPLAIN_SEED's default
# (sizes, activation, trained here): 784-10 is saved untrained, as a network whose file
# records no training (a file from elsewhere: its accuracy is measured by nncore).
NETWORKS = {
    "784-10-sigmoid": ((784, 10), "sigmoid", False),
    "784-32-10-relu": ((784, 32, 10), "relu", True),
    "784-128-64-10-tanh": ((784, 128, 64, 10), "tanh", True),
}
# (module, scene, its story digit)
SCENES = {
    "HiddenLayers": ("network", "mnist:4529"),
    "WeightsAndBiases": ("parameters", "mnist:4529"),
    "CostUntrained": ("cost", cost_scene.STORY_DIGIT),
    "CostTrained": ("cost", cost_scene.STORY_DIGIT),
    "NegativeGradient": ("gradient", "mnist:4529"),
    "Backpropagation": ("backprop", "mnist:1315"),
}
# The quick run: each scene once, each network twice.
QUICK = {
    "HiddenLayers": "784-10-sigmoid",
    "WeightsAndBiases": "784-128-64-10-tanh",
    "CostUntrained": "784-32-10-relu",
    "CostTrained": "784-128-64-10-tanh",
    "NegativeGradient": "784-32-10-relu",
    "Backpropagation": "784-10-sigmoid",
}
CASES = [
    pytest.param(scene, net, marks=() if QUICK[scene] == net else pytest.mark.slow)
    for scene in SCENES
    for net in NETWORKS
]


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each network of NETWORKS as a weights file, trained for one epoch or not at all."""
    folder = tmp_path_factory.mktemp("weights")
    paths = {}
    for name, (sizes, activation, trained) in NETWORKS.items():
        if trained:
            net, _ = train(epochs=1, sizes=sizes, activation=activation)
        else:
            net = Network.random(3, sizes, activation, DEFAULT_INIT[activation])
            net.metadata = {}
        paths[name] = folder / f"{name}.npz"
        save_atomically(net, paths[name])
    return paths


def scene_class(name: str) -> type:
    import importlib

    return getattr(importlib.import_module(f"scenes.{SCENES[name][0]}"), name)


# -- what each scene must show, from nncore -------------------------------------------------


def close(shown: object, expected: object, label: str) -> None:
    np.testing.assert_allclose(
        np.asarray(shown, dtype=float), np.asarray(expected, dtype=float), rtol=1e-9, atol=1e-12,
        err_msg=label,
    )  # fmt: skip


def untrained_of(net: Network) -> Network:
    """The untrained network a scene shows beside ``net``: its sizes, its activation."""
    return Network.random(SEED, net.sizes, net.activation, DEFAULT_INIT[net.activation])


def held_out_accuracy(net: Network) -> float:
    images, labels = data.load_mnist()
    _, test = data.split()
    return net.accuracy(images[test], labels[test])


def facts(net: Network) -> dict[str, object]:
    """The trained note's numbers: the file's record, else measured on the held-out digits."""
    if "train_digits" in net.metadata:
        return {k: net.metadata[k] for k in ("train_digits", "test_digits", "test_accuracy")}
    return {"test_digits": len(data.split()[1]), "test_accuracy": held_out_accuracy(net)}


def hidden_layers(net: Network, x: np.ndarray) -> dict[str, object]:
    f = net.feedforward(x)
    expected: dict[str, object] = {f"layer {l} size": n for l, n in enumerate(net.sizes)}
    expected |= {f"a{l}": a for l, a in enumerate(f.activations)}
    expected |= {f"output {d}": a for d, a in enumerate(f.output)}
    expected |= {f"lit in layer {l}": int(np.sum(f.activations[l] > 0.5)) for l in
                 range(1, len(net.sizes) - 1)}  # fmt: skip
    expected |= {"prediction": int(np.argmax(f.output)), "label": 9}
    expected["runner-up"] = int(np.argsort(f.output)[-2])
    expected["test accuracy"] = facts(net)["test_accuracy"]
    if "train_digits" in net.metadata:
        expected["training digits"] = net.metadata["train_digits"]
    # The fact against the hope: the first layer's weights, all of them or the 16 neurons
    # the digit drives hardest; then one neuron's weighted sum, pixel by pixel.
    z1 = f.zs[1]
    shown = np.arange(net.sizes[1]) if net.sizes[1] <= 16 else np.sort(np.argsort(-z1)[:16])
    on = np.flatnonzero(z1 > 0)
    j = int(on[np.argmax(-net.biases[0][on])]) if on.size else int(np.argmax(z1))
    wx = net.weights[0][j] * x
    expected |= {
        "weight maps": net.weights[0][shown], "chosen neuron": j,
        "push": wx[wx > 0].sum(), "pull": wx[wx < 0].sum(), "weighted sum": wx.sum(),
        "threshold": -net.biases[0][j], "activation": f.activations[1][j],
    }  # fmt: skip
    return expected


def weights_and_biases(net: Network, x: np.ndarray) -> dict[str, object]:
    f = net.feedforward(x)
    j = int(np.argmax(f.zs[1]))
    pairs = list(zip(net.sizes, net.sizes[1:]))
    n_weights = sum(n_in * n_out for n_in, n_out in pairs)
    n_biases = sum(n_out for _, n_out in pairs)
    assert n_weights + n_biases == n_params(net.sizes)  # the count, term by term
    return {
        "neuron": j, "z": f.zs[1][j], "b": net.biases[0][j], "a": f.activations[1][j],
        "weights into the neuron": 784, "grid side": 28,
        "largest |w|": np.abs(net.weights[0][j]).max(),
        "W1 shape": [net.sizes[1], 784], "b1 shape": [net.sizes[1]],
        "layer sizes": list(net.sizes), "weights": n_weights, "biases": n_biases,
        "parameters": n_params(net.sizes), "edges": n_weights, "untrained seed": SEED,
        "dials": net.flat()[np.linspace(0, net.n_params - 1, parameters_scene.DIALS).round()
                            .astype(int)],
        "inputs": 784, "outputs": 10,
    }  # fmt: skip


def cost_of(net: Network, x: np.ndarray, label: int, prefix: str = "") -> dict[str, object]:
    f = net.feedforward(x)
    y = one_hot(label)
    terms = (f.output - y) ** 2
    expected = {f"{prefix}a{l}": f.activations[l] for l in range(1, len(net.sizes) - 1)}
    return expected | {
        f"{prefix}output": f.output,
        f"{prefix}terms": terms,
        f"{prefix}cost": float(terms.sum()),
        "answer": int(np.argmax(f.output)),
        "worst term": int(np.argmax(terms)),
    }


def cost_untrained(net: Network, x: np.ndarray) -> dict[str, object]:
    expected = cost_of(untrained_of(net), x, 3)
    return expected | {"seed": SEED, "label": 3, "layer sizes": list(net.sizes),
                       "desired": one_hot(3)}  # fmt: skip


def cost_trained(net: Network, x: np.ndarray) -> dict[str, object]:
    before = cost_of(untrained_of(net), x, 3, "untrained ")
    after = cost_of(net, x, 3, "trained ")
    for drop in ("answer", "worst term"):
        before.pop(drop)
    after["trained answer"] = after.pop("answer")
    after.pop("worst term")
    images, labels = data.load_mnist()
    train_idx = data.split()[0]
    targets = np.stack([one_hot(int(d)) for d in labels[train_idx]])

    def average(n: Network) -> float:
        return cost(n.feedforward(images[train_idx]).output, targets)

    return before | after | facts(net) | {"seed": SEED, "label": 3, "desired": one_hot(3),
                                          "layer sizes": list(net.sizes),
                                          "average digits": len(train_idx),
                                          "average cost, untrained": average(untrained_of(net)),
                                          "average cost, trained": average(net),
                                          "parameters": n_params(net.sizes)}  # fmt: skip


def negative_gradient(net: Network, x: np.ndarray, numbers: dict) -> dict[str, object]:
    untrained = untrained_of(net)
    y = one_hot(9)
    g = untrained.backprop(x, y)
    downhill = -g.flat()
    eta = DEFAULT_ETA[net.activation]
    stepped = untrained.step(g, eta)
    weights = np.array([i for i in range(untrained.n_params) if untrained.locate(i)[0] == "w"])
    expected = {
        "label": 9, "gradient entries": untrained.n_params, "eta": eta,
        "largest": int(weights[np.argmax(np.abs(downhill[weights]))]),
        "cost before": cost(untrained.feedforward(x).output, y),
        "cost after": cost(stepped.feedforward(x).output, y),
        "shown inputs": numbers["shown inputs"],
    }  # fmt: skip
    expected |= {f"a{l}": a for l, a in enumerate(untrained.feedforward(x).activations)}
    expected |= {
        f"a{l} after": a for l, a in enumerate(stepped.feedforward(x).activations) if l > 0
    }
    index = {untrained.parameter_name(int(i)): int(i) for i in weights}
    shown = [index[label.removeprefix("-dC/d ")] for label in numbers if label.startswith("-dC/d ")]
    assert len(shown) == 8
    expected |= {f"-dC/d {untrained.parameter_name(i)}": downhill[i] for i in shown}
    expected["smallest"] = min(shown, key=lambda i: abs(downhill[i]))  # "who cares"
    expected["sign up"] = max(shown, key=lambda i: downhill[i])
    expected["sign down"] = min(shown, key=lambda i: downhill[i])
    entries = np.abs(downhill[weights])
    expected["zero entries"] = int(np.sum(entries == 0))
    expected["entries that matter"] = int(np.sum(entries >= 0.1 * entries.max()))
    inputs = numbers["shown inputs"]
    assert len(inputs) == 16 and inputs == sorted(inputs) and np.all(x[inputs] > 0)
    return expected


def backpropagation(net: Network, x: np.ndarray) -> dict[str, object]:
    untrained = untrained_of(net)
    y = one_hot(2)
    f = untrained.feedforward(x)
    g = untrained.backprop(x, y)
    grads = untrained.activation_gradients(x, y)
    out = len(net.sizes) - 1
    before = out - 1
    wrong = [k for k in range(10) if k != 2]
    expected = {f"a{l}": a for l, a in enumerate(f.activations)}
    expected |= {
        "y": y, "a - y": f.output - y, "desired output": 2,
        "loudest wrong output": max(wrong, key=lambda k: f.output[k]),
        f"delta{out}": g.deltas[-1], "w into target": untrained.weights[-1][2],
        "brightest": np.sort(np.argsort(-f.activations[before], kind="stable")[:3]),
    }  # fmt: skip
    if before >= 1:
        shares = -untrained.activation_gradient_shares(x, y, before)
        expected |= {
            f"target wish for a{before}": shares[2],
            f"wishes for a{before}": shares,
            f"-dC/da{before}": -grads[before],
            f"delta{before}": g.deltas[-2],
        }
    if before >= 2:
        expected[f"-dC/da{before - 1}"] = -grads[before - 1]
    # Fire together, wire together: the brightest and darkest feeding the target (pixels
    # for 784-10), and one weight's wish against the training run's first mini-batch.
    a_prev = f.activations[before]
    bright, dark = int(np.argmax(a_prev)), int(np.argmin(a_prev))
    change = -g.nabla_w[-1][2]
    for which, k in (("brightest", bright), ("darkest", dark)):
        expected |= {
            f"{which} neuron feeding the target": k,
            f"{which} neuron's activation": a_prev[k],
            f"{which} neuron's weight change": change[k],
        }
    images, labels = data.load_mnist()
    train_idx = data.split()[0]
    picked = train_idx[np.random.default_rng(TRAIN_SEED).permutation(len(train_idx))[:BATCH_SIZE]]
    targets = np.stack([one_hot(int(label)) for label in labels[picked]])
    each = [-untrained.backprop(images[i], one_hot(int(labels[i]))).nabla_w[-1][2, bright]
            for i in picked]  # fmt: skip
    expected |= {
        "mini-batch": picked, "mini-batch labels": labels[picked], "mini-batch size": BATCH_SIZE,
        "story digit's weight change": change[bright], "mini-batch weight changes": each,
        "mini-batch average weight change": -untrained.backprop(images[picked], targets)
        .nabla_w[-1][2, bright],
    }  # fmt: skip
    return expected


def expected_numbers(scene: str, net: Network, numbers: dict) -> dict[str, object]:
    x, _ = data.load_digit(SCENES[scene][1])
    if scene == "NegativeGradient":
        return negative_gradient(net, x, numbers)
    return {
        "HiddenLayers": hidden_layers,
        "WeightsAndBiases": weights_and_biases,
        "CostUntrained": cost_untrained,
        "CostTrained": cost_trained,
        "Backpropagation": backpropagation,
    }[scene](net, x)


def check_sidecar(scene: str, net: Network, sidecar: dict) -> None:
    numbers = by_label(sidecar)
    expected = expected_numbers(scene, net, numbers)
    assert set(numbers) == set(expected), (scene, set(numbers) ^ set(expected))
    for label, value in expected.items():
        close(numbers[label], value, f"{scene}: {label}")
    values = [e["value"] for e in sidecar["numbers"]]
    for beat in sidecar["beats"]:
        assert not unmatched(beat["say"], values), (scene, beat["name"], beat["say"])


@pytest.mark.parametrize("scene, network", CASES)
def test_every_number_of_each_digit_scene_is_nncores_for_any_network(
    scene, network, weights, tmp_path, monkeypatch
):
    for key in ENV:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NNEXPLAIN_WEIGHTS", str(weights[network]))
    sidecar = render_numbers(scene_class(scene), tmp_path)
    check_sidecar(scene, Network.load(weights[network]), sidecar)
    said = " ".join(beat["say"] for beat in sidecar["beats"])
    sizes, activation, _ = NETWORKS[network]
    assert "13,002" not in said and ("sigmoid" not in said or activation == "sigmoid")
    if scene == "HiddenLayers" and len(sizes) == 2:
        assert "no hidden layer" in said


def test_a_wide_layer_shows_its_16_most_active_neurons_and_says_so():
    from scenes.mobjects.network import NetworkMobject, most_active_indices
    from scenes.story import shown_rule

    net = Network.random(1, (784, 128, 64, 10), "tanh", "scaled")
    x, _ = data.load_digit("mnist:4529")
    zs = net.feedforward(x).zs
    shown = most_active_indices(zs, net.sizes)
    assert set(shown) == {1, 2}
    for layer, idx in shown.items():
        assert list(idx) == sorted(np.argsort(-zs[layer])[:16])
    diagram = NetworkMobject(net.sizes, net.weights, shown=shown)
    assert [len(i) for i in diagram.shown_indices] == [16, 16, 16, 10]
    assert [mark.submobjects[0].text for mark in diagram.braces[1:]] == ["128", "64"]
    assert shown_rule(net.sizes) and shown_rule((784, 16, 16, 10)) is None
    assert most_active_indices(zs[:2], (784, 10)) == {}


def test_all_109184_edges_cost_a_frame_what_12960_do():
    """The weight change's frames mix two keyframes: their work does not grow with the edges."""
    from manim import tempconfig

    from scenes.mobjects import all_edges
    from scenes.mobjects.all_edges import AllEdges, dense_edges, every_neuron

    def passes(sizes: tuple[int, ...]) -> int:
        """How often a 20-frame weight change reads the coverage, after the edges are drawn."""
        _, positions = every_neuron(sizes)
        before, after = (Network.random(s, sizes).weights for s in (1, 2))
        edges = AllEdges(*dense_edges(positions, before))
        change = edges.change_weights(dense_edges(positions, after).weights)
        calls = []
        real = edges.coverage.accumulate
        edges.coverage.accumulate = lambda v: calls.append(v.shape) or real(v)
        change.begin()
        for alpha in np.linspace(0, 1, 20):
            change.interpolate(alpha)
        np.testing.assert_allclose(edges.weights, dense_edges(positions, after).weights)
        assert calls == [(len(edges.weights), 2 * all_edges.KEYFRAMES)]
        return len(calls)

    with tempconfig({"pixel_width": 160, "pixel_height": 90}):
        # one pass for every keyframe at once, however many edges
        assert passes((784, 16, 16, 10)) == passes((784, 128, 64, 10)) == 1


def test_a_pytorch_network_renders_through_nnexplain_render(tmp_path):
    torch = pytest.importorskip("torch")
    from safetensors.torch import save_file

    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 24), torch.nn.ReLU(), torch.nn.Linear(24, 10), torch.nn.ReLU()
    )
    path = tmp_path / "someone_elses.safetensors"
    save_file(model.state_dict(), str(path))  # no metadata: the activation is given
    out = tmp_path / "out"
    # Every digit chapter and the learning one; their stills only (--preview), which run
    # every beat and so record every number.
    chapters = ["input-layer", "hidden-layers", "parameters", "cost-untrained", "cost-trained",
                "gradient", "learning", "backprop"]  # fmt: skip
    cmd = [sys.executable, "-m", "nnexplain", "render", *chapters, "--weights", str(path),
           "--activation", "relu", "--voice", "none", "--format", "png", "--preview",
           "--jobs", "2", "--out", str(out)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 0, done.stderr
    net = Network.load(path, activation="relu")
    x, _ = data.load_digit("mnist:4529")
    with torch.no_grad():  # torch's own forward pass, in float64
        torch_out = model.double()(torch.tensor(x)).numpy()
    np.testing.assert_allclose(net.feedforward(x).output, torch_out, atol=1e-9)
    for scene in SCENES:
        (sidecar,) = out.rglob(f"{scene}.numbers.json")
        check_sidecar(scene, net, json.loads(sidecar.read_text()))
    (learning,) = out.rglob("NetworkLearns.numbers.json")
    learned = json.loads(learning.read_text())
    assert learned["inputs"]["history"] == STAND_IN  # it brought no snapshots of its own
    assert by_label(learned)["sizes"] == [784, 24, 10]
    (pixels,) = out.rglob("InputLayer.numbers.json")  # reads no network: the digit's pixels
    for label, value in by_label(json.loads(pixels.read_text())).items():
        if label.startswith(("pixel ", "activation ")):
            assert value == x[int(label.split()[1])], label

    # a file that does not say its activation, without --activation: one line, exit 2
    cmd = cmd[: cmd.index("--activation")] + cmd[cmd.index("--activation") + 2 :]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).parents[1])
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "does not say its activation" in done.stderr
