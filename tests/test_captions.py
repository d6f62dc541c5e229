"""Captions everywhere: the index page and the deck from ``file://`` in real chromium, the PPTX.

The two tiny scenes are rendered once by a real ``nnexplain render`` process, spoken by
espeak; the pages are opened from disk in Debian's chromium over the DevTools protocol
(``test_slides``'s helpers), and the PowerPoint file is read back with python-pptx.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import av
import numpy as np
import pytest
import webvtt
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from test_slides import AUTOPLAY, CHROMIUM, chromium

KIT_CLI = Path(__file__).parent / "fixtures" / "kit_cli.py"
SCENES = {"01-tiny-circle": "TinyCircle", "02-tiny-square": "TinySquare"}
SCENES_NAMES = [folder[3:] for folder in SCENES]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

TRACKS = """[...document.querySelectorAll('video')].map(v => [...v.textTracks]
  .filter(t => t.kind === 'subtitles').map(t => [t.mode, t.cues ? t.cues.length : -1]))"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny lecture, rendered with its slides, spoken by espeak."""
    out = tmp_path_factory.mktemp("captions") / "out"
    done = subprocess.run(
        [sys.executable, str(KIT_CLI), "render", *SCENES_NAMES, "--out", str(out), "--voice",
         "espeak"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def vtt_cues(path: Path) -> int:
    return len(webvtt.read(str(path)))


@needs_chromium
def test_the_index_page_shows_every_videos_captions_from_disk(out, tmp_path):
    # The lecture first, then each chapter, in the page's order.
    expected = [vtt_cues(out / "lecture.vtt")]
    expected += [vtt_cues(out / folder / f"{scene}.vtt") for folder, scene in SCENES.items()]
    assert all(expected)
    with chromium(tmp_path / "profile") as page:
        page.call("Page.enable")
        page.call("Page.navigate", url=(out / "index.html").as_uri())
        page.until(lambda: [t for v in page.js(TRACKS) or [] for t in v] and all(
            t[1] > 0 for v in page.js(TRACKS) for t in v), 20)  # fmt: skip
        tracks = page.js(TRACKS)
    assert tracks == [[["showing", n]] for n in expected]
    # The .vtt files stay beside the videos, linked, for other players.
    assert 'href="lecture.vtt"' in (out / "index.html").read_text()


DECK = """(() => {
  const v = document.getElementById('beat-video'), t = v.textTracks[0];
  return {slide: Reveal.getIndices().h, src: v.getAttribute('src'),
          mode: t && t.mode, cues: t && t.cues ? t.cues.length : -1};
})()"""


@needs_chromium
def test_the_deck_shows_each_scenes_captions_and_the_c_key_toggles_them(out, tmp_path):
    deck = out / "slides" / "index.html"
    assert "C: captions on or off" in deck.read_text()  # the key, said on every title slide
    with chromium(tmp_path / "profile", AUTOPLAY) as page:
        page.open(deck.as_uri())
        # Slides: title, beat, title, beat: each scene's beat slide plays that scene's video.
        for slide, (folder, scene) in zip((1, 3), SCENES.items()):
            page.js(f"Reveal.slide({slide})")
            page.until(lambda scene=scene: scene in (page.js(DECK)["src"] or ""), 10)
            state = page.js(DECK)
            assert state["mode"] == "showing"
            assert state["cues"] == vtt_cues(out / folder / f"{scene}.vtt") > 0
        page.press("c", 67)
        assert page.js(DECK)["mode"] == "hidden"
        page.press("c", 67)
        assert page.js(DECK)["mode"] == "showing"


def test_the_pptx_is_accessible_and_its_clips_carry_their_captions(out):
    pptx = out / "slides" / "lecture.pptx"
    prs = Presentation(str(pptx))
    assert prs.core_properties.title == "nnexplain lecture"
    sidecars = [json.loads((out / f / f"{s}.numbers.json").read_text()) for f, s in SCENES.items()]
    beats = [beat for sidecar in sidecars for beat in sidecar["beats"]]
    titles, alts, notes = [], [], []
    for slide in prs.slides:
        titles.append(slide.shapes.title.text)
        notes.append(slide.notes_slide.notes_text_frame.text)
        for shape in slide.shapes:
            if shape.shape_type in (MSO_SHAPE_TYPE.MEDIA, MSO_SHAPE_TYPE.PICTURE):
                alts.append(shape._element.nvPicPr.cNvPr.get("descr"))
    # A beat's slide is titled by its place in the chapter (app.ftl's beat-part), never by
    # the scene's own name for it.
    assert titles == ["Chapter 1: A circle", "A circle: part 1", "Chapter 2: A square",
                      "A square: part 1"]  # fmt: skip
    assert alts == [beat["sentences"][0]["text"] for beat in beats]
    # The circle's beat says the seed: its notes say where that number comes from.
    assert notes[1] == "A circle, and the seed 9.\n\nThe numbers:\n9: seed (NNEXPLAIN_SEED)"
    # Each clip has its caption drawn in along the bottom, where the scene video has none.
    with zipfile.ZipFile(pptx) as package:
        clip = package.read("ppt/media/media1.mp4")
    drawn = middle_frame(io.BytesIO(clip))
    plain = middle_frame(out / "01-tiny-circle" / "TinyCircle.mp4")
    band = slice(int(drawn.shape[0] * 0.8), None)
    assert (plain[band] > 200).sum() == 0 and (drawn[band] > 200).sum() > 100


def middle_frame(video) -> np.ndarray:
    """The grey levels of a frame from the middle of the first beat's clip."""
    with av.open(video if isinstance(video, io.BytesIO) else str(video)) as c:
        frames = [f.to_ndarray(format="gray") for f in c.decode(video=0)]
    return frames[len(frames) // 2]
