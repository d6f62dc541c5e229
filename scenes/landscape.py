"""Gradient descent on a real landscape: the average cost along one weight, then two.

The untrained network's cost, averaged over the 4,000 training digits, depends on all
of its parameters. One real weight (the one whose slope is steepest) is moved while
every other stays put, and ``nncore.landscape`` gives the cost along it: a curve. A
ball rolls down it in steps of ``-eta * slope``, real steps, then rolls again with
steps too long. Then two weights give a surface, the negative gradient an arrow on it,
and two walks down it: careful steps, each with the slope over every training digit,
and quick ones, each with the slope over one mini-batch of the training run's first
epoch (stochastic gradient descent).

Render with::

    manim -pql scenes/landscape.py CostLandscape
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    ArcBetweenPoints,
    Arrow,
    Create,
    Dot,
    FadeIn,
    Line,
    Mobject,
    MoveAlongPath,
    TracedPath,
    VGroup,
    Write,
)

from nncore import data
from nncore.landscape import Digits, cost_slice, descend, local_minima, slope, steepest
from nncore.mlp import Network
from nncore.train import BATCH_SIZE, TRAIN_SEED
from scenes import inputs
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.landscape_views import SliceCurve, SliceMap
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    TEXT,
    formula,
    source_note,
    text,
    within_safe_area,
)

SMALL_ETA = 5.0  # a step size that walks into the valley
MAP_ETA = 10.0  # the same on the two-weight map, whose valley lies further off
LONG_STEPS = 8  # how many times longer the steps that overshoot are
STEPS = 6
SAMPLES = 121  # points of the curve
MAP_SAMPLES = 31  # points a side of the two-weight map
MAP_RANGE = (-5.0, 1.0)  # offsets on the map: the start, the valley, and room to stumble
MAP_STEPS = 12
STEP_SECONDS = 0.35  # a step on the map takes at least this long
FLAT = 0.02  # a slope below this fraction of the start's counts as a plain
NOTE_BUFF = 0.75  # the corner note inside the title-safe area


def training_digits() -> Digits:
    """The 4,000 training digits of ``nncore.data.split``, which the cost is averaged over."""
    images, labels = data.load_mnist()
    train, _ = data.split()
    return Digits(images[train], labels[train])


def other_output_weight(net: Network, digits: Digits, weight: int) -> int:
    """The steepest weight into another neuron than ``weight``'s: the two dials then move
    the cost independently, and the map shows a valley with a corner."""
    _, layer, (row, _) = net.locate(weight)
    for index in steepest(net, digits, count=net.n_params):
        kind, l, where = net.locate(index)
        if (l, where[0]) != (layer, row):
            return index
    return steepest(net, digits, count=2)[1]


class CostLandscape(ExplainerScene):
    """The cost as a landscape: a real slice, a ball rolling down it, a step too long."""

    reads = ("seed", "weights", "activation")

    def construct(self) -> None:
        net = inputs.untrained()
        digits = training_digits()
        (weight,) = steepest(net, digits)
        self.numbers.inputs = {"network": "untrained", "seed": inputs.untrained_seed()}
        params = self.numbers.record("parameters", net.n_params, "nncore.mlp.n_params")
        # Said as people say it: "some thirteen thousand" (the screen shows every digit).
        thousands = self.numbers.record("parameters, in thousands", round(params / 1000),
                                        "nncore.mlp.n_params, rounded")  # fmt: skip
        self.ask_the_question(digits, params, thousands)
        view, name = self.slice_one_weight(net, digits, weight)
        ball = self.start_the_ball(net, digits, weight, view)
        self.roll_downhill(net, digits, weight, view, ball, name)
        self.overshoot(net, digits, weight, view, name)
        marks = self.count_valleys(view)
        self.play(OpacityFadeOut(VGroup(view, name, ball, marks)), run_time=0.6)
        view, ball, pair = self.two_weights(net, digits, weight)
        careful, steps = self.careful_path(net, digits, view, ball, pair)
        legend = self.stumble(net, digits, view, ball, pair, careful, steps)
        self.in_every_dimension(view, legend, params, thousands)

    def ask_the_question(self, digits: Digits, params: int, thousands: int) -> None:
        n = self.numbers.record("training digits", len(digits.labels), "nncore.data.split()")
        left = formula(f"C(w_1, w_2, dots, w_({params}))", size=44)
        arrow = formula("arrow.r", size=44)
        right = text(self.words("one-number"), color=HIGHLIGHT)
        machine = VGroup(left, arrow, right).arrange(RIGHT, buff=0.4).shift(0.4 * UP)
        caption = text(self.words("cost-function", params=params), size=LABEL_SIZE)
        caption.next_to(left, DOWN, buff=0.35)
        with self.beat("question", say=self.say("question", digits=n, thousands=thousands)):
            self.play(Write(left), run_time=1.5)
            self.play(OpacityFadeIn(caption))
            self.play(Write(arrow), OpacityFadeIn(right))
        self.play(OpacityFadeOut(VGroup(machine, caption)), run_time=0.5)

    def _layer_words(self, net: Network, index: int) -> tuple[str, int, int]:
        """The layer a weight leaves, in words, and the neurons it joins."""
        _, l, (j, k) = net.locate(index)
        position = "input" if l == 1 else "hidden"
        name = net.parameter_name(index)
        layer = self.numbers.record(f"layer of {name}", l - 1, f"{name}: the layer it leaves")
        return self.words("layer-name", position=position, layer=layer), k, j

    def slice_one_weight(
        self, net: Network, digits: Digits, weight: int
    ) -> tuple[SliceCurve, Mobject]:
        layer_name, k, j = self._layer_words(net, weight)
        source = f"nncore.landscape.cost_slice, {net.parameter_name(weight)}"
        offsets = np.linspace(-15.0, 10.0, SAMPLES)
        costs = cost_slice(net, [weight], [offsets], digits)
        self.numbers.record("cost slice", {
            "parameters": [net.parameter_name(weight)], "network": "untrained, seed "
            f"{inputs.untrained_seed()}", "digits": "training",
            "points": [[float(o), float(c)] for o, c in zip(offsets, costs)],
        }, source)  # fmt: skip
        frm = self.numbers.record("weight from", k, f"{net.parameter_name(weight)}, its column")
        to = self.numbers.record("weight to", j, f"{net.parameter_name(weight)}, its row")
        view = SliceCurve(offsets, costs, self.words("x-axis"), self.words("y-axis"),
                          x_length=9.6, y_length=3.2)  # fmt: skip
        # The axes a little above the middle: the corner note and the weight's name above,
        # the axis's name clear of the subtitles below.
        view.shift(0.25 * UP + 0.3 * RIGHT - view.axes.get_center() * [1, 1, 0])
        name = text(self.words("weight-name", layer_name=layer_name, to=to, **{"from": frm}),
                    size=0.9 * LABEL_SIZE, color=HIGHLIGHT)  # fmt: skip
        # In the plot's empty upper left: the cost is low there, the curve far below.
        name.move_to(view.point_at(view.offsets[0], view.costs.max()), aligned_edge=UL)
        name.shift(0.4 * RIGHT)
        note = source_note(self.words("cost-note", seed=inputs.untrained_seed(),
                                      digits=len(digits.labels)))  # fmt: skip
        note.to_corner(UL, buff=NOTE_BUFF)
        say = self.say("slice", layer_name=layer_name, to=to)
        with self.beat("slice", say=say):
            self.play(OpacityFadeIn(note), Create(view.axes), OpacityFadeIn(view.names))
            self.play(OpacityFadeIn(name))
            self.play(Create(view.curve), run_time=2.5)
        return view, name

    def start_the_ball(self, net: Network, digits: Digits, weight: int, view: SliceCurve) -> Dot:
        start_cost = float(np.interp(0.0, view.offsets, view.costs))
        at = view.point_at(0.0, start_cost)
        ball = Dot(at, radius=0.12, color=HIGHLIGHT)
        (rise,) = slope(net, [weight], digits)
        self.numbers.record("slope at the start", float(rise), "nncore.landscape.slope")
        direction = np.array([1.0, view.slope_screen(rise), 0.0])
        direction /= np.linalg.norm(direction)
        tangent = Line(at - 1.6 * direction, at + 1.6 * direction, color=HIGHLIGHT)
        say = self.say("slope", rises="right" if rise > 0 else "left")
        with self.beat("slope", say=say):
            self.play(FadeIn(ball, scale=0.5))
            self.play(Create(tangent))
        self.play(OpacityFadeOut(tangent), run_time=0.5)
        return ball

    def roll_downhill(
        self, net: Network, digits: Digits, weight: int, view: SliceCurve, ball: Dot, name: Mobject
    ) -> None:
        eta = self.numbers.record("small step size", SMALL_ETA, "the scene's choice")
        path = descend(net, [weight], [0.0], eta, STEPS, digits)
        self.numbers.record("small steps", path.tolist(), "nncore.landscape.descend")
        start = self.numbers.record("cost at the start", float(path[0, 1]), "descend")
        end = self.numbers.record("cost after the small steps", float(path[-1, 1]), "descend")
        note = source_note(self.words("step-note", eta=eta))
        note.next_to(name, DOWN, buff=0.2, aligned_edge=LEFT)
        trail = TracedPath(ball.get_center, stroke_color=HIGHLIGHT, stroke_width=2,
                           dissipating_time=None)  # fmt: skip
        self.add(trail)
        with self.beat("roll", say=self.say("roll", start=start, end=end)) as beat:
            self.play(OpacityFadeIn(note), run_time=0.5)
            for (a, _), (b, _) in zip(path[:-1], path[1:]):
                self.play(MoveAlongPath(ball, view.path_between(a, b)),
                          run_time=max(0.4, beat.duration / (2 * STEPS)))  # fmt: skip
        # The ball stays, dimmed, where the small steps took it.
        self.play(OpacityFadeOut(note), ball.animate.set_opacity(0.35), run_time=0.5)
        trail.clear_updaters()
        self.remove(trail)

    def overshoot(
        self, net: Network, digits: Digits, weight: int, view: SliceCurve, name: Mobject
    ) -> None:
        times = self.numbers.record("times longer", LONG_STEPS, "the scene's choice")
        eta = self.numbers.record("long step size", SMALL_ETA * LONG_STEPS, "the scene's choice")
        path = descend(net, [weight], [0.0], eta, 3, digits)
        self.numbers.record("long steps", path.tolist(), "nncore.landscape.descend")
        floor = int(np.argmin(view.costs))
        beyond = (path[1, 0] - view.offsets[floor]) * path[1, 0] > 0  # past the floor, same way
        past = bool(beyond and path[1, 1] > view.costs[floor])
        flat = abs(path[2, 0] - path[1, 0]) < FLAT * abs(path[1, 0])
        ball = Dot(view.point_at(0.0, path[0, 1]), radius=0.12, color=HIGHLIGHT)
        note = source_note(self.words("long-step-note", eta=eta, times=times))
        note.next_to(name, DOWN, buff=0.2, aligned_edge=LEFT)
        say = self.say("overshoot", times=times, past="yes" if past else "no",
                       stuck="yes" if flat else "no")  # fmt: skip
        with self.beat("overshoot", say=say) as beat:
            self.play(FadeIn(ball, scale=0.5), OpacityFadeIn(note), run_time=0.6)
            self.wait_for_sentence(beat, 2)
            leap = ArcBetweenPoints(ball.get_center(), view.point_at(*path[1]), angle=-1.2)
            self.play(MoveAlongPath(ball, leap), run_time=1.2)
            self.wait_for_sentence(beat, 3)
            for (a, _), (b, _) in zip(path[1:-1], path[2:]):
                self.play(MoveAlongPath(ball, view.path_between(a, b)), run_time=0.6)
        self.play(OpacityFadeOut(VGroup(ball, note)), run_time=0.5)

    def count_valleys(self, view: SliceCurve) -> VGroup:
        costs = view.costs
        valleys = local_minima(costs)
        count = self.numbers.record("valleys in the slice", len(valleys), "local_minima")
        marks = VGroup(*(Dot(view.point_at(view.offsets[k], costs[k]), radius=0.07,
                             color=TEXT) for k in valleys))  # fmt: skip
        with self.beat("valleys", say=self.say("valleys", valleys="one" if count == 1 else count)):
            self.play(OpacityFadeIn(marks))
        return marks

    def two_weights(
        self, net: Network, digits: Digits, weight: int
    ) -> tuple[SliceMap, Dot, list[int]]:
        second = other_output_weight(net, digits, weight)
        layer_name, _, _ = self._layer_words(net, second)
        grid = np.linspace(*MAP_RANGE, MAP_SAMPLES)
        costs = cost_slice(net, [weight, second], [grid, grid], digits)
        self.numbers.record("cost slice", {
            "parameters": [net.parameter_name(weight), net.parameter_name(second)],
            "network": f"untrained, seed {inputs.untrained_seed()}", "digits": "training",
            "points": [[float(a), float(b), float(costs[i, j])] for i, a in enumerate(grid)
                       for j, b in enumerate(grid)],
        }, "nncore.landscape.cost_slice")  # fmt: skip
        view = SliceMap(grid, grid, costs).shift(0.2 * UP + 1.2 * LEFT)
        x_name = text(self.words("x-axis"), size=LABEL_SIZE).next_to(view, DOWN, buff=0.2)
        y_name = text(self.words("second-axis"), size=LABEL_SIZE).rotate(np.pi / 2)
        y_name.next_to(view, LEFT, buff=0.2)
        grad = slope(net, [weight, second], digits)
        self.numbers.record("gradient of the two", grad.tolist(), "nncore.landscape.slope")
        start = view.point_at(0.0, 0.0)
        down = -grad / np.linalg.norm(grad)
        arrow = Arrow(start, start + 1.4 * np.array([*down, 0.0]), buff=0, color=HIGHLIGHT,
                      stroke_width=5)  # fmt: skip
        ball = Dot(start, radius=0.1, color=HIGHLIGHT)
        say = self.say("surface", second_name=layer_name)
        with self.beat("surface", say=say):
            self.play(FadeIn(view), OpacityFadeIn(VGroup(x_name, y_name)))
            self.play(FadeIn(ball, scale=0.5), Create(arrow))
        self.play(OpacityFadeOut(arrow), run_time=0.4)
        return view, ball, [weight, second]

    def walk(
        self, view: SliceMap, ball: Dot, path: np.ndarray, color: str, seconds: float
    ) -> VGroup:
        """The ball walks ``path``'s steps on the map, each drawn as a line behind it."""
        steps = VGroup()
        for (a, b, _), (c, d, _) in zip(path[:-1], path[1:]):
            step = Line(view.point_at(a, b), view.point_at(c, d), color=color)
            steps.add(step)
            self.play(Create(step), ball.animate.move_to(view.point_at(c, d)),
                      run_time=seconds / (len(path) - 1))  # fmt: skip
        return steps

    def careful_path(
        self, net: Network, digits: Digits, view: SliceMap, ball: Dot, pair: list[int]
    ) -> tuple[np.ndarray, VGroup]:
        eta = self.numbers.record("map step size", MAP_ETA, "the scene's choice")
        path = descend(net, pair, [0.0, 0.0], eta, MAP_STEPS, digits)
        self.numbers.record("map steps", path.tolist(), "nncore.landscape.descend")
        with self.beat("path", say=self.say("path")) as beat:
            seconds = max(MAP_STEPS * STEP_SECONDS, beat.duration * 0.6)
            steps = self.walk(view, ball, path, HIGHLIGHT, seconds)
        return path, steps

    def stumble(
        self,
        net: Network,
        digits: Digits,
        view: SliceMap,
        ball: Dot,
        pair: list[int],
        careful: np.ndarray,
        careful_steps: VGroup,
    ) -> VGroup:
        """Mini-batch steps on the same map: the quick, stumbling walker beside the careful one."""
        batch = self.numbers.record("mini-batch size", BATCH_SIZE, "nncore.train.BATCH_SIZE")
        seed = self.numbers.record("mini-batch seed", TRAIN_SEED, "nncore.train.TRAIN_SEED")
        ratio = self.numbers.record("mini-batch steps per full step", len(digits.labels) // batch,
                                    "training digits / mini-batch size")  # fmt: skip
        path = descend(net, pair, [0.0, 0.0], MAP_ETA, MAP_STEPS, digits, batch_size=batch,
                       seed=seed)  # fmt: skip
        source = f"nncore.landscape.descend, batch_size {batch}, seed {seed}"
        self.numbers.record("mini-batch map steps", path.tolist(), source)
        # "As low" when it ends within a hundredth of the careful walker's cost.
        low = abs(path[-1, 2] - careful[-1, 2]) < 0.01
        walker = Dot(view.point_at(0.0, 0.0), radius=0.1, color=HIGHLIGHT)
        legend = VGroup(
            text(self.words("careful-legend", digits=len(digits.labels)), size=LABEL_SIZE),
            text(self.words("quick-legend", batch=batch), size=LABEL_SIZE, color=HIGHLIGHT),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        legend.next_to(view, RIGHT, buff=0.5).align_to(view, UP)
        say = self.say("stumble", batch=batch, ratio=ratio, low="yes" if low else "no")
        with self.beat("stumble", say=say) as beat:
            self.play(careful_steps.animate.set_color(TEXT), ball.animate.set_color(TEXT),
                      OpacityFadeIn(legend[0]), run_time=0.6)  # fmt: skip
            self.wait_for_sentence(beat, 1)
            self.play(FadeIn(walker, scale=0.5), OpacityFadeIn(legend[1]), run_time=0.5)
            self.wait_for_sentence(beat, 2)
            seconds = max(MAP_STEPS * STEP_SECONDS, beat.sentence_start(3) - self.renderer.time)
            self.walk(view, walker, path, HIGHLIGHT, seconds)
        return legend

    def in_every_dimension(
        self, view: SliceMap, legend: VGroup, params: int, thousands: int
    ) -> None:
        note = text(self.words("dimensions-note", params=params), color=HIGHLIGHT)
        note.next_to(legend, DOWN, buff=0.6, aligned_edge=LEFT)
        within_safe_area(note)
        with self.beat("dimensions", say=self.say("dimensions", thousands=thousands)):
            self.play(Write(note))
