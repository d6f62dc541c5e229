"""A row of vertical bars for values in [0, 1], each with its value above and a name below."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, RIGHT, UP, Line, Rectangle, VGroup

from scenes.style import (
    BAR_FILL,
    BAR_OPACITY,
    DIM_TEXT,
    GRID_STROKE_WIDTH,
    MUTED,
    SMALL_SIZE,
    number,
    text,
)

LABEL_BUFF = 0.1  # between a bar and its value / its name


class BarRow(VGroup):
    """Bars standing on one baseline; a bar's height is its value times ``height``.

    Parameters
    ----------
    values
        One value in [0, 1] per bar (a cosine of nearby vectors, a probability ...).
    names
        One name per bar, drawn under it.
    height
        Height of a bar of value 1 (a thin grey line marks that level).
    pitch
        Centre-to-centre distance between bars.
    places
        Decimal places of the values drawn above the bars.

    Attributes
    ----------
    bars, values_text, names
        One each per bar, left to right.
    """

    def __init__(
        self,
        values: np.ndarray,
        names: Sequence[str],
        height: float = 2.5,
        pitch: float = 0.75,
        places: int = 2,
    ) -> None:
        self.values = np.asarray(values, dtype=float)
        if self.values.shape != (len(names),):
            raise ValueError(f"need one value per name, got {self.values.shape}")
        if not np.all(np.isfinite(self.values)) or np.any(np.abs(self.values) > 1):
            raise ValueError("bar values must be finite and in [-1, 1]")
        n = len(names)
        width = 0.6 * pitch
        self.bars = VGroup()
        self.values_text = VGroup()
        self.names = VGroup()
        for k, (v, name) in enumerate(zip(self.values, names, strict=True)):
            x = k * pitch * RIGHT
            bar = Rectangle(
                width=width,
                height=max(abs(v), 1e-3) * height,  # manim cannot draw a zero-height bar
                stroke_width=0,
                fill_color=BAR_FILL,
                fill_opacity=BAR_OPACITY,
            ).move_to(x, aligned_edge=DOWN if v >= 0 else UP)
            self.bars.add(bar)
            label = number(v, places=places, size=SMALL_SIZE)
            self.values_text.add(label.next_to(bar, UP if v >= 0 else DOWN, buff=LABEL_BUFF))
            self.names.add(text(name, size=SMALL_SIZE).next_to(x, DOWN, buff=LABEL_BUFF))
        ends = (-0.5 * pitch * RIGHT, (n - 0.5) * pitch * RIGHT)
        self.baseline = Line(*ends, stroke_color=MUTED, stroke_width=2 * GRID_STROKE_WIDTH)
        self.one = Line(*ends, stroke_color=MUTED, stroke_width=GRID_STROKE_WIDTH)
        self.one.shift(height * UP)
        self.one_label = text("1", size=SMALL_SIZE, color=DIM_TEXT)
        self.one_label.next_to(self.one, RIGHT, buff=0.1)
        super().__init__(
            self.baseline, self.one, self.one_label, self.bars, self.values_text, self.names
        )
