"""manim's Camera, drawing a one-colour VMobject with fewer calls: the same pixels.

A network frame is some 700 VMobjects (672 edges, neurons, labels), and manim's
``display_vectorized`` spends more time in Python than cairo spends drawing: it
fetches and converts each colour twice, and fills a Line with transparent black.
For a VMobject of one fill colour and one stroke colour, and no background
stroke, :class:`LeanCamera` makes only the cairo calls that change a pixel, in
manim's order; anything else (gradients, background strokes) goes to manim.
"""

from __future__ import annotations

import cairo
import numpy as np
from manim import Camera, VMobject
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP


class LeanCamera(Camera):
    """Draws what manim's :class:`~manim.Camera` draws, a network frame about a quarter faster."""

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
