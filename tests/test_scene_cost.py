"""Concepts 4 and 5: every number the cost scenes show is nncore's, recomputed here.

The checks recompute the forward pass, the desired output, each term and the sum
with plain numpy (not through ``nncore.mlp``'s own functions), and every label in
a sidecar must be checked: a number the test does not know fails it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch
from manim import UL, Scene
from manim.utils.testing.frames_comparison import frames_comparison
from PIL import Image
from scenetools import by_label, render_numbers

from nncore import data
from nncore.errors import InputError
from nncore.mlp import Network
from nncore.train import trained_network
from scenes import inputs
from scenes.cost import (
    STORY_DIGIT,
    CostTrained,
    CostUntrained,
    cost_law,
    cost_table,
    costed,
    digit_grid,
    network_diagram,
    untrained_note,
)
from scenes.story import trained_note, training
from scenes.style import source_note, to_safe_corner

__module_test__ = "cost"

ENV = ("NNEXPLAIN_DIGIT", "NNEXPLAIN_SEED", "NNEXPLAIN_LABEL", "NNEXPLAIN_WEIGHTS")
# Tight enough that any number changed by more than rounding error fails.
RTOL = 1e-9


def forward(weights: list[np.ndarray], biases: list[np.ndarray], x: np.ndarray) -> list:
    """Every layer's activations, computed here: a' = 1 / (1 + exp(-(W a + b)))."""
    activations = [x]
    for w, b in zip(weights, biases):
        activations.append(1.0 / (1.0 + np.exp(-(w @ activations[-1] + b))))
    return activations


def expected_cost(net: Network, x: np.ndarray, label: int) -> dict[str, object]:
    """What a cost scene must show for ``x`` through ``net``, wanting ``label``."""
    a = forward(net.weights, net.biases, x)
    y = np.eye(10)[label]
    terms = (a[-1] - y) ** 2
    return {
        "a1": a[1],
        "a2": a[2],
        "output": a[-1],
        "answer": int(np.argmax(a[-1])),  # the brightest output, which the narration names
        "desired": y,
        "terms": terms,
        "worst term": int(np.argmax(terms)),  # the row the narration says is furthest off
        "cost": terms.sum(),
    }


def torch_average_cost(net: Network) -> float:
    """The quadratic cost averaged over the 4,000 training digits, by torch in float64."""
    images, labels = data.load_mnist()
    train, _ = data.split()
    a = torch.tensor(images[train], dtype=torch.float64)
    for w, b in zip(net.weights, net.biases):
        a = torch.sigmoid(a @ torch.tensor(w).T + torch.tensor(b))
    y = torch.nn.functional.one_hot(torch.tensor(labels[train]), 10).double()
    return float(((a - y) ** 2).sum(dim=1).mean())


def assert_close(shown: object, expected: object, label: str) -> None:
    np.testing.assert_allclose(shown, expected, rtol=RTOL, atol=0, err_msg=label)


def check_untrained(numbers: dict, x: np.ndarray, label: int, seed: int) -> None:
    """Every number CostUntrained logged, against an independent recomputation."""
    expected = expected_cost(Network.random(seed=seed), x, label)
    assert set(numbers) == {"seed", "label", "layer sizes", *expected}
    assert numbers["seed"] == seed
    assert numbers["label"] == label
    assert numbers["layer sizes"] == [784, 16, 16, 10]
    for key, value in expected.items():
        assert_close(numbers[key], value, key)


def check_trained(numbers: dict, x: np.ndarray, label: int, seed: int) -> None:
    """Every number CostTrained logged: both networks' terms and costs, and the note's facts."""
    net = trained_network()
    before = expected_cost(Network.random(seed=seed), x, label)
    after = expected_cost(net, x, label)
    train, test = data.split()
    images, labels = data.load_mnist()
    a = images[test]  # (1000, 784): the held-out digits, one per row
    for w, b in zip(net.weights, net.biases):
        a = 1.0 / (1.0 + np.exp(-(a @ w.T + b)))
    accuracy = np.mean(np.argmax(a, axis=1) == labels[test])
    facts = {"train_digits": len(train), "test_digits": len(test), "test_accuracy": accuracy}
    shown = {"seed", "label", "layer sizes", "desired", *facts}
    shown |= {
        f"{which} {k}"
        for which in ("untrained", "trained")
        for k in ("a1", "a2", "output", "terms")
    }
    shown |= {"untrained cost", "trained cost", "trained answer", "parameters"}
    shown |= {"average digits", "average cost, untrained", "average cost, trained"}
    assert set(numbers) == shown
    assert numbers["seed"] == seed
    assert numbers["label"] == label
    assert numbers["layer sizes"] == [784, 16, 16, 10]
    assert_close(numbers["desired"], after["desired"], "desired")
    for key, value in facts.items():
        assert numbers[key] == value, key
    for which, expected in (("untrained", before), ("trained", after)):
        for key in ("a1", "a2", "output", "terms", "cost"):
            assert_close(numbers[f"{which} {key}"], expected[key], f"{which} {key}")
    assert numbers["trained answer"] == after["answer"]
    assert numbers["parameters"] == 784 * 16 + 16 * 16 + 16 * 10 + 16 + 16 + 10
    assert numbers["average digits"] == len(train) == 4000
    for which, averaged in (("untrained", Network.random(seed=seed)), ("trained", net)):
        expected = torch_average_cost(averaged)
        np.testing.assert_allclose(numbers[f"average cost, {which}"], expected, rtol=1e-9)


def render_clean(scene: type, media: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    """Render ``scene``'s numbers with exactly the ``NNEXPLAIN_*`` variables given."""
    for key in ENV:
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return render_numbers(scene, media)


@pytest.fixture(scope="module")
def story_numbers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Both scenes rendered once with their default inputs."""
    with pytest.MonkeyPatch.context() as mp:
        return {
            scene.__name__: render_clean(scene, tmp_path_factory.mktemp(scene.__name__), mp)
            for scene in (CostUntrained, CostTrained)
        }


def story_x() -> np.ndarray:
    return data.load_digit(STORY_DIGIT)[0]


CHECKS: dict[str, Callable[[dict], None]] = {
    "CostUntrained": lambda numbers: check_untrained(numbers, story_x(), 3, 9),
    "CostTrained": lambda numbers: check_trained(numbers, story_x(), 3, 9),
}


def test_untrained_cost_is_nncores(story_numbers):
    sidecar = story_numbers["CostUntrained"]
    assert sidecar["inputs"] == {"digit": STORY_DIGIT, "label": 3, "seed": 9}
    numbers = by_label(sidecar)
    CHECKS["CostUntrained"](numbers)
    # The story: an untrained network is far off (its answer is not 3), as in the video.
    assert 3.0 < numbers["cost"] < 4.0
    assert int(np.argmax(numbers["output"])) != 3


def test_trained_cost_is_nncores(story_numbers):
    sidecar = story_numbers["CostTrained"]
    assert sidecar["inputs"]["digit"] == STORY_DIGIT and sidecar["inputs"]["seed"] == 9
    numbers = by_label(sidecar)
    CHECKS["CostTrained"](numbers)
    assert int(np.argmax(numbers["trained output"])) == 3
    assert numbers["trained cost"] < numbers["untrained cost"] / 1000
    # over all the training digits the trained network is far better, not perfect
    assert 0 < numbers["average cost, trained"] < numbers["average cost, untrained"] / 10


@pytest.mark.parametrize("scene", sorted(CHECKS))
def test_any_wrong_number_fails_the_check(story_numbers, scene):
    numbers = by_label(story_numbers[scene])
    for label, value in numbers.items():
        wrong = dict(numbers)
        if isinstance(value, list):
            flat = np.array(value, dtype=float)
            flat.flat[-1] += 1e-6 * (1 + abs(flat.flat[-1]))
            wrong[label] = flat.tolist()
        else:
            wrong[label] = (
                value + 1e-6 * (1 + abs(value)) if isinstance(value, float) else value + 1
            )
        with pytest.raises(AssertionError):
            CHECKS[scene](wrong)


def test_story_digit_is_the_held_out_three_the_trained_network_is_surest_of():
    _, test = data.split()
    images, labels = data.load_mnist()
    threes = test[labels[test] == 3]
    net = trained_network()
    costs = [costed(net, images[i], 3).cost for i in threes]
    assert STORY_DIGIT == f"mnist:{threes[int(np.argmin(costs))]}"
    assert net.predict(story_x()) == 3


def write_png(path: Path, spec: str) -> Path:
    """A real digit saved as an ordinary image file: a user's digit, without a label."""
    x, _ = data.load_digit(spec)
    Image.fromarray((x.reshape(28, 28) * 255).round().astype(np.uint8)).save(path)
    return path


def test_image_label_and_seed_overrides(tmp_path, monkeypatch):
    # CostTrained shows both networks, so one render covers every override.
    image = write_png(tmp_path / "three.png", "mnist:1600")
    sidecar = render_clean(
        CostTrained,
        tmp_path / "media",
        monkeypatch,
        NNEXPLAIN_DIGIT=str(image),
        NNEXPLAIN_LABEL="8",
        NNEXPLAIN_SEED="13",
    )
    assert sidecar["inputs"]["digit"] == str(image)
    assert (sidecar["inputs"]["label"], sidecar["inputs"]["seed"]) == (8, 13)
    check_trained(by_label(sidecar), data.load_image(image), 8, 13)


def test_image_without_label_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    image = write_png(tmp_path / "mine.png", "mnist:1600")
    with pytest.raises(SystemExit) as exit_info:
        render_clean(CostUntrained, tmp_path / "media", monkeypatch, NNEXPLAIN_DIGIT=str(image))
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "has no label" in err and "NNEXPLAIN_LABEL=" in err


@pytest.mark.parametrize("value", ["12", "-1", "three"])
def test_a_label_that_is_not_a_digit_is_refused(monkeypatch, value):
    monkeypatch.setenv("NNEXPLAIN_LABEL", value)
    with pytest.raises(InputError, match="NNEXPLAIN_LABEL"):
        inputs.label(inputs.Digit("mine.png", story_x(), None))


# Graphical tests: the scenes' key frames, built from the same helpers and real numbers.


def add_key_frame(scene: Scene, net: Network, note: str) -> None:
    """The digit, the network lit by it and the cost table with its sum, as the scenes draw them."""
    digit = inputs.Digit(STORY_DIGIT, *data.load_digit(STORY_DIGIT))
    example = costed(net, digit.x, 3)
    diagram = network_diagram(net, digit)
    for layer, a in enumerate(example.forward.activations):
        diagram.set_activations(layer, a)
    table = cost_table(example)
    corner = to_safe_corner(source_note(note), UL)
    scene.add(digit_grid(digit, diagram), diagram, table, cost_law(table), corner)


@frames_comparison
def test_untrained_cost_frame(scene: Scene):
    net = Network.random(seed=9)
    add_key_frame(scene, net, untrained_note(9, net))


@frames_comparison
def test_trained_cost_frame(scene: Scene):
    net = trained_network()
    add_key_frame(scene, net, trained_note(training(net)))
