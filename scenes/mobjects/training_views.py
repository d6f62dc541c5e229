"""What a training run looks like epoch by epoch: a growing curve, a live heat map, output bars.

Each view draws the rows of a training run's snapshots (``nncore.train.Snapshots``) and
moves to another moment with ``show``, cheaply enough to be called every frame: the
curve resets the points of one VMobject, the heat map replaces the pixels of one image,
the bars stretch ten rectangles, a readout changes only its numbers' glyphs. A scene
drives them from one ``ValueTracker``, through an updater on a part that moves (on the
whole group, the still axes would be redrawn every frame too)::

    epoch = ValueTracker(0)
    cost = LearningCurve(snapshots.cost, y_max=5, y_step=1, x_label='"epoch"', y_label='"cost"')
    self.add(cost)
    cost.curve.add_updater(lambda _: cost.show(epoch.get_value()))
    self.play(epoch.animate.set_value(len(snapshots.cost) - 1), run_time=12)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    DecimalNumber,
    Dot,
    Line,
    Rectangle,
    VGroup,
    VMobject,
)

from scenes.mobjects.weight_map import WeightMap, heat_pixels
from scenes.style import (
    BAR_FILL,
    BAR_OPACITY,
    CURVE_AXIS_COLOR,
    CURVE_DOT_RADIUS,
    CURVE_NAME_SIZE,
    CURVE_NUMBER_SIZE,
    CURVE_STROKE_WIDTH,
    CURVE_TICK_SIZE,
    GRID_STROKE_WIDTH,
    HIGHLIGHT,
    MUTED,
    SMALL_SIZE,
    TEXT,
    digits_bottom,
    formula,
    number,
    text,
    tick,
)


def tick_step(span: float, max_ticks: int = 6) -> float:
    """A round step (1, 2 or 5 times a power of ten) that puts at most ``max_ticks`` ticks
    on ``[0, span]``: 5 for 30 epochs, 200 for 1,000."""
    for power in range(-3, 7):
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0**power
            if span / step <= max_ticks:
                return step
    return span


def epoch_step(epochs: int) -> float:
    """The step of the epoch axis's numbers: :func:`tick_step`, but whole epochs only."""
    return max(1.0, tick_step(epochs))


class LearningCurve(VGroup):
    """One value per epoch, plotted on manim ``Axes`` and drawn up to any moment.

    Parameters
    ----------
    values
        The value before training and after each epoch, ``(epochs + 1,)``.
    y_max, y_step
        The y axis runs from 0 to ``y_max``, numbered every ``y_step``.
    x_label, y_label
        The axes' names, in Typst math syntax (``'"cost"'`` for upright text).
    color
        The curve's colour.
    x_length, y_length
        The axes' size in scene units.

    Attributes
    ----------
    axes, names, curve, head
        The axes with their Typst numbers, their names, the polyline drawn so far and
        the dot at its end.
    """

    def __init__(
        self,
        values: np.ndarray,
        y_max: float,
        y_step: float,
        x_label: str,
        y_label: str,
        color: str = HIGHLIGHT,
        x_length: float = 5.5,
        y_length: float = 2.5,
    ) -> None:
        self.values = np.asarray(values, dtype=float)
        epochs = len(self.values) - 1
        axis = {
            "color": CURVE_AXIS_COLOR,
            "stroke_width": 2 * GRID_STROKE_WIDTH,
            "tick_size": CURVE_TICK_SIZE,
        }
        x_step = epoch_step(epochs)
        self.axes = Axes(
            x_range=[0, epochs, x_step],
            y_range=[0, y_max, y_step],
            x_length=x_length,
            y_length=y_length,
            axis_config=axis,
            tips=False,
        )
        # Typst numbers, given as labels: through ``include_numbers`` they would be
        # DecimalNumbers, whose glyph cache (one for all classes) would then hand Typst
        # digits to every house-font DecimalNumber of the scene.
        for line, top, step in (
            (self.axes.x_axis, epochs, x_step),
            (self.axes.y_axis, y_max, y_step),
        ):
            ticks = np.arange(step, top + step / 2, step)
            line.add_labels(
                {t: tick(t) for t in ticks},
                font_size=CURVE_NUMBER_SIZE,
            )
        self.names = VGroup(
            formula(x_label, size=CURVE_NAME_SIZE), formula(y_label, size=CURVE_NAME_SIZE)
        )
        # Under the x numbers and above the y axis, where no curve can reach them.
        x_name, y_name = self.names
        x_name.next_to(self.axes.x_axis, DOWN, buff=0.35).align_to(self.axes.x_axis, RIGHT)
        y_name.next_to(self.axes.y_axis, UP, buff=0.15).align_to(self.axes.y_axis, LEFT)
        self.curve = VMobject(stroke_color=color, stroke_width=CURVE_STROKE_WIDTH)
        self.head = Dot(radius=CURVE_DOT_RADIUS, color=color)
        super().__init__(self.axes, self.names, self.curve, self.head)
        self.show(0.0)

    def show(self, epoch: float) -> LearningCurve:
        """Draw the curve from epoch 0 to ``epoch`` (between two epochs, part of the segment)."""
        last = len(self.values) - 1
        epoch = float(np.clip(epoch, 0.0, last))
        whole = int(np.floor(epoch))
        points = self.points_of(np.arange(whole + 1))
        if whole < last:
            end = points[-1] + (epoch - whole) * (self.points_of([whole + 1])[0] - points[-1])
            points = np.vstack([points, end])
        # A single point is no line: the head dot alone marks epoch 0.
        self.curve.set_points_as_corners(points if len(points) > 1 else np.vstack([points] * 2))
        self.head.move_to(points[-1])
        return self

    def points_of(self, epochs: np.ndarray | Sequence[int]) -> np.ndarray:
        """Where the values after ``epochs`` sit on the axes, as they are now: (n, 3)."""
        epochs = np.asarray(epochs, dtype=int)
        return np.asarray(self.axes.coords_to_point(epochs, self.values[epochs])).reshape(3, -1).T


class LiveWeightMap(WeightMap):
    """A :class:`WeightMap` whose weights can change, at one fixed colour scale.

    The scale stays put, so a weight that grows shows brighter from one moment to the next.

    Examples
    --------
    ::

        heat = LiveWeightMap(w1_rows[0], side=2.4, scale=np.abs(w1_rows).max())
        heat.show(w1_rows[7])
    """

    def show(self, weights: np.ndarray) -> LiveWeightMap:
        """Recolour every pixel from ``weights``: the same image, new pixels."""
        self.weights = np.asarray(weights, dtype=float)
        self.pixel_array = heat_pixels(self.weights, self.scale_value)
        return self


class OutputBars(VGroup):
    """The ten output activations as bars on one baseline, the largest one lit.

    Parameters
    ----------
    values
        One activation per output neuron.
    top
        The activation drawn ``height`` tall (a thin line marks it): 1 for sigmoid,
        the largest activation shown for an unbounded one.
    names
        One name per bar, drawn under it (the digits 0 to 9).
    height, pitch
        The height of a bar of value ``top``; the distance between bar centres.
    """

    def __init__(
        self,
        values: np.ndarray,
        top: float,
        names: Sequence[str],
        height: float = 1.6,
        pitch: float = 0.42,
    ) -> None:
        self.top, self.full_height = float(top), height
        xs = pitch * np.arange(len(names))
        self.bars = VGroup(
            *(
                Rectangle(width=0.6 * pitch, height=height, stroke_width=0).move_to(
                    x * RIGHT, aligned_edge=DOWN
                )
                for x in xs
            )
        )
        self.names = VGroup(
            *(
                text(name, size=SMALL_SIZE).next_to(x * RIGHT, DOWN, buff=0.1)
                for x, name in zip(xs, names, strict=True)
            )
        )
        ends = ((xs[0] - pitch / 2) * RIGHT, (xs[-1] + pitch / 2) * RIGHT)
        self.baseline = Line(*ends, stroke_color=MUTED, stroke_width=2 * GRID_STROKE_WIDTH)
        self.top_line = Line(*ends, stroke_color=MUTED, stroke_width=GRID_STROKE_WIDTH)
        self.top_line.shift(height * UP)
        super().__init__(self.baseline, self.top_line, self.bars, self.names)
        self.show(values)

    def show(self, values: np.ndarray) -> OutputBars:
        """Set each bar to its value (negative ones hang below the baseline), the largest lit."""
        self.values = np.asarray(values, dtype=float)
        base = self.baseline.get_center()
        largest = int(np.argmax(self.values))
        for k, (bar, v) in enumerate(zip(self.bars, self.values, strict=True)):
            # manim cannot stretch a bar to zero height and back: keep a hair of it.
            h = max(abs(v) / self.top, 1e-3) * self.full_height
            bar.stretch_to_fit_height(h)
            bar.move_to([bar.get_x(), base[1], 0], aligned_edge=DOWN if v >= 0 else UP)
            bar.set_fill(HIGHLIGHT if k == largest else BAR_FILL, opacity=BAR_OPACITY)
        return self


class Readout(VGroup):
    """A line of words and numbers whose numbers change: ``cost 0.46``, ``epoch 3 of 30``.

    The words are drawn once; a number changes by swapping the cached glyphs of a
    ``DecimalNumber``, so a readout can change every frame for the price of a few glyphs.

    Parameters
    ----------
    parts
        The line, left to right: a ``str`` is words, an ``int`` a number shown with
        that many decimal places.
    size, color
        The font size and colour of all of it.

    Examples
    --------
    ::

        cost = Readout(["cost", 2], LABEL_SIZE)
        cost.show(0.058, places=[3])
    """

    def __init__(self, parts: Sequence[str | int], size: float, color: str = TEXT) -> None:
        super().__init__()
        probe = text("0 0", size=size, color=color)
        self.gap = probe[1].get_left()[0] - probe[0].get_right()[0]  # a space
        self.numbers: list[DecimalNumber] = []
        self.rises: list[float] = []  # each part's bottom above the digits' baseline
        for part in parts:
            if isinstance(part, str):
                # The words with a digit after them, to find the baseline under descenders.
                words = text(f"{part}0", size=size, color=color)
                glyphs, zero = VGroup(*words[:-1]), words[-1]
                self.rises.append(glyphs.get_bottom()[1] - zero.get_bottom()[1])
                self.add(glyphs)
            else:
                value = number(0, places=part, size=size, color=color)
                self.numbers.append(value)
                self.rises.append(0.0)
                self.add(value)
        self._arrange()

    def show(self, *values: float, places: Sequence[int] | None = None) -> Readout:
        """Show ``values`` in the number parts, in order (``places``: new decimal places)."""
        for k, (slot, value) in enumerate(zip(self.numbers, values, strict=True)):
            if places is not None:
                slot.num_decimal_places = places[k]
            slot.set_value(value)
        return self._arrange()

    def _arrange(self) -> Readout:
        left, baseline = self.get_left()[0], digits_bottom(self.numbers[0])
        for part, rise in zip(self.submobjects, self.rises, strict=True):
            part.move_to([left, baseline + rise, 0], aligned_edge=LEFT + DOWN)
            if isinstance(part, DecimalNumber):  # its digits on the line, a comma below it
                part.shift((baseline - digits_bottom(part)) * UP)
            left = part.get_right()[0] + self.gap
        return self
