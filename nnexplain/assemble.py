"""Whole-lecture products made with PyAV (no ffmpeg binary): GIFs and the lecture video."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from scenes.style import BACKGROUND, FONT

GIF_MAX_WIDTH = 640
GIF_MAX_FPS = 15
TITLE_SECONDS = 2.5
AUDIO_RATE = 48000  # Hz, what AAC and Opus are usually played at


def to_gif(video: Path, target: Path) -> Path:
    """A GIF of ``video``, at most 640 px wide and 15 frames a second, written atomically.

    One palette, made from frames across the whole video, serves every frame:
    that is what lets the GIF store only what changed from frame to frame.
    """
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        fps = float(stream.average_rate)
        step = max(1, round(fps / GIF_MAX_FPS))
        scale = min(1.0, GIF_MAX_WIDTH / stream.width)
        size = (round(stream.width * scale), round(stream.height * scale))
        images = [
            frame.to_image().resize(size, Image.BILINEAR)
            for k, frame in enumerate(container.decode(stream))
            if k % step == 0
        ]
    samples = images[:: max(1, len(images) // 16)]
    montage = Image.new("RGB", (size[0], size[1] * len(samples)))
    for k, image in enumerate(samples):
        montage.paste(image, (0, k * size[1]))
    palette = montage.quantize(colors=128)
    frames = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    tmp = target.with_name(f".{target.name}.tmp")
    frames[0].save(tmp, format="GIF", save_all=True, append_images=frames[1:],
                   duration=round(1000 * step / fps), loop=0)  # fmt: skip
    os.replace(tmp, target)
    return target


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


def _has_audio(path: Path) -> bool:
    with av.open(str(path)) as c:
        return bool(c.streams.audio)


def lecture_marks(chapters: Sequence[LectureChapter]) -> list[Mark]:
    """Where each chapter, title card included, starts and ends in the lecture video."""
    marks, t = [], 0.0
    for chapter in chapters:
        with av.open(str(chapter.video)) as c:
            stream = c.streams.video[0]
            rate = Fraction(stream.average_rate)
            frames = stream.frames or sum(1 for _ in c.decode(stream))
        length = (round(TITLE_SECONDS * rate) + frames) / rate
        marks.append(Mark(chapter.title, t, float(t + length)))
        t = float(t + length)
    return marks


def build_lecture(chapters: Sequence[LectureChapter], target: Path) -> list[Mark]:
    """Concatenate the chapters, each after its title card; return where each one is.

    Every frame is re-encoded once (H.264 for .mp4, VP9 for .webm) at the first
    video's size and frame rate. When any chapter speaks, the lecture has one
    audio track (AAC in .mp4, Opus in .webm), silent under the title cards and
    under chapters without a voice, so that sound and picture never drift apart.
    The chapters are written into the container as chapter marks. The file
    appears only when complete.
    """
    with av.open(str(chapters[0].video)) as first:
        stream = first.streams.video[0]
        size, rate = (stream.width, stream.height), Fraction(stream.average_rate)
    speaks = any(_has_audio(c.video) for c in chapters)
    tmp = target.with_name(f".{target.name}.tmp{target.suffix}")
    webm = target.suffix == ".webm"
    marks = lecture_marks(chapters)
    try:
        with av.open(str(tmp), "w") as out:
            video = out.add_stream("libvpx-vp9" if webm else "libx264", rate=rate)
            video.width, video.height = size
            video.pix_fmt = "yuv420p"
            video.thread_type = "AUTO"  # encode on every core: this step runs alone
            audio = None
            if speaks:
                audio = out.add_stream("libopus" if webm else "aac", rate=AUDIO_RATE)
                audio.layout = "stereo"
            out.set_chapters(
                [
                    {"id": k, "start": round(m.start * 1000), "end": round(m.end * 1000),
                     "time_base": Fraction(1, 1000), "metadata": {"title": m.title}}
                    for k, m in enumerate(marks, start=1)
                ]
            )  # fmt: skip
            resampler = av.AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE)
            frames = samples = 0

            def put(frame: av.VideoFrame) -> None:
                nonlocal frames
                frame.pts, frame.time_base = frames, 1 / rate
                # A decoded frame keeps its source's I/P/B type; left set, every frame
                # would be encoded as the source said, doubling the file.
                frame.pict_type = av.video.frame.PictureType.NONE
                frames += 1
                for packet in video.encode(frame):
                    out.mux(packet)

            def sound(frame: av.AudioFrame | None, limit: float = float("inf")) -> None:
                """Encode ``frame``, cut at ``limit`` samples so no chapter's sound runs on."""
                nonlocal samples
                for f in resampler.resample(frame):
                    if samples + f.samples > limit:
                        if samples >= limit:
                            continue
                        kept = f.to_ndarray()[:, : int(limit - samples)]
                        f = av.AudioFrame.from_ndarray(kept, format="fltp", layout="stereo")
                        f.sample_rate = AUDIO_RATE
                    f.pts = samples
                    samples += f.samples
                    for packet in audio.encode(f):
                        out.mux(packet)

            def silence_until_picture() -> None:
                """Silence up to the video's time: under a title card, or a silent chapter."""
                missing = round(frames / rate * AUDIO_RATE) - samples
                while audio is not None and missing > 0:
                    n = min(missing, AUDIO_RATE)
                    quiet = av.AudioFrame.from_ndarray(
                        np.zeros((2, n), np.float32), format="fltp", layout="stereo"
                    )
                    quiet.sample_rate = AUDIO_RATE
                    sound(quiet)
                    missing -= n

            for number, chapter in enumerate(chapters, start=1):
                card = title_card(size, number, chapter.title, chapter.concept)
                for _ in range(round(TITLE_SECONDS * rate)):
                    put(av.VideoFrame.from_ndarray(card, format="rgb24"))
                silence_until_picture()
                with av.open(str(chapter.video)) as source:
                    for frame in source.decode(video=0):
                        same = (frame.width, frame.height) == size
                        same = same and frame.format.name == "yuv420p"
                        # Same size and pixel format (every chapter of one run): no conversion.
                        put(frame if same else frame.reformat(*size, format="yuv420p"))
                if audio is not None and _has_audio(chapter.video):
                    limit = round(frames / rate * AUDIO_RATE)
                    with av.open(str(chapter.video)) as source:
                        for frame in source.decode(audio=0):
                            frame.pts = None
                            sound(frame, limit)
                silence_until_picture()
            for packet in video.encode():
                out.mux(packet)
            if audio is not None:
                sound(None)
                for packet in audio.encode():
                    out.mux(packet)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return marks
