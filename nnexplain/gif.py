"""GIFs of the scene videos, made with PyAV and Pillow (no ffmpeg binary)."""

from __future__ import annotations

from pathlib import Path

import av
from PIL import Image

from nncore import files

GIF_MAX_WIDTH = 640
GIF_MAX_FPS = 15


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
    with files.written(target) as f:
        frames[0].save(f, format="GIF", save_all=True, append_images=frames[1:],
                       duration=round(1000 * step / fps), loop=0)  # fmt: skip
    return target
