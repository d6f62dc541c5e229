"""Hostile inputs (issue 26): each ends in one line and bounded memory, through a real process.

Weights bombs, weights so large that the numbers overflow, networks too large to
train, a training that diverges, a signal mid-run and an absurd image size. The
processes that could blow up run under a 1.5 GB address-space limit, so a
regression fails the test instead of taking the machine down.
"""

from __future__ import annotations

import io
import json
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nncore.mlp import Network
from nncore.weights import MAX_FILE_BYTES, MAX_PARAMS

MEMORY_LIMIT = 1_500_000_000  # bytes of address space for each hostile run


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def nnexplain(*args: str, limited: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nnexplain.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited if limited else None,
    )


def one_error_line(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """The one stderr line of a refused run, checked: that code, nothing on stdout."""
    lines = result.stderr.splitlines()
    assert result.returncode == code and len(lines) == 1, result.stderr[-2000:]
    assert result.stdout == "" and "Traceback" not in result.stderr
    return lines[0]


def npy_header(shape: tuple[int, ...], descr: str = "<f8") -> bytes:
    """A ``.npy`` header that declares ``shape``, to be followed by (here: no) data."""
    buf = io.BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buf, header)
    return buf.getvalue()


# --- row 1: bounded reads -----------------------------------------------------------------


def test_an_npz_whose_layers_declare_gigabytes_is_refused_before_reading(tmp_path):
    bomb = tmp_path / "bomb.npz"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:  # 6 GB declared, bytes on disk
        z.writestr("w1.npy", npy_header((1_000_000, 784)))
        z.writestr("b1.npy", npy_header((1_000_000,)))
    line = one_error_line(nnexplain("inspect", "mnist:1", "--weights", str(bomb)))
    assert f"at most {MAX_PARAMS:,} parameters" in line and "785,000,000" in line


def test_a_real_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    # 400 MB of zeros deflate to about 400 KB: a member beside the layers, over its cap.
    bomb = tmp_path / "bomb.npz"
    Network.random(sizes=(784, 10)).save(bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("snapshot_cost.npy", "w", force_zip64=True) as f:
            f.write(npy_header((50_000_000,)))
            zeros = bytes(1 << 22)
            for _ in range(100):
                f.write(zeros)
    assert bomb.stat().st_size < 1_000_000
    line = one_error_line(nnexplain("inspect", "mnist:1", "--weights", str(bomb)))
    assert "snapshot_cost declares a float64 (50000000,) array of 400 MB" in line


def test_a_safetensors_header_is_checked_before_any_tensor_is_read(tmp_path):
    # Shapes that chain but hold 4.8 million parameters; the data is a sparse hole.
    shapes = {"0.weight": [6000, 784], "0.bias": [6000], "2.weight": [10, 6000], "2.bias": [10]}
    header, offset = {"__metadata__": {"activation": "relu"}}, 0
    for key, shape in shapes.items():
        size = 4 * int(np.prod(shape))
        header[key] = {"dtype": "F32", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    text = json.dumps(header).encode()
    path = tmp_path / "big.safetensors"
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text)
        f.truncate(8 + len(text) + offset)
    line = one_error_line(nnexplain("inspect", "mnist:1", "--weights", str(path)))
    assert f"holds 4,770,010 parameters: a weights file holds at most {MAX_PARAMS:,}" in line


def test_a_weights_file_too_large_or_not_a_file_is_refused_unopened(tmp_path):
    big = tmp_path / "big.npz"
    with open(big, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used
    line = one_error_line(nnexplain("inspect", "mnist:1", "--weights", str(big)))
    assert "the limit is 200 MB" in line
    fifo = tmp_path / "weights.npz"
    os.mkfifo(fifo)
    line = one_error_line(nnexplain("inspect", "mnist:1", "--weights", str(fifo)))
    assert "is a FIFO, not a file" in line


# --- row 2: bounded output ----------------------------------------------------------------


def extreme_net(tmp_path: Path, value: float, activation: str = "relu") -> Path:
    net = Network.random(sizes=(784, 16, 16, 10), activation=activation)
    path = tmp_path / f"{activation}_{value:g}.npz"
    Network(
        [np.full_like(w, value) for w in net.weights],
        [np.full_like(b, value) for b in net.biases],
        activation,
    ).save(path)
    return path


def strict_json(text: str) -> dict:
    """JSON as the standard has it: no bare NaN or Infinity."""

    def refuse(name: str) -> None:
        raise AssertionError(f"bare {name} in the JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("value", [1e5, 1e150])
def test_huge_weights_give_a_bounded_report(tmp_path, value):
    weights = extreme_net(tmp_path, value)
    result = nnexplain("inspect", "mnist:1", "--label", "1", "--weights", str(weights))
    assert result.returncode == 0 and result.stderr == "", result.stderr[-2000:]
    assert len(result.stdout) < 5000
    assert "##############################+   <- prediction" in result.stdout
    report = strict_json(
        nnexplain("inspect", "mnist:1", "--label", "1", "--weights", str(weights), "--json").stdout
    )
    if value == 1e5:  # 3.6e19 per output: large, still finite
        assert all(isinstance(a, float) and a > 1e18 for a in report["output"])
    else:
        assert "note: of the 10 outputs, 10 overflowed to infinity" in result.stdout
        assert report["output"] == ["Infinity"] * 10 and report["cost"] == "Infinity"
        assert any("overflowed to infinity" in n for n in report["notes"])


def test_weights_that_make_nan_and_saturate_are_reported_with_a_note(tmp_path):
    net = Network.random(seed=1, sizes=(784, 16, 16, 10), activation="relu")
    mixed = tmp_path / "mixed.npz"  # signs mixed: infinity minus infinity
    Network([w * 1e150 for w in net.weights], [b * 1e150 for b in net.biases], "relu").save(mixed)
    result = nnexplain("inspect", "mnist:1", "--label", "1", "--weights", str(mixed))
    assert result.returncode == 0 and result.stderr == "" and len(result.stdout) < 5000
    assert "are NaN" in result.stdout and "nan" in result.stdout
    saturated = extreme_net(tmp_path, 1e150, "sigmoid")
    result = nnexplain("inspect", "mnist:1", "--label", "1", "--weights", str(saturated))
    assert result.returncode == 0 and result.stderr == ""
    assert "every output neuron is saturated" in result.stdout


# --- row 10: bounded training -------------------------------------------------------------


def test_a_network_too_large_to_train_is_refused_in_one_line():
    deep = "784-" + "1024-" * 300 + "10"
    line = one_error_line(nnexplain("train", "--sizes", deep, "--out", "never.npz"))
    assert f"a network trains with at most {MAX_PARAMS:,}" in line
    assert "(300 hidden layers)" in line and len(line) < 300
    wide_and_long = ("--sizes", "784-1024-10", "--epochs", "1000", "--out", "never.npz")
    line = one_error_line(nnexplain("train", *wide_and_long))
    assert "would take 6.4 GB (the limit is 1 GB); at most 154 epochs" in line
    assert not Path("never.npz").exists()


# --- row 13: messages ---------------------------------------------------------------------


def test_a_diverging_training_is_one_line_not_numpy_warnings(tmp_path):
    out = tmp_path / "w.npz"
    result = nnexplain("train", "--eta", "1e308", "--epochs", "2", "--out", str(out))
    line = one_error_line(result)
    assert "training diverged in epoch 1" in line and "try a smaller --eta than 1e+308" in line
    assert not out.exists()


def test_an_image_too_long_says_its_size_in_pixels(tmp_path):
    path = tmp_path / "long.png"
    Image.new("L", (1, 100_000), 255).save(path)
    line = one_error_line(nnexplain("inspect", str(path)))
    assert "is 1x100000 pixels: too large" in line and "30,000 pixels a side" in line


def catches(pid: int, signum: int) -> bool:
    """Whether process ``pid`` has installed a handler for ``signum`` (its SigCgt mask)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return False


def stopped(argv: list[str], signum: int) -> subprocess.CompletedProcess:
    """Run ``argv``, send ``signum`` once the run handles it (nncore.stops), and wait."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not catches(process.pid, signal.SIGTERM) and time.monotonic() < deadline:
        time.sleep(0.05)  # SIGTERM is caught only inside stop_on_signals
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stopped_training_says_nothing_was_written(tmp_path, signum):
    out = tmp_path / "w.npz"
    argv = [sys.executable, "-m", "nnexplain.cli", "train", "--sizes", "784-10"]
    result = stopped(argv + ["--epochs", "1000", "--out", str(out)], signum)
    name = signal.Signals(signum).name
    assert result.returncode == 128 + signum
    assert result.stderr.splitlines() == [
        f"nnexplain train: interrupted by {name}; the training was stopped and no weights "
        "file was written"
    ]
    assert not out.exists()


def test_a_stopped_inspect_says_nothing_was_written():
    # inspect takes a fraction of a second: this one waits inside the report, to be stopped.
    script = (
        "import sys, time, nnexplain.cli as cli\n"
        "cli.inspect = lambda *args: time.sleep(60)\n"
        "sys.exit(cli.main(['inspect', 'mnist:1']))\n"
    )
    result = stopped([sys.executable, "-c", script], signal.SIGINT)
    assert result.returncode == 130
    assert result.stderr.splitlines() == [
        "nnexplain inspect: interrupted by SIGINT; nothing was written"
    ]
