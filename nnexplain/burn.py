"""Subtitles drawn into the picture, for platforms that take no subtitle file.

Each cue's text is drawn once, with Pillow, as a white caption on a dark band along the
bottom, and turned into the video's own planes (Y, U, V) with its opacity. Every frame
inside the cue gets it blended into the band's rectangle only, in those planes: no frame
is turned into RGB and back. The video is encoded again with its own codec; the audio
packets are copied unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from nncore.files import TEMP_MARK
from nnexplain import stops
from nnexplain.subtitles import Cue
from scenes.style import FONT, SUBTITLE_BAND

CODECS = {".mp4": "libx264", ".webm": "libvpx-vp9"}
# x264's "veryfast": on a 1080p60 chapter it encodes a frame in 6.2 ms against 9.8 ms at its
# default ("medium"), and makes a smaller file of these flat pictures (0.97 MB against 1.1).
OPTIONS = {"libx264": {"preset": "veryfast"}, "libvpx-vp9": {}}
PLANES = "yuv420p"  # what manim and these encoders write; chroma at half size both ways


def caption(size: tuple[int, int], text: str) -> Image.Image:
    """An RGBA layer the size of the frame: ``text`` centred near the bottom, on a band.

    The band stays inside the strip the scenes leave free for subtitles (``SUBTITLE_BAND``
    of the height, which `nnexplain check` holds every scene's text above): a caption taller
    than two lines is set smaller until it fits.
    """
    width, height = size
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    pad, margin = height / 90, height / 54
    room = SUBTITLE_BAND * height - margin - 3 * pad  # the text's height, at most
    points = max(12, height // 24)
    while True:
        font = ImageFont.truetype(f"{FONT.replace(' ', '')}.ttf", points)
        box = draw.multiline_textbbox((0, 0), text, font=font, align="center", spacing=4)
        w, h = box[2] - box[0], box[3] - box[1]
        if h <= room or points <= 8:
            break
        points -= 1
    x, y = (width - w) / 2, height - margin - 2 * pad - h
    draw.rectangle((x - 2 * pad, y - pad, x + w + 2 * pad, y + h + 2 * pad), fill=(0, 0, 0, 170))
    draw.multiline_text((x, y - box[1]), text, font=font, fill=(255, 255, 255, 255),
                        align="center", spacing=4)  # fmt: skip
    return layer


@dataclass(frozen=True)
class Overlay:
    """A caption in a yuv420p frame's terms: its rectangle's corner (even, so the chroma
    planes' half-size rectangle lines up), and per plane its values and its opacity (0-256)."""

    top: int
    left: int
    values: tuple[np.ndarray, ...]
    opacity: tuple[np.ndarray, ...]

    @classmethod
    def of(cls, layer: Image.Image) -> Overlay:
        """The overlay of an RGBA ``layer`` the size of the frame (even sides)."""
        left, top, right, bottom = layer.getbbox() or (0, 0, 2, 2)
        left, top = left - left % 2, top - top % 2
        right, bottom = right + right % 2, bottom + bottom % 2
        part = layer.crop((left, top, right, bottom))
        # swscale turns the colours into Y, U and V as the encoder would have turned the
        # drawn-on RGB frame; the opacity is Pillow's, averaged over each chroma sample's 2x2.
        colour = av.VideoFrame.from_image(part.convert("RGB")).reformat(format=PLANES)
        alpha = np.asarray(part.getchannel("A"), dtype=np.uint16)
        alpha = alpha + (alpha > 127)  # 0-255 to 0-256: opaque stays opaque
        half = (alpha[0::2, 0::2] + alpha[1::2, 0::2] + alpha[0::2, 1::2] + alpha[1::2, 1::2]) // 4
        values = tuple(_pixels(plane).astype(np.uint16) for plane in colour.planes)
        return cls(top, left, values, (alpha, half, half))

    def onto(self, frame: av.VideoFrame) -> av.VideoFrame:
        """A new frame: ``frame`` (yuv420p) with this overlay blended in."""
        drawn = av.VideoFrame(frame.width, frame.height, PLANES)
        for k, (source, target) in enumerate(zip(frame.planes, drawn.planes)):
            pixels = _pixels(target)
            pixels[:] = _pixels(source)
            step = 1 if k == 0 else 2
            top, left = self.top // step, self.left // step
            h, w = self.values[k].shape
            band = pixels[top : top + h, left : left + w]
            a = self.opacity[k]
            band[:] = (band * (256 - a) + self.values[k] * a + 128) >> 8
        return drawn


def _pixels(plane: av.video.plane.VideoPlane) -> np.ndarray:
    """The plane's pixels as an array over its buffer (its rows are padded to ``line_size``)."""
    rows = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
    return rows[:, : plane.width]


def burn_subtitles(video: Path, cues: Sequence[Cue], target: Path) -> Path:
    """Write ``video`` with ``cues`` drawn in as ``target`` (atomically)."""
    tmp = target.with_name(f"{TEMP_MARK}.{os.getpid()}.{target.name}")  # its suffix: the format
    try:
        with av.open(str(video)) as source, av.open(str(tmp), "w") as out:
            picture = source.streams.video[0]
            rate = Fraction(picture.average_rate)
            size = (picture.width, picture.height)
            codec = CODECS[video.suffix]
            encoded = out.add_stream(codec, rate=rate, options=OPTIONS[codec])
            encoded.width, encoded.height = size
            encoded.pix_fmt = PLANES
            # One encoder thread: x264's threads made a clip differ by a byte between two
            # runs under load, and the same scenes must make the same bytes (batch compares).
            encoded.thread_count = 1
            copies = {s.index: out.add_stream_from_template(s) for s in source.streams.audio}
            overlays = [Overlay.of(caption(size, c.text)) for c in cues]
            k = 0

            def put(frame: av.VideoFrame) -> None:
                nonlocal k
                stops.check()  # between frames: minutes of them at 1080p60
                t = k / rate
                if frame.format.name != PLANES:
                    frame = frame.reformat(format=PLANES)
                active = [o for c, o in zip(cues, overlays) if c.start <= t < c.end]
                if active:
                    frame = active[0].onto(frame)
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
