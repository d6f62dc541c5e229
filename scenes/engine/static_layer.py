"""The picture under an animation, redrawn only from where it changed since the last one.

Before each animation manim draws every mobject that will not move into a
"static" image, which each frame then starts from. In these scenes that image is
mostly the same from one animation to the next: the network's hundreds of edges
at the back, a table, the notes, with one new thing on top. manim draws it all
again each time: 53 times in the backpropagation scene, a tenth of a second each.

:class:`StaticLayerRenderer` keeps the image at a few points of the drawing
order. For the next animation it compares every part to be drawn, by its exact
points, colours and widths, with the last list; starts from the last kept image
the two lists agree up to; and draws only the rest. A part that changed, was added
or removed, and everything drawn after it, is drawn again: the image is the one
manim would draw, pixel for pixel (``tests/test_static_layer.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from manim import ImageMobject, Mobject, Scene, VMobject
from manim.renderer.cairo_renderer import CairoRenderer
from manim.typing import PixelArray

# Parts drawn between two kept images: one image per this many parts, at most this many
# images (8 MB each at 1080p).
PARTS_PER_IMAGE = 64
MOST_IMAGES = 12


def drawn_state(part: Mobject) -> tuple | None:
    """Everything the Cairo camera reads to draw ``part``, exactly; None if not known here."""
    if isinstance(part, VMobject):
        if part.get_background_image() is not None:
            return None  # drawn by manim's background-image path, not compared here
        return (
            id(part),
            part.points.tobytes(),
            part.fill_rgbas.tobytes(),
            part.stroke_rgbas.tobytes(),
            part.background_stroke_rgbas.tobytes(),
            np.asarray(part.sheen_direction, dtype=float).tobytes(),
            float(part.stroke_width),
            float(part.background_stroke_width),
            float(part.sheen_factor),
            part.joint_type,
            part.cap_style,
        )
    if isinstance(part, ImageMobject):
        pixels = part.get_pixel_array()
        return (
            id(part),
            part.points.tobytes(),
            pixels.shape,
            pixels.tobytes(),
            part.resampling_algorithm,
        )
    return None


class StaticLayerRenderer(CairoRenderer):
    """manim's Cairo renderer, drawing each static image from the last one's unchanged start."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._states: list[tuple] = []  # what the kept images were drawn from, in order
        self._kept: dict[int, PixelArray] = {}  # parts drawn -> the image after them

    def save_static_frame_data(
        self, scene: Scene, static_mobjects: Iterable[Mobject]
    ) -> PixelArray | None:
        self.static_image = None
        if not static_mobjects:
            return None
        parts = self.camera.get_mobjects_to_display(static_mobjects)
        states = [drawn_state(p) for p in parts] + [self._camera_state()]
        if any(s is None for s in states):
            self._states, self._kept = [], {}
            return super().save_static_frame_data(scene, static_mobjects)
        # The camera's state goes first: a moved frame redraws everything.
        states = states[-1:] + states[:-1]
        same = _common_start(states, self._states)
        kept = {n: image for n, image in self._kept.items() if n + 1 <= same}
        start = max(kept, default=0)
        if start:
            self.camera.set_frame_to_background(kept[start])
        else:
            self.camera.reset()
        step = max(PARTS_PER_IMAGE, -(-len(parts) // MOST_IMAGES))
        for begin in range(start, len(parts), step):
            end = min(begin + step, len(parts))
            # Already the parts manim would draw, in its order: no family is extracted again.
            self.camera.capture_mobjects(parts[begin:end], include_submobjects=False)
            kept[end] = self.camera.pixel_array.copy()
        self._states, self._kept = states, kept
        self.static_image = self.get_frame()
        return self.static_image

    def _camera_state(self) -> tuple:
        camera = self.camera
        return (
            "camera",
            camera.pixel_array.shape,
            np.asarray(camera.frame_center, dtype=float).tobytes(),
            float(camera.frame_width),
            float(camera.frame_height),
            camera.background.tobytes(),
        )


def _common_start(a: list, b: list) -> int:
    """How many items ``a`` and ``b`` share from their start."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
