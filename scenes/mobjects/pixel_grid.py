"""A 28x28 grid of squares whose brightness is a digit's pixel values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    ORIGIN,
    UL,
    Animation,
    Group,
    ImageMobject,
    LaggedStart,
    Mobject,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    VMobject,
)
from manim.constants import RESAMPLING_ALGORITHMS
from manim.typing import Point3DLike

from scenes.mobjects.network import neuron_circle
from scenes.style import (
    GRID_STROKE_WIDTH,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    MUTED,
    NEURON_RADIUS,
    activation_color,
)

SIDE_PIXELS = 28
N_PIXELS = SIDE_PIXELS * SIDE_PIXELS


def as_pixel_vector(values: np.ndarray) -> np.ndarray:
    """``values`` as a float vector of 784 in ``[0, 1]``, row-major (MNIST's order).

    Raises ``ValueError`` for any other shape or for values outside ``[0, 1]``:
    a mobject draws the numbers it is given and never rescales them silently.
    """
    v = np.asarray(values, dtype=float)
    if v.shape not in ((N_PIXELS,), (SIDE_PIXELS, SIDE_PIXELS)):
        raise ValueError(f"expected 784 or 28x28 pixel values, got shape {v.shape}")
    v = v.reshape(N_PIXELS)
    if not np.all(np.isfinite(v)) or v.min() < 0.0 or v.max() > 1.0:
        raise ValueError("pixel values must be finite and in [0, 1] (divide uint8 by 255)")
    return v


class PixelGrid(Group):
    """A digit image as a 28x28 grid of squares: square ``i`` is pixel ``i`` in row-major order.

    Pixel ``i`` sits at row ``i // 28`` (row 0 at the top) and column ``i % 28``,
    the order MNIST stores images in and ``nncore`` feeds them to the network.
    Each square is filled black-to-white by its value, with a thin dim stroke.

    It is drawn as one image of the 784 fills under 28 outlines, one per row: 784
    separate squares cost a frame 784 paths wherever the grid moves or fades. The
    squares the story picks out (:meth:`pixel`) are made when asked for, where the
    image shows them.

    Parameters
    ----------
    values
        784 values (or a 28x28 array) in ``[0, 1]``.
    side
        Width and height of the whole grid, in scene units.

    Attributes
    ----------
    image
        The fills, one image pixel per digit pixel, drawn without smoothing.
    outlines
        Per row of pixels, the outlines of its 28 squares as one path.

    Examples
    --------
    ::

        grid = PixelGrid(images[0] / 255, side=4)
        self.play(grid.fade_in(), run_time=2)
        self.play(Create(grid.highlight_pixel(14 * 28 + 14)))
    """

    def __init__(self, values: np.ndarray, side: float = 4.0, **kwargs) -> None:
        self.values = as_pixel_vector(values)
        gray = np.array([activation_color(v).to_int_rgb() for v in self.values], dtype=np.uint8)
        rgba = np.concatenate([gray, np.full((N_PIXELS, 1), 255, np.uint8)], axis=1)
        self.image = ImageMobject(rgba.reshape(SIDE_PIXELS, SIDE_PIXELS, 4))
        self.image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        self.image.height = side
        self.outlines = VGroup(*(self._row_outline(row, side) for row in range(SIDE_PIXELS)))
        super().__init__(self.image, self.outlines, **kwargs)

    @staticmethod
    def _row_outline(row: int, side: float) -> VMobject:
        """Row ``row``'s 28 square outlines, one closed subpath each, for a grid centred at 0."""
        size = side / SIDE_PIXELS
        left = size * (np.arange(SIDE_PIXELS) - SIDE_PIXELS / 2)
        top = size * (SIDE_PIXELS / 2 - row)
        corners = np.array([[0, 0], [1, 0], [1, -1], [0, -1], [0, 0]], dtype=float) * size
        outline = VMobject(stroke_color=MUTED, stroke_width=GRID_STROKE_WIDTH, fill_opacity=0.0)
        for x in left:
            square = np.zeros((5, 3))
            square[:, :2] = corners + [x, top]
            outline.start_new_path(square[0])
            outline.add_points_as_corners(square[1:])
        return outline

    @property
    def pixel_size(self) -> float:
        """Side of one pixel's square, in scene units, as the grid is drawn now."""
        return self.image.width / SIDE_PIXELS

    def pixel_center(self, i: int) -> np.ndarray:
        """Where the centre of pixel ``i`` (row-major index, 0..783) is drawn."""
        row, col = divmod(int(i), SIDE_PIXELS)
        return self.image.get_corner(UL) + self.pixel_size * np.array(
            [col + 0.5, -(row + 0.5), 0.0]
        )

    def pixel(self, i: int) -> Square:
        """A new square looking like pixel ``i`` where the grid draws it (to move or outline)."""
        return Square(
            side_length=self.pixel_size,
            stroke_color=MUTED,
            stroke_width=GRID_STROKE_WIDTH,
            fill_color=activation_color(self.values[int(i)]),
            fill_opacity=1.0,
        ).move_to(self.pixel_center(i))

    def fade_in(self, lag_ratio: float = 0.002, **kwargs) -> Animation:
        """Fade the pixels in one after another in row-major order, as ``OpacityFadeIn(squares,
        lag_ratio=lag_ratio)`` fades 784 separate squares; each row's outline comes with
        the middle pixel of its row."""
        return _PixelReveal(self, lag_ratio=lag_ratio, **kwargs)

    def highlight_pixel(self, i: int, color: str = HIGHLIGHT) -> Square:
        """A new outline square around pixel ``i``, for the scene to ``Create``."""
        return Square(
            side_length=self.pixel_size * 1.15,
            stroke_color=color,
            stroke_width=HIGHLIGHT_STROKE_WIDTH,
            fill_opacity=0.0,
        ).move_to(self.pixel_center(i))

    def as_neuron_column(
        self,
        indices: Sequence[int] | np.ndarray,
        positions: np.ndarray | None = None,
        radius: float = NEURON_RADIUS,
        center: Point3DLike = ORIGIN,
        spacing: float | None = None,
    ) -> VGroup:
        """New neuron circles, one per chosen pixel, filled with that pixel's value.

        They are the targets of the "pixels break up into input neurons" move:
        ``positions`` (``(n, 3)`` scene points, e.g. the network's input layer)
        places them; without it they stack top to bottom in a column centred on
        ``center``, ``spacing`` apart (default ``2.5 * radius``), first index on top.
        """
        idx = np.asarray(indices, dtype=int)
        if positions is None:
            step = 2.5 * radius if spacing is None else spacing
            ys = step * ((len(idx) - 1) / 2 - np.arange(len(idx)))
            positions = np.asarray(center, dtype=float) + np.outer(ys, [0.0, 1.0, 0.0])
        positions = np.asarray(positions, dtype=float)
        if positions.shape != (len(idx), 3):
            raise ValueError(f"need one 3D position per index, got {positions.shape}")
        return VGroup(
            *(
                neuron_circle(self.values[i], radius).move_to(p)
                for i, p in zip(idx, positions, strict=True)
            )
        )

    def break_into(
        self, indices: Sequence[int] | np.ndarray, neurons: VGroup, lag_ratio: float = 0.02
    ) -> Animation:
        """Squares of the chosen pixels fly into ``neurons`` (from :meth:`as_neuron_column`).

        The grid stays in place; afterwards the scene holds ``neurons``.
        """
        if len(neurons) != len(indices):
            raise ValueError("one neuron per pixel index is needed")
        return LaggedStart(
            *(
                TransformFromCopy(self.pixel(int(i)), n)
                for i, n in zip(indices, neurons, strict=True)
            ),
            lag_ratio=lag_ratio,
        )


class _PixelReveal(Animation):
    """:meth:`PixelGrid.fade_in`: each pixel's alpha rises on its own lagged schedule."""

    def __init__(self, grid: PixelGrid, **kwargs) -> None:
        super().__init__(grid, introducer=True, **kwargs)

    def begin(self) -> None:
        grid: PixelGrid = self.mobject
        self._pixels = grid.image.pixel_array.copy()
        self._strokes = [outline.stroke_rgbas.copy() for outline in grid.outlines]
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        return self.mobject  # nothing moves: the grid's own colours were kept in begin

    def get_all_mobjects(self) -> tuple[Mobject]:
        return (self.mobject,)

    def interpolate_mobject(self, alpha: float) -> None:
        grid: PixelGrid = self.mobject
        shown = np.array([self.get_sub_alpha(alpha, i, N_PIXELS) for i in range(N_PIXELS)])
        pixels = self._pixels.copy()
        pixels[..., 3] = np.round(pixels[..., 3] * shown.reshape(SIDE_PIXELS, SIDE_PIXELS))
        grid.image.pixel_array = pixels
        middle = shown[SIDE_PIXELS // 2 :: SIDE_PIXELS]
        for outline, stroke, a in zip(grid.outlines, self._strokes, middle, strict=True):
            faded = stroke.copy()
            faded[:, 3] *= a
            outline.stroke_rgbas = faded


def digit_image(x: np.ndarray, side: float) -> Group:
    """The digit as one framed image, for where it is only shown, not taken apart.

    A :class:`PixelGrid`'s 784 squares are redrawn at the start of every animation
    of a scene; one image costs as much as a single square.
    """
    gray = np.round(255 * as_pixel_vector(x)).astype(np.uint8).reshape(SIDE_PIXELS, SIDE_PIXELS)
    rgba = np.stack([gray, gray, gray, np.full_like(gray, 255)], axis=-1)
    image = ImageMobject(rgba).set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
    image.height = side
    frame = SurroundingRectangle(image, color=MUTED, buff=0.0, stroke_width=GRID_STROKE_WIDTH)
    return Group(image, frame)
