"""Subtitles, chapters and the spoken lecture, from the beats of real renders.

The tiny scenes of tests/fixtures are rendered with the espeak voice (fast, and
real audio), then the subtitles are read back with real parsers (``srt``,
``webvtt-py``) and the audio is measured against the picture.
"""

from __future__ import annotations

import json
from pathlib import Path

import av
import numpy as np
import pytest
import srt
import webvtt

from nnexplain import chapters, cli, preflight, subtitles
from nnexplain.chapters import Chapter
from scenes.contract import Beat, Sentence, Sidecar

TINY = (
    Chapter("tiny-circle", "tiny_scenes", "TinyCircle"),
    Chapter("tiny-square", "tiny_scenes", "TinySquare"),
)
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    """The tiny lecture, rendered once with the espeak voice."""
    out = tmp_path_factory.mktemp("spoken") / "out"
    mp = pytest.MonkeyPatch()
    mp.setattr(cli, "LECTURE", TINY)
    mp.setattr(chapters, "SCENES_DIR", FIXTURES)
    mp.setattr(preflight, "check_inputs", lambda chapters, env: None)
    try:
        assert cli.main(["render", "--out", str(out), "--voice", "espeak", "--jobs", "2"]) == 0
    finally:
        mp.undo()
    return out


def durations(video) -> tuple[float, float, float]:
    """(video seconds, audio seconds, one frame) of ``video``."""
    with av.open(str(video)) as c:
        v = c.streams.video[0]
        frames = sum(1 for _ in c.decode(v))
        fps = float(v.average_rate)
    with av.open(str(video)) as c:
        samples = sum(f.samples for f in c.decode(audio=0))
        rate = c.streams.audio[0].rate
    return frames / fps, samples / rate, 1 / fps


def test_every_video_speaks_as_long_as_it_shows(spoken):
    for video in (spoken / "01-tiny-circle" / "TinyCircle.mp4", spoken / "lecture.mp4"):
        picture, sound, frame = durations(video)
        assert abs(picture - sound) <= frame, video.name


def test_subtitles_parse_are_in_order_and_cover_the_speech(spoken):
    sidecar = json.loads((spoken / "01-tiny-circle" / "TinyCircle.numbers.json").read_text())
    sentences = [s for b in sidecar["beats"] for s in b["sentences"]]
    for path in (spoken / "01-tiny-circle" / "TinyCircle.srt", spoken / "lecture.srt"):
        cues = list(srt.parse(path.read_text()))
        assert cues
        for before, after in zip(cues, cues[1:]):
            assert before.end <= after.start, path.name
        for cue in cues:
            lines = cue.content.splitlines()
            assert 1 <= len(lines) <= 2 and all(len(line) <= 42 for line in lines)
    scene = list(srt.parse((spoken / "01-tiny-circle" / "TinyCircle.srt").read_text()))
    assert scene[0].start.total_seconds() == pytest.approx(sentences[0]["start"], abs=1e-3)
    assert scene[-1].end.total_seconds() == pytest.approx(sentences[-1]["end"], abs=1e-3)
    assert " ".join(c.content.replace("\n", " ") for c in scene) == " ".join(
        s["text"] for s in sentences
    )
    vtt = webvtt.read(str(spoken / "01-tiny-circle" / "TinyCircle.vtt"))
    assert [c.text for c in vtt] == [c.content for c in scene]


def test_the_lecture_has_one_chapter_per_scene(spoken):
    with av.open(str(spoken / "lecture.mp4")) as c:
        marks = c.chapters()
    titles = ["A circle", "A square"]  # tests/fixtures/script/en/chapters.ftl
    assert [m["metadata"]["title"] for m in marks] == titles
    vtt = webvtt.read(str(spoken / "chapters.vtt"))
    assert [c.text for c in vtt] == titles
    listing = (spoken / "chapters.txt").read_text().splitlines()
    assert listing[0] == "0:00 A circle" and listing[1].endswith(" A square")
    page = (spoken / "index.html").read_text()
    assert 'kind="subtitles"' in page and 'href="lecture.vtt"' in page
    assert 'href="01-tiny-circle/TinyCircle.vtt"' in page


def beat(*sentences: tuple[str, float, float]) -> Beat:
    """A beat of these ``(text, start, end)`` sentences, as a sidecar holds one."""
    start, end = sentences[0][1], sentences[-1][2]
    return Beat("beat", start, end, "", "", "none", tuple(Sentence(*s) for s in sentences))


def test_a_long_sentence_becomes_several_cues_of_two_short_lines():
    words = "the quick brown fox jumps over the lazy dog " * 6
    beats = [beat((words.strip(), 1.0, 11.0))]
    cues = subtitles.cues(beats, offset=2.0)
    assert len(cues) > 1
    assert cues[0].start == pytest.approx(3.0) and cues[-1].end == pytest.approx(13.0)
    assert all(len(line) <= 42 for c in cues for line in c.text.splitlines())
    assert all(len(c.text.splitlines()) <= 2 for c in cues)
    # Cut after a clause, and no lone word flashing by at the end of a sentence.
    spoken = "Each pixel holds one number, its brightness, from zero for black to one for white."
    pieces = [c.text for c in subtitles.cues([beat((spoken, 0.0, 5.0))])]
    assert len(pieces) == 2 and pieces[0].endswith(",")
    assert min(map(len, pieces)) >= 0.5 * max(map(len, pieces))


def test_two_line_cues_are_bottom_heavy_broken_after_a_clause_and_never_orphan_a_word():
    sentences = [
        "Here is a handwritten 9, one of the real MNIST digits.",
        "So the first layer of the network has 784 neurons, one for each pixel.",
        "Every weight of the sixteen thousand is drawn here as a line, blue or red by its sign.",
        "The cost is the sum of the squares of the differences between what it said and a 3.",
    ]
    beats = [beat((s, 4.0 * k, 4.0 * k + 3.9)) for k, s in enumerate(sentences)]
    for cue in subtitles.cues(beats):
        lines = cue.text.splitlines()
        if len(lines) == 2:
            top, bottom = lines
            assert len(top) <= len(bottom) or top.endswith((",", ":", ";")), cue.text
            assert " " in top and " " in bottom, f"an orphaned word: {cue.text!r}"
    first = subtitles.cues(beats[:1])[0].text
    assert first == "Here is a handwritten 9,\none of the real MNIST digits."


def test_cues_are_two_frames_apart_and_shown_long_enough_to_read():
    # Sentences that follow each other without a pause, one of them very short.
    beats = [
        beat(
            ("Now cut the grid apart.", 0.0, 1.2),
            ("Yes.", 1.2, 1.5),
            ("Every pixel becomes one neuron.", 3.0, 5.0),
        )
    ]
    cues = subtitles.cues(beats)
    for before, after in zip(cues, cues[1:]):
        assert after.start - before.end >= subtitles.GAP - 1e-9
    assert cues[1].end - cues[1].start >= subtitles.MIN_SECONDS - 1e-9  # held into the pause


def hard_beats(rng) -> list[Beat]:
    """Beats of random sentences spoken fast or slow, one-word ones, clause after clause."""
    vocabulary = (
        "a the of weight neuron gradient backpropagation is, network: cost 0.0000096 "
        "13,002 digit we you see, it layer; and output trained untrained yes."
    ).split()
    beats, t = [], float(rng.uniform(0, 1))
    for _ in range(int(rng.integers(2, 6))):
        start, sentences = t, []
        for _ in range(int(rng.integers(1, 4))):
            n = int(rng.choice([1, 2, 3, 8, 15, 25, 40]))
            text = " ".join(rng.choice(vocabulary, n)).capitalize().rstrip(",.:;") + "."
            seconds = len(text) / rng.uniform(10, 21)  # characters a second as spoken
            sentences.append(Sentence(text, t, t + seconds))
            t += seconds
        end = t + float(rng.uniform(0, 0.3))
        beats.append(Beat("b", start, end, "", "", "none", tuple(sentences)))
        t = end + float(rng.choice([0.0, 0.3, 1.0]))
    return beats


@pytest.mark.parametrize("seed", range(40))
def test_every_cue_is_readable_whatever_the_narration(seed, tmp_path):
    from nnexplain.check import subtitles as check

    beats = hard_beats(np.random.default_rng(seed))
    path = tmp_path / "s.srt"
    path.write_text(subtitles.srt(subtitles.cues(beats, offset=3.0)))
    cues = check.read_srt(path)  # as the check reads them, on the file's millisecond clock
    lo, hi = 3.0 + beats[0].start, 3.0 + beats[-1].end
    assert " ".join(" ".join(c.lines) for c in cues) == " ".join(
        s.text for b in beats for s in b.sentences
    )
    for k, cue in enumerate(cues):
        seconds = cue.end - cue.start
        assert cue.characters / seconds <= check.MAX_RATE + check.SLACK, cue
        assert check.MIN_SECONDS - check.SLACK <= seconds <= check.MAX_SECONDS + check.SLACK, cue
        assert lo - 1e-3 <= cue.start and cue.end <= hi + 1e-3, cue
        assert k == 0 or cue.start - cues[k - 1].end >= 2 / 15 - check.SLACK, cue
        assert len(cue.lines) <= check.MAX_LINES, cue
        assert all(len(line) <= check.MAX_LINE for line in cue.lines), cue
        if len(cue.lines) == 2:  # balanced: top-heavy only after a clause or a full bottom line
            top, bottom = cue.lines
            full = len(bottom) + 1 + len(top.split()[-1]) > check.MAX_LINE
            assert len(top) <= len(bottom) + 3 or top.endswith((",", ":", ";")) or full, cue


def test_a_cue_borrows_its_reading_time_from_the_pause_around_it_not_more():
    # 91 characters spoken in 4.3 s (21 a second), after a pause of half a second.
    said = ("For each output, take the difference between what it gave and what we wanted, "
            "and square it.")  # fmt: skip
    beats = [beat(("What we wanted is y.", 0.0, 1.5)), beat((said, 2.0, 6.3))]
    cues = subtitles.cues(beats)
    assert all(len(c.text) / (c.end - c.start) <= subtitles.MAX_RATE for c in cues)
    assert cues[1].start < 2.0 and cues[1].start - cues[0].end >= subtitles.GAP - 1e-9
    # A slow narration is timed by its words alone.
    slow = [beat(("Here is a digit.", 0.0, 2.0), ("It is a nine.", 2.0, 4.0))]
    timed = [(c.start, c.end) for c in subtitles.cues(slow)]
    assert timed == [(0.0, 2.0 - subtitles.GAP), (2.0, 4.0)]


def test_burned_subtitles_are_drawn_in_and_the_sound_is_kept(spoken, tmp_path):
    from nnexplain.burn import burn_subtitles

    video = spoken / "01-tiny-circle" / "TinyCircle.mp4"
    sidecar = video.with_name("TinyCircle.numbers.json")
    cues = subtitles.cues(Sidecar.read(sidecar).beats)
    burned = burn_subtitles(video, cues, tmp_path / "burned.mp4")

    def bottom(path, k=10):  # the band where captions go, in frame k (inside the first cue)
        with av.open(str(path)) as c:
            frame = next(f for i, f in enumerate(c.decode(video=0)) if i == k)
        pixels = frame.to_ndarray(format="gray")
        return pixels[int(0.8 * len(pixels)) :]

    assert bottom(video).max() < 50 and bottom(burned).max() > 200  # white text appeared
    picture, sound, frame = durations(burned)
    assert abs(picture - sound) <= frame
    assert picture == pytest.approx(durations(video)[0])


@pytest.mark.parametrize("size", [(854, 480), (1280, 720), (1920, 1080), (3840, 2160)])
def test_a_burned_caption_stays_in_the_band_the_scenes_leave_free(size):
    """Scene text stays above the subtitle band (`nnexplain check` holds it there), so a
    drawn-in caption of one, two or three lines covers no text of the scene."""
    from nnexplain.burn import caption
    from scenes.style import SUBTITLE_BAND

    for text in ("One line.", "Two lines, as the subtitles\nwrap a long sentence.", "a\nb\nc"):
        left, top, right, bottom = caption(size, text).getbbox()
        assert top >= (1 - SUBTITLE_BAND) * size[1], text
        assert bottom < size[1] and 0 < left < right < size[0], text


def test_a_caption_blended_in_yuv_is_the_rgb_composite():
    """The burn draws in the frame's own planes; the picture is what drawing the caption on
    its RGB and converting that back would give, within the conversions' rounding."""
    from nnexplain.burn import Overlay, caption

    size = (320, 180)
    x, y = np.meshgrid(np.linspace(0, 255, size[0]), np.linspace(0, 255, size[1]))
    rgb = np.stack([x, y, 255 - x], axis=-1).astype(np.uint8)  # every hue under the band
    frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")
    layer = caption(size, "Two lines, so the band\nis tall: 0.86")
    blended = Overlay.of(layer).onto(frame)

    picture = frame.to_image().convert("RGBA")
    picture.alpha_composite(layer)
    composite = av.VideoFrame.from_image(picture.convert("RGB")).reformat(format="yuv420p")
    # Brightness, which draws the letters, to 2 levels. The colour differs by a few levels
    # more at the band's edge: the RGB route interpolates the half-size colour planes there.
    rows = size[1]  # the Y plane: the array's first rows, U and V below it
    brightness = blended.to_ndarray()[:rows].astype(int) - composite.to_ndarray()[:rows]
    assert np.abs(brightness).max() <= 2
    seen = blended.to_ndarray(format="rgb24").astype(int)
    assert np.abs(seen - composite.to_ndarray(format="rgb24")).mean() < 2
    # The caption is there: the band darkened the picture, the letters are white.
    band = np.asarray(layer.getchannel("A")) > 0
    assert seen[band].mean() < rgb[band].mean() - 40
    assert (seen[np.asarray(layer.convert("L")) > 250] > 230).all()


def test_a_webm_lecture_speaks_opus(tmp_path):
    out = tmp_path / "out"
    mp = pytest.MonkeyPatch()
    mp.setattr(cli, "LECTURE", TINY)
    mp.setattr(chapters, "SCENES_DIR", FIXTURES)
    mp.setattr(preflight, "check_inputs", lambda chapters, env: None)
    try:
        args = ["render", "--out", str(out), "--voice", "espeak", "--format", "webm"]
        assert cli.main(args) == 0
    finally:
        mp.undo()
    for video in (out / "01-tiny-circle" / "TinyCircle.webm", out / "lecture.webm"):
        with av.open(str(video)) as c:
            assert [s.codec_context.name for s in c.streams.audio] == ["opus"], video.name
        picture, sound, frame = durations(video)
        assert abs(picture - sound) <= frame, video.name


def test_title_cards_are_encoded_as_the_scenes_so_the_lecture_is_a_remux(spoken, tmp_path):
    from nnexplain import lecture_video as lv

    scene = spoken / "01-tiny-circle" / "TinyCircle.mp4"
    chapter = lv.LectureChapter("A circle", "a circle", scene, "Chapter 1")
    card = lv._card(tmp_path / "card.mp4", lv._format(scene), chapter, speaks=True)
    assert lv._format(card) == lv._format(scene)  # no chapter needs encoding again


def test_a_title_card_holds_its_picture_one_key_frame_then_unchanged_ones(spoken, tmp_path):
    """Encoded as a still (STILL_OPTIONS): what it shows is the card, for all its frames."""
    from nnexplain import lecture_video as lv

    scene = spoken / "01-tiny-circle" / "TinyCircle.mp4"
    fmt = lv._format(scene)
    chapter = lv.LectureChapter("A circle", "what a circle is", scene, "Chapter 3")
    card = lv._card(tmp_path / "card.mp4", fmt, chapter, speaks=False)
    drawn = lv.title_card(fmt.size, chapter.heading, chapter.title, chapter.concept).astype(float)
    with av.open(str(card)) as c:
        frames = list(c.decode(video=0))
    assert len(frames) == round(lv.TITLE_SECONDS * fmt.rate)
    assert [f.key_frame for f in frames] == [True] + [False] * (len(frames) - 1)
    for f in (frames[0], frames[len(frames) // 2], frames[-1]):
        assert abs(f.to_ndarray(format="rgb24") - drawn).mean() < 2.0  # of 255: the text reads


def test_a_still_option_that_would_change_the_headers_is_dropped(spoken, tmp_path):
    """An x264 that wrote a card's options into its headers: the card is encoded as the
    scenes are instead, so the lecture still joins by copying packets."""
    from nnexplain import lecture_video as lv

    scene = spoken / "01-tiny-circle" / "TinyCircle.mp4"
    fmt = lv._format(scene)
    chapter = lv.LectureChapter("A circle", "a circle", scene, "Chapter 1")
    mp = pytest.MonkeyPatch()
    mp.setattr(lv, "STILL_OPTIONS", {"libx264": {"x264-params": "weightb=0"}})  # in the PPS
    try:
        picture = av.VideoFrame.from_ndarray(
            lv.title_card(fmt.size, "Chapter 1", "A", ""), format="rgb24"
        )
        pictures = (picture.reformat(format=fmt.pix_fmt) for _ in range(3))
        unchecked = lv._encode(tmp_path / "unchecked.mp4", fmt, pictures, None, None, still=True)
        assert lv._format(unchecked) != fmt  # so the option does reach the headers
        card = lv._card(tmp_path / "card.mp4", fmt, chapter, speaks=True)
    finally:
        mp.undo()
    assert lv._format(card) == fmt


def test_a_chapter_a_few_ticks_short_is_still_joined_by_copying_packets(spoken, tmp_path):
    """Its average frame rate is off (15.0016 fps was seen), its nominal rate is not."""
    from nnexplain import lecture_video as lv

    scene = spoken / "01-tiny-circle" / "TinyCircle.mp4"
    short = tmp_path / "short.mp4"
    with av.open(str(scene)) as source, av.open(str(short), "w") as out:
        video = out.add_stream_from_template(source.streams.video[0])
        packets = [p for p in source.demux(source.streams.video[0]) if p.dts is not None]
        packets[-1].duration -= 20  # ticks of 1/15360 s: the stream ends early
        for packet in packets:
            packet.stream = video
            out.mux(packet)
    with av.open(str(short)) as c:
        assert c.streams.video[0].average_rate != 15
    assert lv._format(short) == lv._format(scene)
    mp = pytest.MonkeyPatch()
    mp.setattr(lv, "_conform", lambda *a: pytest.fail("a chapter was encoded again"))
    try:
        parts = [
            lv.LectureChapter("A circle", "", scene, "1"),
            lv.LectureChapter("Short", "", short, "2"),
        ]
        lv.build_lecture(parts, tmp_path / "lecture.mp4")
    finally:
        mp.undo()


def test_a_chapter_encoded_otherwise_is_encoded_again_alone(spoken, tmp_path):
    from nnexplain import lecture_video as lv

    mp = pytest.MonkeyPatch()
    mp.setattr(cli, "LECTURE", TINY)
    mp.setattr(chapters, "SCENES_DIR", FIXTURES)
    mp.setattr(preflight, "check_inputs", lambda chapters, env: None)
    try:
        other = tmp_path / "medium"
        args = ["render", "tiny-square", "--out", str(other), "--voice", "none", "--quality",
                "medium", "--format", "mp4"]  # fmt: skip
        assert cli.main(args) == 0
    finally:
        mp.undo()
    parts = [
        lv.LectureChapter(
            "A circle", "480p15, spoken", spoken / "01-tiny-circle" / "TinyCircle.mp4", "1"
        ),
        lv.LectureChapter(
            "A square", "720p30, silent", other / "02-tiny-square" / "TinySquare.mp4", "2"
        ),
    ]
    marks = lv.build_lecture(parts, tmp_path / "lecture.mp4")
    picture, sound, frame = durations(tmp_path / "lecture.mp4")
    assert picture == pytest.approx(marks[-1].end, abs=frame)
    assert abs(picture - sound) <= frame
    assert lv._format(tmp_path / "lecture.mp4").size == (854, 480)  # the first chapter's
