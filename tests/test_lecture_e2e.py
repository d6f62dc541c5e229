"""The whole default lecture, rendered exactly as ``make lecture`` does (slow: minutes).

It speaks with the piper voice, as ``make lecture`` does, whatever the suite's default,
and ``nnexplain check`` then passes it: legible, heard as written (the speech part is
not skipped: ``make test`` installs the check extra), and true.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import av
import pytest
from test_quiz import every_chapter_asks_two_questions

from nnexplain.chapters import LECTURE
from nnexplain.lecture_video import TITLE_SECONDS
from nnexplain.words import load as load_words
from scenes.contract import SceneInputs

NUMERAL = re.compile(r"\d[\d,.]*")  # "13,002", "0.48", "89.7": one number each
WORD = re.compile(r"[\w'.,%-]+")


def numbers_per_hundred_words(folder) -> float:
    """How many numbers the narration says in every hundred of its words."""
    said = [
        b["say"]
        for sidecar in sorted(folder.glob("*/*.numbers.json"))
        for b in json.loads(sidecar.read_text())["beats"]
    ]
    return (
        100 * sum(len(NUMERAL.findall(s)) for s in said) / sum(len(WORD.findall(s)) for s in said)
    )


def frames(path) -> int:
    with av.open(str(path)) as c:
        return sum(1 for _ in c.decode(video=0))


@pytest.mark.slow
def test_the_default_lecture_renders_end_to_end(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "nnexplain.cli", "render", "--out", str(tmp_path), "--jobs", "2",
         "--voice", "piper"],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    total = 0
    for k, chapter in enumerate(LECTURE, start=1):
        folder = tmp_path / f"{k:02d}-{chapter.name}"
        video = folder / f"{chapter.scene}.mp4"
        sidecar = json.loads((folder / f"{chapter.scene}.numbers.json").read_text())
        assert sidecar["scene"] == chapter.scene and sidecar["numbers"], chapter.name
        assert list((folder / "stills").glob("*.png")), chapter.name
        total += frames(video)
    cards = len(LECTURE) * round(TITLE_SECONDS * 15)
    assert frames(tmp_path / "lecture.mp4") == total + cards
    with av.open(str(tmp_path / "lecture.mp4")) as c:
        assert c.streams.audio, "the lecture is narrated"
        assert 25 <= c.duration / av.time_base / 60 <= 40, "issue 24: 25 to 40 minutes"
        titles = [load_words(SceneInputs()).title(ch) for ch in LECTURE]
        assert [m["metadata"]["title"] for m in c.chapters()] == titles
    for name in ("lecture.srt", "lecture.vtt", "chapters.vtt", "chapters.txt"):
        assert (tmp_path / name).stat().st_size > 0, name
    page = (tmp_path / "index.html").read_text()
    assert all(f'id="{c.name}"' in page for c in LECTURE)
    assert numbers_per_hundred_words(tmp_path) <= 3, "issue 24: numbers said sparingly"
    every_chapter_asks_two_questions(tmp_path)
    check = subprocess.run(
        [sys.executable, "-m", "nnexplain.cli", "check", str(tmp_path), "--json"],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    report = json.loads(check.stdout)
    assert report["speech_skipped"] is None, report["speech_skipped"]
    assert report["passed"] and check.returncode == 0, json.dumps(report["findings"], indent=1)
