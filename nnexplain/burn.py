"""Subtitles drawn into the picture, for platforms that take no subtitle file.

Each cue's text is drawn once, with Pillow, as a white caption on a dark band
along the bottom; every frame inside the cue gets it laid over. The video is
encoded again with its own codec; the audio packets are copied unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from nncore.files import TEMP_MARK
from nnexplain import stops
from nnexplain.subtitles import Cue
from scenes.style import FONT

CODECS = {".mp4": "libx264", ".webm": "libvpx-vp9"}


def caption(size: tuple[int, int], text: str) -> Image.Image:
    """An RGBA layer the size of the frame: ``text`` centred near the bottom, on a band."""
    width, height = size
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    font = ImageFont.truetype(f"{FONT.replace(' ', '')}.ttf", max(12, height // 24))
    box = draw.multiline_textbbox((0, 0), text, font=font, align="center", spacing=4)
    w, h = box[2] - box[0], box[3] - box[1]
    x, y = (width - w) / 2, height - h - height / 14
    pad = height / 90
    draw.rectangle((x - 2 * pad, y - pad, x + w + 2 * pad, y + h + 2 * pad), fill=(0, 0, 0, 170))
    draw.multiline_text((x, y - box[1]), text, font=font, fill=(255, 255, 255, 255),
                        align="center", spacing=4)  # fmt: skip
    return layer


def burn_subtitles(video: Path, cues: Sequence[Cue], target: Path) -> Path:
    """Write ``video`` with ``cues`` drawn in as ``target`` (atomically)."""
    tmp = target.with_name(f"{TEMP_MARK}.{os.getpid()}.{target.name}")  # its suffix: the format
    try:
        with av.open(str(video)) as source, av.open(str(tmp), "w") as out:
            picture = source.streams.video[0]
            rate = Fraction(picture.average_rate)
            size = (picture.width, picture.height)
            encoded = out.add_stream(CODECS[video.suffix], rate=rate)
            encoded.width, encoded.height = size
            encoded.pix_fmt = "yuv420p"
            # One encoder thread: x264's threads made a clip differ by a byte between two
            # runs under load, and the same scenes must make the same bytes (batch compares).
            encoded.thread_count = 1
            copies = {s.index: out.add_stream_from_template(s) for s in source.streams.audio}
            layers = [caption(size, c.text) for c in cues]
            k = 0

            def put(frame: av.VideoFrame) -> None:
                nonlocal k
                stops.check()  # between frames: minutes of them at 1080p60
                t = k / rate
                active = [layer for c, layer in zip(cues, layers) if c.start <= t < c.end]
                if active:
                    image = frame.to_image().convert("RGBA")
                    image.alpha_composite(active[0])
                    frame = av.VideoFrame.from_ndarray(
                        np.asarray(image.convert("RGB")), format="rgb24"
                    )
                frame.pts, frame.time_base = k, 1 / rate
                frame.pict_type = av.video.frame.PictureType.NONE
                k += 1
                for packet in encoded.encode(frame):
                    out.mux(packet)

            # One pass over the file: video decoded and drawn on, audio copied as it comes.
            for packet in source.demux(picture, *source.streams.audio):
                if packet.stream.type == "video":
                    for frame in packet.decode():
                        put(frame)
                elif packet.dts is not None:
                    packet.stream = copies[packet.stream.index]
                    out.mux(packet)
            for packet in encoded.encode():
                out.mux(packet)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
