"""``nnexplain batch`` against a careless or hostile class (issue 26), through real processes.

The lectures are the tiny scenes of ``tests/fixtures/batch_cli.py``, so that a class
renders in seconds; checks that end before any scene run ``nnexplain`` itself.
"""

from __future__ import annotations

import csv
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from safetensors.numpy import save_file
from test_batch import BATCH_CLI, DEADLINE, PROJECT, descendants, manims, wait_for

from nncore import data
from nnexplain.batch import MAX_FOLDER_BYTES
from nnexplain.cluster import JOBS_PER_CORE

TINY = ["--voice", "none", "--format", "mp4"]
LONG_NAME = "Ana " + "é" * 150 + "x" * 150  # 454 bytes of UTF-8
FORMULA = '=HYPERLINK("http://example.com/?leak","click")'


def run(*args: str, tiny: bool = True) -> subprocess.CompletedProcess:
    """``nnexplain ARGS`` as a process, over the tiny scenes or the real ones."""
    command = [str(BATCH_CLI)] if tiny else ["-m", "nnexplain.cli"]
    return subprocess.run([sys.executable, *command, *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=DEADLINE)  # fmt: skip


def one_line(result: subprocess.CompletedProcess) -> str:
    """The error line, checked to be the last of stderr and to come with no traceback."""
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


def digit_png(path: Path, index: int = 0) -> Path:
    images, _ = data.load_mnist()
    Image.fromarray(np.round(images[index].reshape(28, 28) * 255).astype(np.uint8)).save(path)
    return path


def links(page: Path) -> list[str]:
    """The files a page links to: not its inline ``data:`` captions, nor any other URL."""
    return re.findall(r'(?:href|src)="([^":]+)"', page.read_text())


# -------------------------------------------------------- one class, every hostile row


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """A class of a good photo, a FIFO, a device, two long names, a formula and a clash.

    ``bob``'s folder is taken by a file: an OS error of his row alone.
    """
    folder = tmp_path_factory.mktemp("hostile")
    digit_png(folder / "0_ana.png")
    os.mkfifo(folder / "pipe.png")
    Image.fromarray(np.full((28, 28), 255, np.uint8)).save(folder / "blank.png")
    rows = [["file", "label", "name"], ["0_ana.png", "0", "ana"], ["pipe.png", "3", "pipe"],
            ["/dev/zero", "1", "zero"], ["0_ana.png", "0", LONG_NAME],
            ["0_ana.png", "0", LONG_NAME + "y"], ["blank.png", "4", FORMULA],
            ["0_ana.png", "0", "bob"]]  # fmt: skip
    with (folder / "labels.csv").open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    out = folder / "out"
    out.mkdir()
    (out / "bob").write_text("not a folder")
    # Without the checks, the FIFO blocks this run until the timeout.
    result = run("batch", str(folder), "--out", str(out), "--scenes", "tiny-digit",
                 "tiny-circle", "--jobs", "2", *TINY)  # fmt: skip
    return out, result


def failures(out: Path) -> dict[str, str]:
    with (out / "failures.csv").open(newline="") as f:
        return {row["name"]: row["error"] for row in csv.DictReader(f)}


def test_a_fifo_or_a_device_as_a_photo_fails_its_row_at_once(hostile):
    out, result = hostile
    assert result.returncode == 1
    assert one_line(result).endswith(f"4 of 7 students failed, the others have their lecture: "
                                     f"see {out / 'failures.csv'}")  # fmt: skip
    failed = failures(out)
    assert re.fullmatch(r"photo '.*pipe\.png' is a FIFO, not a file", failed["pipe"])
    assert failed["zero"] == "photo '/dev/zero' is a device, not a file"
    assert (out / "ana" / "index.html").exists()


def test_an_os_error_fails_only_its_row_in_one_line(hostile):
    out, _ = hostile
    assert re.fullmatch(r"file exists while writing '.*/out/bob'", failures(out)["bob"])
    assert (out / "bob").read_text() == "not a folder"


def test_a_long_name_makes_a_short_folder_of_its_own(hostile):
    out, _ = hostile
    long = [p for p in out.iterdir() if p.name.startswith("Ana_é")]
    assert len(long) == 2
    for folder in long:
        assert len(folder.name.encode()) <= MAX_FOLDER_BYTES
        assert (folder / "index.html").exists() and (folder / "lecture.mp4").exists()
    page = links(out / "index.html")
    assert all((out / link).exists() for link in page)
    assert {f"{folder.name}/index.html" for folder in long} <= set(page)


def test_a_name_that_a_spreadsheet_would_run_is_escaped(hostile):
    out, _ = hostile
    text = (out / "failures.csv").read_text()
    assert "\n=" not in text and ",=" not in text
    assert f"'{FORMULA}" in failures(out)
    assert FORMULA in (out / "index.html").read_text().replace("&quot;", '"')


# -------------------------------------------------------------- issue 23: --activation


def test_the_class_page_reads_a_file_that_says_no_activation_with_activation(tmp_path):
    """A 784-16-10 relu network whose metadata names no activation, as PyTorch saves it."""
    rng = np.random.default_rng(0)
    weights = tmp_path / "net.safetensors"
    save_file({"0.weight": rng.normal(0, 0.1, (16, 784)).astype(np.float32),
               "0.bias": np.zeros(16, np.float32),
               "2.weight": rng.normal(0, 0.1, (10, 16)).astype(np.float32),
               "2.bias": np.zeros(10, np.float32)}, str(weights))  # fmt: skip
    photos = tmp_path / "photos"
    photos.mkdir()
    digit_png(photos / "0_ana.png")
    out = tmp_path / "out"
    result = run("batch", str(photos), "--out", str(out), "--scenes", "tiny-circle",
                 "--weights", str(weights), "--activation", "relu", *TINY)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "does not say its activation" not in result.stderr
    assert (out / "ana" / "index.html").exists()


# ---------------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 300 KB tmpfs: room for a one-student lecture, not for a class's."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)],
                             capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_of_out_stops_the_batch_in_one_line_and_keeps_what_was_there(
    tmp_path, small_disk
):
    photos = tmp_path / "photos"
    photos.mkdir()
    for k, index in enumerate(range(0, 5000, 700)):
        digit_png(photos / f"{k}_s{k}.png", index)
    first = tmp_path / "first"
    first.mkdir()
    os.link(photos / "0_s0.png", first / "0_s0.png")
    out = small_disk
    result = run("batch", str(first), "--out", str(out), "--scenes", "tiny-circle", *TINY)
    assert result.returncode == 0, result.stderr
    page = (out / "index.html").read_bytes()

    result = run("batch", str(photos), "--out", str(out), "--scenes", "tiny-digit",
                 "tiny-circle", "--jobs", "2", *TINY)  # fmt: skip
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("nnexplain batch: error: no space left on device while writing '")
    assert line.endswith(f"': the batch stopped, and what {out} held before is kept")
    assert "manim failed" not in result.stderr
    assert not list(out.glob(".staging*")) and not list(out.rglob("*.nnx-tmp*"))
    assert (out / "index.html").read_bytes() == page  # the last good class page
    assert not (out / "failures.csv").exists()
    for index in [out / "index.html", *out.glob("*/index.html")]:
        missing = [link for link in links(index) if not (index.parent / link).exists()]
        assert not missing, (index, missing)


# --------------------------------------------------------------------- bounded workers


@pytest.mark.parametrize("command", [["batch", "photos/"], ["render"]], ids=["batch", "render"])
def test_jobs_above_four_per_core_are_refused_in_one_line(tmp_path, command):
    out = tmp_path / "out"
    result = run(*command, "--out", str(out), "--jobs", "99999", tiny=False)
    assert result.returncode == 2
    cores = os.cpu_count()
    assert result.stderr.strip().splitlines() == [
        f"nnexplain {command[0]}: error: argument --jobs: 99,999 is more than "
        f"{JOBS_PER_CORE * cores}: at most {JOBS_PER_CORE} per core, and this machine has "
        f"{cores} (see --help)"
    ]
    assert not out.exists()


def workers(pid: int) -> set[int]:
    """The worker processes under ``pid``: spawned by multiprocessing (Dask's nannies too)."""
    found = set()
    for child in descendants(pid):
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            found.add(child)
    return found


@pytest.mark.parametrize("how", [[], ["--scheduler", "local"]], ids=["processes", "dask"])
def test_no_more_workers_start_than_there_are_tasks(tmp_path, how):
    """A LocalCluster started --jobs workers whatever the tasks; a spawn pool grows on demand."""
    photos = tmp_path / "photos"
    photos.mkdir()
    digit_png(photos / "0_ana.png")
    out = tmp_path / "out"
    jobs = str(JOBS_PER_CORE * os.cpu_count())  # the most allowed, for one task
    command = [sys.executable, str(BATCH_CLI), "batch", str(photos), "--out", str(out),
               "--scenes", "tiny-slow", "--jobs", jobs, *TINY, *how]  # fmt: skip
    process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        wait_for(lambda: len(manims(out)) == 1, "the one slow scene to be rendering")
        assert len(workers(process.pid)) == 1
    finally:
        process.terminate()
        process.communicate(timeout=DEADLINE)


# ------------------------------------------------------------------------ the scheduler


def test_a_scheduler_port_out_of_range_is_refused_as_the_command_is_read(tmp_path):
    out = tmp_path / "out"
    result = run("batch", str(tmp_path), "--out", str(out), "--scheduler",
                 "tcp://127.0.0.1:99999", tiny=False)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "nnexplain batch: error: argument --scheduler: --scheduler 'tcp://127.0.0.1:99999': "
        "the port must be a number from 1 to 65535 (see --help)"
    ]
    assert not out.exists()


def test_a_scheduler_where_nothing_answers_is_one_line_and_writes_nothing(tmp_path):
    with socket.socket() as s:  # a port that was free a moment ago, now closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    photos = tmp_path / "photos"
    photos.mkdir()
    digit_png(photos / "0_ana.png")
    out = tmp_path / "out"
    address = f"tcp://127.0.0.1:{port}"
    result = run("batch", str(photos), "--out", str(out), "--scheduler", address, tiny=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"nnexplain batch: error: --scheduler: nothing answers at '{address}' (connection refused)"
    ]
    assert not out.exists()


# ---------------------------------------------------------------------------- messages


@pytest.mark.parametrize(
    "option, value, said",
    [("--sentence", "", "--sentence '': The sentence is empty"),
     ("--focus", " ", "--focus is empty")],
)  # fmt: skip
def test_a_sentence_error_names_the_option_not_the_variable(tmp_path, option, value, said):
    result = run("render", "attention", option, value, "--out", str(tmp_path / "out"),
                 "--voice", "none", tiny=False)  # fmt: skip
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"nnexplain render: error: {said}") and "NNEXPLAIN_" not in line
