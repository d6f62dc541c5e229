"""Concept 1: a real handwritten digit becomes the 784 neurons of the input layer.

Render with::

    manim -pql scenes/input_layer.py InputLayer
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    UR,
    Brace,
    Create,
    Line,
    Mobject,
    VGroup,
    Write,
)

from nncore import data
from scenes import inputs
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject, ink_indices
from scenes.mobjects.pixel_grid import PixelGrid
from scenes.story import STORY_DIGIT, digit_name
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    TEXT,
    formula,
    number,
    source_note,
    text,
    to_safe_corner,
)


class InputLayer(ExplainerScene):
    """A 28x28 MNIST digit; each pixel's brightness is one input neuron's activation."""

    reads = ("digit",)

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        self.numbers.inputs = {"digit": digit.spec, "label": digit.label}
        grid = self.show_digit(digit)
        self.show_pixel_values(grid, digit)
        column = self.break_into_neurons(grid, digit)
        count = self.count_neurons(column)
        self.ask_what_next(column, count)

    def show_digit(self, digit: inputs.Digit) -> PixelGrid:
        grid = PixelGrid(digit.x, side=4.8).move_to(3.1 * LEFT + 0.35 * UP)
        side = self.numbers.record("grid side", data.SIDE, "nncore.data.SIDE")
        top = Brace(grid, UP, buff=0.1)
        left = Brace(grid, LEFT, buff=0.1)
        top_label = text(str(side), size=LABEL_SIZE).next_to(top, UP, buff=0.1)
        left_label = text(str(side), size=LABEL_SIZE).next_to(left, LEFT, buff=0.1)
        shown = "none"  # the script's word for a digit without a label
        if digit.label is not None:
            shown = self.numbers.record("label", digit.label, f"{digit.source}, its label")
        note = source_note(self.words("digit-note", source=digit_name(digit), label=shown))
        to_safe_corner(note, UR)
        with self.beat("digit", say=self.say("digit", label=shown, side=side)):
            self.play(grid.fade_in(), OpacityFadeIn(note), run_time=2)
            self.play(Create(top), Create(left), Write(top_label), Write(left_label))
        self.play(OpacityFadeOut(VGroup(top, left, top_label, left_label)), run_time=0.5)
        return grid

    def show_pixel_values(self, grid: PixelGrid, digit: inputs.Digit) -> None:
        """The brightest pixel, a half-lit one and an empty one, each with its value."""
        x = digit.x
        rows, cols = np.divmod(np.arange(x.size), data.SIDE)
        distance_to_centre = np.hypot(rows - data.SIDE / 2, cols - data.SIDE / 2)
        empty = np.flatnonzero(x == 0)
        picks = [
            int(np.argmax(x)),
            int(np.argmin(np.abs(x - 0.5))),
            int(empty[np.argmin(distance_to_centre[empty])]),  # e.g. inside the loop of a 9
        ]
        values = [
            self.numbers.record(f"pixel {i}", float(x[i]), f"{digit.source}, pixel {i}")
            for i in picks
        ]
        marks = VGroup()
        first, second, third = values
        say = self.say("pixel-values", first=first, second=second, third=third)
        with self.beat("pixel-values", say=say):
            for row, (i, value) in enumerate(zip(picks, values)):
                ring = grid.highlight_pixel(i)
                shown = number(value, places=2)
                shown.next_to(grid, RIGHT, buff=1.3).align_to(grid, UP).shift(
                    (0.6 + 0.8 * row) * DOWN
                )
                link = Line(ring.get_right(), shown.get_left(), buff=0.1, stroke_width=1.5)
                link.set_color(HIGHLIGHT)
                self.play(Create(ring), Create(link), OpacityFadeIn(shown), run_time=1.2)
                marks.add(ring, link, shown)
        self.play(OpacityFadeOut(marks), run_time=0.5)

    def break_into_neurons(self, grid: PixelGrid, digit: inputs.Digit) -> NetworkMobject:
        """The pixels become a column of neurons; 16 of the 784 are drawn."""
        shown = ink_indices(digit.x)
        column = NetworkMobject(sizes=(data.SIDE**2,), shown={0: shown}, neuron_spacing=0.3)
        column.move_to(1.6 * RIGHT + 0.4 * UP)
        column.set_activations(0, digit.x)
        neurons = grid.as_neuron_column(shown, positions=column.layer_positions(0))
        labelled = shown[::3]  # every third drawn neuron gets its number written beside it
        brightest = int(max(labelled, key=lambda i: digit.x[i]))
        say = self.say("input-neurons", lit=digit.x[brightest])
        with self.beat("input-neurons", say=say):
            self.play(grid.break_into(shown, neurons), run_time=2.5)
            self.add(column)
            self.remove(neurons)
            self.play(OpacityFadeIn(column.ellipses), OpacityFadeIn(column.braces))
            values = VGroup()
            for i in labelled:
                a = self.numbers.record(
                    f"activation {i}", float(digit.x[i]), f"{digit.source}, pixel {i}"
                )
                color = HIGHLIGHT if i == brightest else TEXT
                shown_value = number(a, places=2, size=LABEL_SIZE, color=color)
                values.add(shown_value.next_to(column.neuron(0, i), RIGHT))
            self.play(OpacityFadeIn(values, lag_ratio=0.2), run_time=1.5)
        self.play(OpacityFadeOut(values), run_time=0.5)
        return column

    def count_neurons(self, column: NetworkMobject) -> Mobject:
        side = data.SIDE
        total = self.numbers.record("input neurons", side * side, "nncore.data.SIDE squared")
        count = formula(f"{side} times {side} = {total}", size=40)
        count.next_to(column, RIGHT, buff=0.8)
        with self.beat("784", say=self.say("neuron-count", total=total)):
            self.play(Write(count))
        return count

    def ask_what_next(self, column: NetworkMobject, count: Mobject) -> None:
        """A column of brightnesses is not an answer yet: the layers between come next."""
        question = text("?", size=120, color=HIGHLIGHT).move_to(count)
        with self.beat("what-next", say=self.say("what-next")) as beat:
            self.play(OpacityFadeOut(count), run_time=0.8)
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(question, shift=0.3 * LEFT), run_time=1.2)
