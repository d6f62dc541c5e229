"""The script: the scenes' words in Fluent files, a teacher's own wording, spoken forms.

Each fault in a teacher's script is refused by a real ``nnexplain render`` before
anything renders, in one line naming ``file:line``; an override of one message
changes that beat's narration, subtitles and voice, and nothing else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from nncore import data
from nncore.errors import InputError
from nnexplain.render import VOICE_CACHE
from scenes import script
from scenes.audio import voice

PROJECT = Path(__file__).resolve().parents[1]
SCENE = ["input-layer"]


def nnexplain(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    env.pop(script.SCRIPT_ENV, None)
    return subprocess.run(
        [sys.executable, "-m", "nnexplain.cli", *args],
        capture_output=True, text=True, cwd=cwd, env=env, timeout=600,
    )  # fmt: skip


def teacher(tmp_path: Path, text: str, name: str = "input_layer.ftl") -> Path:
    """A teacher's script folder holding one file, laid out like the shipped one."""
    folder = tmp_path / "words"
    (folder / script.LANGUAGE).mkdir(parents=True, exist_ok=True)
    (folder / script.LANGUAGE / name).write_text(text, encoding="utf-8")
    return folder


def subtitles(out: Path) -> str:
    """The text of the chapter's .srt cues, one after another (a long sentence spans cues)."""
    lines = next(out.glob("01-input-layer/*.srt")).read_text().splitlines()
    return " ".join(line for line in lines if line and not line.isdigit() and "-->" not in line)


def sidecar(out: Path) -> dict:
    return json.loads(next(out.glob("01-input-layer/*.numbers.json")).read_text())


# -- refused before anything renders --------------------------------------------------------

FAULTS = {
    "typed number": (
        "# my words\ndigit = Here is a digit. The cost is 5.00.\n",
        ":2: message 'digit' has the number '5.00' typed into its text",
    ),
    "number literal": ("digit = Here is { 7 }.\n", ":1: message 'digit' has the number '7'"),
    "unknown id": ("\n\nno-such-beat = Hello.\n", ":3: unknown message id 'no-such-beat'"),
    "missing variable": (
        "digit = Here is a { $colour } digit.\n",
        ":1: message 'digit' uses the unknown variable $colour (the scene gives: $label, $side)",
    ),
    "syntax error": ("digit = Here is { $label\n", ":1: syntax error"),
    "spoken sentences": (
        "digit = Here is a digit.\n    .spoken = Here is a digit. It is { $side } wide.\n",
        ":2: message 'digit': its .spoken form has 2 sentences, its text 1",
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_is_one_line_naming_file_and_line_exit_2_nothing_rendered(tmp_path, fault):
    text, expected = FAULTS[fault]
    words = teacher(tmp_path, text)
    out = tmp_path / "out"
    result = nnexplain("render", *SCENE, "--preview", "--out", str(out), "--script", str(words),
                       cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("nnexplain render: error: ")
    assert f"{words / 'en' / 'input_layer.ftl'}{expected}" in lines[0]
    assert not out.exists()


def test_batch_checks_the_script_before_any_student(tmp_path):
    words = teacher(tmp_path, "digit = The cost is 5.00.\n")
    photos = tmp_path / "photos"
    photos.mkdir()
    out = tmp_path / "class"
    result = nnexplain("batch", str(photos), "--out", str(out), "--scenes", *SCENE,
                       "--script", str(words), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == (
        f"nnexplain batch: error: {words / 'en' / 'input_layer.ftl'}:1: message 'digit' has "
        "the number '5.00' typed into its text: give it as a variable, { $name }"
    )
    assert not out.exists()


def test_a_file_the_script_does_not_ship_and_a_wrong_layout_are_refused(tmp_path):
    words = teacher(tmp_path, "digit = Hello.\n", name="inputlayer.ftl")
    result = nnexplain("render", *SCENE, "--preview", "--out", str(tmp_path / "out"),
                       "--script", str(words), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2 and "no shipped script file is called inputlayer.ftl" in (
        result.stderr
    )
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "input_layer.ftl").write_text("digit = Hello.\n")
    result = nnexplain("render", *SCENE, "--preview", "--out", str(tmp_path / "out"),
                       "--script", str(flat), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 2 and "holds no en/ folder" in result.stderr


def test_the_shipped_script_loads_and_has_no_typed_number():
    shipped = script.load()
    assert {"story", "input_layer", "attention"} <= shipped.files.keys()


def test_a_variable_missing_when_formatting_is_one_input_error():
    with pytest.raises(InputError, match=r"input_layer\.ftl:\d+: message 'digit': .*side"):
        script.load().line("input_layer", "digit", label=9)


# -- spoken forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("1.00", "one"),
        ("-0.03", "minus zero point zero three"),
        ("0.0000096", "9.6 millionths"),
        ("89.7 %", "89.7 percent"),
        ("13,002", "13,002"),  # espeak's rules (piper's too) say "thirteen thousand and two"
        ("-0.00", "zero"),
        ("a 784-16-16-10 net", "a 784-16-16-10 net"),  # layer sizes, not subtractions
    ],
)
def test_numbers_are_spoken_as_people_say_them(written, spoken):
    assert script.spoken_numbers(written) == spoken


def test_the_voice_speaks_the_spoken_form_and_caches_on_it(tmp_path):
    if voice.shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    text = "The cost is 0.0000096. That is small."
    plain = voice.synthesize(text, "espeak", tmp_path)
    said = voice.synthesize(text, "espeak", tmp_path, spoken=script.spoken_numbers(text))
    assert plain.wav != said.wav  # another clip for another spoken form
    assert [s for s, _, _ in said.sentences] == voice.split_sentences(text)  # subtitles: written
    again = voice.synthesize(text, "espeak", tmp_path, spoken=script.spoken_numbers(text))
    assert again.wav == said.wav
    with pytest.raises(InputError, match="spoken form has 1 sentences"):
        voice.synthesize(text, "espeak", tmp_path, spoken="One sentence only")


# -- a teacher's wording through a real render ----------------------------------------------


OVERRIDE = """\
# A teacher's own first sentence: written for the subtitles, spoken for the voice.
digit =
    Look closely at this MNIST digit.
    Your computer sees { $side } rows of { $side } pixels.
    .spoken =
        Look closely at this digit from MNIST.
        Your computer sees { $side } rows of { $side } pixels.
"""


def test_an_override_changes_that_beats_words_subtitles_and_voice_only(tmp_path):
    out = tmp_path / "out"
    common = ["render", *SCENE, "--voice", "espeak", "--quality", "low", "--format", "mp4",
              "--out", str(out)]  # fmt: skip
    if voice.shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    first = nnexplain(*common, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before, srt_before = sidecar(out), subtitles(out)
    clips_before = set((out / VOICE_CACHE).glob("*.wav"))

    second = nnexplain(*common, "--script", str(teacher(tmp_path, OVERRIDE)), cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    after, srt_after = sidecar(out), subtitles(out)
    clips_after = set((out / VOICE_CACHE).glob("*.wav"))

    old, new = {b["name"]: b for b in before["beats"]}, {b["name"]: b for b in after["beats"]}
    assert old.keys() == new.keys()
    assert new["digit"]["say"] == (
        "Look closely at this MNIST digit. Your computer sees 28 rows of 28 pixels."
    )
    assert new["digit"]["spoken"].startswith("Look closely at this digit from MNIST.")
    for name in old.keys() - {"digit"}:
        assert (new[name]["say"], new[name]["spoken"]) == (old[name]["say"], old[name]["spoken"])
    # Subtitles: the new sentences in, the old ones out, every other one as it was.
    assert "Look closely at this MNIST digit." in srt_after
    assert old["digit"]["sentences"][0]["text"] not in srt_after
    for name in old.keys() - {"digit"}:
        for sentence in old[name]["sentences"]:
            assert sentence["text"] in srt_before and sentence["text"] in srt_after
    # The voice: one new clip, the digit beat's, spoken from its spoken form.
    new_clips = clips_after - clips_before
    assert len(new_clips) == 1, new_clips
    meta = json.loads(next(iter(new_clips)).with_suffix(".json").read_text())
    assert "from MNIST" in meta["key"]


def test_a_class_hears_the_teachers_wording(tmp_path):
    """``nnexplain batch --script``: each student's lecture says the teacher's sentence."""
    photos = tmp_path / "photos"
    photos.mkdir()
    images, labels = data.load_mnist()
    i = int(data.split()[1][0])
    pixels = np.round(images[i].reshape(28, 28) * 255).astype(np.uint8)
    Image.fromarray(pixels).save(photos / f"{labels[i]}_ana.png")
    out = tmp_path / "class"
    result = nnexplain("batch", str(photos), "--out", str(out), "--scenes", *SCENE,
                       "--voice", "none", "--format", "mp4", "--jobs", "1",
                       "--script", str(teacher(tmp_path, OVERRIDE)), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    found = list(out.rglob("InputLayer.numbers.json"))  # ana's, and the class's cache's
    assert found
    for path in found:
        beats = {b["name"]: b for b in json.loads(path.read_text())["beats"]}
        assert beats["digit"]["say"].startswith("Look closely at this MNIST digit.")
        assert beats["digit"]["spoken"].startswith("Look closely at this digit from MNIST.")


def test_export_then_render_with_it_says_the_same_words(tmp_path):
    words = tmp_path / "words"
    exported = nnexplain("script", "export", str(words), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    files = sorted(p.name for p in (words / "en").glob("*.ftl"))
    assert files == sorted(p.name for p in (script.SHIPPED / "en").glob("*.ftl"))
    again = nnexplain("script", "export", str(words), cwd=tmp_path)
    assert again.returncode == 2 and "exists" in again.stderr  # never over a teacher's file

    plain, own = tmp_path / "plain", tmp_path / "own"
    for out, extra in ((plain, []), (own, ["--script", str(words)])):
        result = nnexplain("render", *SCENE, "--preview", "--out", str(out), *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    said = [(b["name"], b["say"], b["spoken"]) for b in sidecar(plain)["beats"]]
    assert said == [(b["name"], b["say"], b["spoken"]) for b in sidecar(own)["beats"]]

    def key() -> str:
        own_render = nnexplain("render", *SCENE, "--preview", "--out", str(own), "--script",
                               str(words), cwd=tmp_path)  # fmt: skip
        assert own_render.returncode == 0, own_render.stderr
        return json.loads((own / "01-input-layer" / "render.json").read_text())["key"]

    # The render cache keys on the chapter's own script file and story.ftl, not on others.
    first = key()
    with open(words / "en" / "attention.ftl", "a") as f:
        f.write("\n# a note of the teacher's\n")
    assert key() == first
    with open(words / "en" / "input_layer.ftl", "a") as f:
        f.write("\n# a note of the teacher's\n")
    assert key() != first
