"""``nnexplain render``: products, reuse, safe outputs, interruption and bad input."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from nnexplain import chapters, cli, preflight
from nnexplain.chapters import Chapter
from nnexplain.lecture_video import TITLE_SECONDS
from nnexplain.outlock import LOCK_NAME

FIXTURES = Path(__file__).parent / "fixtures"
TINY = (
    Chapter("tiny-circle", "tiny_scenes", "TinyCircle"),
    Chapter("tiny-square", "tiny_scenes", "TinySquare"),
)


@pytest.fixture
def tiny_lecture(monkeypatch):
    """The CLI's lecture replaced by two one-second scenes from tests/fixtures."""
    monkeypatch.setattr(cli, "LECTURE", TINY)
    monkeypatch.setattr(chapters, "SCENES_DIR", FIXTURES)
    monkeypatch.setattr(preflight, "check_inputs", lambda chapters, env: None)


def nnexplain(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as e:  # argparse's own exits
        return int(e.code)


def frames(video: Path) -> int:
    with av.open(str(video)) as c:
        return sum(1 for _ in c.decode(video=0))


def test_render_writes_every_product_then_reuses_it(tiny_lecture, tmp_path):
    out = tmp_path / "out"
    assert nnexplain("render", "--out", str(out), "--format", "mp4,gif", "--jobs", "2") == 0
    circle, square = out / "01-tiny-circle", out / "02-tiny-square"
    for folder, scene, moment in (
        (circle, "TinyCircle", "circle"),
        (square, "TinySquare", "square"),
    ):
        for suffix in (".mp4", ".gif", ".numbers.json"):
            assert (folder / f"{scene}{suffix}").stat().st_size > 0
        (still,) = (folder / "stills").iterdir()
        assert still.name == f"01-{moment}.png"
        assert Image.open(still).size == (854, 480)
        manifest = json.loads((folder / "render.json").read_text())
        assert all((folder / f).exists() for f in manifest["files"])
    sidecar = json.loads((circle / "TinyCircle.numbers.json").read_text())
    assert sidecar["numbers"] == [{"label": "seed", "value": 9, "source": "NNEXPLAIN_SEED"}]
    # The suite's voice is "none": silent videos, subtitles timed at a reading pace.
    with av.open(str(circle / "TinyCircle.mp4")) as c:
        assert not c.streams.audio
    assert "A circle, and the seed 9." in (circle / "TinyCircle.srt").read_text()
    assert sidecar["beats"][0]["voice"] == "none"
    # the lecture: each chapter after its title card
    n_circle, n_square = frames(circle / "TinyCircle.mp4"), frames(square / "TinySquare.mp4")
    assert frames(out / "lecture.mp4") == n_circle + n_square + 2 * round(TITLE_SECONDS * 15)
    page = (out / "index.html").read_text()
    for link in ("01-tiny-circle/TinyCircle.mp4", "02-tiny-square/stills/01-square.png",
                 "lecture.mp4"):  # fmt: skip
        assert f'"{link}"' in page and (out / link).exists()
    assert "NNEXPLAIN_SEED" in page  # the numbers table
    assert not list(out.glob(".staging*"))
    # A web server that may serve the video may serve its numbers too.
    video_mode = (circle / "TinyCircle.mp4").stat().st_mode
    assert (circle / "TinyCircle.numbers.json").stat().st_mode == video_mode

    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    assert nnexplain("render", "--out", str(out), "--format", "mp4,gif") == 0
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    changed = {p.name for p in before if before[p] != after[p]} - {LOCK_NAME}
    assert changed == {"index.html"}, "a re-run with the same inputs renders nothing again"

    # another input renders the scenes again, with the new numbers
    assert nnexplain("render", "tiny-circle", "--out", str(out), "--seed", "4") == 0
    sidecar = json.loads((circle / "TinyCircle.numbers.json").read_text())
    assert sidecar["numbers"][0]["value"] == 4


def test_png_and_webm_formats(tiny_lecture, tmp_path):
    assert nnexplain("render", "tiny-square", "--out", str(tmp_path), "--format", "png") == 0
    folder = tmp_path / "02-tiny-square"  # numbered by its place in the lecture
    assert Image.open(folder / "TinySquare.png").size == (854, 480)
    assert not list(folder.glob("*.mp4"))
    assert nnexplain("render", "--out", str(tmp_path / "w"), "--format", "webm") == 0
    assert (tmp_path / "w" / "lecture.webm").stat().st_size > 0


def test_a_failed_render_keeps_the_good_file(tiny_lecture, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert nnexplain("render", "tiny-circle", "--out", str(out)) == 0
    video = out / "01-tiny-circle" / "TinyCircle.mp4"
    good = video.read_bytes()
    broken = FIXTURES / "broken_scene.py"
    monkeypatch.setattr(cli, "LECTURE", (Chapter("tiny-circle", "broken_scene", "TinyCircle"),))
    broken.write_text("from manim import Scene\nclass TinyCircle(Scene):\n"
                      "    def construct(self):\n        raise RuntimeError('boom')\n")  # fmt: skip
    try:
        assert nnexplain("render", "tiny-circle", "--out", str(out), "--seed", "5") == 1
    finally:
        broken.unlink()
    assert video.read_bytes() == good
    assert not list(out.glob(".staging*"))
    assert "RuntimeError: boom" in (out / ".logs" / "tiny-circle.log").read_text()


def test_ctrl_c_leaves_no_half_written_file(tmp_path):
    """A real chapter, interrupted while manim renders it: exit 130, nothing half-written."""
    out = tmp_path / "out"
    folder = out / "01-input-layer"
    folder.mkdir(parents=True)
    (folder / "InputLayer.mp4").write_bytes(b"an earlier, good video")
    process = subprocess.Popen(
        [sys.executable, "-m", "nnexplain.cli", "render", "input-layer", "--out", str(out)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(out.glob(".staging-*/*/media")) and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.5)  # well inside the scene
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr.strip().splitlines()[-1].startswith("nnexplain render: interrupted")
    assert (folder / "InputLayer.mp4").read_bytes() == b"an earlier, good video"
    assert not list(out.glob(".staging*"))
    assert sorted(p.name for p in folder.iterdir()) == ["InputLayer.mp4"]


def bad_render_options(tmp_path: Path) -> dict[str, list[str]]:
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "corrupt.npz").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "a_file").write_text("x")
    return {
        "unknown scene": ["render", "no-such-scene"],
        "quality": ["render", "--quality", "ultra"],
        "format": ["render", "--format", "avi"],
        "two video formats": ["render", "--format", "mp4,webm"],
        "jobs": ["render", "--jobs", "0"],
        "seed": ["render", "--seed", "-1"],
        "missing digit": ["render", "--digit", str(tmp_path / "nope.png")],
        "digit not an image": ["render", "--digit", str(tmp_path / "notes.txt")],
        "digit index": ["render", "--digit", "mnist:9999"],
        "label": ["render", "--label", "12"],
        "weights": ["render", "--weights", str(tmp_path / "corrupt.npz")],
        "models": ["render", "compute-scale", "--models", "gpt-9"],
        "empty sentence": ["render", "attention", "--sentence", " "],
        "focus not in the sentence": ["render", "attention", "--focus", "banana"],
        "sentence too wide for the screen": ["render", "embeddings", "--sentence", "word " * 20],
        "only unknown tokens": ["render", "embeddings", "--sentence", "\U0001f600 \U0001f916"],
        "out is a file": ["render", "--out", str(tmp_path / "a_file")],
        "out unwritable": ["render", "--out", "/proc/nnexplain/out"],
        "weights, for a scene that draws none": [
            "render",
            "input-layer",
            "--weights",
            str(tmp_path / "corrupt.npz"),
        ],
        "a 600-word sentence": ["render", "attention", "--sentence", "word " * 600],
        "a 600-word focus": ["render", "attention", "--focus", "word " * 600],
    }


def test_each_bad_option_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "never"
    for case, args in bad_render_options(tmp_path).items():
        if "--out" not in args:
            args = [*args, "--out", str(out)]
        assert nnexplain(*args) == 2, case
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and "error:" in lines[0], (case, captured.err)
        # An echoed input is cut short: the line says what is wrong, not the input again.
        assert len(lines[0]) < 400, (case, len(lines[0]))
        assert not out.exists(), case


def test_bad_input_from_the_shell_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "nnexplain.cli", "render", "--digit", str(tmp_path / "x.png"),
         "--out", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    missing = tmp_path / "x.png"
    assert result.stderr.strip() == f"nnexplain render: error: --digit '{missing}': no such file"
    assert not (tmp_path / "o").exists()


def test_list_and_help():
    for command in ("render", "list", "inspect"):
        result = subprocess.run([sys.executable, "-m", "nnexplain.cli", command, "--help"],
                                capture_output=True, text=True)  # fmt: skip
        assert result.returncode == 0 and "example" in result.stdout
    listing = subprocess.run([sys.executable, "-m", "nnexplain.cli", "list"],
                             capture_output=True, text=True).stdout  # fmt: skip
    names = [line.split()[0] for line in listing.splitlines()]
    assert names == [c.name for c in chapters.LECTURE]


def test_gif_is_the_video_downsampled(tiny_lecture, tmp_path):
    assert nnexplain("render", "tiny-square", "--out", str(tmp_path), "--format", "gif") == 0
    folder = tmp_path / "02-tiny-square"
    gif = Image.open(folder / "TinySquare.gif")
    assert gif.size == (640, 360) and gif.n_frames >= 7
    gif.seek(gif.n_frames - 1)
    last = np.asarray(gif.convert("L"))
    assert last.max() > 200 and last.mean() < 40  # a white square outline on black
    assert not list(folder.glob("*.mp4"))  # only what was asked for


def test_every_chapter_has_its_scene_and_checks_its_inputs():
    from scenes.contract import SceneInputs

    for chapter in chapters.LECTURE:
        assert chapter.path.exists(), chapter.name
        assert chapter.reads or chapter.name == "compute-scale", chapter.name  # says what
        assert set(chapter.reads) <= set(SceneInputs.__dataclass_fields__), chapter.name
        chapter.scene_class().check_inputs()  # the defaults are valid inputs


def test_a_bad_input_a_scene_reads_is_refused_before_rendering(tmp_path):
    """The check comes from the scene's declaration: the cost reads a label, the input layer not."""
    from nncore import data

    digit = tmp_path / "mine.png"  # an image of the user's own has no label
    Image.fromarray(np.round(data.load_mnist()[0][7].reshape(28, 28) * 255).astype(np.uint8)).save(
        digit
    )
    command = [sys.executable, "-m", "nnexplain.cli", "render", "--out", str(tmp_path / "o"),
               "--digit", str(digit), "--voice", "none"]  # fmt: skip
    done = subprocess.run([*command, "cost-untrained"], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert "has no label" in line and "--label" in line
    assert not (tmp_path / "o" / "01-cost-untrained").exists()


def test_every_input_option_reaches_the_scenes(tmp_path, monkeypatch):
    """Each option becomes the scene input it sets (an NNEXPLAIN_* variable), checked first."""
    seen = {}
    monkeypatch.setattr(
        preflight, "check_inputs", lambda chapters, given: seen.update(given.to_env())
    )
    monkeypatch.setattr(cli, "LECTURE", ())  # stop after the checks: nothing to render
    digit = tmp_path / "seven.png"
    Image.fromarray(np.full((40, 40), 255, np.uint8)).save(digit)
    weights = tmp_path / "w.npz"
    weights.write_bytes(b"")
    args = [
        "render",
        "--out",
        str(tmp_path / "out"),
        "--digit",
        str(digit),
        "--label",
        "7",
        "--seed",
        "3",
        "--weights",
        str(weights),
        "--sentence",
        "the runway model",
        "--contrast",
        "a statistical model",
        "--focus",
        "model",
        "--models",
        "gpt3-175b",
        "--voice",
        "espeak",
    ]
    assert nnexplain(*args) == 0
    assert seen == {
        "NNEXPLAIN_DIGIT": str(digit.resolve()), "NNEXPLAIN_LABEL": "7", "NNEXPLAIN_SEED": "3",
        "NNEXPLAIN_WEIGHTS": str(weights.resolve()), "NNEXPLAIN_SENTENCE": "the runway model",
        "NNEXPLAIN_CONTRAST": "a statistical model", "NNEXPLAIN_FOCUS": "model",
        "NNEXPLAIN_MODELS": "gpt3-175b", "NNEXPLAIN_VOICE": "espeak", "NNEXPLAIN_LANGUAGE": "en",
    }  # fmt: skip


def test_the_command_line_offers_the_voices_the_scenes_speak():
    from nnexplain import settings
    from scenes import explainer_scene
    from scenes.audio import voice

    assert settings.VOICES == voice.VOICES
    assert settings.DEFAULT_VOICE == explainer_scene.DEFAULT_VOICE


def test_a_preview_is_stills_only(tiny_lecture, tmp_path, monkeypatch):
    monkeypatch.delenv("NNEXPLAIN_VOICE", raising=False)  # the default voice, piper, unless
    assert nnexplain("render", "tiny-circle", "--out", str(tmp_path), "--preview") == 0
    folder = tmp_path / "01-tiny-circle"
    assert (folder / "TinyCircle.png").exists() and not list(folder.glob("*.mp4"))
    (still,) = (folder / "stills").iterdir()
    assert still.name == "01-circle.png"
    sidecar = json.loads((folder / "TinyCircle.numbers.json").read_text())
    assert sidecar["beats"][0]["voice"] == "none"  # ...a preview: nothing to hear in a still


def test_the_longest_chapters_start_first(tmp_path):
    from nnexplain.render import longest_first

    order = [c.name for _, c in longest_first(list(enumerate(chapters.LECTURE, 1)), tmp_path)]
    assert order[0] == max(chapters.LECTURE, key=lambda c: c.seconds).name
    # What a chapter's last render made counts over its default.
    folder = tmp_path / "01-input-layer"
    folder.mkdir()
    (folder / "render.json").write_text(json.dumps({"duration": 1000.0}))
    order = [c.name for _, c in longest_first(list(enumerate(chapters.LECTURE, 1)), tmp_path)]
    assert order[0] == "input-layer"
