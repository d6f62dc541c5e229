"""Whole-lecture products made with PyAV (no ffmpeg binary): GIFs and the lecture video."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from scenes.style import BACKGROUND, FONT

GIF_MAX_WIDTH = 640
GIF_MAX_FPS = 15
TITLE_SECONDS = 2.5


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


def build_lecture(chapters: Sequence[tuple[str, str, Path]], target: Path) -> Path:
    """Concatenate ``(title, concept, video)`` chapters, each after its title card.

    Every frame is re-encoded once (H.264 for .mp4, VP9 for .webm) at the first
    video's size and frame rate; the file appears only when complete.
    """
    with av.open(str(chapters[0][2])) as first:
        stream = first.streams.video[0]
        size, rate = (stream.width, stream.height), Fraction(stream.average_rate)
    tmp = target.with_name(f".{target.name}.tmp{target.suffix}")
    codec = "libvpx-vp9" if target.suffix == ".webm" else "libx264"
    try:
        with av.open(str(tmp), "w") as out:
            video = out.add_stream(codec, rate=rate)
            video.width, video.height = size
            video.pix_fmt = "yuv420p"
            video.thread_type = "AUTO"  # encode on every core: this step runs alone
            pts = 0

            def put(frame: av.VideoFrame) -> None:
                nonlocal pts
                frame.pts, frame.time_base = pts, 1 / rate
                # A decoded frame keeps its source's I/P/B type; left set, every frame
                # would be encoded as the source said, doubling the file.
                frame.pict_type = av.video.frame.PictureType.NONE
                pts += 1
                for packet in video.encode(frame):
                    out.mux(packet)

            for number, (title, concept, path) in enumerate(chapters, start=1):
                card = title_card(size, number, title, concept)
                for _ in range(round(TITLE_SECONDS * rate)):
                    put(av.VideoFrame.from_ndarray(card, format="rgb24"))
                with av.open(str(path)) as chapter:
                    for frame in chapter.decode(video=0):
                        same = (
                            frame.width,
                            frame.height,
                        ) == size and frame.format.name == "yuv420p"
                        # Same size and pixel format (every chapter of one run): no conversion.
                        put(frame if same else frame.reformat(*size, format="yuv420p"))
            for packet in video.encode():
                out.mux(packet)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
