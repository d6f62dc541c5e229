"""Concept 2: the network, activations propagating layer by layer.

It draws the network it is given (``NNEXPLAIN_WEIGHTS``): the shipped
784-16-16-10, or any other 784-...-10 MLP, a layer of more than 16 neurons
showing its 16 most active for the digit. A network without hidden layers
(784-10) goes straight from the pixels to the outputs, and the scene says so.

Render with::

    manim -pql scenes/network.py HiddenLayers
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Animation,
    Arrow,
    Circle,
    Create,
    Dot,
    Group,
    GrowArrow,
    LaggedStart,
    Line,
    NumberLine,
    Square,
    VGroup,
)

from nncore.mlp import Network
from nncore.neurons import WeightedSum, thresholded_neuron, weighted_sum
from scenes import inputs
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject, ink_indices, most_active_indices
from scenes.mobjects.pixel_grid import digit_image
from scenes.mobjects.weight_map import WeightMap
from scenes.story import (
    STORY_DIGIT,
    digit_name,
    hidden_args,
    layer_name,
    network_note,
    shown_rule,
    trained_note,
    training,
)
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    NEGATIVE,
    POSITIVE,
    SMALL_SIZE,
    TEXT,
    number,
    safe_area,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
)

# A neuron the narration counts as "lit": more than half way from black to white.
LIT = 0.5
# Seconds for one layer to light up (the flash along the edges, then the neurons).
SECONDS_PER_LAYER = 1.6
LAYER_SPACING = 2.6
NEURON_SPACING = 0.3
CUT_NEURON_SPACING = 0.27
# The diagram's span from the input to the output column: deeper networks pack closer.
MAX_WIDTH = 3 * LAYER_SPACING
# The shipped network's beats keep their names (its slides and stills are named by them).
HIDDEN_BEATS = {1: "first-hidden-layer", 2: "second-hidden-layer"}
MAP_SIDE = 1.25  # one neuron's weight map in the grid of a whole layer's
PANEL_SIDE = 1.35  # the digit, one neuron's weights and their products, side by side


class HiddenLayers(ExplainerScene):
    """A real digit fed forward through the trained network, one layer at a time."""

    reads = ("digit", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        net = inputs.trained()
        forward = net.feedforward(digit.x)
        self.numbers.inputs = {
            "digit": digit.spec,
            "label": digit.label,
            "weights": str(inputs.weights_path()),
        }
        self.share_the_hope(digit, forward.output)
        diagram = self.show_layers(net, digit, forward.zs)
        self.show_weights(diagram, net)
        steps = self.feed_forward_steps(diagram, forward.activations)
        self.light_hidden_layers(steps, forward.activations)
        self.read_output(diagram, steps, forward.output, digit)
        self.play(OpacityFadeOut(*self.mobjects), run_time=1.0)
        maps = self.show_weight_maps(net, forward.zs)
        j = thresholded_neuron(net, digit.x)
        self.push_and_pull(maps, weighted_sum(net, j, digit.x), j, digit, net)

    def share_the_hope(self, digit: inputs.Digit, output: np.ndarray) -> None:
        """Why layers: the hope that each finds bigger pieces, edges, then loops and lines.

        A cartoon, said to be one: the real network's weights come later in the scene.
        """
        answer = digit.label if digit.label is not None else int(np.argmax(output))
        image = digit_image(digit.x, side=1.9)
        # Edges: short strokes around a loop and down a stem, as a first layer might see them.
        edges = VGroup(
            *(
                Line(LEFT, RIGHT, stroke_width=5, color=POSITIVE)
                .scale(0.15)
                .rotate(angle + np.pi / 2)
                .move_to(0.38 * np.array([np.cos(angle), np.sin(angle), 0]) + 0.35 * UP)
                for angle in np.linspace(0, 2 * np.pi, 7)[:-1]
            ),
            *(
                Line(0.2 * UP, 0.2 * DOWN, stroke_width=5, color=POSITIVE).move_to(
                    0.38 * RIGHT + (0.1 - 0.45 * k) * UP
                )
                for k in range(3)
            ),
        )
        parts = VGroup(
            Circle(radius=0.38, stroke_width=6, color=POSITIVE).move_to(0.35 * UP),
            Line(0.38 * RIGHT + 0.35 * UP, 0.38 * RIGHT + 1.05 * DOWN, stroke_width=6).set_color(
                POSITIVE
            ),
        )
        shown = text(str(answer), size=96, color=HIGHLIGHT)
        stages = [image, edges, parts, shown]
        names = ["pixels", "edges", "loops-and-lines", "digit"]
        row = Group(*stages).arrange(RIGHT, buff=1.4).move_to(0.3 * UP)
        for stage in stages[1:]:
            stage.match_y(image)
        arrows = VGroup(
            *(
                Arrow(a.get_right(), b.get_left(), buff=0.25, color=TEXT, stroke_width=3)
                for a, b in zip(stages, stages[1:])
            )
        )
        labels = VGroup(
            *(
                text(self.words(f"hope-{name}"), size=LABEL_SIZE).next_to(stage, DOWN, buff=0.35)
                for name, stage in zip(names, stages)
            )
        )
        lowest = min(label.get_y() for label in labels)
        for label in labels:
            label.set_y(lowest)
        title = to_safe_edge(text(self.words("hope-title"), color=HIGHLIGHT), UP)
        title.set_x(0)
        hope = Group(row, arrows, labels, title)
        with self.beat("why-layers", say=self.say("why-layers")) as beat:
            self.play(OpacityFadeIn(image), OpacityFadeIn(labels[0]), run_time=1.2)
            self.wait_for_sentence(beat, 1)
            for k, stage in enumerate(stages[1:]):
                self.play(
                    OpacityFadeIn(title) if k == 0 else OpacityFadeIn(VGroup()),
                    GrowArrow(arrows[k]),
                    OpacityFadeIn(stage),
                    OpacityFadeIn(labels[k + 1]),
                    run_time=1.4,
                )
                self.wait_for_sentence(beat, k + 2)
        self.play(OpacityFadeOut(hope), run_time=1.0)

    def show_weight_maps(self, net: Network, zs: list[np.ndarray | None]) -> Group:
        """The fact: every first-layer neuron's weights as an image over the pixel grid.

        Returns the maps (each with its neuron's index in ``.neuron``), in index order.
        """
        n = net.sizes[1]
        shown = most_active_indices(zs, net.sizes).get(1, np.arange(n))
        maps = Group()
        for j in shown:
            heat = WeightMap(net.weights[0][j], side=MAP_SIDE)
            heat.neuron = int(j)
            maps.add(heat)
        columns = int(np.ceil(np.sqrt(len(maps))))
        maps.arrange_in_grid(cols=columns, buff=0.12)
        left, _, bottom, top = safe_area()
        title = text(
            self.words("maps-title", layer=layer_name(net.sizes, 1), shown=len(maps)),
            size=LABEL_SIZE,
        )
        scale_note = source_note(self.words("maps-note"))
        maps.next_to(title, DOWN, buff=0.25)
        page = Group(title, maps, scale_note.next_to(maps, DOWN, buff=0.15))
        page.move_to([left + page.width / 2, (top + bottom) / 2, 0])
        within_safe_area(page)
        self.numbers.record(
            "weight maps", net.weights[0][shown], "trained W1, one row per neuron shown"
        )
        layer = layer_name(net.sizes, 1)
        say = self.say("weight-maps", layer=layer, shown=len(maps), neurons=n)
        with self.beat("weight-maps", say=say) as beat:
            self.play(OpacityFadeIn(title), OpacityFadeIn(scale_note))
            self.play(LaggedStart(*(OpacityFadeIn(m) for m in maps), lag_ratio=0.08), run_time=2)
            self.wait_for_sentence(beat, 2)
        with self.beat("not-edges", say=self.say("not-edges")):
            self.wait(0.5)
        return maps

    def push_and_pull(
        self, maps: Group, s: WeightedSum, j: int, digit: inputs.Digit, net: Network
    ) -> None:
        """One neuron on the story digit: its ink on blue pushes the sum up, on red pulls
        it down; the bias says how far the sum must go for the neuron to light up."""
        source = f"trained network, neuron {j} of layer 1, on {digit.spec}"
        push = self.numbers.record("push", s.push, f"{source}: sum of positive w_k x_k")
        pull = self.numbers.record("pull", s.pull, f"{source}: sum of negative w_k x_k")
        total = self.numbers.record("weighted sum", s.total, f"{source}: w . x")
        threshold = self.numbers.record("threshold", s.threshold, f"{source}: minus the bias")
        a = self.numbers.record(
            "activation", float(net.feedforward(digit.x).activations[1][j]), source
        )
        self.numbers.record("chosen neuron", j, "nncore.neurons.thresholded_neuron")
        chosen = next((m for m in maps if m.neuron == j), None)
        marks = VGroup()
        if chosen is not None:
            marks.add(Square(side_length=chosen.height + 0.08, color=HIGHLIGHT).move_to(chosen))
        left, right, bottom, top = safe_area()
        x0 = max(m.get_right()[0] for m in maps) + 0.5
        centre_x = (x0 + right) / 2
        image = digit_image(digit.x, side=PANEL_SIDE)
        weights = WeightMap(net.weights[0][j], side=PANEL_SIDE)
        products = WeightMap(s.contributions, side=PANEL_SIDE)
        times, equals = text("×"), text("=")
        row = Group(image, times, weights, equals, products).arrange(RIGHT, buff=0.25)
        captions = VGroup(
            *(
                text(self.words(name), size=SMALL_SIZE).next_to(mob, DOWN, buff=0.12)
                for name, mob in (
                    ("panel-digit", image),
                    ("panel-weights", weights),
                    ("panel-products", products),
                )
            )
        )
        panel = Group(row, captions).move_to([centre_x, 0, 0])
        panel.align_to(maps, UP)
        within_safe_area(panel)
        # The sums on a line: the blue push from zero, the red pull back, the threshold.
        low, high = min(0.0, s.total, s.threshold), max(s.push, s.threshold)
        span = high - low
        line = NumberLine(
            x_range=[low - 0.05 * span, high + 0.05 * span, 10 ** np.floor(np.log10(span))],
            length=min(right - x0, 6.2),
            include_numbers=False,
            color=TEXT,
            stroke_width=2,
        ).move_to([centre_x, -1.2, 0])
        line.shift((min(0.0, right - line.get_right()[0])) * RIGHT)
        up = Arrow(
            line.n2p(0) + 0.55 * UP,
            line.n2p(s.push) + 0.55 * UP,
            buff=0,
            color=POSITIVE,
            stroke_width=5,
        )
        down = Arrow(
            line.n2p(s.push) + 0.25 * UP,
            line.n2p(s.total) + 0.25 * UP,
            buff=0,
            color=NEGATIVE,
            stroke_width=5,
        )
        zero = text("0", size=SMALL_SIZE).next_to(line.n2p(0), DOWN, buff=0.15)
        up_label = VGroup(
            text(self.words("push-label"), size=SMALL_SIZE, color=POSITIVE),
            number(push, 1, size=SMALL_SIZE, color=POSITIVE),
        ).arrange(RIGHT, buff=0.1)
        up_label.next_to(up, UP, buff=0.1)
        down_label = VGroup(
            text(self.words("pull-label"), size=SMALL_SIZE, color=NEGATIVE),
            number(pull, 1, size=SMALL_SIZE, color=NEGATIVE),
        ).arrange(RIGHT, buff=0.1)
        # Under the line at the push's end, clear of the sum and threshold at its left.
        down_label.next_to(line, DOWN, buff=0.45).align_to(line.n2p(s.push), RIGHT)
        dot = Dot(line.n2p(s.total), color=TEXT, radius=0.08)
        sum_label = VGroup(
            text(self.words("sum-label"), size=SMALL_SIZE),
            number(total, 2, size=SMALL_SIZE),
        ).arrange(RIGHT, buff=0.1)
        tick = Line(
            line.n2p(threshold) + 0.3 * DOWN, line.n2p(threshold) + 0.3 * UP, color=HIGHLIGHT
        )
        tick.set_stroke(width=5)
        threshold_label = VGroup(
            text(self.words("threshold-label"), size=SMALL_SIZE, color=HIGHLIGHT),
            number(threshold, 2, size=SMALL_SIZE, color=HIGHLIGHT),
        ).arrange(RIGHT, buff=0.1)
        # The sum and the threshold are close: one label under the line, one under that.
        sum_label.next_to(line, DOWN, buff=0.45).set_x(line.n2p(total)[0])
        threshold_label.next_to(sum_label, DOWN, buff=0.15).set_x(line.n2p(threshold)[0])
        for label in (up_label, down_label, sum_label, threshold_label):
            within_safe_area(label)
        # Zero is where the blue arrow starts: its label only where it is clear of the others.
        if abs(zero.get_x() - sum_label.get_x()) < sum_label.width / 2 + 0.3:
            zero = VGroup()
        layer = layer_name(net.sizes, 1)
        say = self.say("push-pull", neuron=j, layer=layer, push=push, pull=-pull)
        with self.beat("push-pull", say=say) as beat:
            self.play(Create(marks), OpacityFadeIn(row[:3]), OpacityFadeIn(captions[:2]))
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(row[3:]), OpacityFadeIn(captions[2]))
            self.wait_for_sentence(beat, 2)
            self.play(Create(line), OpacityFadeIn(zero))
            self.play(GrowArrow(up), OpacityFadeIn(up_label))
            self.wait_for_sentence(beat, 3)
            self.play(GrowArrow(down), OpacityFadeIn(down_label))
            self.play(Create(dot), OpacityFadeIn(sum_label))
        say = self.say(
            "threshold",
            threshold=threshold,
            total=total,
            lit="yes" if s.total > s.threshold else "no",
            activation=net.activation,
            a=a,
        )
        with self.beat("threshold", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Create(tick), OpacityFadeIn(threshold_label))
        with self.beat("next", say=self.say("next")):
            self.wait(0.5)

    def show_layers(
        self, net: Network, digit: inputs.Digit, zs: list[np.ndarray | None]
    ) -> NetworkMobject:
        """The columns of neurons, named, beside the digit they will read."""
        rule = shown_rule(net.sizes)
        diagram = NetworkMobject(
            sizes=net.sizes,
            weights=net.weights,
            shown={0: ink_indices(digit.x), **most_active_indices(zs, net.sizes)},
            output_labels=[str(d) for d in range(net.sizes[-1])],
            layer_spacing=min(LAYER_SPACING, MAX_WIDTH / (len(net.sizes) - 1)),
            # A cut hidden layer adds a note above and its size beneath: closer neurons.
            neuron_spacing=NEURON_SPACING if rule is None else CUT_NEURON_SPACING,
        ).shift(0.6 * RIGHT + 0.1 * DOWN)
        grid = to_safe_edge(digit_image(digit.x, side=1.6), LEFT)
        names = [
            text(layer_name(net.sizes, layer), size=SMALL_SIZE).next_to(
                VGroup(column, diagram.marks(layer) if layer else VGroup()), DOWN, buff=0.25
            )
            for layer, column in enumerate(diagram.layers)
        ]
        # The names sit above the subtitles' band: lift the whole diagram if they do not.
        lift = safe_area()[2] - min(name.get_bottom()[1] for name in names)
        VGroup(diagram, *names).shift(max(0.0, lift) * UP)
        grid.match_y(diagram.layers[0])
        sizes = [
            self.numbers.record(f"layer {layer} size", size, "nncore.mlp.Network.sizes")
            for layer, size in enumerate(net.sizes)
        ]
        facts = training(net)
        self.numbers.record("test accuracy", facts.test_accuracy, "the trained network's note")
        notes = VGroup(
            *(
                source_note(line)
                for line in (digit_name(digit), trained_note(facts), network_note(net), rule)
                if line is not None
            )
        )
        to_safe_corner(notes.arrange(DOWN, aligned_edge=LEFT, buff=0.1), UL)
        say = self.say("layers", inputs=sizes[0], outputs=sizes[-1], **hidden_args(sizes[1:-1]))
        with self.beat("layers", say=say) as beat:
            self.play(OpacityFadeIn(grid), OpacityFadeIn(notes))
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(diagram.layers[0], names[0], diagram.marks(0)), run_time=1.5)
            self.wait_for_sentence(beat, 2)
            later = [
                OpacityFadeIn(column, name, diagram.marks(layer))
                for layer, (column, name) in enumerate(zip(diagram.layers, names))
            ][1:]
            later[-1] = OpacityFadeIn(diagram.layers[-1], names[-1], diagram.labels)
            self.play(LaggedStart(*later, lag_ratio=0.5), run_time=3)
        return diagram

    def show_weights(self, diagram: NetworkMobject, net: Network) -> None:
        """Every edge, coloured by the weight training gave it."""
        n_train = training(net).train_digits
        if n_train is not None:
            self.numbers.record("training digits", n_train, "trained network's metadata")
        say = self.say("weights", train_digits="unknown" if n_train is None else n_train)
        with self.beat("weights", say=say) as beat:
            self.play(Create(diagram.edges, lag_ratio=0.001), run_time=0.6 * beat.duration)

    def feed_forward_steps(
        self, diagram: NetworkMobject, activations: list[np.ndarray]
    ) -> list[Animation]:
        """One animation per layer, input first, with the activations nncore computed."""
        for layer, a in enumerate(activations):
            self.numbers.record(f"a{layer}", a, f"nncore.mlp.Network.feedforward, layer {layer}")
        return diagram.feed_forward(activations, SECONDS_PER_LAYER)

    def count_lit(self, layer: int, a: np.ndarray) -> int:
        return self.numbers.record(
            f"lit in layer {layer}", int(np.sum(a > LIT)), f"activations of layer {layer} > {LIT}"
        )

    def light_hidden_layers(self, steps: list[Animation], activations: list[np.ndarray]) -> None:
        """The digit goes in, and each hidden layer lights up from the one before."""
        hidden = activations[1:-1]
        if not hidden:
            with self.beat("input", say=self.say("input")):
                self.play(steps[0])
            return
        for layer, a in enumerate(hidden, start=1):
            lit, size = self.count_lit(layer, a), a.size
            message = "first-hidden-layer" if layer == 1 else "next-hidden-layer"
            say = self.say(message, lit=lit, size=size)
            with self.beat(HIDDEN_BEATS.get(layer, f"hidden-layer-{layer}"), say=say) as beat:
                if layer == 1:
                    self.play(steps[0])
                    self.wait_for_sentence(beat, 1)
                self.play(steps[layer])

    def read_output(
        self,
        diagram: NetworkMobject,
        steps: list[Animation],
        output: np.ndarray,
        digit: inputs.Digit,
    ) -> None:
        """The output activations, and the brightest one is the network's answer."""
        prediction = self.numbers.record(
            "prediction", int(np.argmax(output)), "argmax of the output activations"
        )
        values = [
            number(
                self.numbers.record(f"output {d}", float(a), "nncore.mlp.Network.feedforward"),
                places=2,
                size=SMALL_SIZE,
                color=HIGHLIGHT if d == prediction else TEXT,
            ).next_to(label, RIGHT, buff=0.2)
            for d, (a, label) in enumerate(zip(output, diagram.labels))
        ]
        ring = diagram.highlight_neuron(len(diagram.sizes) - 1, prediction)
        runner_up = self.numbers.record(
            "runner-up", int(np.argsort(output)[-2]), "the second brightest output"
        )
        label = "none"
        if digit.label is not None:
            label = self.numbers.record("label", digit.label, f"{digit.source}, its label")
        say = self.say(
            "output",
            outputs=output.size,
            prediction=prediction,
            top=output[prediction],
            runner_up=runner_up,
            second=output[runner_up],
            label=label,
            right="yes" if label == prediction else "no",
        )
        with self.beat("output", say=say) as beat:
            self.play(steps[-1])
            self.play(OpacityFadeIn(*values, lag_ratio=0.1), run_time=1.5)
            self.wait_for_sentence(beat, 1)
            self.play(Create(ring))
