"""manim's Camera, drawing a one-colour VMobject with fewer calls, and a fade as one layer.

A network frame is some 700 VMobjects (672 edges, neurons, labels), and manim's
``display_vectorized`` spends more time in Python than cairo spends drawing: it
fetches and converts each colour twice, and fills a Line with transparent black.
For a VMobject of one fill colour and one stroke colour, and no background
stroke, :class:`LeanCamera` makes only the cairo calls that change a pixel, in
manim's order: the same pixels. Anything else (gradients, background strokes)
goes to manim.

A fade of a screenful of text redraws every glyph on every frame, only more or less
transparent. Parts given one :class:`Layer` (``scenes/fades.py`` does it) are drawn
once into a picture of their own, which each frame paints at the layer's opacity and
offset: the picture composited at that opacity, as a video editor fades a clip.
Where parts do not overlap, that is what drawing each part at that opacity gives.
"""

from __future__ import annotations

import itertools as it
from collections.abc import Sequence

import cairo
import numpy as np
from manim import Camera, VMobject
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP
from manim.typing import PixelArray

LAYER = "fade_layer"  # the attribute that puts a part in a layer


class Layer:
    """Parts shown at one ``opacity`` and ``offset`` (frame units), drawn once."""

    def __init__(self) -> None:
        self.opacity = 1.0
        self.offset = np.zeros(3)
        self.pictures: dict[tuple[int, ...], tuple[cairo.ImageSurface, tuple[int, ...]]] = {}

    def __deepcopy__(self, memo: dict) -> None:
        # A copy of a part is not in the fade (and a cairo surface cannot be copied).
        return None


class LeanCamera(Camera):
    """Draws what manim's :class:`~manim.Camera` draws, a network frame about a quarter faster.

    Parts with a :class:`Layer` are painted from the layer's picture.
    """

    def display_multiple_non_background_colored_vmobjects(
        self, vmobjects: Sequence[VMobject], pixel_array: PixelArray
    ) -> None:
        ctx = self.get_cairo_context(pixel_array)
        for layer, run in it.groupby(vmobjects, lambda vm: getattr(vm, LAYER, None)):
            if layer is None:
                for vmobject in run:
                    self.display_vectorized(vmobject, ctx)
            else:
                self._paint(layer, list(run), ctx)

    def _paint(self, layer: Layer, parts: list[VMobject], ctx: cairo.Context) -> None:
        """``parts`` (a run of the layer's, in drawing order) from their picture."""
        key = tuple(map(id, parts))
        if key not in layer.pictures:
            layer.pictures[key] = self._picture(parts, ctx.get_matrix())
        picture, (x0, y0, x1, y1) = layer.pictures[key]
        dx = layer.offset[0] * self.pixel_width / self.frame_width
        dy = -layer.offset[1] * self.pixel_height / self.frame_height
        ctx.save()
        ctx.identity_matrix()
        # Only the picture's inked box, one pixel wider for a fractional offset's filter; a
        # new path, as the last part drawn leaves its own (manim keeps it, *_preserve).
        ctx.new_path()
        ctx.rectangle(x0 + dx - 1, y0 + dy - 1, x1 - x0 + 2, y1 - y0 + 2)
        ctx.clip()
        ctx.set_source_surface(picture, dx, dy)
        ctx.paint_with_alpha(layer.opacity)
        ctx.restore()

    def _picture(
        self, parts: list[VMobject], matrix: cairo.Matrix
    ) -> tuple[cairo.ImageSurface, tuple[int, ...]]:
        """The parts drawn as they are on a transparent frame, and the box of its ink."""
        picture = cairo.ImageSurface(cairo.FORMAT_ARGB32, self.pixel_width, self.pixel_height)
        ctx = cairo.Context(picture)
        ctx.set_matrix(matrix)
        for part in parts:
            self.display_vectorized(part, ctx)
        picture.flush()
        alpha = np.ndarray(
            (self.pixel_height, picture.get_stride() // 4, 4), np.uint8, picture.get_data()
        )[:, : self.pixel_width, 3]
        rows, columns = np.flatnonzero(alpha.any(axis=1)), np.flatnonzero(alpha.any(axis=0))
        if not len(rows):
            return picture, (0, 0, 0, 0)
        return picture, (columns[0], rows[0], columns[-1] + 1, rows[-1] + 1)

    def display_vectorized(self, vmobject: VMobject, ctx: cairo.Context) -> LeanCamera:
        fill, stroke = vmobject.get_fill_rgbas(), vmobject.get_stroke_rgbas()
        if len(fill) != 1 or len(stroke) != 1 or vmobject.get_stroke_width(background=True) > 0:
            return super().display_vectorized(vmobject, ctx)
        points = vmobject.points
        if len(points) == 0:
            return self
        if len(points) == 4 and np.isfinite(points).all():
            # One curve (a Line, an edge): its path without splitting it into subpaths.
            p = points[:, :2].ravel().tolist()
            ctx.new_path()
            ctx.move_to(p[0], p[1])
            ctx.curve_to(*p[2:])
            if vmobject.consider_points_equals_2d(points[0], points[3]):
                ctx.close_path()
        else:
            self.set_cairo_context_path(ctx, vmobject)
        (r, g, b, a) = fill[0]
        if a > 0:  # transparent ink over the picture changes no pixel
            ctx.set_source_rgba(b, g, r, a)  # cairo's pixels are BGRA
            ctx.fill_preserve()
        width = vmobject.get_stroke_width()
        (r, g, b, a) = stroke[0]
        if width > 0 and a > 0:
            ctx.set_source_rgba(b, g, r, a)
            ctx.set_line_width(width * self.cairo_line_width_multiple)
            ctx.set_line_join(LINE_JOIN_MAP[vmobject.joint_type])
            ctx.set_line_cap(CAP_STYLE_MAP[vmobject.cap_style])
            ctx.stroke_preserve()
        return self
