"""The network learns (a chapter between concepts 6 and 7): a real training run, epoch by epoch.

Every moment shown is a snapshot nncore kept while training (``nncore.train.Snapshots``):
the average cost over the 4,000 training digits and the held-out accuracy, one first-layer
neuron's 784 weights, one held-out digit's ten outputs, before training and after each
epoch. For the shipped network they are the snapshots of the very run that made it. A
network that kept none (a PyTorch ``.safetensors``, an older ``.npz``) gets a stand-in of
the same shape, trained here with the default recipe and cached
(``nncore.train.learning_history``); the scene says so on screen.

Between two snapshots the curves grow along the straight segment that joins them; the
heat maps, the bars and every number step from one snapshot to the next, so each frame
shows recorded values only.

Render with::

    manim -pql scenes/learning.py NetworkLearns

Your own network, with its own training history or without::

    NNEXPLAIN_WEIGHTS=my_net.npz manim -pql scenes/learning.py NetworkLearns
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Create,
    Group,
    Mobject,
    SurroundingRectangle,
    ValueTracker,
    VGroup,
    Write,
)

from nncore import data, train
from nncore.mlp import Network
from nncore.noise import NOISE_SEED, noise_image
from nncore.weights import N_INPUTS, dashed
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene, NumbersLog
from scenes.mobjects.cost_terms import decimal_places
from scenes.mobjects.pixel_grid import digit_image
from scenes.mobjects.training_views import (
    LearningCurve,
    LiveWeightMap,
    OutputBars,
    Readout,
    epoch_step,
    tick_step,
)
from scenes.style import (
    ACCURACY_CURVE,
    COST_CURVE,
    HIGHLIGHT,
    LABEL_SIZE,
    MAP_FRAME,
    safe_area,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
    written,
)

# The training beat spends longer on the first epochs, where most of the learning is:
# the epoch shown is ``epochs * t ** EPOCH_PACE`` at fraction t of the beat.
EPOCH_PACE = 1.6
MIN_TRAINING_SECONDS = 12.0  # however short the narration, the run takes this long
# The heat maps' colour scale: this percentile of the |weights| shown over the whole run.
# Brighter ones (1 %) saturate, so that a few large weights do not leave the rest black.
MAP_SCALE_PERCENTILE = 99
ACCURACY_AXIS = (100, 50)  # percent: the top, and the step of the numbers
COST_HEADROOM = 1.1  # the cost axis reaches past the first cost, to label it above its point
START_LABEL_BUFF = 0.15  # between a curve's first point and the label of its value
# Where things sit, inside the safe area: the two curves down the left, under the note
# on the snapshots; the neuron's maps and the digit's outputs down the right.
CURVE_SIZE = (5.0, 1.35)
CURVE_GAP = 0.3  # between the cost curve's epoch numbers and the accuracy's name
NOTE_GAP = 0.2  # between the note on the snapshots and the cost curve
MAP_SIDE = 1.3
MAPS_CENTER = (3.0, 1.95, 0.0)
MAP_GAP = 1.8
DIGIT_SIDE = 1.2
BARS_HEIGHT = 1.1
OUTPUTS_CENTER = (3.2, -1.0, 0.0)
RULE_WIDTH = 5.3  # the stated rules for the neuron and the digit wrap at this width
NOTE_WIDTH = 6.0  # ... and the note on the snapshots, above the curves

SURE = 0.5  # a top output past this is the network being sure of its answer


@dataclass(frozen=True)
class Run:
    """The recorded numbers of one training run, as the scene shows and says them."""

    history: train.History
    sizes: tuple[int, ...]
    activation: str
    label: int  # of the followed digit
    x: np.ndarray  # the followed digit's 784 pixels
    steps_per_epoch: int
    guesses: np.ndarray  # (epochs + 1,): the followed digit's strongest output
    first_right: int  # the first epoch after which it is guessed right (-1: never)
    change: np.ndarray  # (epochs + 1, 784): the neuron's weights minus its untrained ones
    weights_scale: float  # the |weight| drawn at full colour, in the map of the weights
    change_scale: float  # ... and in the map of what training changed
    cost_axis: tuple[float, float]  # the cost axis's top and the step of its numbers

    @property
    def snapshots(self) -> train.Snapshots:
        return self.history.snapshots

    @property
    def epochs(self) -> int:
        return self.history.epochs

    @property
    def eta(self) -> float:
        return self.history.recipe["learning_rate"]


def record_run(numbers: NumbersLog, history: train.History, net: Network) -> Run:
    """Log every number the scene plots, shows or says, and gather them in a :class:`Run`."""
    s, recipe = history.snapshots, history.recipe
    source = {
        train.SHIPPED: "snapshots of the shipped network's training run",
        train.OWN: "snapshots of the weights file's own training run",
        train.STAND_IN: f"snapshots of a stand-in trained for the scene ({history.path.name})",
    }[history.origin]
    record = numbers.record
    record("sizes", list(net.sizes), "the network's layer widths (nncore.mlp.Network.sizes)")
    record("epochs", history.epochs, f"{source}: one row per epoch after the start")
    record("seed", recipe["seed"], f"{source}: metadata")
    record("eta", recipe["learning_rate"], f"{source}: metadata")
    n_train = record("training digits", recipe["train_digits"], f"{source}: metadata")
    record("held-out digits", recipe["test_digits"], f"{source}: metadata")
    batch = record("batch size", recipe["batch_size"], f"{source}: metadata")
    steps = record("steps per epoch", math.ceil(n_train / batch), "training digits / batch size")
    record("gradient steps", history.epochs * steps, "epochs x steps per epoch")
    record("cost", s.cost, f"{source}: mean quadratic cost over the training digits")
    top = nice_ceiling(COST_HEADROOM * float(s.cost.max()))
    cost_axis = record("cost axis", top, f"{COST_HEADROOM} x the largest cost, rounded up")
    record("epoch axis step", epoch_step(history.epochs), "whole epochs, at most 6 numbers")
    record("held-out accuracy", s.accuracy, f"{source}: fraction of held-out digits right")
    record("neuron", s.neuron, f"{source}: {train.FOLLOWED_NEURON}")
    record("weights per neuron", N_INPUTS, "nncore.weights.N_INPUTS")
    record("neuron weights", s.w1_row, f"{source}: the weights into the neuron")
    change = s.w1_row - s.w1_row[0]
    record("unchanged weights", int(np.sum(change[-1] == 0)), "weights equal before and after")
    record("uninked pixels", int(np.sum(train.uninked_pixels())), "nncore.train.uninked_pixels")
    scale = f"percentile {MAP_SCALE_PERCENTILE} of the |values| over all epochs"
    weights_scale = record("weights map scale", map_scale(s.w1_row), scale)
    change_scale = record("change map scale", map_scale(change), scale)
    record("digit", s.digit, f"{source}: {train.FOLLOWED_DIGIT}")
    x, label = data.mnist_digit(s.digit)
    record("label", label, f"MNIST digit {s.digit}, its label")
    record("outputs", s.outputs, f"{source}: the digit's ten output activations")
    guesses = record("guesses", s.outputs.argmax(axis=1), "the largest output of each row")
    right = np.flatnonzero(guesses == label)
    first_right = record("first right epoch", int(right[0]) if len(right) else -1, "guesses")
    return Run(
        history, net.sizes, net.activation, label, x, steps, guesses, first_right, change,
        weights_scale, change_scale, cost_axis,
    )  # fmt: skip


def words(message_id: str, **args: object) -> str:
    """A message of this scene's script file, learning.ftl."""
    return script.current().words("learning", message_id, **args)


def history_lines(run: Run) -> list[str]:
    """Where the snapshots come from, for the corner of the screen."""
    r = run.history.recipe
    recipe = {"seed": r["seed"], "epochs": run.epochs, "eta": r["learning_rate"]}
    if run.history.origin == train.SHIPPED:
        return [words("history-shipped", **recipe)]
    if run.history.origin == train.OWN:
        return [words("history-own", **recipe)]
    return [
        words("history-stand-in"),
        words("stand-in", shape=dashed(run.sizes), activation=run.activation, **recipe),
    ]


def percent(fraction: float) -> str:
    """A share as on screen: ``9.5 %``."""
    return words("share", share=100 * fraction)


def cost_text(c: float) -> str:
    """A cost with two significant digits and at least two places: 4.82, 0.46, 0.058."""
    return written(c, decimal_places(c), grouping=False)


def cost_number(c: float) -> script.FluentNumber:
    """A cost for the narration, with the places of :func:`cost_text`."""
    return script.fixed(c, decimal_places(c))


def typst_words(message_id: str) -> str:
    """A message of learning.ftl as a Typst string, for a formula."""
    return script.typst_string(words(message_id))


def wrapped_note(s: str, width: float) -> VGroup:
    """Small print broken between words into lines about ``width`` wide, left-aligned.

    The line length comes from the width of the whole note set in one line (a Text
    costs tens of milliseconds: one per line, not one per word tried).
    """
    whole = source_note(s)
    if whole.width <= width:
        return VGroup(whole)
    lines = textwrap.wrap(s, int(len(s) * width / whole.width))
    return VGroup(*(source_note(line) for line in lines)).arrange(
        DOWN, aligned_edge=LEFT, buff=0.06
    )


def map_scale(values: np.ndarray) -> float:
    """The |value| drawn at full colour: see MAP_SCALE_PERCENTILE (at least the smallest
    positive one, so that an all-zero map is still a map)."""
    return float(np.percentile(np.abs(values), MAP_SCALE_PERCENTILE)) or 1.0


def nice_ceiling(value: float) -> tuple[float, float]:
    """An axis top at or above ``value`` and its tick step: (5, 1) for 4.82."""
    step = tick_step(value, max_ticks=5)
    return float(step * np.ceil(value / step)), step


@dataclass
class Views:
    """Everything the scene draws; the moving parts can show any moment of the run."""

    notes: VGroup  # where the snapshots come from
    cost: LearningCurve
    accuracy: LearningCurve
    cost_now: Readout
    accuracy_now: Readout
    counter: Readout
    weights: LiveWeightMap
    change: LiveWeightMap
    map_labels: VGroup  # the neuron's name, then each map's caption and frame
    digit: Group
    bars: OutputBars
    guess: Readout

    shown: int = -1  # the snapshot row on screen

    def show(self, run: Run, epoch: float) -> None:
        """The curves up to ``epoch``, everything else at the snapshot before it."""
        self.cost.show(epoch)
        self.accuracy.show(epoch)
        e = int(epoch)
        if e == self.shown:  # most frames: only the curves move
            return
        self.shown = e
        c, a, outputs = run.snapshots.cost[e], run.snapshots.accuracy[e], run.snapshots.outputs[e]
        self.cost_now.show(c, places=[decimal_places(c)])
        self.accuracy_now.show(100 * a)
        self.counter.show(e)
        self.weights.show(run.snapshots.w1_row[e])
        self.change.show(run.change[e])
        self.bars.show(outputs)
        self.guess.show(run.guesses[e], outputs.max())

    def moving(self) -> list[Mobject]:
        """What changes from one moment to the next (the axes, words and frames do not)."""
        return [
            *(self.cost.curve, self.cost.head, self.accuracy.curve, self.accuracy.head),
            *(self.cost_now, self.accuracy_now, self.counter, self.guess),
            *(self.weights, self.change, self.bars.bars),
        ]


def lay_out(run: Run) -> Views:
    """The two curves on the left, the neuron's maps and the digit's outputs on the right."""
    width, height = CURVE_SIZE
    top, step = run.cost_axis
    notes = VGroup(*(wrapped_note(line, NOTE_WIDTH) for line in history_lines(run)))
    to_safe_corner(notes.arrange(DOWN, aligned_edge=LEFT, buff=0.06), UL)
    if run.history.origin == train.STAND_IN:
        notes[0].set_color(HIGHLIGHT)  # not the network asked for: say so where it shows
    epoch = typst_words("epoch")
    cost = LearningCurve(
        run.snapshots.cost, top, step, epoch, typst_words("cost-axis"), COST_CURVE, width, height
    )
    accuracy = LearningCurve(
        100 * run.snapshots.accuracy,
        *ACCURACY_AXIS,
        epoch,
        f"{typst_words('accuracy-axis')} (%)",
        ACCURACY_CURVE,
        width,
        height,
    )
    # Down the left under the notes, the accuracy's numbers above the subtitles' band.
    curves = VGroup(cost, accuracy).arrange(DOWN, buff=CURVE_GAP)
    _, _, bottom, _ = safe_area()
    room = notes.get_bottom()[1] - NOTE_GAP - bottom
    if curves.height > room:
        curves.scale(room / curves.height)
    to_safe_edge(curves, LEFT + DOWN)
    # Each readout sits where its curve is not: the cost falls away from the top right,
    # the accuracy climbs away from the bottom right.
    cost_now = Readout([words("cost-readout"), 2], LABEL_SIZE, COST_CURVE)
    cost_now.next_to(cost.axes.c2p(run.epochs, top), DOWN + LEFT, buff=0.1)
    accuracy_now = Readout([1, words("accuracy-readout")], LABEL_SIZE, ACCURACY_CURVE)
    accuracy_now.next_to(accuracy.axes.c2p(run.epochs, 0), UP + LEFT, buff=0.25)
    counter = Readout([words("epoch"), 0, words("of-epochs", epochs=run.epochs)], LABEL_SIZE)

    weights = LiveWeightMap(run.snapshots.w1_row[0], side=MAP_SIDE, scale=run.weights_scale)
    change = LiveWeightMap(run.change[0], side=MAP_SIDE, scale=run.change_scale)
    Group(weights, change).arrange(RIGHT, buff=MAP_GAP).move_to(MAPS_CENTER)
    title = text(
        words("neuron-title", neuron=run.snapshots.neuron, layer=1),
        size=LABEL_SIZE,
        color=HIGHLIGHT,
    )
    title.next_to(Group(weights, change), UP, buff=0.2)
    labels = VGroup(title)
    for heat, caption in ((weights, words("its-weights")), (change, words("changed"))):
        frame = SurroundingRectangle(heat, color=MAP_FRAME, buff=0, stroke_width=1)
        labels.add(VGroup(text(caption, size=LABEL_SIZE).next_to(heat, DOWN, buff=0.15), frame))

    top_output = max(1.0, float(run.snapshots.outputs.max()))  # sigmoid ends at 1, relu may not
    digits = [str(d) for d in range(run.snapshots.outputs.shape[1])]
    bars = OutputBars(run.snapshots.outputs[0], top_output, digits, height=BARS_HEIGHT)
    digit = digit_image(run.x, side=DIGIT_SIDE)
    Group(digit, bars).arrange(RIGHT, buff=0.5).move_to(OUTPUTS_CENTER)
    guess = Readout([words("guess-readout"), 0, words("guess-at"), 2], LABEL_SIZE, HIGHLIGHT)
    views = Views(
        notes, cost, accuracy, cost_now, accuracy_now, counter, weights, change, labels, digit,
        bars, guess,
    )  # fmt: skip
    views.show(run, 0)
    # Placed once they show their widest words and numbers of the start.
    to_safe_corner(counter, UR)
    guess.next_to(bars, UP, buff=0.2)
    return views


class NetworkLearns(ExplainerScene):
    """A real training run: the cost falls, the accuracy rises, a neuron and a guess take shape."""

    reads = ("weights", "activation")

    def construct(self) -> None:
        net = inputs.trained()
        path = inputs.weights_path()
        history = train.learning_history(path, net.sizes, net.activation, inputs.train_cache())
        self.numbers.inputs = {
            "weights": str(path),
            "activation": net.activation,
            "history": history.origin,
            "snapshots": str(history.path),
        }
        run = record_run(self.numbers, history, net)
        views = lay_out(run)
        self.show_start(run, views)
        self.follow_neuron(run, views)
        rule = self.follow_digit(run, views)
        self.run_training(run, views)
        self.explain_curves(run, views)
        self.explain_weights(run, views)
        self.explain_guess(run, views)
        self.feed_noise(run, views, net, rule)
        self.bridge(run, views)

    def show_start(self, run: Run, views: Views) -> None:
        """Before training: the cost and the accuracy at epoch 0, and where they come from."""
        c0, a0 = run.snapshots.cost[0], run.snapshots.accuracy[0]
        n_train, n_test = run.history.recipe["train_digits"], run.history.recipe["test_digits"]
        history = {train.SHIPPED: "shipped", train.OWN: "own", train.STAND_IN: "stand-in"}
        say = self.say(
            "start",
            history=history[run.history.origin],
            train_digits=n_train,
            cost=cost_number(c0),
            share=100 * a0,
            test_digits=n_test,
        )
        with self.beat("start", say=say):
            self.play(OpacityFadeIn(views.notes), Write(views.counter))
            for curve, now in ((views.cost, views.cost_now), (views.accuracy, views.accuracy_now)):
                self.play(
                    Create(curve.axes), OpacityFadeIn(curve.head), Write(curve.names), Write(now)
                )
                self.add(curve.curve)  # a single point so far: it draws nothing

    def follow_neuron(self, run: Run, views: Views) -> None:
        """One first-layer neuron's 784 weights: noise, and nothing changed yet."""
        neuron = run.snapshots.neuron
        rule = wrapped_note(self.words("neuron-rule", neuron=neuron, inputs=N_INPUTS), RULE_WIDTH)
        within_safe_area(rule.next_to(views.map_labels, DOWN, buff=0.15))
        say = self.say("neuron", neuron=neuron, inputs=N_INPUTS)
        title, weights_labels, change_labels = views.map_labels
        with self.beat("neuron", say=say) as beat:
            self.play(
                OpacityFadeIn(title),
                OpacityFadeIn(weights_labels),
                OpacityFadeIn(views.weights),
                OpacityFadeIn(rule),
            )
            self.wait_for_sentence(beat, 3)
            self.play(OpacityFadeIn(change_labels), OpacityFadeIn(views.change))

    def follow_digit(self, run: Run, views: Views) -> VGroup:
        """One held-out digit and the untrained network's guess for it."""
        rule = wrapped_note(self.words("digit-rule", digit=run.snapshots.digit), RULE_WIDTH)
        within_safe_area(rule.next_to(Group(views.digit, views.bars), DOWN, buff=0.25))
        g0, a0 = run.guesses[0], run.snapshots.outputs[0].max()
        right = "yes" if g0 == run.label else "no"
        say = self.say("digit", label=run.label, guess=g0, top=a0, right=right)
        with self.beat("digit", say=say):
            self.play(OpacityFadeIn(views.digit), OpacityFadeIn(views.bars), OpacityFadeIn(rule))
            self.play(Write(views.guess))
        return rule

    def run_training(self, run: Run, views: Views) -> None:
        """The training run itself, every view stepping through its snapshots."""
        r = run.history.recipe
        say = self.say(
            "train",
            epochs=run.epochs,
            train_digits=r["train_digits"],
            steps=run.steps_per_epoch,
            batch=r["batch_size"],
            eta=run.eta,
        )
        epoch = ValueTracker(0)
        # One updater moves every view; the moving views go last, so that the rest of the
        # picture is drawn once for the whole run instead of every frame.
        self.bring_to_front(*views.moving())
        views.cost.curve.add_updater(lambda _: views.show(run, epoch.get_value()))
        with self.beat("train", say=say) as beat:
            self.play(
                epoch.animate.set_value(run.epochs),
                run_time=max(beat.duration, MIN_TRAINING_SECONDS),
                rate_func=lambda t: t**EPOCH_PACE,
            )
        views.cost.curve.clear_updaters()
        views.show(run, run.epochs)  # a render that skips animations never ran the updater

    def explain_curves(self, run: Run, views: Views) -> None:
        """The cost fell, mostly in the first epoch; the accuracy rose."""
        c, a = run.snapshots.cost, run.snapshots.accuracy
        # Each start value to the right of its point, where its curve leaves room: the cost
        # falls away, so its label sits just above the start's height; the accuracy climbs
        # away, so its label is centred on it (higher would meet the curve, lower the axis).
        cost_start, accuracy_start = views.cost.points_of([0])[0], views.accuracy.points_of([0])[0]
        starts = VGroup(
            text(cost_text(c[0]), size=LABEL_SIZE, color=COST_CURVE)
            .next_to(cost_start, RIGHT, buff=START_LABEL_BUFF)
            .align_to(cost_start + START_LABEL_BUFF * UP, DOWN),
            text(percent(a[0]), size=LABEL_SIZE, color=ACCURACY_CURVE).next_to(
                accuracy_start, RIGHT, buff=START_LABEL_BUFF
            ),
        )
        early = c[0] - c[1] > (c[0] - c[-1]) / 2
        say = self.say(
            "curves",
            first=cost_number(c[0]),
            last=cost_number(c[-1]),
            early="yes" if early else "no",
            first_share=100 * a[0],
            last_share=100 * a[-1],
        )
        with self.beat("curves", say=say) as beat:
            self.play(Write(starts[0]))
            self.wait_for_sentence(beat, 1)
            self.play(Write(starts[1]))

    def explain_weights(self, run: Run, views: Views) -> None:
        """Still noisy weights, but what training changed is a pattern of strokes."""
        unchanged = run.change[-1] == 0
        uninked = train.uninked_pixels()
        frame = SurroundingRectangle(views.change, color=HIGHLIGHT, buff=0.05)
        # For a sigmoid neuron these are the same weights; a relu neuron silent for every
        # digit that inks a pixel also never moves that pixel's weight.
        say = self.say(
            "weights",
            unchanged=int(unchanged.sum()),
            same="yes" if np.array_equal(unchanged, uninked) else "no",
            uninked=int(uninked.sum()),
        )
        with self.beat("weights", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Create(frame))

    def explain_guess(self, run: Run, views: Views) -> None:
        """The digit's guess, from wrong to right (the shipped run's: to 0.99)."""
        e, final, label = run.first_right, run.snapshots.outputs[-1].max(), run.label
        frame = SurroundingRectangle(Group(views.digit, views.bars), color=HIGHLIGHT, buff=0.1)
        say = self.say(
            "guess",
            label=label,
            first_right=max(e, -1),
            epochs=run.epochs,
            guess=run.guesses[-1],
            top=final,
            steps=run.epochs * run.steps_per_epoch,
        )
        with self.beat("guess", say=say):
            self.play(Create(frame))

    def feed_noise(self, run: Run, views: Views, net: Network, rule: VGroup) -> None:
        """Pure noise into the trained network: it names a digit anyway, having no way not to."""
        x = noise_image()
        output = net.feedforward(x).output
        source = f"nncore.noise.noise_image(seed {NOISE_SEED}) through the trained network"
        self.numbers.record(
            "noise image", {"network": "trained", "input": x.tolist(), "output": output.tolist()},
            source,
        )  # fmt: skip
        guess = self.numbers.record("noise guess", int(np.argmax(output)), "its largest output")
        top = self.numbers.record("noise top output", float(output.max()), "its largest output")
        share = 100 * run.snapshots.accuracy[-1]
        noise = digit_image(x, side=DIGIT_SIDE).move_to(views.digit)
        noise_rule = wrapped_note(self.words("noise-rule", seed=NOISE_SEED), RULE_WIDTH)
        noise_rule.move_to(rule, aligned_edge=UL)
        before = run.snapshots.outputs[-1]
        blend = ValueTracker(0.0)

        def outputs_now(bars: Mobject) -> None:
            t = blend.get_value()
            now = (1 - t) * before + t * output
            views.bars.show(now)
            views.guess.show(int(np.argmax(now)), float(now.max()))

        say = self.say("noise", share=share, guess=guess, top=top,
                       sure="yes" if top >= SURE else "no")  # fmt: skip
        with self.beat("noise", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            old, new = Group(views.digit, rule), Group(noise, noise_rule)
            self.play(OpacityFadeOut(old), OpacityFadeIn(new), run_time=0.8)
            views.bars.bars.add_updater(outputs_now)
            self.play(blend.animate.set_value(1.0), run_time=1.5)
            views.bars.bars.remove_updater(outputs_now)

    def bridge(self, run: Run, views: Views) -> None:
        """Every step of the run needed a gradient: how it is computed comes next."""
        steps = run.epochs * run.steps_per_epoch  # recorded as "gradient steps"
        frame = SurroundingRectangle(views.counter, color=HIGHLIGHT, buff=0.1)
        with self.beat("bridge", say=self.say("bridge", steps=steps)):
            self.play(Create(frame))
