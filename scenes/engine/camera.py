"""manim's Camera, drawing a one-colour VMobject with fewer calls, and a fade as one layer.

A network frame is some 700 VMobjects (672 edges, neurons, labels), and manim's
``display_vectorized`` spends more time in Python than cairo spends drawing: it
fetches and converts each colour twice, and fills a Line with transparent black.
For a VMobject of one fill colour and one stroke colour, and no background
stroke, :class:`LeanCamera` makes only the cairo calls that change a pixel, in
manim's order: the same pixels. Anything else (gradients, background strokes)
goes to manim.

A fade of a screenful of text redraws every glyph on every frame, only more or less
transparent. Parts given one :class:`Layer` (``scenes/engine/fades.py`` does it) are drawn
once into a picture of their own, which each frame paints at the layer's opacity and
offset: the picture composited at that opacity, as a video editor fades a clip.
Where parts do not overlap, that is what drawing each part at that opacity gives.
A recolouring (a network given other weights) is, likewise, a :class:`CrossFade`
between a picture of its first look and one of its last.

An image that sits on whole camera pixels at its own size (``AllEdges``, whose image
changes every frame while the weights move) is composited over its own box only.
manim maps it through a perspective transform into a frame-sized image and composites
that, which at 1080p costs as much as drawing the image. For such an image that
transform is the identity, so the pixels are manim's, up to the level or two of 255
that manim's solved transform, the identity only to about 1e-13, can move them.
"""

from __future__ import annotations

import itertools as it
from collections.abc import Callable, Sequence

import cairo
import numpy as np
from manim import Camera, ImageMobject, VMobject
from manim.camera.camera import CAP_STYLE_MAP, LINE_JOIN_MAP
from manim.typing import PixelArray
from PIL import Image

LAYER = "fade_layer"  # the attribute that puts a part in a layer


class Layer:
    """Parts shown at one ``opacity`` and ``offset`` (frame units), drawn once."""

    def __init__(self) -> None:
        self.opacity = 1.0
        self.offset = np.zeros(3)
        # A run of parts (their ids) -> its picture (a cross-fade's two) and their corner.
        self.pictures: dict[tuple[int, ...], tuple[list[cairo.ImageSurface], tuple[int, int]]] = {}

    def __deepcopy__(self, memo: dict) -> None:
        # A copy of a part is not in the fade (and a cairo surface cannot be copied).
        return None


class CrossFade(Layer):
    """Parts going from one look to another, shown as ``progress`` of the way from one
    picture to the other: ``(1 - progress) * first + progress * last``, then composited.

    ``show(k)`` gives every part its first (``k = 0``) or last (``k = 1``) look.
    """

    def __init__(self, show: Callable[[int], None]) -> None:
        super().__init__()
        self.show = show
        self.progress = 0.0


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
            layer.pictures[key] = self._pictures(layer, parts, ctx.get_matrix())
        pictures, (x, y) = layer.pictures[key]
        if isinstance(layer, CrossFade):
            picture = _mixed(*pictures, layer.progress)
        else:
            (picture,) = pictures
        x += layer.offset[0] * self.pixel_width / self.frame_width
        y -= layer.offset[1] * self.pixel_height / self.frame_height
        ctx.save()
        ctx.identity_matrix()
        # Only the picture's box, one pixel wider for a fractional offset's filter; a new
        # path, as the last part drawn leaves its own (manim keeps it, *_preserve).
        ctx.new_path()
        ctx.rectangle(x - 1, y - 1, picture.get_width() + 2, picture.get_height() + 2)
        ctx.clip()
        ctx.set_source_surface(picture, x, y)
        ctx.paint_with_alpha(layer.opacity)
        ctx.restore()

    def _pictures(
        self, layer: Layer, parts: list[VMobject], matrix: cairo.Matrix
    ) -> tuple[list[cairo.ImageSurface], tuple[int, int]]:
        """The parts' picture (a cross-fade's two, one of each look), and its corner."""
        if not isinstance(layer, CrossFade):
            box = self._box(parts, matrix, _widest(parts))
            return [self._picture(parts, matrix, box)], box[:2]
        looks = []
        for k in (0, 1):
            layer.show(k)
            looks.append(_widest(parts))
        box = self._box(parts, matrix, max(looks))
        pictures = []
        for k in (0, 1):
            layer.show(k)
            pictures.append(self._picture(parts, matrix, box))
        layer.show(0)  # as the parts are until the cross-fade ends
        return pictures, box[:2]

    def _box(self, parts: list[VMobject], matrix: cairo.Matrix, stroke: float) -> tuple[int, ...]:
        """The parts' points in pixels, wide enough for ``stroke`` and antialiasing, in frame."""
        points = np.concatenate([part.points[:, :2] for part in parts])
        points = points[np.isfinite(points).all(axis=1)]
        xs = matrix.xx * points[:, 0] + matrix.xy * points[:, 1] + matrix.x0
        ys = matrix.yx * points[:, 0] + matrix.yy * points[:, 1] + matrix.y0
        margin = stroke * self.cairo_line_width_multiple * abs(matrix.xx) / 2 + 2
        x0, y0 = (max(0, int(np.floor(v.min(initial=0) - margin))) for v in (xs, ys))
        x1 = min(self.pixel_width, int(np.ceil(xs.max(initial=0) + margin)))
        y1 = min(self.pixel_height, int(np.ceil(ys.max(initial=0) + margin)))
        return x0, y0, max(x1, x0 + 1), max(y1, y0 + 1)

    def _picture(
        self, parts: list[VMobject], matrix: cairo.Matrix, box: tuple[int, ...]
    ) -> cairo.ImageSurface:
        """The parts drawn as they are on a transparent picture of ``box``."""
        x0, y0, x1, y1 = box
        picture = cairo.ImageSurface(cairo.FORMAT_ARGB32, x1 - x0, y1 - y0)
        ctx = cairo.Context(picture)
        ctx.set_matrix(
            cairo.Matrix(matrix.xx, matrix.yx, matrix.xy, matrix.yy, matrix.x0 - x0, matrix.y0 - y0)
        )
        for part in parts:
            self.display_vectorized(part, ctx)
        picture.flush()
        return picture

    def display_image_mobject(self, image_mobject: ImageMobject, pixel_array: PixelArray) -> None:
        corner = self._on_whole_pixels(image_mobject)
        if corner is None:
            return super().display_image_mobject(image_mobject, pixel_array)
        x, y = corner
        image = image_mobject.get_pixel_array()
        box = pixel_array[y : y + image.shape[0], x : x + image.shape[1]]
        # manim's transform resamples premultiplied ("RGBa"): the round trip is all it
        # changes of an image at its own size, and the same round trip keeps its pixels.
        picture = Image.fromarray(image, "RGBA").convert("RGBa").convert("RGBA")
        box[:] = np.asarray(Image.alpha_composite(Image.fromarray(box, "RGBA"), picture))

    def _on_whole_pixels(self, image_mobject: ImageMobject) -> tuple[int, int] | None:
        """The top-left pixel of an image shown at its own size on whole pixels, inside
        the frame; ``None`` for any other (scaled, rotated, cut by the frame's edge)."""
        image = image_mobject.get_pixel_array()
        if image.ndim != 3 or image.shape[2] != 4 or image.dtype != np.uint8:
            return None
        if len(image_mobject.points) != 4:
            return None
        corners = self.points_to_subpixel_coords(image_mobject, image_mobject.points)
        (x, y) = np.round(corners[0]).astype(int)
        height, width = image.shape[:2]
        expected = np.array([[x, y], [x + width, y], [x, y + height], [x + width, y + height]])
        if not np.allclose(corners, expected, rtol=0, atol=1e-6):
            return None
        if x < 0 or y < 0 or x + width > self.pixel_width or y + height > self.pixel_height:
            return None
        return int(x), int(y)

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


def _widest(parts: list[VMobject]) -> float:
    return max(part.get_stroke_width(background=b) for part in parts for b in (False, True))


def _mixed(first: cairo.ImageSurface, last: cairo.ImageSurface, t: float) -> cairo.ImageSurface:
    """``(1 - t) * first + t * last``, pixel by pixel (premultiplied, as cairo keeps them)."""
    mixed = cairo.ImageSurface(cairo.FORMAT_ARGB32, first.get_width(), first.get_height())
    ctx = cairo.Context(mixed)
    ctx.set_source_surface(first)
    ctx.paint_with_alpha(1 - t)
    ctx.set_operator(cairo.OPERATOR_ADD)
    ctx.set_source_surface(last)
    ctx.paint_with_alpha(t)
    mixed.flush()
    return mixed
