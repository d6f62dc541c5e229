"""A 28x28 grid of squares whose brightness is a digit's pixel values."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    ORIGIN,
    Animation,
    Group,
    ImageMobject,
    LaggedStart,
    Square,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
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


class PixelGrid(VGroup):
    """A digit image as 784 squares: square ``i`` is pixel ``i`` in row-major order.

    Pixel ``i`` sits at row ``i // 28`` (row 0 at the top) and column ``i % 28``,
    the order MNIST stores images in and ``nncore`` feeds them to the network.
    Each square is filled black-to-white by its value, with a thin dim stroke.

    Parameters
    ----------
    values
        784 values (or a 28x28 array) in ``[0, 1]``.
    side
        Width and height of the whole grid, in scene units.

    Examples
    --------
    ::

        grid = PixelGrid(images[0] / 255, side=4)
        self.add(grid)
        self.play(Create(grid.highlight_pixel(14 * 28 + 14)))
    """

    def __init__(self, values: np.ndarray, side: float = 4.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.values = as_pixel_vector(values)
        self.side = side
        self.pixel_size = side / SIDE_PIXELS
        # Copying one square is ~6x faster than building 784 (0.04 s vs 0.3 s).
        prototype = Square(
            side_length=self.pixel_size,
            stroke_color=MUTED,
            stroke_width=GRID_STROKE_WIDTH,
            fill_opacity=1.0,
        )
        rows, cols = np.divmod(np.arange(N_PIXELS), SIDE_PIXELS)
        offsets = self.pixel_size * np.stack(
            [cols - (SIDE_PIXELS - 1) / 2, (SIDE_PIXELS - 1) / 2 - rows, np.zeros(N_PIXELS)],
            axis=1,
        )
        for offset, v in zip(offsets, self.values, strict=True):
            square = prototype.copy().shift(offset)
            square.set_fill(activation_color(v))
            self.add(square)

    def pixel(self, i: int) -> Square:
        """The square of pixel ``i`` (row-major index, 0..783)."""
        return self.submobjects[i]

    def pixels(self, indices: Sequence[int] | np.ndarray) -> VGroup:
        """The squares of the given pixels, in the given order (not copies)."""
        return VGroup(*(self.submobjects[int(i)] for i in indices))

    def set_values(self, values: np.ndarray) -> PixelGrid:
        """Refill every square from new pixel values; works with ``grid.animate``."""
        self.values = as_pixel_vector(values)
        for square, v in zip(self.submobjects, self.values, strict=True):
            square.set_fill(activation_color(v))
        return self

    def highlight_pixel(self, i: int, color: str = HIGHLIGHT) -> Square:
        """A new outline square around pixel ``i``, for the scene to ``Create``."""
        return Square(
            side_length=self.pixel_size * 1.15,
            stroke_color=color,
            stroke_width=HIGHLIGHT_STROKE_WIDTH,
            fill_opacity=0.0,
        ).move_to(self.pixel(i))

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
        """Copies of the chosen pixels fly into ``neurons`` (from :meth:`as_neuron_column`).

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
