"""Hostile files and faults (issue 26): devices, FIFOs, a full disk, what killed runs left.

Every case runs the real command line in a process; those that render do so over the
tiny scenes of ``tests/fixtures``, their full disks sized from what a tiny render takes.
Those that need root (a device made with ``mknod``, a small tmpfs mounted as ``--out``)
are skipped with a reason otherwise. No test ever names the system's ``/dev/null`` as a target.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nncore.files import TEMP_MARK

# A real chapter, for the cases refused before anything renders: its inputs are checked as
# the real lecture checks them (the tiny command line below skips that check).
RENDER = ["render", "input-layer", "--voice", "none", "--quality", "low"]
# The tiny circle of tests/fixtures, through the real command line: one second of video, for
# the cases about how a render meets a hostile disk, which no real chapter need pay for.
TINY = ["render", "tiny-circle", "--voice", "none", "--quality", "low"]
TINY_CLI = Path(__file__).parent / "fixtures" / "tiny_cli.py"
PROJECT = Path(__file__).resolve().parents[1]
CHAPTER = "01-tiny-circle"
SLIDES = ["--format", "mp4,slides"]
ROOT = os.geteuid() == 0


# A bound on a render, not a speed target: a hang fails the test, a busy machine does not.
def run(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        cwd=PROJECT,
    )


def nnexplain(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "nnexplain.cli", *args], timeout)


def tiny(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """``nnexplain`` whose lecture is the tiny scenes (tests/fixtures/tiny_cli.py)."""
    return run([sys.executable, str(TINY_CLI), *args], timeout)


def one_error_line(result: subprocess.CompletedProcess, command: str, exit_code: int) -> str:
    """The error line of a failed run, after checking it is the only one and has no traceback.

    A render's live progress, drawn on stderr, may come before it.
    """
    assert result.returncode == exit_code, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last == errors[0] and last.startswith(f"nnexplain {command}: error: "), last
    return last


def device(path: Path) -> Path:
    """A copy of ``/dev/null`` (character device 1:3) at ``path``; needs root."""
    if not ROOT:
        pytest.skip("making a device node (mknod) needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


def is_the_device(path: Path) -> bool:
    st = os.lstat(path)
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, 3)


def leftovers(out: Path) -> list[Path]:
    """Temporary files and folders of any run, old names and new, anywhere in ``out``."""
    old = re.compile(r"^(\.(staging|lecture-|slides\..*\.old$|.*\.(tmp|unzipped)$)|tmp\w+\.npz$)")
    return [p for p in out.rglob("*") if TEMP_MARK in p.name or old.match(p.name)]


def dead_links(index: Path) -> list[str]:
    """What ``index.html`` links to, or shows, that is not there."""
    page = index.read_text()
    links = set(re.findall(r'(?:href|src|poster)="([^"#:]+)"', page))
    assert links, "a lecture page links its products"
    return sorted(link for link in links if not (index.parent / link).exists())


def digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` but the lock, by relative path."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".nnexplain.lock"
    }


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """``tmpfs("400k")``: a fresh tmpfs of that size, mounted for the test, unmounted after."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if not ROOT:
            pytest.skip("mounting a small tmpfs to fill needs root")
        target = tmp_path / f"disk{len(mounted)}"
        target.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(target)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(target)
        return target

    yield mount
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], check=False)


def read_only(disk: Path) -> Path:
    """``disk`` (a tmpfs of the fixture) remounted read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    return disk


def kb_on_disk(folder: Path) -> int:
    """What ``folder`` takes on its disk, in KB, as ``du -sk`` counts it."""
    return sum(p.lstat().st_blocks for p in [folder, *folder.rglob("*")]) * 512 // 1024


def fill(disk: Path, leave_kb: int) -> None:
    """Fill ``disk`` up to ``leave_kb`` KB of free space with one big file."""
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    (disk / "filler").write_bytes(bytes(max(0, free - leave_kb * 1024)))


# ---------------------------------------------------------------- outputs: files, not devices


def test_preview_onto_a_device_is_refused_and_the_device_kept(tmp_path):
    target = device(tmp_path / "null")
    result = nnexplain("inspect", "mnist:7", "--preview", str(target))
    line = one_error_line(result, "inspect", 2)
    assert "--preview" in line and "is a device" in line
    assert is_the_device(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file either


def test_preview_onto_a_fifo_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    result = nnexplain("inspect", "mnist:7", "--preview", str(tmp_path / "pipe"), timeout=60)
    assert "is a FIFO" in one_error_line(result, "inspect", 2)
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_render_out_onto_a_device_is_refused_before_rendering(tmp_path):
    target = device(tmp_path / "null")
    result = nnexplain(*RENDER, "--out", str(target))
    line = one_error_line(result, "render", 2)
    assert "--out" in line and "is a device" in line
    assert is_the_device(target)


def test_train_out_onto_a_device_is_refused_before_training(tmp_path):
    target = device(tmp_path / "null.npz")
    result = nnexplain("train", "--sizes", "784-10", "--epochs", "1", "--out", str(target))
    line = one_error_line(result, "train", 2)
    assert "--out" in line and "is a device" in line
    assert is_the_device(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.npz"]


def test_preview_onto_a_full_disk_is_one_line_and_exit_1(tmpfs):
    disk = tmpfs("64k")
    fill(disk, leave_kb=0)
    result = nnexplain("inspect", "mnist:7", "--preview", str(disk / "seen.png"))
    line = one_error_line(result, "inspect", 1)
    assert line.endswith(f"no space left on device while writing '{disk / 'seen.png'}'")
    assert [p.name for p in disk.iterdir()] == ["filler"]


def test_a_read_only_disk_is_one_line_for_each_output(tmpfs):
    disk = read_only(tmpfs("64k"))
    result = nnexplain("inspect", "mnist:7", "--preview", str(disk / "seen.png"))
    line = one_error_line(result, "inspect", 1)  # not the user's input: the disk's state
    assert line.endswith(f"read-only file system while writing '{disk / 'seen.png'}'")
    result = nnexplain(*RENDER, "--out", str(disk / "out"))
    assert "cannot be written: read-only file system" in one_error_line(result, "render", 2)
    result = nnexplain("train", "--sizes", "784-10", "--epochs", "1", "--out", str(disk / "a.npz"))
    assert "not writable" in one_error_line(result, "train", 2)
    assert list(disk.iterdir()) == []


# ---------------------------------------------------------------- inputs: files, not FIFOs


def special_files(tmp_path: Path) -> dict[str, Path]:
    os.mkfifo(tmp_path / "fifo.png")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "socket.png"))  # stays bound while the test runs
    special = {"a FIFO": tmp_path / "fifo.png", "a socket": tmp_path / "socket.png"}
    if ROOT:
        special["a device"] = device(tmp_path / "device.png")
    return special


@pytest.mark.parametrize(
    "command",
    [
        ["inspect", "{}"],
        ["inspect", "mnist:7", "--weights", "{}"],
        [*RENDER, "--digit", "{}"],
        [*RENDER, "--weights", "{}"],
    ],
    ids=["inspect IMAGE", "inspect --weights", "render --digit", "render --weights"],
)
def test_an_input_that_is_not_a_file_is_refused_without_waiting(tmp_path, command):
    for kind, path in special_files(tmp_path).items():
        args = [a.replace("{}", str(path)) for a in command]
        args += ["--out", str(tmp_path / "out")] if args[0] == "render" else []
        # Without the check, a FIFO blocks the read forever: the timeout fails the test.
        result = nnexplain(*args, timeout=60)
        line = one_error_line(result, args[0], 2)
        assert f"is {kind}, not a file" in line
        option = command[command.index("{}") - 1]
        if option.startswith("--"):
            assert f"error: {option} " in line  # the option, not NNEXPLAIN_*
        assert "NNEXPLAIN_" not in line
    assert not (tmp_path / "out").exists()


def test_an_image_file_over_50_mb_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.png"
    with huge.open("wb") as f:
        f.truncate(51_000_000)  # sparse: nothing is written, nothing need be read
    line = one_error_line(nnexplain("inspect", str(huge)), "inspect", 2)
    assert "51.0 MB" in line and "the limit is 50 MB" in line


def test_errors_about_the_digit_and_weights_name_the_option(tmp_path):
    (tmp_path / "notes.png").write_text("not an image")
    (tmp_path / "notes.npz").write_text("not weights")
    out = str(tmp_path / "out")
    cases = {
        "--digit": [*RENDER, "--digit", str(tmp_path / "notes.png"), "--out", out],
        "--weights": [*RENDER, "--weights", str(tmp_path / "notes.npz"), "--out", out],
    }
    for option, args in cases.items():
        line = one_error_line(nnexplain(*args), "render", 2)
        assert line.startswith(f"nnexplain render: error: {option} "), line
    line = one_error_line(
        nnexplain("inspect", "mnist:7", "--weights", str(tmp_path / "notes.npz")), "inspect", 2
    )
    assert line.startswith("nnexplain inspect: error: --weights "), line


# ---------------------------------------------------------------- a full disk during render


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> dict[str, int]:
    """KB on disk of a good tiny render with slides: its chapter folder, its deck, all of it.

    The full disks below are sized from these, so that a change of a scene or of reveal.js
    does not leave them filling at another step.
    """
    if not ROOT:
        pytest.skip("mounting a small tmpfs to fill needs root")
    out = tmp_path_factory.mktemp("measured")
    done = tiny(*TINY, *SLIDES, "--out", str(out))
    assert done.returncode == 0, done.stderr
    return {
        "chapter": kb_on_disk(out / CHAPTER),
        "slides": kb_on_disk(out / "slides"),
        "all": kb_on_disk(out),
    }


def less_than_the_chapter(chapter_kb: int) -> int:
    """Free KB for a render to fill while manim renders: less than the chapter it makes."""
    return chapter_kb // 2  # manim writes the video and stills the chapter folder holds, and more


def room_for_the_chapter_not_the_deck(chapter_kb: int, slides_kb: int) -> int:
    """Free KB for a render to fill while its slides are made: the chapter fits, the deck not.

    A chapter is made in staging beside what manim wrote (under twice the chapter in all,
    as measured: three times is the margin), then the deck is made whole before it
    replaces the old one.
    """
    leave = slides_kb // 2
    assert 3 * chapter_kb < leave, f"no room between a {chapter_kb} KB chapter, {slides_kb} KB deck"
    return leave


@pytest.mark.parametrize(
    "step", [CHAPTER, "slides"],
    ids=["disk full while manim renders", "disk full while the slides are made"],
)  # fmt: skip
def test_a_full_disk_is_one_line_and_leaves_nothing_behind(tmpfs, measured, step):
    chapter, slides = measured["chapter"], measured["slides"]
    if step == CHAPTER:
        out = tmpfs(f"{less_than_the_chapter(chapter)}k")
    else:
        out = tmpfs(f"{room_for_the_chapter_not_the_deck(chapter, slides)}k")
    result = tiny(*TINY, *SLIDES, "--out", str(out))
    line = one_error_line(result, "render", 1)
    assert f"no space left on device while writing '{out / step}'" in line
    assert leftovers(out) == []
    if (out / "index.html").exists():
        assert dead_links(out / "index.html") == []


def test_a_full_disk_while_manim_renders_keeps_the_last_good_lecture(tmpfs, measured):
    out = tmpfs(f"{4 * measured['all']}k")  # room for two whole renders
    assert tiny(*TINY, *SLIDES, "--out", str(out)).returncode == 0
    before = digests(out)
    fill(out, leave_kb=less_than_the_chapter(kb_on_disk(out / CHAPTER)))
    result = tiny(*TINY, *SLIDES, "--seed", "5", "--out", str(out))  # a new seed: render again
    line = one_error_line(result, "render", 1)
    assert f"no space left on device while writing '{out / CHAPTER}'" in line
    (out / "filler").unlink()
    assert digests(out) == before
    assert leftovers(out) == []
    assert dead_links(out / "index.html") == []


def test_a_full_disk_while_the_slides_are_made_keeps_the_last_deck(tmpfs, measured):
    out = tmpfs(f"{4 * measured['all']}k")  # room for two whole renders
    assert tiny(*TINY, "--format", "mp4,gif,slides", "--out", str(out)).returncode == 0
    slides = digests(out / "slides")
    assert f"{CHAPTER}/TinyCircle.gif" in (out / "index.html").read_text()
    chapter, deck = kb_on_disk(out / CHAPTER), kb_on_disk(out / "slides")
    fill(out, room_for_the_chapter_not_the_deck(chapter, deck))  # not for a deck beside the old
    result = tiny(*TINY, *SLIDES, "--seed", "5", "--out", str(out))
    line = one_error_line(result, "render", 1)
    assert f"no space left on device while writing '{out / 'slides'}'" in line
    (out / "filler").unlink()
    assert digests(out / "slides") == slides
    assert leftovers(out) == []
    # The new chapter made no GIF, which the old page linked: a page with a dead link goes.
    assert not (out / CHAPTER / "TinyCircle.gif").exists()
    assert not (out / "index.html").exists()


# ---------------------------------------------------------------- what killed runs left


OLD_NAMES = [  # as the code before issue 26 named them
    ".staging-abc123/input-layer-x/log",
    ".slides.4242-0a1b2c3d.tmp/reveal/reveal.js",
    ".slides.4242-0a1b2c3d.old/index.html",
    ".lecture-k2j4h5/card1.mp4",
    ".lecture.mp4.tmp.mp4",
    ".index.html.tmp",
    ".chapters.vtt.4242.tmp",
    ".lecture.srt.4242.tmp",
    "slides/.lecture.pptx.4242.tmp",
    "slides/.lecture.pptx.4242.unzipped",
    ".voice/.abc.wav.xyz.tmp",
    ".train/tmpab12cd.npz",
]
NEW_NAMES = [  # as this code names them
    f"{TEMP_MARK}.slides.4242-0a1b2c3d/index.html",
    f"{TEMP_MARK}.slides.4242-0a1b2c3d.old/index.html",
    f"{TEMP_MARK}.lecture-k2j4h5/{TEMP_MARK}.4242.lecture.mp4",
    f"{TEMP_MARK}.4242.index.html",
    f"slides/{TEMP_MARK}.pptx-k2j4h5/01-01.mp4",
    f"slides/{TEMP_MARK}.4242.lecture.pptx",
    f".train/{TEMP_MARK}.ab12cd.npz",
]


def test_a_render_removes_what_killed_runs_left(tmp_path):
    out = tmp_path / "out"
    assert tiny(*TINY, *SLIDES, "--out", str(out)).returncode == 0
    for name in OLD_NAMES + NEW_NAMES:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("left by a run killed mid-write")
    (out / "notes.txt").write_text("mine")  # a user's own files stay
    (out / ".hidden").write_text("mine")
    assert len(leftovers(out)) >= len(OLD_NAMES) + len(NEW_NAMES)
    assert tiny(*TINY, *SLIDES, "--out", str(out)).returncode == 0
    assert leftovers(out) == []
    assert (out / "notes.txt").read_text() == (out / ".hidden").read_text() == "mine"
    assert (out / "slides" / "lecture.pptx").is_file()


def test_sigkill_while_the_slides_are_made_is_cleaned_by_the_next_run(tmp_path):
    """A real SIGKILL as soon as the deck's staging folder appears, then a run after it."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, str(TINY_CLI), *TINY, *SLIDES, "--out", str(out)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if out.is_dir() and any(TEMP_MARK in p.name for p in out.iterdir()):
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    process.wait(timeout=60)
    if process.returncode != -signal.SIGKILL:
        pytest.skip("the render finished before its assembly was seen (hand-made leftovers "
                    "are tested above)")  # fmt: skip
    assert leftovers(out), "killed while assembling, it left its temporary folder"
    assert tiny(*TINY, *SLIDES, "--out", str(out)).returncode == 0
    assert leftovers(out) == []
    assert dead_links(out / "index.html") == []
