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

import os
import tempfile
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from manim import config
from PIL import Image, ImageDraw, ImageFont

from scenes import soundtrack
from scenes.style import BACKGROUND, FONT

TITLE_SECONDS = 2.5
VIDEO_CODECS = {".mp4": "libx264", ".webm": "libvpx-vp9"}


@dataclass(frozen=True)
class LectureChapter:
    """One chapter of the lecture video: its human title, what it explains, its video."""

    title: str
    concept: str
    video: Path


@dataclass(frozen=True)
class Mark:
    """Where a chapter starts and ends in the lecture, title card included (seconds)."""

    title: str
    start: float
    end: float


def title_card(size: tuple[int, int], number: int, title: str, concept: str) -> np.ndarray:
    """A black card: 'Chapter N', the scene's name and the concept it explains."""
    width, height = size
    card = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(card)
    small = ImageFont.truetype(f"{FONT.replace(' ', '')}.ttf", max(12, height // 28))
    large = ImageFont.truetype(f"{FONT.replace(' ', '')}.ttf", max(16, height // 14))
    lines = [(f"Chapter {number}", small, (150, 150, 150)), (title, large, (255, 255, 255))]
    lines += [(line, small, (200, 200, 200)) for line in textwrap.wrap(concept, 48)]
    heights = [draw.textbbox((0, 0), t, font=f)[3] * 1.5 for t, f, _ in lines]
    y = (height - sum(heights)) / 2
    for (t, f, color), h in zip(lines, heights):
        w = draw.textlength(t, font=f)
        draw.text(((width - w) / 2, y), t, font=f, fill=color)
        y += h
    return np.asarray(card)


def lecture_marks(chapters: Sequence[LectureChapter]) -> list[Mark]:
    """Where each chapter, title card included, starts and ends in the lecture video."""
    marks, t = [], 0.0
    for chapter in chapters:
        with av.open(str(chapter.video)) as c:
            stream = c.streams.video[0]
            rate = _rate(stream)
            frames = stream.frames or sum(1 for _ in c.decode(stream))
        length = (round(TITLE_SECONDS * rate) + frames) / rate
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


def _format(path: Path) -> _Format:
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        cc = v.codec_context
        return _Format(
            cc.name,
            (v.width, v.height),
            cc.pix_fmt,
            _rate(v),
            cc.extradata,
        )


def _rate(stream: av.video.stream.VideoStream) -> Fraction:
    """The stream's nominal frame rate.

    Not its average rate: that is frames over the stream's duration, which x264's
    B-frames can leave a few ticks short (15.0016 fps for a 15 fps chapter), and a
    chapter that seemed to differ from the others was encoded again.
    """
    return Fraction(stream.base_rate or stream.average_rate).limit_denominator(1001)


def _frames(path: Path) -> int:
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        return stream.frames or sum(1 for _ in c.decode(stream))


def _has_audio(path: Path) -> bool:
    with av.open(str(path)) as c:
        return bool(c.streams.audio)


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
            silent_seconds: float | None, threads: int = 0) -> Path:  # fmt: skip
    """A segment as the scenes are encoded: ``pictures``, and ``audio``'s sound or silence.

    ``threads`` is the encoder's (0: its own choice); it does not change the headers.
    """
    suffix = path.suffix
    with av.open(str(path), "w") as out:
        # manim.cfg's encoder options, as manim itself gives them: the same headers come out.
        options = dict(config.video_encoder_options)
        video = out.add_stream(VIDEO_CODECS[suffix], rate=fmt.rate, options=options)
        video.codec_context.thread_count = threads
        video.width, video.height = fmt.size
        video.pix_fmt = fmt.pix_fmt
        sound = (
            soundtrack.add_stream(out, suffix)
            if audio is not None or silent_seconds is not None
            else None
        )
        for k, frame in enumerate(pictures):
            frame.pts, frame.time_base = k, 1 / fmt.rate
            # A decoded frame keeps its source's I/P/B type; left set, the encoder obeys it.
            frame.pict_type = av.video.frame.PictureType.NONE
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


def _card(path: Path, fmt: _Format, number: int, chapter: LectureChapter, speaks: bool) -> Path:
    card = title_card(fmt.size, number, chapter.title, chapter.concept)
    n = round(TITLE_SECONDS * fmt.rate)
    # Converted to the video's pixel format once: at 1080p the conversion costs as much
    # as encoding, and a card holds its picture for all of its frames.
    picture = av.VideoFrame.from_ndarray(card, format="rgb24").reformat(format=fmt.pix_fmt)
    pictures = (picture for _ in range(n))
    return _encode(path, fmt, pictures, None, n / fmt.rate if speaks else None, threads=1)


def _conform(path: Path, fmt: _Format, chapter: LectureChapter, speaks: bool) -> Path:
    """``chapter``'s video encoded again to ``fmt``, its sound (or silence) with it."""
    with av.open(str(chapter.video)) as source:
        stream = source.streams.video[0]
        seconds = _frames(chapter.video) / _rate(stream)
        pictures = _retimed(source.decode(stream), seconds, fmt)
        audio = chapter.video if _has_audio(chapter.video) else None
        silent = float(seconds) if speaks and audio is None else None
        return _encode(path, fmt, pictures, audio if speaks else None, silent)


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
    fmt = _format(chapters[0].video)
    speaks = any(_has_audio(c.video) for c in chapters)
    marks = lecture_marks(chapters)
    tmp = target.with_name(f".{target.name}.tmp{target.suffix}")
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".lecture-") as work:
        # One card per core at a time, each on one encoder thread: a card is a still, for
        # which x264's own threads gain little (at 1080p60 the cards were most of the join).
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            cards = list(pool.map(
                lambda nc: _card(Path(work, f"card{nc[0]}{target.suffix}"), fmt, *nc, speaks),
                enumerate(chapters, start=1),
            ))  # fmt: skip
        segments = []  # (video file, audio file or None, seconds)
        for number, (chapter, card) in enumerate(zip(chapters, cards), start=1):
            segments.append(
                (card, card if speaks else None, round(TITLE_SECONDS * fmt.rate) / fmt.rate)
            )
            video = chapter.video
            if _format(video) != fmt:
                video = _conform(
                    Path(work, f"chapter{number}{target.suffix}"), fmt, chapter, speaks
                )
            seconds = _frames(video) / fmt.rate
            audio = None
            if speaks:
                audio = video if _has_audio(video) else _silence(
                    Path(work, f"silence{number}{target.suffix}"), seconds)  # fmt: skip
            segments.append((video, audio, seconds))
        try:
            _copy_packets(segments, tmp, marks)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    return marks


def _copy_packets(segments: list[tuple[Path, Path | None, float]], tmp: Path,
                  marks: list[Mark]) -> None:  # fmt: skip
    """Every segment's packets, one after another, into ``tmp``."""
    first_video, first_audio, _ = segments[0]
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
        last = {"video": -np.inf, "audio": -np.inf}
        t = 0.0
        for video_path, audio_path, seconds in segments:
            sources = [(video_path, "video", video)]
            if sound is not None and audio_path is not None:
                sources.append((audio_path, "audio", sound))
            for path, kind, stream in sources:
                with av.open(str(path)) as c:
                    source = c.streams.video[0] if kind == "video" else c.streams.audio[0]
                    base = source.time_base
                    shift = round(Fraction(t).limit_denominator(10**6) / base)
                    end = t + seconds
                    for packet in c.demux(source):
                        if packet.dts is None:
                            continue  # the demuxer's empty end-of-stream packet
                        at = float((packet.dts + shift) * base)
                        # An encoder's priming packet starts before zero, and a clip may run
                        # a little past its picture: neither may overlap the neighbours.
                        if kind == "audio" and (at <= last[kind] or at >= end):
                            continue
                        packet.dts += shift
                        packet.pts += shift
                        packet.stream = stream
                        last[kind] = at
                        out.mux(packet)
            t += seconds
