"""The contract between the app and the scenes: inputs and sidecars survive the crossing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from nnexplain import render
from scenes.contract import Beat, SceneInputs, Sidecar

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


def test_the_render_key_covers_the_code_that_writes_subtitles(tmp_path):
    """A change to subtitles.py (say, its line length) re-renders, so no stale .srt stays."""
    paths = render.chapter_code()
    assert render.PROJECT / "nnexplain" / "subtitles.py" in paths
    copy = tmp_path / "project"
    for path in paths:
        if path.is_file():
            target = copy / path.relative_to(render.PROJECT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    assert render.code_digest(copy) == render.code_digest()
    subtitles = copy / "nnexplain" / "subtitles.py"
    text = subtitles.read_text()
    assert "LINE = 42" in text
    subtitles.write_text(text.replace("LINE = 42", "LINE = 32"))
    assert render.code_digest(copy) != render.code_digest()
