"""``nnexplain check``: each seeded defect is caught, and a sound folder passes.

The folders here are written by hand, as a render lays them out, so that each test
holds exactly one defect; the speech tests give a beat real audio (piper) and
need the ``check`` extra.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from nnexplain.check import screen, speech, subtitles, truth
from nnexplain.check.folder import chapters
from scenes.audio import narration
from scenes.contract import Number, Said

FPS = 15
GOOD_TEXT = {"text": "784", "box": [900, 400, 1000, 440], "color": "#FFFFFF",
             "opacity": 1.0, "height": 40, "background": "#000000"}  # fmt: skip
SAY = "The cost is 0.25, and the network reads a nine."


def clock(t: float) -> str:
    ms = round(t * 1000)
    return f"00:{ms // 60000:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def chapter(out: Path, *, texts=None, say=SAY, cues=None, audio: Path | None = None,
            values=(0.2512, 9), said: list[Said] | None = None) -> Path:  # fmt: skip
    """``out/01-cost/``, a rendered chapter with one beat of 4 s: its files as render writes.

    The beat's numbers are those the scene would find (``said``: those given instead).
    """
    folder = out / "01-cost"
    folder.mkdir(parents=True)
    numbers = [Number(f"n{k}", v, "test") for k, v in enumerate(values)]
    beat = {"name": "cost", "start": 0.0, "end": 4.0, "say": say, "spoken": say,
            "voice": "espeak", "sentences": [{"text": say, "start": 0.0, "end": 3.8}],
            "texts": [GOOD_TEXT] if texts is None else texts,
            "said": [asdict(n) for n in said if n.written in say] if said is not None
            else [asdict(n) for n in narration.said(say, numbers)]}  # fmt: skip
    numbers = [asdict(n) for n in numbers]
    (folder / "Cost.numbers.json").write_text(
        json.dumps({"scene": "Cost", "inputs": {}, "numbers": numbers, "beats": [beat]})
    )
    cues = cues or [(0.0, 3.8, "The cost is 0.25, and the network reads\na nine.")]
    (folder / "Cost.srt").write_text(
        "".join(f"{k}\n{clock(a)} --> {clock(b)}\n{t}\n\n" for k, (a, b, t) in enumerate(cues, 1))
    )
    if audio is not None:
        shutil.copy(audio, folder / "Cost.mp4")
    (folder / "render.json").write_text(json.dumps({"scene": "Cost", "frames": 4 * FPS,
                                                    "duration": 4.0, "files": []}))  # fmt: skip
    return folder


def findings(out: Path, check) -> list[str]:
    (c,) = chapters(out)
    return [f.what for f in check(c)]


def test_a_sound_chapter_passes_every_check_but_speech(tmp_path):
    chapter(tmp_path)
    result = subprocess.run([sys.executable, "-m", "nnexplain.cli", "check", str(tmp_path),
                             "--no-speech", "--json"], capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["passed"] is True


def test_a_dim_label_is_caught(tmp_path):
    # #333333 on black is 1.7:1; WCAG asks 4.5:1 for small text.
    chapter(tmp_path, texts=[GOOD_TEXT | {"color": "#333333", "height": 20}])
    (what,) = findings(tmp_path, screen.check)
    assert "1.7:1" in what and "4.5:1" in what
    assert screen.contrast("#FFFFFF", 1.0, "#000000") == pytest.approx(21)
    assert screen.contrast("#FFFFFF", 0.0, "#000000") == pytest.approx(1)


def test_large_text_needs_less_contrast(tmp_path):
    grey = "#6E6E6E"  # 3.9:1 on black: enough for 24 px text, not for smaller
    chapter(tmp_path, texts=[GOOD_TEXT | {"color": grey, "height": 30}])
    assert findings(tmp_path, screen.check) == []
    shutil.rmtree(tmp_path / "01-cost")
    chapter(tmp_path, texts=[GOOD_TEXT | {"color": grey, "height": 20}])
    assert len(findings(tmp_path, screen.check)) == 1


def test_two_overlapping_labels_are_caught(tmp_path):
    other = GOOD_TEXT | {"text": "16", "box": [950, 420, 1050, 460]}
    chapter(tmp_path, texts=[GOOD_TEXT, other])
    assert findings(tmp_path, screen.check) == ["beat cost: '784' overlaps '16'"]


def test_a_label_past_the_edge_and_one_in_the_subtitles_band_are_caught(tmp_path):
    past = GOOD_TEXT | {"text": "edge", "box": [1850, 400, 1930, 440]}
    low = GOOD_TEXT | {"text": "note", "box": [200, 960, 400, 990]}
    chapter(tmp_path, texts=[past, low])
    found = findings(tmp_path, screen.check)
    assert "beat cost: 'edge' crosses the frame's edge" in found
    assert any("'note'" in f and "subtitles' band" in f for f in found)


def test_a_cue_of_25_characters_a_second_is_caught(tmp_path):
    text = "x" * 40 + "\n" + "y" * 10  # 51 characters in 2 s
    chapter(tmp_path, cues=[(0.0, 2.0, text)])
    (what,) = findings(tmp_path, subtitles.check)
    assert "25.5 characters a second" in what


def test_cues_too_close_too_long_or_past_the_end_are_caught(tmp_path):
    chapter(tmp_path, cues=[(0.0, 1.0, "one two"), (1.05, 2.0, "three"), (2.5, 9.8, "four")])
    found = findings(tmp_path, subtitles.check)
    assert any(f.startswith("cue 2: starts 50 ms after") for f in found)
    assert any(f.startswith("cue 3: shown 7.30 s") for f in found)
    assert any(f.startswith("cue 3: ends at 9.80 s, after the video") for f in found)


def test_a_typed_in_number_is_caught_in_narration_and_subtitles(tmp_path):
    say = "The cost is 0.26, and the network reads a nine."
    chapter(tmp_path, say=say, cues=[(0.0, 3.8, say)])
    found = findings(tmp_path, truth.check)
    assert any(f.startswith("beat cost says 0.26") for f in found)
    assert any(f.startswith("subtitle 1 says 0.26") for f in found)


def test_a_beat_s_record_of_a_number_it_says_is_held_to_the_sidecar(tmp_path):
    """A beat that claims a recorded number it does not have is caught, whatever its text."""
    wrong = Said("0.25", "n0", 0.31, "test")  # n0 records 0.2512, and 0.31 reads "0.31"
    chapter(tmp_path, said=[wrong])
    found = findings(tmp_path, truth.check)
    assert found == ["beat cost says 0.25 as 'n0', which records no such value"]
    shutil.rmtree(tmp_path / "01-cost")
    # A number said from a dict's entry (an attention row's score) is one of its values.
    row = {"tokens": ["the", "model"], "scores": [0.2512, 0.75]}
    chapter(tmp_path, values=(row, 9))
    assert findings(tmp_path, truth.check) == []
    (beat,) = chapters(tmp_path)[0].beats
    assert beat.said == (Said("0.25", "n0", 0.2512, "test"),)


def test_numbers_are_normalised_both_ways():
    assert speech.normalise("It is 0.5, or 784!") == speech.normalise(
        "it is zero point five or seven hundred and eighty-four"
    )
    assert speech.normalise("-0.03") == ["minus", "zero", "point", "zero", "three"]
    assert speech.normalise("89.7 %")[-1] == "percent"
    assert speech.word_errors(["a", "b", "c"], ["a", "x", "c", "d"]) == 2
    assert speech.normalise("the 3s, the 1's, the 1st, .52") == speech.normalise(
        "the threes, the ones, the first, zero point five two"
    )


def same(said: str, heard: str) -> bool:
    return speech.word_errors(speech.normalise(said), speech.normalise(heard)) == 0


@pytest.mark.parametrize(
    "said, heard",
    [
        ("Here is a ladder, and it is steep.", "Here's a ladder, and it's steep."),  # contractions
        ("We can't, and it does not.", "We cannot, and it doesn't."),
        ("Let us see what we've got.", "Let's see what we have got."),
        ("a handwritten nine", "a hand written 9"),  # a compound heard as two words
        ("back propagation", "backpropagation"),  # and two heard as one
        ("a hand-written digit", "a handwritten digit"),  # hyphens
        ("labelled neighbourhoods, grey, colour", "labeled neighborhoods, gray, color"),
        ("centre, normalised, analyse, programme", "center, normalized, analyze, program"),
        ("the sum of the weights", "the some of the waits"),  # homophones
        ("output two", "output to"),
        ("24%", "twenty-four percent"),
    ],
)
def test_what_sounds_the_same_is_heard_right(said, heard):
    assert same(said, heard)


@pytest.mark.parametrize(
    "said, heard",
    [
        ("sixteen neurons", "sixty neurons"),  # a number misheard stays an error
        ("training chinchilla", "training chinchol"),
        ("handwritten", "hand right in"),
        ("the 3s", "the three"),  # a plural is not its singular
        ("four hours", "for ours"),  # "-our" only respelled after two letters: "hours" stays
        ("the output is", "the altitude is"),
        ("filled", "filed"),  # "-ll-" only after "e": not every double l is British
    ],
)
def test_real_mishearing_is_still_an_error(said, heard):
    assert not same(said, heard)


def spoken(text: str, folder: Path) -> Path:
    """``text`` said by the lecture's own voice, piper, as the soundtrack of an MP4."""
    av = pytest.importorskip("av")
    from scenes.audio import voice

    wav = voice.synthesize(text, "piper", folder / "voice").wav
    mp4 = folder / "said.mp4"
    with av.open(str(wav)) as source, av.open(str(mp4), "w") as target:
        stream = target.add_stream("aac", rate=22050)
        for frame in source.decode(audio=0):
            frame.pts = None
            for packet in stream.encode(frame):
                target.mux(packet)
        for packet in stream.encode(None):
            target.mux(packet)
    return mp4


@pytest.fixture
def whisper():
    pytest.importorskip("faster_whisper", reason="needs the check extra")


def test_a_beat_heard_as_it_is_written_passes(whisper, tmp_path):
    chapter(tmp_path / "out", audio=spoken(SAY, tmp_path))
    (c,) = chapters(tmp_path / "out")
    (heard,) = speech.listen(c)
    assert heard.wer <= speech.MAX_BEAT_WER, heard.heard
    assert speech.findings(c, [heard]) == []


def test_a_beat_whose_audio_says_something_else_is_caught(whisper, tmp_path):
    chapter(tmp_path / "out", audio=spoken("The cat sat on the mat all afternoon.", tmp_path))
    result = subprocess.run([sys.executable, "-m", "nnexplain.cli", "check",
                             str(tmp_path / "out")], capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1
    assert "words misheard" in result.stdout and "0.25 was not heard as 0.25" in result.stdout


def test_a_folder_with_nothing_rendered_is_one_line(tmp_path):
    result = subprocess.run([sys.executable, "-m", "nnexplain.cli", "check", str(tmp_path)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "holds no rendered scene" in result.stderr


def test_the_scene_records_text_as_seen_over_a_panel_and_under_a_veil():
    from manim import WHITE, Rectangle, Text

    from scenes.engine import on_screen

    label = Text("784", color=WHITE)
    panel = Rectangle(width=4, height=2, fill_color="#FFFFFF", fill_opacity=0.5, stroke_width=0)
    veil = Rectangle(width=4, height=2, fill_color="#000000", fill_opacity=0.8, stroke_width=0)
    (alone,) = on_screen.record([label], "#000000")
    assert (alone["color"], alone["background"]) == ("#FFFFFF", "#000000")
    (over,) = on_screen.record([panel, label], "#000000")
    assert over["background"] in ("#7F7F7F", "#808080")  # half white over black
    (under,) = on_screen.record([label, veil], "#000000")
    assert under["color"] in ("#323232", "#333333")  # 1.7:1: the check then fails it
    assert screen.contrast(under["color"], under["opacity"], under["background"]) < 2
    x0, y0, x1, y1 = alone["box"]
    assert 0 < x0 < 960 < x1 < 1920 and 0 < y0 < 540 < y1 < 1080  # centred, in 1080p pixels
