"""Slides: the reveal.js deck played from disk in real headless chromium, and the PowerPoint file.

A narrated three-beat fixture scene (``tests/fixtures/slides_scenes.py``) is rendered once,
small, with the espeak voice; the deck is opened from ``file://`` in Debian's chromium, driven
over the DevTools protocol (a WebSocket, through the ``websockets`` package).
"""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import av
import numpy as np
import pytest
from manim import tempconfig
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from websockets.sync.client import ClientConnection, connect

from nncore.errors import InputError
from nnexplain import slides
from nnexplain.slides import DeckScene, build_deck, build_pptx
from nnexplain.words import load as load_words
from scenes.contract import SceneInputs

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = shutil.which("chromium")
# As root, in a container, with no network: no sandbox, no GPU, nothing fetched in the background.
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--mute-audio",  # decoded and played all the same (the test counts the bytes), but unheard
]  # fmt: skip
AUTOPLAY = "--autoplay-policy=no-user-gesture-required"
NARRATION = ["A circle of radius 1.50.", "It becomes a square.", "Now it is yellow."]
FPS = 15
WORDS = load_words(SceneInputs())  # the shipped English words

STATE = """(() => {
  const v = document.getElementById('beat-video');
  return {slide: Reveal.getIndices().h, t: v.currentTime, paused: v.paused, error: v.error,
          visible: v.style.visibility, audioBytes: v.webkitAudioDecodedByteCount,
          overlay: !document.getElementById('start').hidden, notes: Reveal.getSlideNotes()};
})()"""


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> DeckScene:
    """The fixture scene rendered at 320x180, 15 fps, narrated by espeak: one chapter."""
    spec = importlib.util.spec_from_file_location("slides_scenes", FIXTURES / "slides_scenes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    media = tmp_path_factory.mktemp("slides-media")
    settings = {"format": "mp4", "write_to_movie": True, "frame_rate": FPS,
                "media_dir": str(media), "progress_bar": "none"}  # fmt: skip
    with pytest.MonkeyPatch.context() as env, tempconfig(settings):
        env.setenv("NNEXPLAIN_VOICE", "espeak")
        env.setenv("NNEXPLAIN_VOICE_CACHE", str(media / "voice"))
        module.SlidesFixture().render()
    (video,) = media.rglob("SlidesFixture.mp4")
    return DeckScene(
        "Shapes",
        video,
        video.with_name("SlidesFixture.numbers.json"),
        video.with_name("SlidesFixture.stills"),
        "a circle becomes a square",
    )


@pytest.fixture(scope="module")
def beats(scene: DeckScene) -> list[dict]:
    return json.loads(scene.sidecar.read_text())["beats"]


@pytest.fixture(scope="module")
def deck(scene: DeckScene, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_deck([scene], tmp_path_factory.mktemp("deck") / "slides", WORDS)


# ---------------------------------------------------------------------------- chromium


class Page:
    """The one page of a chromium, over the DevTools protocol: commands, key presses, events."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.events: list[dict] = []
        self.calls = 0

    def call(self, method: str, **params: object) -> dict:
        """Send one command and wait for its answer, keeping the events that come first."""
        self.calls += 1
        self.socket.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == self.calls:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def js(self, expression: str) -> object:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str, code: int) -> None:
        """A real key press: to the page it is the user's, unlike a script's ``Reveal.next()``."""
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=key,
                      windowsVirtualKeyCode=code, nativeVirtualKeyCode=code)  # fmt: skip

    def open(self, url: str) -> None:
        self.call("Network.enable")
        self.call("Page.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=640, height=360,
                  deviceScaleFactor=1, mobile=False)  # fmt: skip
        self.call("Page.navigate", url=url)
        self.until(lambda: self.js("typeof Reveal !== 'undefined' && Reveal.isReady()"), 20)

    def until(self, done: Callable[[], object], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not done():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.05)

    def screenshot(self) -> Image.Image:
        png = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        return Image.open(io.BytesIO(png)).convert("RGB")

    def requested(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]  # fmt: skip


@contextmanager
def chromium(profile: Path, *flags: str) -> Iterator[Page]:
    """A headless chromium with a fresh profile; closing it ends every process it started."""
    process = subprocess.Popen(
        [CHROMIUM, *FLAGS, *flags, f"--user-data-dir={profile}",
         "--remote-debugging-port=0", "--window-size=640,360", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=open(profile.with_suffix(".log"), "w"),
        start_new_session=True,  # its own process group: one signal reaches all its processes
    )  # fmt: skip
    try:
        with connect(_page_socket(process, profile), max_size=None) as socket:
            yield Page(socket)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _page_socket(process: subprocess.Popen, profile: Path) -> str:
    # Port 0: chromium picks a free port and writes it into the profile.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            port = (profile / "DevToolsActivePort").read_text().split()[0]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as r:
                pages = [t for t in json.load(r) if t["type"] == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except (OSError, IndexError):  # not written yet, or not listening yet
            pass
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode}")
        time.sleep(0.05)
    raise TimeoutError("chromium did not open its DevTools port")


def _processes_using(profile: Path) -> list[str]:
    """Every process whose command line names ``profile``: none once chromium is closed."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(profile).encode() in cmdline.read_bytes():
                found.append(cmdline.parent.name)
        except OSError:  # it ended while we looked
            pass
    return found


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Callable[..., Page]]:
    """Start chromium with given flags; each is closed at the end, and none outlives the test."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (scripts/system_deps.sh installs it)")
    profiles: list[Path] = []
    with ExitStack() as stack:

        def start(*flags: str) -> Page:
            profiles.append(tmp_path / f"profile-{len(profiles)}")
            return stack.enter_context(chromium(profiles[-1], *flags))

        yield start
    for profile in profiles:
        deadline = time.monotonic() + 5
        while _processes_using(profile) and time.monotonic() < deadline:
            time.sleep(0.1)  # a child may take a moment to see its parent go
        assert not _processes_using(profile), "chromium left a process running"


def play_until_held(page: Page, seconds: float) -> list[dict]:
    """Watch the video every 50 ms until it has played and paused again."""
    samples: list[dict] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        samples.append(page.js(STATE))
        if any(not s["paused"] for s in samples) and samples[-1]["paused"]:
            time.sleep(0.3)  # held: it stays put
            samples.append(page.js(STATE))
            break
        time.sleep(0.05)
    return samples


def _ink(image: Image.Image) -> np.ndarray:
    """Where a frame is drawn (not background), at the size chromium showed it."""
    return np.asarray(image.convert("L").resize((640, 360))) > 40


def test_deck_plays_each_beat_from_disk_in_chromium(browser, deck, scene, beats, tmp_path):
    page = browser(AUTOPLAY)
    page.open(deck.as_uri() + "#/0")
    title = page.js(STATE)
    assert title["slide"] == 0 and title["visible"] == "hidden" and "Shapes" in title["notes"]
    stills = sorted(scene.stills.iterdir())
    start = 0.0
    for slide, beat in enumerate(beats[:2], start=1):
        page.press("ArrowRight", 39)
        samples = play_until_held(page, beat["end"] - start + 5)
        held = samples[-1]
        assert held["slide"] == slide and held["error"] is None and held["visible"] == "visible"
        # It played: not paused, its time moving on inside this beat's stretch of the video...
        playing = [s["t"] for s in samples if not s["paused"]]
        assert len(playing) >= 3 and playing == sorted(playing) and playing[-1] > playing[0]
        assert all(start - 0.05 <= t <= beat["end"] + 0.05 for t in playing)
        # ...with its sound decoded, then held on the beat's last frame.
        assert held["audioBytes"] > 0
        assert held["paused"] and samples[-2]["t"] == held["t"]
        assert abs(held["t"] - (beat["end"] - 0.5 / FPS)) < 1 / FPS
        shot = page.screenshot()
        shot.save(tmp_path / f"slide-{slide}.png")
        on_screen = _ink(shot)[:300, :500]  # the controls are bottom right
        assert (on_screen != _ink(Image.open(stills[slide - 1]))[:300, :500]).mean() < 0.01
        other = stills[1 if slide == 1 else 0]  # a circle for the square, and vice versa
        assert (on_screen != _ink(Image.open(other))[:300, :500]).mean() > 0.01
        assert NARRATION[slide - 1] in held["notes"]
        start = beat["end"]
    assert all(url.startswith(("file://", "data:")) for url in page.requested())


def test_deck_leaves_the_bottom_of_the_picture_to_the_captions(browser, deck):
    """Captions sit on the video's bottom edge; reveal.js's progress bar goes along the top."""
    page = browser(AUTOPLAY)
    page.open(deck.as_uri() + "#/1")
    bar, height = page.js(
        "[document.querySelector('.reveal .progress').getBoundingClientRect().bottom, innerHeight]"
    )
    assert 0 < bar <= 0.05 * height


def test_deck_asks_for_a_key_when_autoplay_is_refused(browser, deck):
    page = browser()  # chromium's own policy: no sound before the user acts
    page.open(deck.as_uri() + "#/1")
    page.until(lambda: page.js(STATE)["overlay"], 10)
    assert page.js(STATE)["paused"]
    page.press("Enter", 13)  # any key: it plays this beat rather than moving on
    page.until(lambda: not page.js(STATE)["overlay"], 10)  # gone once playing has begun
    state = page.js(STATE)
    assert state["slide"] == 1 and not state["paused"]


def test_speaker_view_shows_the_held_frame_silently(browser, deck, beats):
    page = browser(AUTOPLAY)
    # The notes window previews the deck in frames whose address says ``receiver``.
    page.open(deck.as_uri() + "?receiver#/2")
    page.until(lambda: page.js("document.getElementById('beat-video').readyState") >= 1, 10)
    time.sleep(0.3)
    state = page.js(STATE)
    assert state["slide"] == 2 and state["paused"]
    assert state["t"] == pytest.approx(beats[1]["end"] - 0.5 / FPS, abs=1e-3)
    assert page.js("document.getElementById('beat-video').muted")


# ---------------------------------------------------------------------------- the page


class _Sections(HTMLParser):
    """Each <section>'s attributes and the text of its notes."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict] = []
        self.in_notes = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "section":
            self.sections.append(dict(attrs) | {"notes": ""})
        self.in_notes = self.in_notes or (tag == "aside" and ("class", "notes") in attrs)

    def handle_endtag(self, tag: str) -> None:
        self.in_notes = self.in_notes and tag != "aside"

    def handle_data(self, data: str) -> None:
        if self.in_notes:
            self.sections[-1]["notes"] += data


def test_deck_is_one_folder_with_a_slide_per_beat_and_notes(deck, scene, beats):
    folder = deck.parent
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) == [
        "index.html", "media/01-SlidesFixture.mp4", "reveal/LICENSE", "reveal/plugin/notes.js",
        "reveal/reveal.css", "reveal/reveal.js", "reveal/theme/black.css",
    ]  # fmt: skip
    assert (folder / "media/01-SlidesFixture.mp4").read_bytes() == scene.video.read_bytes()
    page = deck.read_text()
    assert "http://" not in page and "https://" not in page
    parser = _Sections()
    parser.feed(page)
    title, *slides_ = parser.sections
    assert title["class"] == "chapter" and "Shapes" in title["notes"]
    assert [s["data-beat"] for s in slides_] == [b["name"] for b in beats]
    # Each slide runs from the previous beat's end: the animation between beats is not skipped.
    starts = [float(s["data-start"]) for s in slides_]
    ends = [float(s["data-end"]) for s in slides_]
    assert starts == pytest.approx([0.0] + [b["end"] for b in beats[:-1]])
    assert ends == pytest.approx([b["end"] for b in beats])
    assert beats[1]["start"] > beats[0]["end"]  # the fixture has such an animation
    for section, text in zip(slides_, NARRATION):
        assert section["notes"].startswith(text)
    # The number the first beat says, with what it is and where it comes from.
    assert "1.50 radius (tests/fixtures/slides_scenes.py)" in slides_[0]["notes"]


def test_deck_without_reveal_is_one_line_asking_for_setup(scene, tmp_path):
    with pytest.raises(InputError, match="run `make setup`") as error:
        build_deck([scene], tmp_path / "slides", WORDS, reveal=tmp_path / "no-reveal")
    assert "\n" not in str(error.value)
    assert not any(tmp_path.iterdir())


def test_default_reveal_is_the_one_setup_installs(monkeypatch, tmp_path):
    monkeypatch.setattr(slides.sys, "prefix", str(tmp_path))
    assert slides.reveal_package() == tmp_path / "share/nnexplain/node_modules/reveal.js"


def test_deck_takes_the_old_ones_place_whole(scene, tmp_path):
    folder = tmp_path / "slides"
    build_deck([scene], folder, WORDS)
    (folder / "stale.txt").write_text("from an older deck")
    build_deck([scene], folder, WORDS)
    assert not (folder / "stale.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides"]  # no staging left behind
    # A failed build leaves the deck there untouched.
    broken = DeckScene("Broken", scene.video, tmp_path / "missing.json", scene.stills)
    before = (folder / "index.html").read_text()
    with pytest.raises(InputError, match="missing.json"):
        build_deck([scene, broken], folder, WORDS)
    assert (folder / "index.html").read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides"]


def test_deck_never_replaces_a_folder_that_is_not_a_deck(scene, tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "lecture.mp4").write_bytes(b"precious")
    with pytest.raises(InputError, match="not a slide deck"):
        build_deck([scene], tmp_path / "media", WORDS)
    assert (tmp_path / "media" / "lecture.mp4").read_bytes() == b"precious"


# ---------------------------------------------------------------------------- PowerPoint


def test_pptx_carries_no_date_of_its_making(scene, tmp_path):
    """So that the same scenes make the same bytes (nnexplain batch compares two runs)."""
    path = build_pptx([scene], tmp_path / "slides.pptx", WORDS)
    with zipfile.ZipFile(path) as pptx:
        assert {entry.date_time for entry in pptx.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = pptx.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core and "Steve Canny" not in core
    assert str(date.today().year) not in core
    assert not list(tmp_path.glob(".*"))  # nothing left beside it


def test_pptx_clips_made_side_by_side_make_the_same_bytes(scene, tmp_path):
    """Clips are made ``jobs`` at a time, yet the file is the one a single thread makes."""
    one = build_pptx([scene, scene], tmp_path / "one.pptx", WORDS).read_bytes()
    two = build_pptx([scene, scene], tmp_path / "two.pptx", WORDS, jobs=3).read_bytes()
    assert one == two


def test_pptx_has_a_movie_with_sound_and_the_narration_per_beat(scene, beats, tmp_path):
    path = build_pptx([scene], tmp_path / "slides.pptx", WORDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slides.pptx"]
    prs = Presentation(str(path))
    title, *slides_ = prs.slides
    assert "Shapes" in " ".join(s.text_frame.text for s in title.shapes if s.has_text_frame)
    assert len(slides_) == len(beats)
    starts = [0.0] + [b["end"] for b in beats[:-1]]
    for slide, beat, start, text in zip(slides_, beats, starts, NARRATION):
        # The notes: the narration first, then the numbers it says and their sources.
        assert slide.notes_slide.notes_text_frame.text.split("\n")[0] == beat["say"] == text
        (movie,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.MEDIA]
        (clip,) = [r.target_part.blob for r in slide.part.rels.values() if r.reltype == RT.MEDIA]
        with av.open(io.BytesIO(clip)) as container:
            assert container.streams.audio and container.streams.video
            frames = sum(1 for _ in container.decode(video=0))
        with av.open(io.BytesIO(clip)) as container:
            sound = sum(f.samples / f.sample_rate for f in container.decode(audio=0))
        # Its clip is this slide's stretch of the scene, sound and picture alike.
        assert frames / FPS == pytest.approx(beat["end"] - start, abs=0.5 / FPS)
        assert sound == pytest.approx(beat["end"] - start, abs=0.05)
        # It starts when the slide opens, not on a click.
        assert slide._element.xpath(".//p:cond[@evt='onBegin']")
        poster = slide.part.related_part(movie._element.xpath(".//a:blip/@r:embed")[0])
        assert poster.content_type == "image/jpeg"


def test_a_scene_not_told_in_beats_is_one_slide(scene, tmp_path):
    sidecar = tmp_path / "Untold.numbers.json"
    sidecar.write_text(json.dumps({"numbers": [], "beats": []}))
    untold = DeckScene("Untold", scene.video, sidecar, tmp_path / "no-stills")
    (slide,) = slides.beat_slides(untold)
    assert slide.start == 0.0 and slide.end == pytest.approx(
        slides.video_info(scene.video).duration
    )
    assert slide.say == "" and slide.still is None
