"""The contract between the app and the scenes: inputs and sidecars survive the crossing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from nnexplain import render
from scenes.audio import narration
from scenes.contract import Beat, Number, Said, SceneInputs, Sentence, Sidecar

TINY_CLI = Path(__file__).parent / "fixtures" / "tiny_cli.py"


def test_scene_inputs_cross_the_environment_unchanged():
    given = SceneInputs(**{f.name: f"value of {f.name}" for f in fields(SceneInputs)})
    env = given.to_env()
    assert all(name.startswith("NNEXPLAIN_") for name in env)
    assert SceneInputs.from_env(env | {"HOME": "/root", "NNEXPLAIN_OTHER": "x"}) == given
    # Not given is not set, and set but blank stays blank (an empty sentence is an error).
    partial = SceneInputs(digit="mnist:3", sentence="")
    assert partial.to_env() == {"NNEXPLAIN_DIGIT": "mnist:3", "NNEXPLAIN_SENTENCE": ""}
    assert SceneInputs.from_env(partial.to_env()) == partial


def test_a_student_s_inputs_take_the_place_of_the_class_s():
    base = SceneInputs(digit="mnist:1", seed="3", voice="none")
    own = SceneInputs(digit="ana.png", label="7", sentence="hello").given(("digit",))
    assert base.merged(own) == SceneInputs(digit="ana.png", seed="3", voice="none")


@pytest.fixture(scope="module")
def sidecar(tmp_path_factory) -> Path:
    """A real sidecar: the tiny circle rendered by ``nnexplain render`` in its own process."""
    out = tmp_path_factory.mktemp("out")
    done = subprocess.run(
        [sys.executable, str(TINY_CLI), "render", "tiny-circle", "--out", str(out),
         "--quality", "low", "--voice", "none", "--format", "mp4"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out / "01-tiny-circle" / "TinyCircle.numbers.json"


def test_a_sidecar_reads_back_as_it_was_written(sidecar):
    written = json.loads(sidecar.read_text())
    read = Sidecar.read(sidecar)
    assert read.to_json() == written
    assert Sidecar.from_json(json.loads(read.dumps())) == read
    (beat,) = read.beats
    assert isinstance(beat, Beat) and beat.name == "circle" and beat.sentences
    assert beat.still == "01-circle.png"
    assert (sidecar.parent / "stills" / beat.still).is_file()  # the still it names is there
    # The format other tools read: numbers with label, value and source.
    assert written["numbers"] == [{"label": "seed", "value": 9, "source": "NNEXPLAIN_SEED"}]


def test_a_beat_s_numbers_and_dict_values_round_trip():
    """What a beat says is typed: each number as written, with the record it reads as.
    A record may hold a dict (an attention row): recorded whole, said one score at a time."""
    row = Number("attention row", {"tokens": ["the", "model"], "scores": [0.125, 0.875]}, "t")
    cost = Number("cost", 3.4512, "nncore.mlp.cost")
    say = "Here 0.88 of its attention goes to model, and the cost is 3.45."
    said = narration.said(say, [row, cost])
    assert said == (Said("0.88", "attention row", 0.875, "t"), Said("3.45", "cost", 3.4512,
                                                                    "nncore.mlp.cost"))  # fmt: skip
    # A dict or list is never said as one number, and its strings are not numbers.
    assert narration.said("the model", [row]) == ()
    beat = Beat("attend", 0.0, 4.0, say, say, "none", (Sentence(say, 0.0, 3.9),), said=said)
    sidecar = Sidecar("Attention", {"sentence": "the model"}, (row, cost), (beat,))
    assert Sidecar.from_json(json.loads(sidecar.dumps())) == sidecar


# Two one-second chapters of tests/fixtures, so that a lecture (and its lecture.srt) is joined.
TWO_TINY_CHAPTERS = """
import sys
from pathlib import Path
from nnexplain import chapters, cli, preflight
from nnexplain.chapters import Chapter
cli.LECTURE = (
    Chapter("tiny-circle", "tiny_scenes", "TinyCircle"),
    Chapter("tiny-square", "tiny_scenes", "TinySquare"),
)
chapters.SCENES_DIR = Path(__file__).resolve().parent / "tests" / "fixtures"
preflight.check_inputs = lambda chapters, env: None
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_new_subtitle_line_length_remakes_every_srt(tmp_path):
    """Change the subtitles' line length in the app's code: a re-render makes new ``.srt``
    files, the chapters' and the lecture's, not the stale ones of the cache."""
    project = tmp_path / "project"
    skip = shutil.ignore_patterns("__pycache__", "media", "control_data")
    for name in ("nncore", "scenes", "nnexplain", "tests/fixtures"):
        shutil.copytree(render.PROJECT / name, project / name, ignore=skip)
    shutil.copyfile(render.PROJECT / "manim.cfg", project / "manim.cfg")
    (project / "two_tiny.py").write_text(TWO_TINY_CHAPTERS)
    out = tmp_path / "out"

    def rendered() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "two_tiny.py", "render", "--out", str(out), "--quality", "low",
             "--voice", "none", "--format", "mp4"],
            cwd=project, env=os.environ | {"PYTHONPATH": str(project)},
            capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        srt = out / "01-tiny-circle" / "TinyCircle.srt"
        return srt.read_text(), (out / "lecture.srt").read_text()

    chapter, lecture = rendered()
    assert "A circle, and the seed 9." in chapter  # one line of 25 characters
    code = project / "nnexplain" / "subtitles.py"
    assert "LINE = 42" in code.read_text()
    code.write_text(code.read_text().replace("LINE = 42", "LINE = 16"))
    new_chapter, new_lecture = rendered()
    assert new_chapter != chapter and new_lecture != lecture
    for srt in (new_chapter, new_lecture):
        lines = [t for t in srt.splitlines() if t and "-->" not in t and not t.isdigit()]
        assert "A circle," in lines and max(len(t) for t in lines) <= 16, srt
