"""The app's side of the Spanish lecture: its own words from the script, ``--language es``,
``--subtitles es`` beside the English ones, and ``nnexplain check`` on a Spanish render.

The fast tests use the tiny scenes of ``tests/fixtures``; the slow ones render two real,
short chapters (the input layer and the untrained cost) with espeak at the lowest quality.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import av
import pytest
import srt
from pptx import Presentation
from test_slides import AUTOPLAY, CHROMIUM, chromium

from nnexplain import chapters, cli, preflight, subtitles
from nnexplain.chapters import LECTURE, Chapter
from nnexplain.check import subtitles as rules
from nnexplain.check import truth
from nnexplain.check.folder import chapters as rendered
from nnexplain.render import render_key
from nnexplain.settings import LANGUAGES, Settings
from nnexplain.words import load as load_words
from scenes import script
from scenes.contract import Beat, SceneInputs, Sentence, Sidecar

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils")
# Two tiny scenes under real chapters' names, so that a teacher may reword their titles.
NAMED = (
    Chapter("input-layer", "tiny_scenes", "TinyCircle"),
    Chapter("cost-untrained", "tiny_scenes", "TinySquare"),
)


def nnexplain(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as e:  # argparse's own exits
        return int(e.code)


@pytest.fixture
def tiny(monkeypatch):
    """The CLI's lecture: two one-second scenes, with real chapters' names."""
    monkeypatch.setattr(cli, "LECTURE", NAMED)
    monkeypatch.setattr(chapters, "SCENES_DIR", FIXTURES)
    monkeypatch.setattr(preflight, "check_inputs", lambda chapters, env: None)


# ------------------------------------------------------------------ the words, in the script


def test_no_chapter_title_or_concept_is_typed_in_python():
    words = load_words(SceneInputs())
    code = "".join(p.read_text() for p in (PROJECT / "nnexplain").rglob("*.py"))
    for chapter in LECTURE:
        if words.title(chapter) != chapter.scene:  # "Attention": a class's name, not a title
            assert words.title(chapter) not in code, chapter.name
        assert words.concept(chapter)[:30] not in code, chapter.name
    assert {f for f in Chapter.__dataclass_fields__} == {"name", "module", "scene", "seconds"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_has_its_title_and_concept_in_each_language(language):
    words = load_words(SceneInputs(language=language))
    for chapter in LECTURE:
        assert words.title(chapter) and words.concept(chapter)
    # The concept's numbers come from nncore: an MNIST image's side and its pixels.
    assert "28" in words.concept(LECTURE[0]) and "784" in words.concept(LECTURE[0])


def test_the_command_line_offers_the_languages_the_script_ships():
    assert list(LANGUAGES) == script.languages()


def test_a_teachers_chapter_title_shows_on_card_marks_index_deck_and_pptx(tiny, tmp_path):
    words = tmp_path / "words"
    (words / "en").mkdir(parents=True)
    (words / "en" / "chapters.ftl").write_text("input-layer = Pixels first\n")
    out = tmp_path / "out"
    args = ["render", "--out", str(out), "--format", "mp4,slides,handout", "--voice", "none"]
    assert nnexplain(*args, "--script", str(words)) == 0
    with av.open(str(out / "lecture.mp4")) as c:
        marks = [m["metadata"]["title"] for m in c.chapters()]
    assert marks == ["Pixels first", "The cost of a wrong answer"]
    assert (out / "chapters.txt").read_text().splitlines()[0] == "0:00 Pixels first"
    assert '<h2 id="input-layer">1. Pixels first</h2>' in (out / "index.html").read_text()
    assert "<h1>Pixels first</h1>" in (out / "slides" / "index.html").read_text()
    prs = Presentation(str(out / "slides" / "lecture.pptx"))
    assert prs.slides[0].shapes.title.text == "Chapter 1: Pixels first"
    assert "1. Pixels first" in (out / "transcript.txt").read_text()


def test_a_teachers_unknown_app_message_is_one_line_exit_2(tiny, tmp_path, capsys):
    words = tmp_path / "words"
    (words / "en").mkdir(parents=True)
    (words / "en" / "app.ftl").write_text("no-such-thing = Hello\n")
    assert nnexplain("render", "--out", str(tmp_path / "out"), "--script", str(words)) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "app.ftl:1" in err and "no-such-thing" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ --language es


def test_spanish_is_spoken_by_espeak_said_once(capsys, monkeypatch):
    monkeypatch.delenv(SceneInputs.variable("voice"), raising=False)  # the tests' default
    parser = cli.build_parser()
    given = cli._scene_inputs(parser.parse_args(["render", "--language", "es"]))
    assert (given.language, given.voice) == ("es", "espeak")
    assert capsys.readouterr().err.count("spoken by espeak-ng") == 1
    english = cli._scene_inputs(parser.parse_args(["render"]))
    assert (english.language, english.voice) == ("en", "piper")
    assert capsys.readouterr().err == ""


def test_piper_for_spanish_is_one_line_exit_2(capsys):
    assert nnexplain("render", "--language", "es", "--voice", "piper") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--voice piper" in err


def test_subtitles_in_the_lectures_own_language_are_refused(capsys):
    assert nnexplain("render", "--language", "es", "--subtitles", "es") == 2
    assert "own language" in capsys.readouterr().err


def test_the_render_key_knows_the_language_and_the_subtitles():
    chapter = LECTURE[0]
    english = Settings("low", ("mp4",), SceneInputs(language="en", voice="espeak"))
    keys = {
        render_key(chapter, s, "code")
        for s in (
            english,
            replace(english, inputs=replace(english.inputs, language="es")),
            replace(english, inputs=replace(english.inputs, subtitles="es")),
        )
    }
    assert len(keys) == 3


def test_a_spanish_render_into_an_english_folder_re_renders_in_spanish(tiny, tmp_path):
    out = tmp_path / "out"
    common = ["render", "--out", str(out), "--format", "mp4,slides", "--voice", "none"]
    assert nnexplain(*common) == 0
    made = (out / "01-input-layer" / "render.json").read_text()
    assert nnexplain(*common, "--language", "es") == 0
    assert (out / "01-input-layer" / "render.json").read_text() != made  # rendered again
    page = (out / "index.html").read_text()
    assert '<html lang="es">' in page and "La capa de entrada" in page
    assert "The input layer" not in page
    # Each still is captioned by its place in the chapter, in Spanish, not by a beat's name.
    assert "<figcaption>parte 1</figcaption>" in page and "circle</figcaption>" not in page
    deck = (out / "slides" / "index.html").read_text()
    assert "Capítulo 1" in deck and "Chapter 1" not in deck
    with av.open(str(out / "lecture.mp4")) as c:
        marks = [m["metadata"]["title"] for m in c.chapters()]
    assert marks == ["La capa de entrada", "El coste de una respuesta equivocada"]


# ------------------------------------------------------------------ --subtitles es


def test_a_translated_sentence_is_shown_while_its_english_sentence_is_spoken():
    long = (
        "Y aquí, como antes, la red compara cada una de sus diez salidas con la respuesta "
        "que deseábamos, término a término, y suma los cuadrados de las diferencias."
    )
    beat = Beat(
        "cost", 1.0, 12.0, "", "", "espeak",
        (Sentence("The cost.", 1.0, 2.5), Sentence("It adds ten squares.", 3.0, 12.0)),
        subtitles={"es": ("El coste.", long)},
    )  # fmt: skip
    cues = subtitles.cues([beat], language="es", translation=True)
    assert cues[0].text == "El coste."
    assert len(cues) > 2  # the long one is cut within its sentence's time
    assert all(3.0 - 0.5 <= c.start and c.end <= 12.0 for c in cues[1:])
    lines = [line for c in cues for line in c.text.split("\n")]
    assert max(len(line) for line in lines) <= subtitles.LINE
    assert " ".join(" ".join(c.text.split()) for c in cues[1:]) == long
    # No translation recorded: no translated cue.
    assert subtitles.cues([replace(beat, subtitles={})], language="es", translation=True) == []


# ------------------------------------------------------------------ end to end, real scenes

TWO = ["input-layer", "cost-untrained"]
FOLDERS = {"01-input-layer": "InputLayer", "04-cost-untrained": "CostUntrained"}


def _render(out: Path, *args: str) -> subprocess.CompletedProcess:
    # This tree's code in every process, and none of the tests' NNEXPLAIN_* (voice "none").
    env = {k: v for k, v in os.environ.items() if not SceneInputs.is_variable(k)}
    env["PYTHONPATH"] = str(PROJECT)
    done = subprocess.run(
        [sys.executable, "-m", "nnexplain", "render", *TWO, "--out", str(out), "--quality",
         "low", "--jobs", "2", *args],
        capture_output=True, text=True, timeout=900, cwd=PROJECT, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("es") / "out"
    done = _render(out, "--language", "es")
    assert done.stderr.count("spoken by espeak-ng") == 1
    return out


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("en-es") / "out"
    _render(out, "--voice", "espeak", "--subtitles", "es")
    return out


@pytest.mark.slow
def test_the_spanish_lecture_says_spanish_words_with_decimal_commas(spanish):
    said = " ".join(c.content for c in srt.parse((spanish / "lecture.srt").read_text()))
    assert "cuadrícula" in said and "píxeles" in said and "coste" in said
    assert re.search(r"\b\d+,\d+\b", said)  # "1,00", "0,50": decimal commas
    assert not re.search(r"\b\d+\.\d+\b", said)  # and no decimal point
    transcript = (spanish / "transcript.txt").read_text()
    assert (
        transcript.startswith("Transcripción de la clase") and "1. La capa de entrada" in transcript
    )
    quiz = (spanish / "quiz.html").read_text()
    assert '<html lang="es">' in quiz and "Comprobar mis respuestas" in quiz
    assert 'data-decimal=","' in quiz


@pytest.mark.slow
@needs_poppler
def test_the_spanish_handout_is_in_spanish(spanish):
    text = subprocess.run(["pdftotext", str(spanish / "handout.pdf"), "-"],
                          capture_output=True, text=True).stdout  # fmt: skip
    for words in ("Clase de nnexplain", "Los capítulos", "La capa de entrada", "página 1 de"):
        assert words in text, words


@pytest.mark.slow
def test_nnexplain_check_passes_on_the_spanish_lecture_and_says_why_speech_is_skipped(spanish):
    done = subprocess.run(
        [sys.executable, "-m", "nnexplain", "check", str(spanish), "--json"],
        capture_output=True, text=True, timeout=600, cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    assert "hears only English" in done.stdout


@pytest.mark.slow
def test_a_typed_english_number_in_spanish_subtitles_is_caught(spanish, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(spanish, copy)
    srt_file = copy / "01-input-layer" / "InputLayer.srt"
    srt_file.write_text(srt_file.read_text().replace("1,00", "1.00", 1))
    (chapter,) = [c for c in rendered(copy) if c.name == "input-layer"]
    assert [f.check for f in truth.check(chapter)] == ["truth"]


@pytest.mark.slow
def test_spanish_subtitles_sit_beside_the_english_timed_by_its_sentences(bilingual):
    for folder, scene in FOLDERS.items():
        beats = Sidecar.read(bilingual / folder / f"{scene}.numbers.json").beats
        spans = [(s.start, s.end) for b in beats for s in b.sentences]
        cues = list(srt.parse((bilingual / folder / f"{scene}.es.srt").read_text()))
        assert cues and (bilingual / folder / f"{scene}.es.vtt").is_file()
        text = " ".join(c.content for c in cues)
        assert "píxeles" in text or "coste" in text
        assert re.search(r"\b\d+,\d+\b", text) or folder.startswith("01")
        for cue in cues:  # each inside its English sentence's time, give or take reading time
            middle = (cue.start.total_seconds() + cue.end.total_seconds()) / 2
            assert any(a - 1.0 <= middle <= b + 1.0 for a, b in spans), cue.content
    for name in ("lecture.es.srt", "lecture.es.vtt"):
        assert (bilingual / name).stat().st_size > 0


@pytest.mark.slow
def test_the_spanish_subtitles_obey_the_subtitle_rules_and_a_broken_cue_is_found(
    bilingual, tmp_path
):
    for chapter in rendered(bilingual):
        assert rules.check(chapter) == [], chapter.name
    copy = tmp_path / "out"
    shutil.copytree(bilingual, copy)
    es = copy / "01-input-layer" / "InputLayer.es.srt"
    es.write_text(es.read_text().replace("\n\n", " " + "muy " * 30 + "\n\n", 1))
    (chapter,) = [c for c in rendered(copy) if c.name == "input-layer"]
    assert [f.what.split(":")[0] for f in rules.check(chapter)][:1] == ["es cue 1"]


TRACKS = """[...document.querySelectorAll('video')].map(v => [...v.textTracks]
  .filter(t => t.kind === 'subtitles')
  .map(t => [t.language, t.mode, t.cues ? t.cues.length : -1]))"""


@pytest.mark.slow
@needs_chromium
def test_the_index_page_carries_both_tracks_english_shown(bilingual, tmp_path):
    with chromium(tmp_path / "profile") as page:
        page.call("Page.enable")
        page.call("Page.navigate", url=(bilingual / "index.html").as_uri())
        # Cues load only for a track not disabled: show the Spanish ones too, to count them.
        show = """[...document.querySelectorAll('video')].forEach(v =>
          [...v.textTracks].forEach(t => { if (t.mode === 'disabled') t.mode = 'hidden'; }))"""
        page.until(lambda: page.js(TRACKS), 20)
        modes = [[t[:2] for t in v] for v in page.js(TRACKS)]
        page.js(show)
        page.until(lambda: all(t[2] > 0 for v in page.js(TRACKS) for t in v), 20)
    assert modes == [[["en", "showing"], ["es", "disabled"]]] * 3  # the lecture, two chapters


DECK = """(() => {
  const v = document.getElementById('beat-video');
  return [...v.textTracks].map(t => [t.language, t.mode, t.cues ? t.cues.length : -1]);
})()"""


@pytest.mark.slow
@needs_chromium
def test_the_deck_carries_both_and_l_switches_language(bilingual, tmp_path):
    deck = bilingual / "slides" / "index.html"
    assert "L: the subtitles' other language" in html.unescape(deck.read_text())
    with chromium(tmp_path / "profile", AUTOPLAY) as page:
        page.open(deck.as_uri())
        page.js("Reveal.slide(1)")
        page.until(lambda: all(t[2] > 0 for t in page.js(DECK)), 10)
        assert [t[:2] for t in page.js(DECK)] == [["en", "showing"], ["es", "hidden"]]
        page.press("l", 76)
        assert [t[:2] for t in page.js(DECK)] == [["en", "hidden"], ["es", "showing"]]
