"""The cost as a landscape: a slice through one parameter as a curve, through two as a map.

Both take the costs ``nncore.landscape.cost_slice`` computed and never compute one:
the curve is a polyline through the sampled costs, the map one image whose pixels
are the sampled costs, dark where the cost is low (the valleys) and light where it
is high.
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, UP, Axes, Group, ImageMobject, Rectangle, VGroup, VMobject
from manim.constants import RESAMPLING_ALGORITHMS

from scenes.mobjects.training_views import tick_step
from scenes.style import (
    CURVE_AXIS_COLOR,
    CURVE_NAME_SIZE,
    CURVE_NUMBER_SIZE,
    CURVE_STROKE_WIDTH,
    CURVE_TICK_SIZE,
    GRID_STROKE_WIDTH,
    MAP_FRAME,
    TEXT,
    text,
    tick,
)

LOW, HIGH = np.array([0.05, 0.07, 0.12]), np.array([0.75, 0.78, 0.85])  # valley, ridge


def _axis_range(lo: float, hi: float) -> tuple[float, float, float]:
    """A range from a round number below ``lo`` to one above ``hi``, with its tick step."""
    step = tick_step(hi - lo, max_ticks=5)
    return np.floor(lo / step) * step, np.ceil(hi / step) * step, step


class SliceCurve(VGroup):
    """The average cost along one parameter: axes, their names, and the sampled curve.

    Parameters
    ----------
    offsets, costs
        The sampled slice: what was added to the parameter, and the cost there.
    x_name, y_name
        The axes' names, words from the script.
    """

    def __init__(
        self,
        offsets: np.ndarray,
        costs: np.ndarray,
        x_name: str,
        y_name: str,
        x_length: float = 8.5,
        y_length: float = 4.0,
    ) -> None:
        self.offsets = np.asarray(offsets, dtype=float)
        self.costs = np.asarray(costs, dtype=float)
        x_lo, x_hi, x_step = _axis_range(self.offsets.min(), self.offsets.max())
        y_lo, y_hi, y_step = _axis_range(self.costs.min(), self.costs.max())
        self.x_lo = x_lo
        axis = {"color": CURVE_AXIS_COLOR, "stroke_width": 2 * GRID_STROKE_WIDTH,
                "tick_size": CURVE_TICK_SIZE}  # fmt: skip
        # The axes count from the left edge, so that the y axis stands there rather than
        # at offset 0, where the ball starts; the numbers say the offsets.
        self.axes = Axes(
            x_range=[0, x_hi - x_lo, x_step], y_range=[y_lo, y_hi, y_step],
            x_length=x_length, y_length=y_length, axis_config=axis, tips=False,
        )  # fmt: skip
        for line, lo, hi, step, shift in ((self.axes.x_axis, x_lo, x_hi, x_step, x_lo),
                                          (self.axes.y_axis, y_lo, y_hi, y_step, 0.0)):  # fmt: skip
            ticks = np.arange(lo, hi + step / 2, step)
            line.add_labels(
                {t - shift: tick(t) for t in ticks},
                font_size=CURVE_NUMBER_SIZE,
            )  # fmt: skip
        x_label = text(x_name, size=CURVE_NAME_SIZE * 0.8, color=TEXT)
        y_label = text(y_name, size=CURVE_NAME_SIZE * 0.8, color=TEXT)
        x_label.next_to(self.axes.x_axis, DOWN, buff=0.45)
        y_label.next_to(self.axes.y_axis, UP, buff=0.15).align_to(self.axes.y_axis, LEFT)
        self.names = VGroup(x_label, y_label)
        self.curve = VMobject(stroke_color=TEXT, stroke_width=CURVE_STROKE_WIDTH)
        self.curve.set_points_smoothly(self.point_at(self.offsets, self.costs))
        super().__init__(self.axes, self.names, self.curve)

    def point_at(self, offsets: np.ndarray | float, costs: np.ndarray | float) -> np.ndarray:
        """Where ``(offset, cost)`` sits on the axes: ``(3,)`` for one, ``(n, 3)`` for many."""
        xs, ys = np.atleast_1d(offsets), np.atleast_1d(costs)
        points = np.array([self.axes.coords_to_point(x - self.x_lo, y) for x, y in zip(xs, ys)])
        return points[0] if np.ndim(offsets) == 0 else points

    def path_between(self, start: float, end: float) -> VMobject:
        """The curve from offset ``start`` to offset ``end``: what a ball rolls along."""
        lo, hi = sorted((start, end))
        inside = (self.offsets > lo) & (self.offsets < hi)
        xs = np.concatenate([[start], self.offsets[inside][:: 1 if end > start else -1], [end]])
        ys = np.interp(xs, self.offsets, self.costs)
        path = VMobject()
        path.set_points_as_corners(self.point_at(xs, ys))
        return path

    def slope_screen(self, slope: float) -> float:
        """A slope in cost per unit offset as a slope on screen."""
        x_unit = self.axes.x_axis.get_unit_size()
        y_unit = self.axes.y_axis.get_unit_size()
        return slope * y_unit / x_unit


class SliceMap(Group):
    """The average cost over two parameters as one image: dark valleys, light ridges.

    ``costs[k1, k2]`` is the cost with the first parameter moved by ``first[k1]`` and
    the second by ``second[k2]``; the first runs left to right, the second bottom to top.
    """

    def __init__(
        self, first: np.ndarray, second: np.ndarray, costs: np.ndarray, side: float = 4.6
    ) -> None:
        self.first = np.asarray(first, dtype=float)
        self.second = np.asarray(second, dtype=float)
        self.costs = np.asarray(costs, dtype=float)
        t = (self.costs - self.costs.min()) / (np.ptp(self.costs) or 1.0)
        rgb = LOW + t[..., None] * (HIGH - LOW)  # (n1, n2, 3)
        # Rows of an image run top to bottom: the second parameter, highest first.
        pixels = np.transpose(rgb, (1, 0, 2))[::-1]
        rgba = np.concatenate([pixels, np.ones(pixels.shape[:2] + (1,))], axis=2)
        self.image = ImageMobject(np.round(rgba * 255).astype(np.uint8))
        self.image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
        self.image.height = side
        self.frame = Rectangle(width=side, height=side, stroke_color=MAP_FRAME,
                               stroke_width=2 * GRID_STROKE_WIDTH)  # fmt: skip
        super().__init__(self.image, self.frame)

    def point_at(self, a: float, b: float) -> np.ndarray:
        """Where offsets ``(a, b)`` of the two parameters sit on the map."""
        left, bottom = self.frame.get_corner(LEFT + DOWN)[:2]
        u = (a - self.first[0]) / (self.first[-1] - self.first[0])
        v = (b - self.second[0]) / (self.second[-1] - self.second[0])
        side = self.frame.width
        return np.array([left + u * side, bottom + v * side, 0.0])
