"""``nnexplain inspect``: what the network sees, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw

from nncore import data
from nncore.mlp import Network, cost, one_hot
from nncore.train import TRAINED_PATH, trained_network


def nnexplain(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nnexplain.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_inspect_a_shipped_digit_as_json():
    result = nnexplain("inspect", "mnist:4500", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    net = trained_network()
    x, label = data.mnist_digit(4500)
    f = net.feedforward(x)
    assert report["label"] == label == 9
    assert report["prediction"] == int(np.argmax(f.output))
    np.testing.assert_allclose(report["input"], x)
    np.testing.assert_allclose(report["output"], f.output)
    for layer, (z, a) in zip(report["layers"], zip(f.zs[1:], f.activations[1:])):
        np.testing.assert_allclose(layer["z"], z)
        np.testing.assert_allclose(layer["a"], a)
    assert report["cost"] == pytest.approx(cost(f.output, one_hot(9)), rel=1e-12)
    g = net.backprop(x, one_hot(9))
    assert [n["weights"] for n in report["gradient_norms"]] == pytest.approx(
        [np.linalg.norm(w) for w in g.nabla_w], rel=1e-12
    )
    top = report["largest_gradient_components"][0]
    flat = g.flat()
    assert top["value"] == pytest.approx(flat[np.argmax(np.abs(flat))], rel=1e-12)
    assert report["weights"]["sha256"] == data.sha256(TRAINED_PATH)


def test_inspect_a_digit_drawn_in_a_paint_program(tmp_path):
    drawing = Image.new("RGB", (400, 400), "white")  # black pen on a white page
    ImageDraw.Draw(drawing).line([(110, 90), (290, 90), (190, 330)], fill="black", width=28)
    drawing.save(tmp_path / "seven.png")
    result = nnexplain("inspect", str(tmp_path / "seven.png"), "--label", "7")
    assert result.returncode == 0, result.stderr
    assert "the network reads a 7" in result.stdout
    assert "cost against label 7" in result.stdout


def test_inspect_with_other_weights(tmp_path):
    Network.random(seed=13).save(tmp_path / "untrained.npz")
    result = nnexplain(
        "inspect", "mnist:1500", "--weights", str(tmp_path / "untrained.npz"), "--json"
    )
    x, label = data.mnist_digit(1500)
    expected = cost(Network.random(seed=13).feedforward(x).output, one_hot(label))
    assert json.loads(result.stdout)["cost"] == pytest.approx(expected, rel=1e-12)


def test_help_shows_an_example():
    result = nnexplain("inspect", "--help")
    assert result.returncode == 0 and "nnexplain inspect mnist:4500" in result.stdout


def bad_inputs(tmp_path) -> dict[str, list[str]]:
    (tmp_path / "notes.txt").write_text("hello")
    Image.new("L", (60, 60), 255).save(tmp_path / "blank.png")
    Image.new("L", (1, 1), 0).save(tmp_path / "dot.png")
    (tmp_path / "corrupt.npz").write_bytes(b"PK\x03\x04 not really a zip")
    np.savez(tmp_path / "shapes.npz", w1=np.zeros((3, 3)))
    return {
        "missing file": ["inspect", str(tmp_path / "nope.png")],
        "not an image": ["inspect", str(tmp_path / "notes.txt")],
        "blank image": ["inspect", str(tmp_path / "blank.png")],
        "1x1 image": ["inspect", str(tmp_path / "dot.png")],
        "label 12": ["inspect", "mnist:3", "--label", "12"],
        "label not a number": ["inspect", "mnist:3", "--label", "seven"],
        "corrupt weights": ["inspect", "mnist:3", "--weights", str(tmp_path / "corrupt.npz")],
        "wrong shapes": ["inspect", "mnist:3", "--weights", str(tmp_path / "shapes.npz")],
        "no such command": ["explode"],
    }


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    for case, args in bad_inputs(tmp_path).items():
        result = nnexplain(*args)
        assert result.returncode == 2, case
        assert result.stdout == "", case
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "error:" in lines[0], (case, result.stderr)
        assert "Traceback" not in result.stderr, case


def test_preview_shows_the_image_beside_what_the_network_reads(tmp_path):
    result = nnexplain("inspect", "mnist:1893", "--preview", str(tmp_path / "seen.png"))
    assert result.returncode == 0, result.stderr
    preview = Image.open(tmp_path / "seen.png")
    assert preview.width > 1.5 * preview.height  # two panels side by side
