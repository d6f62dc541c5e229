"""The lecture video: every chapter after its title card, joined by copying packets.

A scene's video is already encoded; decoding and encoding it again to join the
lecture cost minutes at 1080p60. So the title cards are encoded with the very
codec, size, frame rate and pixel format the scenes were (their H.264 or VP9
headers come out byte-identical), and the lecture is made by copying every
packet into one file with its timestamps shifted. A chapter encoded any other
way is first re-encoded to match: only what differs is encoded again.

When any chapter speaks, the lecture has one audio track: the scenes' own
packets, and encoded silence under the title cards and silent chapters.
"""

from __future__ import annotations

import itertools
import math
import os
import tempfile
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from av.video.frame import PictureType
from manim import config
from PIL import Image, ImageDraw, ImageFont

from nncore.files import TEMP_MARK
from nnexplain import stops
from scenes.audio import soundtrack
from scenes.style import BACKGROUND, FONT

TITLE_SECONDS = 2.5
VIDEO_CODECS = {".mp4": "libx264", ".webm": "libvpx-vp9"}
# A title card is one picture held for all its frames, and x264 spends ~10 ms on each
# 1080p frame to find that nothing moved. On top of manim.cfg's options, these spare it
# the searching: no sub-pixel, chroma or partition search, a tiny motion range, no
# adaptive quantisation, no scene-cut or B-frame decisions (a card's frames after its
# first are all P). None of them is written into the stream's headers, so the card's
# packets still join the scenes'; _card checks that, card by card.
STILL_OPTIONS = {
    "libx264": {
        "b-adapt": "0",
        "x264-params": "subme=0:scenecut=0:aq-mode=0:partitions=none:no-chroma-me=1:merange=4",
    },
}


@dataclass(frozen=True)
class LectureChapter:
    """One chapter of the lecture video: its human title, what it explains, its video, and
    the line above its title on its card ("Chapter 3", in the lecture's language)."""

    title: str
    concept: str
    video: Path
    heading: str


@dataclass(frozen=True)
class Mark:
    """Where a chapter starts and ends in the lecture, title card included (seconds)."""

    title: str
    start: float
    end: float


def title_card(size: tuple[int, int], heading: str, title: str, concept: str) -> np.ndarray:
    """A black card: its heading ("Chapter N"), the scene's name and the concept it explains."""
    width, height = size
    card = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(card)
    small = ImageFont.truetype(f"{FONT.replace(' ', '')}.ttf", max(12, height // 28))
    large = ImageFont.truetype(f"{FONT.replace(' ', '')}.ttf", max(16, height // 14))
    lines = [(heading, small, (150, 150, 150)), (title, large, (255, 255, 255))]
    lines += [(line, small, (200, 200, 200)) for line in textwrap.wrap(concept, 48)]
    heights = [draw.textbbox((0, 0), t, font=f)[3] * 1.5 for t, f, _ in lines]
    y = (height - sum(heights)) / 2
    for (t, f, color), h in zip(lines, heights):
        w = draw.textlength(t, font=f)
        draw.text(((width - w) / 2, y), t, font=f, fill=color)
        y += h
    return np.asarray(card)


def marks(chapters: Sequence[LectureChapter]) -> list[Mark]:
    """Where each chapter starts and ends in the lecture :func:`build_lecture` joins of them
    (the same marks it returned, read from the chapters' videos, not the lecture's)."""
    return _marks(chapters, [_clip(c.video) for c in chapters])


def _marks(chapters: Sequence[LectureChapter], clips: Sequence[_Clip]) -> list[Mark]:
    """Where each chapter, title card included, starts and ends in the lecture video."""
    marks, t = [], 0.0
    for chapter, clip in zip(chapters, clips):
        rate = clip.format.rate
        length = (round(TITLE_SECONDS * rate) + clip.frames) / rate
        marks.append(Mark(chapter.title, t, float(t + length)))
        t = float(t + length)
    return marks


@dataclass(frozen=True)
class _Format:
    """What must match for packets of two files to be joined into one stream."""

    codec: str
    size: tuple[int, int]
    pix_fmt: str
    rate: Fraction
    extradata: bytes | None


@dataclass(frozen=True)
class _Clip:
    """What the join needs to know of a video file, read in one opening of it."""

    format: _Format
    frames: int
    has_audio: bool


def _clip(path: Path) -> _Clip:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        cc = v.codec_context
        fmt = _Format(cc.name, (v.width, v.height), cc.pix_fmt, _rate(v), cc.extradata)
        return _Clip(fmt, v.frames or sum(1 for _ in c.decode(v)), bool(c.streams.audio))


def _format(path: Path) -> _Format:
    return _clip(path).format


def _rate(stream: av.video.stream.VideoStream) -> Fraction:
    """The stream's nominal frame rate.

    Not its average rate: that is frames over the stream's duration, which x264's
    B-frames can leave a few ticks short (15.0016 fps for a 15 fps chapter), and a
    chapter that seemed to differ from the others was encoded again.
    """
    return Fraction(stream.base_rate or stream.average_rate).limit_denominator(1001)


def _encode_audio(out: av.container.OutputContainer, sound: av.AudioStream,
                  frames: Iterable[av.AudioFrame]) -> None:  # fmt: skip
    """``frames`` (any rate or layout) resampled to ``sound``'s and encoded, then flushed."""
    wanted = sound.codec_context.codec.audio_formats[0].name
    resampler = av.AudioResampler(
        format=wanted, layout=soundtrack.LAYOUT, rate=soundtrack.SAMPLE_RATE
    )
    for frame in [*frames, None]:
        if frame is not None:
            frame.pts = None
        for f in resampler.resample(frame):
            for packet in sound.encode(f):
                out.mux(packet)
    for packet in sound.encode():
        out.mux(packet)


def _quiet(seconds: float) -> av.AudioFrame:
    frame = av.AudioFrame.from_ndarray(
        np.zeros((1, round(seconds * soundtrack.SAMPLE_RATE)), np.float32),
        format="flt", layout=soundtrack.LAYOUT,
    )  # fmt: skip
    frame.sample_rate = soundtrack.SAMPLE_RATE
    return frame


def _encode(path: Path, fmt: _Format, pictures: Iterator[av.VideoFrame], audio: Path | None,
            silent_seconds: float | None, threads: int = 0, still: bool = False
            ) -> Path:  # fmt: skip
    """A segment as the scenes are encoded: ``pictures``, and ``audio``'s sound or silence.

    ``threads`` is the encoder's (0: its own choice); it does not change the headers.
    ``still`` says every picture is the first one again: see STILL_OPTIONS.
    """
    suffix = path.suffix
    codec = VIDEO_CODECS[suffix]
    with av.open(str(path), "w") as out:
        # manim.cfg's encoder options, as manim itself gives them: the same headers come out.
        options = dict(config.video_encoder_options)
        if still:
            options |= STILL_OPTIONS.get(codec, {})
        video = out.add_stream(codec, rate=fmt.rate, options=options)
        video.codec_context.thread_count = threads
        video.width, video.height = fmt.size
        video.pix_fmt = fmt.pix_fmt
        sound = (
            soundtrack.add_stream(out, suffix)
            if audio is not None or silent_seconds is not None
            else None
        )
        for k, frame in enumerate(pictures):
            stops.check()  # made in a worker thread, beside the slides: see nnexplain.stops
            frame.pts, frame.time_base = k, 1 / fmt.rate
            # A decoded frame keeps its source's I/P/B type; left set, the encoder obeys it.
            frame.pict_type = PictureType.NONE
            if still:
                frame.pict_type = PictureType.I if k == 0 else PictureType.P
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if sound is not None and audio is not None:
            with av.open(str(audio)) as source:
                _encode_audio(out, sound, source.decode(audio=0))
        elif sound is not None:
            _encode_audio(out, sound, [_quiet(silent_seconds)])
    return path


def _card(path: Path, fmt: _Format, chapter: LectureChapter, speaks: bool) -> Path:
    """The chapter's title card, held for TITLE_SECONDS, encoded to join ``fmt``'s packets."""
    card = title_card(fmt.size, chapter.heading, chapter.title, chapter.concept)
    n = round(TITLE_SECONDS * fmt.rate)
    # Converted to the video's pixel format once: at 1080p the conversion costs as much
    # as encoding, and a card holds its picture for all of its frames.
    picture = av.VideoFrame.from_ndarray(card, format="rgb24").reformat(format=fmt.pix_fmt)
    silence = n / fmt.rate if speaks else None
    _encode(path, fmt, (picture for _ in range(n)), None, silence, threads=1, still=True)
    if _format(path) != fmt:  # an encoder that writes a still's options into its headers
        _encode(path, fmt, (picture for _ in range(n)), None, silence, threads=1)
    return path


def _conform(path: Path, fmt: _Format, chapter: LectureChapter, clip: _Clip, speaks: bool
             ) -> Path:  # fmt: skip
    """``chapter``'s video encoded again to ``fmt``, its sound (or silence) with it."""
    seconds = clip.frames / clip.format.rate
    audio = chapter.video if clip.has_audio and speaks else None
    silent = float(seconds) if speaks and audio is None else None
    with av.open(str(chapter.video)) as source:
        pictures = _retimed(source.decode(video=0), seconds, fmt)
        return _encode(path, fmt, pictures, audio, silent)


def _retimed(frames: Iterator[av.VideoFrame], seconds: Fraction, fmt: _Format
             ) -> Iterator[av.VideoFrame]:  # fmt: skip
    """``frames`` at ``fmt``'s size and frame rate: each output frame shows the source frame
    on screen at its time (frames dropped or repeated as the rates differ)."""
    n = round(seconds * fmt.rate)
    k = 0
    previous = None
    for frame in frames:
        t = frame.time
        while previous is not None and k < n and k / fmt.rate < t:
            yield previous.reformat(*fmt.size, format=fmt.pix_fmt)
            k += 1
        previous = frame
    while previous is not None and k < n:
        yield previous.reformat(*fmt.size, format=fmt.pix_fmt)
        k += 1


def _silence(path: Path, seconds: float) -> Path:
    """Audio only: ``seconds`` of encoded silence, for a chapter that says nothing."""
    with av.open(str(path), "w") as out:
        _encode_audio(out, soundtrack.add_stream(out, path.suffix), [_quiet(seconds)])
    return path


def build_lecture(chapters: Sequence[LectureChapter], target: Path) -> list[Mark]:
    """Join the chapters, each after its title card, by copying packets; return the marks.

    The chapters are written into the container as chapter marks too. The file appears
    only when complete.
    """
    clips = [_clip(c.video) for c in chapters]
    fmt = clips[0].format
    speaks = any(clip.has_audio for clip in clips)
    marks = _marks(chapters, clips)
    # Both named so that a later run removes what a killed one left (nncore.files).
    tmp = target.with_name(f"{TEMP_MARK}.{os.getpid()}.{target.name}")  # its suffix: the format
    with (
        tempfile.TemporaryDirectory(dir=target.parent, prefix=f"{TEMP_MARK}.lecture-") as work,
        # One card per core at a time, each on one encoder thread: a card is a still, for
        # which x264's own threads gain little. The copy starts as soon as the first card
        # is made, while the others are encoded (at 1080p60 the cards are most of the join).
        ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool,
    ):
        cards = [
            pool.submit(_card, Path(work, f"card{n}{target.suffix}"), fmt, chapter, speaks)
            for n, chapter in enumerate(chapters, start=1)
        ]
        try:
            segments = _segments(chapters, clips, cards, fmt, speaks, Path(work))
            _copy_packets(segments, tmp, marks)
            os.replace(tmp, target)
        finally:
            for card in cards:
                card.cancel()
            tmp.unlink(missing_ok=True)
    return marks


def _segments(chapters: Sequence[LectureChapter], clips: Sequence[_Clip],
              cards: Sequence[Future[Path]], fmt: _Format, speaks: bool, work: Path
              ) -> Iterator[tuple[Path, Path | None, float]]:  # fmt: skip
    """``(video file, audio file or None, seconds)`` of each card and chapter, in order,
    each as soon as it is ready to copy."""
    card_seconds = round(TITLE_SECONDS * fmt.rate) / fmt.rate
    for number, (chapter, clip, card) in enumerate(zip(chapters, clips, cards), start=1):
        card_file = card.result()
        yield card_file, card_file if speaks else None, card_seconds
        video, suffix = chapter.video, card_file.suffix
        if clip.format != fmt:
            video = _conform(work / f"chapter{number}{suffix}", fmt, chapter, clip, speaks)
            clip = _clip(video)
        seconds = clip.frames / fmt.rate
        audio = None
        if speaks:
            audio = video if clip.has_audio else _silence(
                work / f"silence{number}{suffix}", seconds)  # fmt: skip
        yield video, audio, seconds


def _copy_packets(segments: Iterator[tuple[Path, Path | None, float]], tmp: Path,
                  marks: list[Mark]) -> None:  # fmt: skip
    """Every segment's packets, one after another, into ``tmp``."""
    first = next(segments)
    first_video, first_audio, _ = first
    with av.open(str(tmp), "w") as out:
        with av.open(str(first_video)) as c:
            video = out.add_stream_from_template(c.streams.video[0])
        sound = None
        if first_audio is not None:
            with av.open(str(first_audio)) as c:
                sound = out.add_stream_from_template(c.streams.audio[0])
        out.set_chapters(
            [
                {"id": k, "start": round(m.start * 1000), "end": round(m.end * 1000),
                 "time_base": Fraction(1, 1000), "metadata": {"title": m.title}}
                for k, m in enumerate(marks, start=1)
            ]
        )  # fmt: skip
        last_sound: Fraction | None = None  # when the last audio packet written starts (s)
        t = 0.0
        for video_path, audio_path, seconds in itertools.chain([first], segments):
            wanted = {video_path: ["video"]}
            if sound is not None and audio_path is not None:
                wanted.setdefault(audio_path, []).append("audio")
            for path, kinds in wanted.items():
                with av.open(str(path)) as c:
                    sources = [getattr(c.streams, kind)[0] for kind in kinds]
                    shifts = {
                        src.index: round(Fraction(t).limit_denominator(10**6) / src.time_base)
                        for src in sources
                    }  # fmt: skip
                    # An encoder's priming packet starts before zero, and a clip's sound may
                    # run a little past its picture: neither may overlap the neighbours.
                    # In the audio's own ticks, so that no packet costs arithmetic on fractions.
                    base = sources[-1].time_base
                    after = -math.inf if last_sound is None else math.floor(last_sound / base)
                    before = math.ceil(Fraction(t + seconds) / base)
                    written = None
                    for packet in c.demux(sources):
                        if packet.dts is None:
                            continue  # the demuxer's empty end-of-stream packet
                        dts = packet.dts + shifts[packet.stream.index]
                        is_audio = packet.stream.type == "audio"
                        if is_audio:
                            if dts <= after or dts >= before:
                                continue
                            written = dts
                        packet.pts += dts - packet.dts
                        packet.dts = dts
                        packet.stream = sound if is_audio else video
                        out.mux(packet)
                    if written is not None:
                        last_sound = written * base
            t += seconds
