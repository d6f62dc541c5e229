"""Slides from rendered scenes: a reveal.js deck that opens from disk, and a PowerPoint file.

A scene is told in beats (``ExplainerScene.beat``) and each beat becomes one slide: it plays
the beat's stretch of the scene video, with its sound, then holds the frame the beat ends on.
Its speaker notes hold the narration and the numbers it says. Each chapter opens with a title
slide::

    folder = Path("media/01-input-layer")
    words = nnexplain.words.load(SceneInputs())    # the app's words, in English
    scene = DeckScene(words.title(LECTURE[0]), folder / "InputLayer.mp4",
                      folder / "InputLayer.numbers.json", folder / "stills")
    build_deck([scene], Path("media/slides"), words)      # media/slides/index.html
    build_pptx([scene], Path("media/slides.pptx"), words)

A slide's stretch runs from where the previous beat ended to where its own beat ends, so the
animations a scene plays between two beats (fading out what was just explained) are seen, at
the start of the next slide. Manim encodes every ``play()`` and ``wait()`` on its own, so each
of these boundaries is a keyframe: the deck seeks to it exactly, and the PowerPoint clips are
cut by copying packets, without re-encoding.

The deck uses reveal.js 6.0.2 (MIT), which ``make setup`` installs from npm into the venv; its
few files are copied into each deck, so nothing is fetched when it is shown.
"""

from __future__ import annotations

import html
import json
import os
import secrets
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import av
import pptx.presentation
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls
from pptx.util import Emu, Pt

from nncore import files
from nncore.errors import InputError
from nncore.files import TEMP_MARK
from nnexplain import subtitles
from nnexplain.burn import burn_subtitles
from nnexplain.words import Words
from scenes.contract import Said, Sidecar

REVEAL_VERSION = "6.0.2"
# What a deck uses of the reveal.js npm package, and where each file goes in the deck.
REVEAL_FILES = {
    "dist/reveal.js": "reveal/reveal.js",
    "dist/reveal.css": "reveal/reveal.css",
    "dist/theme/black.css": "reveal/theme/black.css",  # its fonts are inlined: no requests
    "dist/plugin/notes.js": "reveal/plugin/notes.js",
    "LICENSE": "reveal/LICENSE",
}
DECK_WIDTH = 1280  # the size reveal.js lays the title slides out at, then scales to the window
EMU_PER_PIXEL = 9525  # PowerPoint's unit: 914,400 per inch, at 96 pixels per inch
POSTER_QUALITY = 85  # JPEG: a PNG poster can outweigh the clip it stands for
# The one date a .pptx carries, inside and in its zip entries: the same scenes make the
# same bytes, on any machine and at any time (nnexplain batch compares them).
PPTX_DATE = datetime(1980, 1, 1)  # UTC; the earliest date a zip entry can hold


def reveal_package() -> Path:
    """Where ``make setup`` installs reveal.js: ``$VENV/share/nnexplain/node_modules/``."""
    return Path(sys.prefix) / "share" / "nnexplain" / "node_modules" / "reveal.js"


@dataclass(frozen=True)
class DeckScene:
    """One chapter of a deck: its title, and the products of one scene's render."""

    title: str
    video: Path  # the scene's .mp4 (H.264 and AAC, as manim writes it)
    sidecar: Path  # its .numbers.json: the beats, and the numbers on screen
    stills: Path  # its folder of NN-beat.png, the frame each beat ends on
    concept: str = ""  # one line under the title
    captioned: bool = False  # its subtitles are drawn into the video already


@dataclass(frozen=True)
class BeatSlide:
    """One beat as a slide: the stretch of video it plays, and what its notes say."""

    name: str
    start: float  # seconds into the scene video: where the previous beat ended
    end: float  # where this beat ends: the frame the slide holds
    say: str  # the narration
    said: tuple[Said, ...]  # each number it says, with its label and source
    still: Path | None
    cues: tuple[subtitles.Cue, ...] = ()  # its subtitles, in the scene video's time
    alt: str = ""  # what it shows, for a screen reader: its first sentence


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    fps: float
    duration: float


def video_info(path: Path) -> VideoInfo:
    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            duration = float(stream.duration * stream.time_base) if stream.duration else 0.0
            return VideoInfo(stream.width, stream.height, float(stream.average_rate), duration)
    except (OSError, av.error.FFmpegError, IndexError) as e:
        raise InputError(f"{path}: not a readable video ({e})") from None


def beat_slides(scene: DeckScene) -> list[BeatSlide]:
    """The slides of ``scene``: one per beat, in order, each with its stretch of video."""
    sidecar = read_sidecar(scene.sidecar)
    if not sidecar.beats:
        # A scene not yet told in beats: one slide plays all of it.
        end = video_info(scene.video).duration
        stills = sorted(scene.stills.glob("*.png")) if scene.stills.is_dir() else []
        return [BeatSlide(scene.video.stem, 0.0, end, "", (), stills[-1] if stills else None)]
    slides, start = [], 0.0
    for beat in sidecar.beats:
        still = scene.stills / beat.still if beat.still else None
        slide = BeatSlide(
            beat.name, start, beat.end, beat.say, beat.said,
            still if still and still.is_file() else None, tuple(subtitles.cues([beat])),
            beat.sentences[0].text if beat.sentences else beat.say,
        )  # fmt: skip
        slides.append(slide)
        start = beat.end
    return slides


def read_sidecar(path: Path) -> Sidecar:
    """The sidecar at ``path``, or one line on why it is none."""
    try:
        return Sidecar.read(path)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputError(f"{path}: not a scene's numbers sidecar ({e})") from None


# ---------------------------------------------------------------------------- the deck


def build_deck(
    scenes: Sequence[DeckScene], folder: Path, words: Words, reveal: Path | None = None
) -> Path:
    """Write a reveal.js deck of ``scenes`` into ``folder``; return its ``index.html``.

    The folder opens from disk with no network: the page, reveal.js's files and the scene
    videos (hard-linked where the file system allows, else copied). It is written beside
    ``folder`` and takes the old deck's place only when complete.

    Parameters
    ----------
    scenes
        The chapters, in order.
    folder
        The deck's folder; an existing one is replaced only if it holds a deck (or nothing).
    words
        The app's words, in the lecture's language: "Chapter 3", the keys, the title.
    reveal
        The reveal.js npm package; by default the one ``make setup`` installed.
    """
    with _replaced(folder) as staged:
        _write_deck(scenes, staged, words, reveal)
    return folder / "index.html"


def build_slides(
    scenes: Sequence[DeckScene],
    folder: Path,
    words: Words,
    reveal: Path | None = None,
    other: Words | None = None,
    jobs: int = 1,
) -> Path:
    """The deck of :func:`build_deck` and its ``lecture.pptx`` in ``folder``; return ``folder``.

    Both are made beside ``folder`` and take the old ones' place together: a failure
    (a full disk) leaves the previous deck and PowerPoint file as they were. With ``other``
    (the words of ``--subtitles``' language), the deck's video also carries the subtitles
    in that language, hidden until the L key chooses them. The PowerPoint file's clips are
    made ``jobs`` at a time.
    """
    with _replaced(folder) as staged:
        _write_deck(scenes, staged, words, reveal, other)
        build_pptx(scenes, staged / "lecture.pptx", words, jobs)
    return folder


def _write_deck(
    scenes: Sequence[DeckScene],
    staged: Path,
    words: Words,
    reveal: Path | None,
    other: Words | None = None,
) -> None:
    """The deck's files, written into the new, empty folder ``staged``."""
    package = reveal or reveal_package()
    missing = [rel for rel in REVEAL_FILES if not (package / rel).is_file()]
    if missing:
        raise InputError(
            f"reveal.js {REVEAL_VERSION} is not installed ({package / missing[0]} is missing): "
            "run `make setup`"
        )
    if not scenes:
        raise InputError("a deck needs at least one scene")
    chapters = [(scene, beat_slides(scene), video_info(scene.video)) for scene in scenes]
    first = chapters[0][2]
    sections, sources = [], []
    for k, (scene, slides, info) in enumerate(chapters):
        # Its captions go into the page: a page opened from disk may not fetch a .vtt.
        beats = () if scene.captioned else read_sidecar(scene.sidecar).beats
        cues = [[c.start, c.end, c.text] for c in subtitles.cues(beats, language=words.language)]
        translated = other and subtitles.cues(beats, language=other.language, translation=True)
        src = f"media/{k + 1:02d}-{scene.video.name}"
        sources.append(
            {
                "src": src,
                "fps": info.fps,
                "cues": cues,
                "translated": [[c.start, c.end, c.text] for c in translated or ()],
            }
        )
        sections.append(_title_section(k, scene, words, other))
        sections += [_beat_section(k, slide) for slide in slides]
    page = PAGE.format(
        title=html.escape(scenes[0].title if len(scenes) == 1 else words("lecture-title")),
        language=html.escape(words.language),
        language_name=json.dumps(words("language-name")).replace("<", "\\u003c"),
        other=json.dumps(other and [other("language-name"), other.language]).replace(
            "<", "\\u003c"
        ),
        start=html.escape(words("deck-start")),
        sections="\n".join(sections),
        scenes=json.dumps(sources).replace("<", "\\u003c"),  # no "</script>" inside the script
        width=DECK_WIDTH,
        height=round(DECK_WIDTH * first.height / first.width),
    )
    for rel, target in REVEAL_FILES.items():
        (staged / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package / rel, staged / target)
    (staged / "media").mkdir()
    for source, (scene, _, _) in zip(sources, chapters):
        _link_or_copy(scene.video, staged / source["src"])
    (staged / "index.html").write_text(page)


def _title_section(k: int, scene: DeckScene, words: Words, other: Words | None) -> str:
    title, concept = html.escape(scene.title), html.escape(scene.concept)
    number = html.escape(words("chapter-number", number=k + 1))
    keys = words("deck-keys") + (f" · {words('deck-key-language')}" if other else "")
    return (
        f'<section class="chapter" data-scene="{k}">\n'
        f'  <p class="number">{number}</p><h1>{title}</h1><p class="concept">{concept}</p>\n'
        f'  <p class="keys">{html.escape(keys)}</p>\n'
        f'  <aside class="notes"><p>{number}: {title}. {concept}</p></aside>\n'
        "</section>"
    )


def _beat_section(k: int, slide: BeatSlide) -> str:
    numbers = "".join(
        f"<li><b>{html.escape(n.written)}</b> {html.escape(n.label)} "
        f"<i>({html.escape(n.source)})</i></li>"
        for n in slide.said
    )
    notes = f"<p>{html.escape(slide.say)}</p>" + (f"<ul>{numbers}</ul>" if numbers else "")
    return (
        f'<section data-scene="{k}" data-beat="{html.escape(slide.name)}" '
        f'data-start="{slide.start:.6f}" data-end="{slide.end:.6f}">\n'
        f'  <aside class="notes">{notes}</aside>\n'
        "</section>"
    )


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link costs no space; across file systems, a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


@contextmanager
def _replaced(folder: Path) -> Iterator[Path]:
    """A new folder to fill, which takes ``folder``'s place only if the block succeeds."""
    if folder.exists() and not (
        folder.is_dir() and (not any(folder.iterdir()) or (folder / "reveal").is_dir())
    ):
        # Replacing a folder deletes it: never one that is not a deck (say, media/ itself).
        raise InputError(f"{folder} exists and is not a slide deck: choose another folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Both named so that a later run removes what a killed one left (nncore.files).
    tag = f"{TEMP_MARK}.{folder.name}.{os.getpid()}-{secrets.token_hex(4)}"
    staged = folder.with_name(tag)
    staged.mkdir()  # not mkdtemp: the deck gets the umask's mode, like everything else written
    try:
        yield staged
        # Two renames: the deck is never half old and half new, only absent for a moment.
        old = folder.with_name(f"{tag}.old")
        if folder.exists():
            folder.rename(old)
        staged.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


PAGE = """<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="reveal/reveal.css">
<link rel="stylesheet" href="reveal/theme/black.css">
<style>
  html, body, .reveal-viewport {{ background: #000; }}
  #beat-video {{ position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain;
                 max-width: none; max-height: none;  /* the theme keeps media at 95 % */
                 background: #000; visibility: hidden; }}
  .reveal .slides {{ pointer-events: none; }}  /* the slides are empty over the video */
  /* The progress bar along the top: at the bottom it cut the captions' last line. */
  .reveal .progress {{ top: 0; bottom: auto; }}
  .reveal h1 {{ text-transform: none; font-size: 2em; }}
  .reveal .chapter .number {{ color: #999; }}
  .reveal .chapter .concept {{ color: #ccc; font-size: .7em; }}
  .reveal .chapter .keys {{ color: #aaa; font-size: .4em; }}
  #start {{ position: absolute; inset: 0; z-index: 30; display: flex; cursor: pointer;
            align-items: center; justify-content: center; font: 40px sans-serif; color: #fff;
            background: rgba(0, 0, 0, .5); }}
  #start[hidden] {{ display: none; }}
</style></head>
<body>
<div class="reveal">
  <video id="beat-video" preload="auto" playsinline></video>
  <div id="start" hidden>&#9654; {start}</div>
  <div class="slides">
{sections}
  </div>
</div>
<script src="reveal/reveal.js"></script>
<script src="reveal/plugin/notes.js"></script>
<script>
// One <video> for the whole deck: each beat slide seeks it to where its beat's stretch starts,
// plays with sound, and pauses on the beat's last frame.
const SCENES = {scenes};
const video = document.getElementById('beat-video');
const overlay = document.getElementById('start');
// The captions: a track filled from the page (a file:// page may not fetch a .vtt), shown.
const captions = video.addTextTrack('subtitles', {language_name}, '{language}');
captions.mode = 'showing';
// Their translation ([label, language], or null), hidden until L chooses it.
const OTHER = {other};
const translation = OTHER && video.addTextTrack('subtitles', OTHER[0], OTHER[1]);
if (translation) translation.mode = 'hidden';
let chosen = captions;  // the track C shows or hides
function caption(scene) {{
  for (const [track, cues] of [[captions, scene.cues], [translation, scene.translated]]) {{
    if (!track) continue;
    for (const cue of [...track.cues]) track.removeCue(cue);
    for (const [start, end, text] of cues) track.addCue(new VTTCue(start, end, text));
  }}
}}
let shown = null;    // the slide the video is set up for
let stopAt = null;   // while a beat plays: the time it holds at

function hold() {{
  if (stopAt !== null && video.currentTime >= stopAt) {{
    video.pause(); video.currentTime = stopAt; stopAt = null;
  }}
}}
function watch() {{  // checked at every frame shown: timeupdate alone comes only every 250 ms
  hold();
  if (stopAt === null) return;
  if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(watch);
  else requestAnimationFrame(watch);
}}
video.addEventListener('timeupdate', hold);

function play() {{
  video.play().then(() => {{ overlay.hidden = true; watch(); }}).catch(e => {{
    // Autoplay with sound refused (no click or key press yet): ask for one.
    if (e.name === 'NotAllowedError') overlay.hidden = false;
  }});
}}
overlay.addEventListener('click', play);
document.addEventListener('keydown', () => {{ if (!overlay.hidden) play(); }});

function show(slide) {{
  shown = slide;
  const scene = SCENES[+slide.dataset.scene];
  const beat = 'start' in slide.dataset;
  video.pause(); stopAt = null; overlay.hidden = true;
  video.style.visibility = beat ? 'visible' : 'hidden';
  const go = () => {{
    if (shown !== slide) return;  // the presenter moved on while the video loaded
    if (!beat) {{ video.currentTime = 0; return; }}  // a title: the chapter's start, ready
    const start = +slide.dataset.start;
    const end = Math.max(start, +slide.dataset.end - 0.5 / scene.fps);  // inside the last frame
    if (Reveal.isSpeakerNotes()) {{ video.muted = true; video.currentTime = end; return; }}
    video.currentTime = start; stopAt = end; play();
  }};
  if (video.getAttribute('src') !== scene.src) {{
    video.src = scene.src;
    caption(scene);
    video.addEventListener('loadedmetadata', go, {{ once: true }});
  }} else go();
}}

Reveal.initialize({{
  hash: true, controls: true, progress: true, center: true, transition: 'none',
  backgroundTransition: 'none', width: {width}, height: {height}, margin: 0,
  keyboardCondition: () => overlay.hidden,  // while asking for a click, a key plays the beat
  plugins: [RevealNotes],
}}).then(() => {{
  Reveal.addKeyBinding({{ keyCode: 67, key: 'C', description: 'Captions on or off' }}, () => {{
    chosen.mode = chosen.mode === 'showing' ? 'hidden' : 'showing';
  }});
  if (translation) Reveal.addKeyBinding(
    {{ keyCode: 76, key: 'L', description: 'Captions in the other language' }}, () => {{
      const on = chosen.mode;
      chosen.mode = 'hidden';
      chosen = chosen === captions ? translation : captions;
      chosen.mode = on;
    }});
  Reveal.on('slidechanged', e => show(e.currentSlide));
  show(Reveal.getCurrentSlide());
}});
</script>
</body></html>
"""


# ---------------------------------------------------------------------------- PowerPoint


def build_pptx(scenes: Sequence[DeckScene], path: Path, words: Words, jobs: int = 1) -> Path:
    """Write a PowerPoint file of ``scenes`` to ``path`` (atomically); return ``path``.

    A title slide per chapter, then a slide per beat whose movie is the beat's own clip
    (video and sound, cut from the scene video), starting by itself when the slide opens, its
    poster the beat's still; the narration and the numbers it says are in the slide's notes.
    The slides are the first scene's size.

    For a screen reader and PowerPoint's accessibility checker, every slide has a title (a
    beat's sits above the slide, out of sight: its video fills the slide), every movie has
    alt text (the beat's first sentence), and the document has a title.

    The clips carry their captions drawn in (re-encoded, unless the scene video has them
    already): PowerPoint's own caption track is an undocumented extension of the file format
    that only PowerPoint 365 reads, while drawn-in captions show in every program that plays
    the file (PowerPoint, LibreOffice Impress, Keynote, Google Slides). ``jobs`` clips are
    made at once, in threads (PyAV encodes outside the GIL): at 1080p60 they are most of a
    render's time.
    """
    if not scenes:
        raise InputError("a presentation needs at least one scene")
    chapters = [(scene, beat_slides(scene)) for scene in scenes]
    first = video_info(scenes[0].video)
    prs = Presentation()
    prs.slide_width = Emu(first.width * EMU_PER_PIXEL)
    prs.slide_height = Emu(first.height * EMU_PER_PIXEL)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The clips are cut beside the file, on the disk it goes to, named as leftovers are known.
    with (
        tempfile.TemporaryDirectory(dir=path.parent, prefix=f"{TEMP_MARK}.pptx-") as work,
        ThreadPoolExecutor(max_workers=jobs) as pool,
    ):
        clips = {
            (k, i): pool.submit(_beat_clip, scene, beat, Path(work) / f"{k:02d}-{i:02d}.mp4")
            for k, (scene, slides) in enumerate(chapters, start=1)
            for i, beat in enumerate(slides, start=1)
        }
        try:
            _add_slides(prs, chapters, clips, words)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # the clips not begun; a begun one stops soon
            raise
        prs.core_properties.title = scenes[0].title if len(scenes) == 1 else words("lecture-title")
        prs.core_properties.language = words.language
        with files.written(path) as f:
            _save_reproducibly(prs, f, Path(work))
    return path


def _add_slides(
    prs: pptx.presentation.Presentation,
    chapters: list[tuple[DeckScene, list[BeatSlide]]],
    clips: dict[tuple[int, int], Future[tuple[Path, Path, float]]],
    words: Words,
) -> None:
    """Each chapter's title slide, then a slide per beat playing its clip, in order."""
    titled = prs.slide_layouts[5]  # "Title Only": a title placeholder and nothing else
    for k, (scene, slides) in enumerate(chapters, start=1):
        _title_slide(prs, prs.slides.add_slide(titled), k, scene, words)
        for i, beat in enumerate(slides, start=1):
            clip, poster, seconds = clips[k, i].result()
            slide = prs.slides.add_slide(titled)
            _black(slide)
            _hidden_title(prs, slide, f"{scene.title}: {words('beat-part', number=i)}")
            # python-pptx reads the clip and poster here, so the folder may go afterwards.
            movie = slide.shapes.add_movie(
                str(clip), 0, 0, prs.slide_width, prs.slide_height,
                poster_frame_image=str(poster), mime_type="video/mp4",
            )  # fmt: skip
            _play_on_entry(slide, movie.shape_id, seconds)
            movie._element.nvPicPr.cNvPr.set("descr", beat.alt)
            slide.notes_slide.notes_text_frame.text = _notes(beat)


def _beat_clip(scene: DeckScene, beat: BeatSlide, clip: Path) -> tuple[Path, Path, float]:
    """The beat's clip (captions drawn in), its poster, and its length in seconds."""
    seconds = cut_clip(scene.video, beat.start, beat.end, clip)
    if beat.cues and not scene.captioned:
        burn_subtitles(clip, _clip_cues(beat), clip)
    poster = clip.with_suffix(".jpg")
    _poster(beat.still, clip, poster)
    return clip, poster, seconds


def _save_reproducibly(prs: pptx.presentation.Presentation, target: BinaryIO, work: Path) -> None:
    """``prs.save(target)``, but with no date of today in it and no name of python-pptx's."""
    core = prs.core_properties
    core.author = core.last_modified_by = "nnexplain"
    core.created = core.modified = PPTX_DATE
    core.revision = 1
    saved = work / "saved.pptx"
    prs.save(str(saved))
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(target, "w") as out:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, PPTX_DATE.timetuple()[:6])
            fixed.compress_type = entry.compress_type
            out.writestr(fixed, source.read(entry))


def cut_clip(video: Path, start: float, end: float, target: Path) -> float:
    """Copy ``video``'s packets from ``start`` to ``end`` (seconds) into ``target``.

    Video and audio are copied as they are, so ``start`` must be a keyframe, as every beat
    boundary of a manim video is. Returns the clip's length in seconds.
    """
    with av.open(str(video)) as source, av.open(str(target), "w") as out:
        picture = source.streams.video[0]
        streams = [picture, *source.streams.audio[:1]]
        copies = {s.index: out.add_stream_from_template(s) for s in streams}
        # Beat times are sums of float run times: allow half a frame either way.
        half = 0.5 / float(picture.average_rate)
        source.seek(int(max(0.0, start - half) / picture.time_base), stream=picture)
        first: dict[int, int] = {}  # each stream's first pts: where the clip's time starts
        past: set[int] = set()  # the streams read well past ``end``
        for packet in source.demux(*streams):
            if packet.pts is None:  # the demuxer's empty packets at the end
                continue
            index, t = packet.stream.index, float(packet.pts * packet.time_base)
            if t >= end + 1.0:
                # Streams are interleaved loosely (video runs a second ahead of audio in
                # manim's files): stop reading only once every stream is past the end.
                past.add(index)
                if len(past) == len(streams):
                    break
            if not start - half <= t < end - half:
                continue
            if index not in first:
                if packet.stream.type == "video" and not packet.is_keyframe:
                    raise InputError(f"{video}: no keyframe at {start:.3f} s, cannot cut there")
                first[index] = packet.pts
            packet.pts -= first[index]
            if packet.dts is not None:
                packet.dts -= first[index]
            packet.stream = copies[index]
            out.mux(packet)
        if picture.index not in first:  # (asked while open: a closed stream's index is junk)
            raise InputError(f"{video}: no frames between {start:.3f} s and {end:.3f} s")
    return end - start


def _clip_cues(beat: BeatSlide) -> list[subtitles.Cue]:
    """The beat's cues in its clip's time, which starts at ``beat.start``."""
    return [
        subtitles.Cue(max(0.0, c.start - beat.start), c.end - beat.start, c.text) for c in beat.cues
    ]


def _notes(beat: BeatSlide) -> str:
    """The speaker notes: the narration, then each number it says and where it comes from."""
    numbers = "".join(f"\n{n.written}: {n.label} ({n.source})" for n in beat.said)
    return beat.say + (f"\n\nThe numbers:{numbers}" if numbers else "")


def _hidden_title(prs, slide, text: str) -> None:
    """The slide's title, read by screen readers, placed just above the slide: not shown."""
    title = slide.shapes.title
    title.text = text
    title.left, title.width = 0, prs.slide_width
    title.height = int(prs.slide_height * 0.1)
    title.top = -title.height


def _poster(still: Path | None, clip: Path, target: Path) -> None:
    """The beat's still as a JPEG; without one, the clip's last frame."""
    if still is not None and still.is_file():
        image = Image.open(still)
    else:
        with av.open(str(clip)) as container:
            *_, last = container.decode(video=0)
            image = last.to_image()
    image.convert("RGB").save(target, format="JPEG", quality=POSTER_QUALITY)


def _black(slide) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor(0, 0, 0)


def _title_slide(prs, slide, k: int, scene: DeckScene, words: Words) -> None:
    _black(slide)
    number = words("chapter-number", number=k)
    _hidden_title(prs, slide, f"{number}: {scene.title}")
    width, height = prs.slide_width, prs.slide_height
    box = slide.shapes.add_textbox(0, int(height * 0.3), width, int(height * 0.4))
    frame = box.text_frame
    frame.word_wrap = True
    lines = [(number, 0.05, 0x99), (scene.title, 0.1, 0xFF)]
    lines += [(scene.concept, 0.045, 0xCC)] if scene.concept else []
    for n, (text, size, grey) in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(max(8, round(height.pt * size)))
        run.font.color.rgb = RGBColor(grey, grey, grey)
    slide.notes_slide.notes_text_frame.text = f"{number}: {scene.title}. {scene.concept}"


# PowerPoint's own markup for a movie set to "Start: Automatically": a main sequence whose
# first step begins with the slide (onBegin) and plays the movie from 0. python-pptx writes only
# the movie's media node, which plays on click.
AUTOPLAY = """<p:seq {ns} concurrent="1" nextAc="seek">
  <p:cTn id="{seq}" dur="indefinite" nodeType="mainSeq"><p:childTnLst>
    <p:par><p:cTn id="{a}" fill="hold"><p:stCondLst>
        <p:cond delay="indefinite"/><p:cond evt="onBegin" delay="0"><p:tn val="{seq}"/></p:cond>
      </p:stCondLst><p:childTnLst>
      <p:par><p:cTn id="{b}" fill="hold"><p:stCondLst><p:cond delay="0"/></p:stCondLst>
        <p:childTnLst>
        <p:par><p:cTn id="{c}" presetID="1" presetClass="mediacall" presetSubtype="0"
            fill="hold" nodeType="afterEffect"><p:stCondLst><p:cond delay="0"/></p:stCondLst>
          <p:childTnLst><p:cmd type="call" cmd="playFrom(0.0)"><p:cBhvr>
            <p:cTn id="{d}" dur="{ms}" fill="hold"/>
            <p:tgtEl><p:spTgt spid="{spid}"/></p:tgtEl>
          </p:cBhvr></p:cmd></p:childTnLst>
        </p:cTn></p:par>
      </p:childTnLst></p:cTn></p:par>
    </p:childTnLst></p:cTn></p:par>
  </p:childTnLst></p:cTn>
  <p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
  </p:prevCondLst>
  <p:nextCondLst><p:cond evt="onNext" delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond>
  </p:nextCondLst>
</p:seq>"""


def _play_on_entry(slide, spid: int, seconds: float) -> None:
    """Make the slide's movie ``spid`` start when the slide opens."""
    root = slide._element
    (child_list,) = root.xpath("./p:timing/p:tnLst/p:par/p:cTn/p:childTnLst")
    n = max(int(i) for i in root.xpath("./p:timing//p:cTn/@id"))
    ids = dict(seq=n + 1, a=n + 2, b=n + 3, c=n + 4, d=n + 5)
    xml = AUTOPLAY.format(ns=nsdecls("p"), ms=round(seconds * 1000), spid=spid, **ids)
    child_list.insert(0, parse_xml(xml))
