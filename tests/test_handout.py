"""The handout and the transcript, from a real ``nnexplain render`` and ``nnexplain batch``.

The PDF is read back with poppler's ``pdfinfo`` and ``pdftotext`` (Debian ``poppler-utils``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import photos
import pytest
import srt

FIXTURES = Path(__file__).parent / "fixtures"
KIT_CLI = FIXTURES / "kit_cli.py"
BATCH_CLI = FIXTURES / "batch_cli.py"
# Every character Typst markup gives a meaning to, in a sentence a student could type.
MARKUP = r"a #b $c$ *d* _e_ @f <g> \h [i] ~j `k` = l // m"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdfinfo) not installed"
)


def run(cli: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, str(cli), *args], capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done


def pdf_text(pdf: Path) -> str:
    """The PDF's text, its whitespace made single spaces."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def pdf_info(pdf: Path) -> dict[str, str]:
    lines = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return dict(re.findall(r"^([\w ]+):\s+(.*)$", lines, re.MULTILINE))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A circle saying its seed, and a scene saying a sentence full of Typst markup."""
    out = tmp_path_factory.mktemp("handout") / "out"
    run(KIT_CLI, "render", "tiny-circle", "tiny-sentence", "--sentence", MARKUP, "--out",
        str(out), "--voice", "none", "--format", "mp4,handout")  # fmt: skip
    return out


@needs_poppler
def test_the_handout_has_a_cover_a_page_per_short_chapter_and_page_numbers(out):
    pdf = out / "handout.pdf"
    info = pdf_info(pdf)
    assert info["Title"] == "nnexplain lecture" and info["Pages"] == "3"
    cover, circle, sentence = pdf_pages(pdf)
    # The cover names the inputs the scenes recorded, and the chapters.
    assert "seed of the untrained network 9" in cover
    assert f"sentence {MARKUP}" in cover
    assert "1 A circle 2 A sentence" in cover
    # A chapter: its title, each beat's narration and the numbers it says with their sources.
    assert circle.startswith("1. A circle a circle, to test rendering")
    assert "A circle, and the seed 9. 9 seed (NNEXPLAIN_SEED)" in circle
    assert sentence.startswith("2. A sentence")
    # A sentence of Typst markup comes out as it was typed, not set as markup.
    assert f"The sentence: {MARKUP}" in sentence
    for k, page in enumerate((cover, circle, sentence), start=1):
        assert page.endswith(f"page {k} of 3")


def test_the_transcript_has_each_chapters_narration_at_the_lectures_times(out):
    lines = (out / "transcript.txt").read_text(encoding="utf-8").splitlines()
    cues = list(srt.parse((out / "lecture.srt").read_text()))

    def at(cue: srt.Subtitle) -> str:
        seconds = int(cue.start.total_seconds())
        return f"[{seconds // 60}:{seconds % 60:02d}]"

    assert lines == [
        "Transcript of the nnexplain lecture (times into the lecture video)",
        "",
        "1. A circle",
        f"{at(cues[0])} A circle, and the seed 9.",
        "",
        "2. A sentence",
        f"{at(cues[1])} The sentence: {MARKUP}",
    ]
    assert at(cues[1]) != "[0:00]"  # the lecture's time, not the chapter's


def test_a_handout_is_off_when_not_asked_for_and_asking_renders_no_chapter_again(tmp_path):
    out = tmp_path / "out"
    run(KIT_CLI, "render", "tiny-circle", "--out", str(out), "--voice", "none", "--format", "mp4")
    assert not (out / "handout.pdf").exists() and not (out / "transcript.txt").exists()
    done = run(KIT_CLI, "render", "tiny-circle", "--out", str(out), "--voice", "none",
               "--format", "mp4,handout")  # fmt: skip
    assert "reused" in done.stderr
    # One chapter, no lecture video: the times are the chapter video's.
    assert "times into each chapter's video" in (out / "transcript.txt").read_text()
    assert (out / "handout.pdf").read_bytes().startswith(b"%PDF")


@needs_poppler
def test_each_student_of_a_batch_gets_a_handout_of_their_own_digit(tmp_path):
    students = photos.class_of_two(tmp_path / "class")
    out = tmp_path / "out"
    run(BATCH_CLI, "batch", str(students), "--out", str(out), "--scenes", "tiny-digit",
        "tiny-circle", "--voice", "none", "--jobs", "2")  # fmt: skip
    digits = set()
    for name in ("ana", "ben"):
        text = pdf_text(out / name / "handout.pdf")
        (digit,) = re.findall(r"digit (\S+)", text.split("The chapters")[0])
        digits.add(digit)
        assert "brightest pixel (nncore.data.load_digit)" in text
        assert "2. A circle" in (out / name / "transcript.txt").read_text()
        assert (out / name / "lecture-scorm.zip").stat().st_size > 0
    assert len(digits) == 2  # each handout is about that student's own digit
