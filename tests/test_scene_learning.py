"""Concept 7: the network learns. Every plotted value is a snapshot of a real training run.

For the shipped network they are the snapshots of the run that made it, and the digit
and neuron they follow obey the rules stated on screen, checked here against nncore. A
network without snapshots (here one made in PyTorch) gets a stand-in trained for the
scene, once: a second render reads it from the cache.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from manim import Text, tempconfig
from safetensors.torch import save_file
from scenetools import FAST, by_label

from nncore import data, train
from nncore.errors import InputError
from nncore.mlp import SIZES, Network, cost, one_hot
from nncore.noise import noise_image
from nncore.train import TRAINED_PATH, Snapshots
from scenes.contract import SceneInputs
from scenes.learning import MAP_SCALE_PERCENTILE, NetworkLearns
from scenes.mobjects.training_views import epoch_step, tick_step

STAND_IN_SIZES = (784, 32, 10)  # trains in a few seconds
REAL_TRAIN = train.train  # before any test replaces it


def render(media_dir) -> tuple[NetworkLearns, dict]:
    """Render the scene's last frame; return the scene (for its texts) and its sidecar."""
    with tempconfig(FAST | {"media_dir": str(media_dir)}):
        scene = NetworkLearns()
        scene.render()
    (sidecar,) = media_dir.rglob("*.numbers.json")
    return scene, json.loads(sidecar.read_text())


def texts_on_screen(scene: NetworkLearns) -> list[str]:
    return [
        m.original_text for top in scene.mobjects for m in top.get_family() if isinstance(m, Text)
    ]


def beat(sidecar: dict, name: str) -> dict:
    return next(b for b in sidecar["beats"] if b["name"] == name)


def torch_outputs(net: Network, images: np.ndarray) -> np.ndarray:
    """The sigmoid network's outputs for a batch of images, computed by torch."""
    a = torch.tensor(images)
    for w, b in zip(net.weights, net.biases):
        a = torch.sigmoid(a @ torch.tensor(w).T + torch.tensor(b))
    return a.numpy()


def assert_plots(numbers: dict, s: Snapshots) -> None:
    """Every plotted, drawn and said value is the snapshots' (exactly: the same floats)."""
    np.testing.assert_array_equal(numbers["cost"], s.cost)
    np.testing.assert_array_equal(numbers["held-out accuracy"], s.accuracy)
    np.testing.assert_array_equal(numbers["neuron weights"], s.w1_row)
    np.testing.assert_array_equal(numbers["outputs"], s.outputs)
    assert (numbers["neuron"], numbers["digit"]) == (s.neuron, s.digit)
    assert numbers["label"] == data.mnist_digit(s.digit)[1]
    assert numbers["guesses"] == s.outputs.argmax(axis=1).tolist()
    right = np.flatnonzero(s.outputs.argmax(axis=1) == numbers["label"])
    assert numbers["first right epoch"] == (right[0] if len(right) else -1)
    change = s.w1_row - s.w1_row[0]
    assert numbers["weights map scale"] == np.percentile(np.abs(s.w1_row), MAP_SCALE_PERCENTILE)
    assert numbers["change map scale"] == np.percentile(np.abs(change), MAP_SCALE_PERCENTILE)
    # "n of them never moved at all", among them those no training digit inks
    images, _ = data.load_mnist()
    never_inked = images[data.split()[0]].max(axis=0) == 0
    assert numbers["unchanged weights"] == np.sum(change[-1] == 0)
    assert numbers["uninked pixels"] == never_inked.sum()
    assert np.all(change[-1][never_inked] == 0)


def test_the_shipped_network_learns_as_its_own_run_recorded(tmp_path, monkeypatch):
    monkeypatch.setenv(SceneInputs.variable("train_cache"), str(tmp_path / "cache"))
    monkeypatch.delenv("NNEXPLAIN_WEIGHTS", raising=False)
    scene, sidecar = render(tmp_path / "media")
    numbers = by_label(sidecar)
    s = Snapshots.load(TRAINED_PATH)
    assert sidecar["inputs"]["history"] == train.SHIPPED
    assert not (tmp_path / "cache").exists(), "nothing is trained for the shipped network"
    assert_plots(numbers, s)
    assert numbers["sizes"] == list(SIZES) and numbers["weights per neuron"] == 784
    assert (numbers["epochs"], numbers["seed"], numbers["eta"]) == (30, 2, 3.0)
    assert (numbers["training digits"], numbers["held-out digits"]) == (4000, 1000)
    assert (numbers["batch size"], numbers["steps per epoch"]) == (10, 400)
    assert numbers["gradient steps"] == 30 * 400
    assert numbers["cost axis"] == [6, 2] and numbers["epoch axis step"] == 5  # 4.82, 30 epochs

    # The rules stated on screen, recomputed from the networks before and after training.
    before, after = Network.random(train.TRAIN_SEED), train.trained_network()
    images, labels = data.load_mnist()
    train_idx, test_idx = data.split()
    learned = [
        i for i in test_idx if before.predict(images[i]) != labels[i] == after.predict(images[i])
    ]
    assert numbers["digit"] == learned[0] == 3177
    moved = np.linalg.norm(after.weights[0] - before.weights[0], axis=1)
    assert numbers["neuron"] == np.argmax(moved) == 13
    np.testing.assert_array_equal(s.w1_row[0], before.weights[0][13])
    np.testing.assert_array_equal(s.w1_row[-1], after.weights[0][13])
    for net, row in ((before, 0), (after, -1)):
        np.testing.assert_allclose(s.outputs[row], net.feedforward(images[3177]).output, atol=1e-12)
        y = np.array([one_hot(k) for k in labels[train_idx]])
        assert np.isclose(s.cost[row], cost(net.feedforward(images[train_idx]).output, y))
    assert s.accuracy[-1] == after.metadata["test_accuracy"]
    # "right 89.7 % of the time on digits it never saw", recounted with torch.
    held_out = torch_outputs(after, images[test_idx]).argmax(axis=1)
    assert np.mean(held_out == labels[test_idx]) == pytest.approx(s.accuracy[-1], abs=1e-12)
    assert f"{100 * s.accuracy[-1]:.1f} %" in beat(sidecar, "curves")["say"]
    # A sigmoid neuron moves every weight whose pixel some digit inks.
    assert numbers["unchanged weights"] == numbers["uninked pixels"] == 121
    assert (
        "121 of them never moved at all, since no training digit" in beat(sidecar, "weights")["say"]
    )

    rules = " ".join(texts_on_screen(scene))
    assert (
        "snapshots of the training run that made the shipped network: "
        "seed 2, 30 epochs, step size 3.0" in rules
    )
    assert f"neuron 13: {train.FOLLOWED_NEURON}" in rules
    # The digit's rule while the digit is shown; at the end, noise in its place.
    shown = " ".join(t["text"] for t in beat(sidecar, "digit")["texts"])
    assert "MNIST digit 3177: the first held-out digit" in shown
    assert "pure noise: every pixel a random brightness, seed 0" in rules
    names = [b["name"] for b in sidecar["beats"]]
    assert names[0] == "start" and names[-2:] == ["noise", "bridge"]

    # Pure noise: what the trained network answers, and what the narration says of it.
    (noise,) = [e["value"] for e in sidecar["numbers"] if e["label"] == "noise image"]
    np.testing.assert_array_equal(noise["input"], noise_image())
    output = torch_outputs(after, noise_image()[None, :])[0]
    np.testing.assert_allclose(noise["output"], output, rtol=1e-9)
    assert noise["network"] == "trained" and len(noise["input"]) == 784
    assert numbers["noise guess"] == np.argmax(output)
    said = beat(sidecar, "noise")["say"]
    assert f"{numbers['noise top output']:.2f}" in said
    assert ("every output stays low" in said) == (output.max() < 0.5)


def test_a_network_without_history_gets_a_stand_in_trained_once(tmp_path, monkeypatch):
    """A PyTorch network brings no snapshots: one of its shape is trained, and cached."""
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10), torch.nn.ReLU()
    )
    path = tmp_path / "someone_elses.safetensors"
    save_file(model.state_dict(), path)  # no metadata: the activation comes from the input
    cache = tmp_path / "cache"
    monkeypatch.setenv("NNEXPLAIN_WEIGHTS", str(path))
    monkeypatch.setenv("NNEXPLAIN_ACTIVATION", "relu")
    monkeypatch.setenv(SceneInputs.variable("train_cache"), str(cache))
    trainings = []
    monkeypatch.setattr(train, "train", lambda *a, **k: trainings.append(a) or REAL_TRAIN(*a, **k))

    scene, sidecar = render(tmp_path / "first")
    (kept,) = cache.glob("*.npz")
    assert kept.name.startswith("784-32-10-relu-") and len(trainings) == 1
    assert sidecar["inputs"]["history"] == train.STAND_IN
    assert sidecar["inputs"]["snapshots"] == str(kept)
    numbers = by_label(sidecar)
    stand_in = Snapshots.load(kept)
    assert_plots(numbers, stand_in)
    assert numbers["sizes"] == list(STAND_IN_SIZES)
    assert (numbers["epochs"], numbers["eta"]) == (train.EPOCHS, train.DEFAULT_ETA["relu"])
    assert Network.load(kept).metadata["init"] == "w: N(0, 1/n_in), b: 0"
    shown = " ".join(texts_on_screen(scene))
    assert (
        "this network came without its training history: a 784-32-10 relu of the same shape, "
        "trained here for this scene: seed 2, 30 epochs, step size 0.03" in shown
    )
    assert "trained here for this scene" in sidecar["beats"][0]["say"]

    def no_training(*args, **kwargs):
        raise AssertionError("the stand-in was trained again")

    monkeypatch.setattr(train, "train", no_training)
    _, again = render(tmp_path / "second")
    assert again["numbers"] == sidecar["numbers"]


def test_a_network_trained_by_nnexplain_shows_its_own_run(tmp_path, monkeypatch):
    net, snapshots = REAL_TRAIN(epochs=2, sizes=(784, 10))
    path = tmp_path / "mine.npz"
    train.save_atomically(net, path, snapshots)
    monkeypatch.setenv("NNEXPLAIN_WEIGHTS", str(path))
    monkeypatch.setenv(SceneInputs.variable("train_cache"), str(tmp_path / "cache"))
    scene, sidecar = render(tmp_path / "media")
    assert sidecar["inputs"]["history"] == train.OWN
    numbers = by_label(sidecar)
    assert_plots(numbers, snapshots)
    assert numbers["epoch axis step"] == 1  # whole epochs, even for a run of two
    assert (
        "snapshots of this network's own training run: seed 2, 2 epochs, step size 3.0"
        in " ".join(texts_on_screen(scene))
    )
    assert not (tmp_path / "cache").exists()


def test_the_stand_in_cache_is_keyed_by_shape_and_recipe(tmp_path, monkeypatch):
    """A file without snapshots, an .npz too, gets a stand-in; another shape another one."""
    made = []
    monkeypatch.setattr(train, "train", lambda *a, **k: made.append(a) or _tiny_run(a))
    old = tmp_path / "old.npz"
    Network.random(3, (784, 10)).save(old)
    assert not train.has_snapshots(old)
    first = train.learning_history(old, (784, 10), "sigmoid", tmp_path)
    again = train.learning_history(old, (784, 10), "sigmoid", tmp_path)
    tanh = train.learning_history(old, (784, 10), "tanh", tmp_path)
    assert len(made) == 2 and first.path == again.path != tanh.path
    assert first.origin == again.origin == train.STAND_IN
    assert first.recipe["learning_rate"] == train.ETA and tanh.recipe["learning_rate"] == 0.03
    assert sorted(p.name for p in tmp_path.glob("*.npz")) == sorted(
        ["old.npz", first.path.name, tanh.path.name]
    )


def test_axis_steps_are_round_and_epochs_whole():
    assert [tick_step(span) for span in (30, 1000, 4.82, 1.35)] == [5, 200, 1, 0.5]
    assert [epoch_step(epochs) for epochs in (1, 2, 30, 1000)] == [1, 1, 5, 200]


def test_broken_snapshots_are_refused_in_one_line(tmp_path):
    net, snapshots = REAL_TRAIN(epochs=1, sizes=(784, 10))
    snapshots.w1_row = snapshots.w1_row[:, :100]
    path = tmp_path / "broken.npz"
    net.save(path, snapshots.arrays())
    with pytest.raises(InputError, match=r"snapshot_w1_row should be \(2, 784\)"):
        train.learning_history(path, net.sizes, net.activation)


def _tiny_run(args: tuple) -> tuple[Network, Snapshots]:
    """One epoch of the training asked for, standing in for its thirty."""
    seed, _, batch_size, eta, sizes, activation, on_epoch, init = args
    return REAL_TRAIN(seed, 1, batch_size, eta, sizes, activation, on_epoch, init)
