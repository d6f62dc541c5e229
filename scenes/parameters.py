"""Concept 3: weights and biases, the 13,002 parameters, ``a' = sigma(W a + b)``.

For another network (``NNEXPLAIN_WEIGHTS``) the count is built from its own sizes
(784-32-10: 784·32 + 32·10 + 32 + 10 = 25,450) and the formulas use its activation.

Render with::

    manim -pql scenes/parameters.py WeightsAndBiases
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    Arrow,
    Circle,
    Create,
    FadeIn,
    Group,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    ShowPassingFlash,
    SurroundingRectangle,
    VGroup,
    Write,
    smooth,
    squish_rate_func,
)

from nncore import data
from nncore.mlp import Network
from scenes import inputs
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.all_edges import (
    AllEdges,
    dense_edges,
    every_neuron,
    input_column,
    input_column_positions,
)
from scenes.mobjects.network import NetworkMobject, ink_indices, most_active_indices
from scenes.mobjects.weight_map import WeightMap
from scenes.story import (
    ACTIVATION_SYMBOL,
    ACTIVATION_TEXT,
    STORY_DIGIT,
    network_note,
    shown_rule,
    trained_note,
    training,
    untrained_note,
)
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    NEGATIVE,
    POSITIVE,
    SMALL_SIZE,
    TEXT,
    formula,
    number,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
)

# The function picture: this many of the parameters as dials, in rows; a dial turns
# from its top by its parameter's value, clipped to +-DIAL_RANGE, to at most DIAL_TURN.
DIALS = 40
DIAL_ROWS = 4
DIAL_RANGE = 3.0
DIAL_TURN = 0.75 * np.pi
# Seconds for every edge to blend from its untrained to its trained weight.
MORPH_SECONDS = 4.0
LAYER_SPACING = 1.6
MAX_WIDTH = 3 * LAYER_SPACING  # the diagram's span left of the weight map, for any depth


def most_excited_neuron(net: Network, x: np.ndarray) -> int:
    """The first hidden neuron this digit drives hardest (largest z): the one we open up.

    With no hidden layer (784-10), the output neuron it drives hardest.
    """
    return int(np.argmax(net.feedforward(x).zs[1]))


def dial(value: float) -> VGroup:
    """A knob turned by ``value``: blue for positive, red for negative."""
    color = POSITIVE if value >= 0 else NEGATIVE
    ring = Circle(radius=0.22, color=color, stroke_width=3)
    pointer = Line(ORIGIN, 0.2 * UP, color=color, stroke_width=4)
    turn = -np.clip(value, -DIAL_RANGE, DIAL_RANGE) / DIAL_RANGE * DIAL_TURN
    pointer.rotate(turn, about_point=ORIGIN)
    return VGroup(ring, pointer)


class WeightsAndBiases(ExplainerScene):
    """One neuron's 784 real weights, the layer as a matrix, and the count to 13,002."""

    reads = ("digit", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        net = inputs.trained()
        self.numbers.inputs = {"digit": digit.spec, "weights": str(inputs.weights_path())}
        j = most_excited_neuron(net, digit.x)
        diagram = self.show_network(net, digit)
        ring = self.pick_neuron(diagram, j, hidden=len(net.sizes) > 2)
        heat = self.show_weight_map(net, j)
        arithmetic = self.show_weighted_sum(diagram, net, digit, j, heat[0])
        self.play(OpacityFadeOut(Group(heat, arithmetic, ring, diagram)), run_time=1.2)
        self.show_matrix_form(net)
        self.count_parameters(net)
        self.show_one_function(net)
        self.show_every_edge(net, inputs.untrained(), digit)

    def show_network(self, net: Network, digit: inputs.Digit) -> NetworkMobject:
        zs = net.feedforward(digit.x).zs
        diagram = (
            NetworkMobject(
                sizes=net.sizes,
                weights=net.weights,
                shown={0: ink_indices(digit.x), **most_active_indices(zs, net.sizes)},
                layer_spacing=min(LAYER_SPACING, MAX_WIDTH / (len(net.sizes) - 1)),
                neuron_spacing=0.34,
            )
            .to_edge(LEFT, buff=0.9)
            .shift(0.2 * DOWN)
        )
        diagram.set_activations(0, digit.x)
        rule = shown_rule(net.sizes)
        lines = [trained_note(training(net)), network_note(net), rule]
        note = VGroup(*(source_note(line) for line in lines if line))
        to_safe_corner(note.arrange(DOWN, aligned_edge=LEFT, buff=0.1), UL)
        flash = diagram.edges.copy().set_stroke(HIGHLIGHT, opacity=1.0)
        with self.beat("network", say=self.say("network")) as beat:
            self.play(OpacityFadeIn(diagram), OpacityFadeIn(note), run_time=1.5)
            self.wait_for_sentence(beat, 1)
            self.play(ShowPassingFlash(flash, time_width=0.5), run_time=1.5)
            self.play(Indicate(VGroup(*diagram.layers[1:])))
        return diagram

    def pick_neuron(self, diagram: NetworkMobject, j: int, hidden: bool) -> Circle:
        """Neuron j of hidden layer 1 (or of the output layer, if there is no ``hidden``
        layer) in yellow, the lines into it flashing."""
        self.numbers.record("neuron", j, "argmax of z in layer 1 for the digit")
        ring = diagram.highlight_neuron(1, j)
        incoming = diagram.edges_into(1, j)
        rest = VGroup(*(e for e in diagram.edges[0] if e not in incoming.submobjects))
        flash = incoming.copy().set_stroke(HIGHLIGHT, opacity=1.0)
        say = self.say("one-neuron", neuron=j, hidden="yes" if hidden else "no")
        with self.beat("one-neuron", say=say) as beat:
            self.play(Create(ring), rest.animate.set_stroke(opacity=0.08), run_time=1.5)
            # .animate put `rest` on top of the scene; its edges stay drawn inside `diagram`,
            # behind the neurons, instead of being redrawn over them every frame.
            self.remove(rest)
            self.wait_for_sentence(beat, 1)
            self.play(ShowPassingFlash(flash, time_width=0.5), run_time=1.2)
        return ring

    def show_weight_map(self, net: Network, j: int) -> Group:
        """Neuron j's weights as an image, each in the place of the pixel it multiplies.

        Returns the image, its title and its legend, image first.
        """
        w = net.weights[0][j]
        n_weights = self.numbers.record("weights into the neuron", w.size, f"trained W1 row {j}")
        side = self.numbers.record("grid side", data.SIDE, "nncore.data.SIDE")
        heat = WeightMap(w, side=3.2).move_to(3.4 * RIGHT + 0.9 * UP)
        self.numbers.record("largest |w|", heat.scale_value, f"trained W1 row {j}")
        title = text(self.words("weight-map-title", weights=n_weights, neuron=j), size=LABEL_SIZE)
        title.next_to(heat, UP, buff=0.3)
        legend = (
            VGroup(
                text(self.words("positive"), size=SMALL_SIZE, color=POSITIVE),
                text(self.words("negative"), size=SMALL_SIZE, color=NEGATIVE),
            )
            .arrange(RIGHT, buff=0.5)
            .next_to(heat, DOWN, buff=0.2)
        )
        say = self.say("weight-map", weights=n_weights, side=side)
        with self.beat("weight-map", say=say) as beat:
            self.play(FadeIn(heat, scale=0.6), Write(title), run_time=1.5)
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(legend[0]))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(legend[1]))
        return Group(heat, title, legend)

    def show_weighted_sum(
        self, diagram: NetworkMobject, net: Network, digit: inputs.Digit, j: int, heat: WeightMap
    ) -> VGroup:
        """z, the weighted sum plus the bias, and a = sigma(z), with this digit's values."""
        w, b = net.weights[0][j], net.biases[0][j]
        forward = net.feedforward(digit.x)
        z, a = float(forward.zs[1][j]), float(forward.activations[1][j])
        source = f"trained network, neuron {j} of layer 1"
        shown = {
            label: self.numbers.record(label, value, source)
            for label, value in (("z", z), ("b", float(b)), ("a", a))
        }
        sum_line = formula(f"z = w_1 a_1 + w_2 a_2 + dots.c + w_{w.size} a_{w.size} + b", size=34)
        sum_line.next_to(heat, DOWN, buff=0.75).set_x(heat.get_x())
        values = {
            label: VGroup(
                text(f"{name} =", size=LABEL_SIZE), number(shown[label], 2, LABEL_SIZE)
            ).arrange(RIGHT)
            for label, name in (
                ("z", "z"),
                ("b", "b"),
                ("a", f"a = {ACTIVATION_TEXT[net.activation]}(z)"),
            )
        }
        row = VGroup(*values.values()).arrange(RIGHT, buff=0.6).next_to(sum_line, DOWN, buff=0.35)
        # "a = tanh(z)" is wider than "a = σ(z)": keep the row inside the safe area.
        within_safe_area(row)
        # Yellow for the number being explained: z, then a.
        values["z"].set_color(HIGHLIGHT)
        values["a"].set_color(HIGHLIGHT)
        say = self.say("weighted-sum", bias=b, z=z)
        with self.beat("weighted-sum", say=say) as beat:
            self.play(Write(sum_line), run_time=2)
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(values["b"]))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(values["z"]))
        say = self.say("activation", activation=net.activation, a=a)
        with self.beat(net.activation, say=say):
            self.play(
                values["z"].animate.set_color(TEXT),
                OpacityFadeIn(values["a"]),
                Indicate(diagram.neuron(1, j)),
                run_time=2,
            )
        return VGroup(sum_line, *values.values())

    def show_matrix_form(self, net: Network) -> None:
        """The whole layer at once: a' = f(W a + b), with the real shapes and activation."""
        (rows, cols), (n_b,) = net.weights[0].shape, net.biases[0].shape
        self.numbers.record("W1 shape", [rows, cols], "nncore.mlp.Network.weights[0].shape")
        self.numbers.record("b1 shape", [n_b], "nncore.mlp.Network.biases[0].shape")
        f = ACTIVATION_SYMBOL[net.activation]
        law = formula(f"a^((1)) = {f}(W a^((0)) + b)", size=48).move_to(1.6 * UP)
        shapes = (
            VGroup(
                text(self.words("w-shape", rows=rows, cols=cols), size=LABEL_SIZE),
                text(self.words("a-shape", cols=cols), size=LABEL_SIZE),
                text(self.words("b-shape", biases=n_b), size=LABEL_SIZE),
            )
            .arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            .next_to(law, DOWN, buff=0.6)
        )
        say = self.say("matrix-form", rows=rows, cols=cols, biases=n_b, activation=net.activation)
        w_shape, a_shape, b_shape = shapes
        with self.beat("matrix-form", say=say) as beat:
            self.play(Write(law), run_time=1.5)
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(w_shape))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(a_shape))
            self.play(OpacityFadeIn(b_shape))
        self.play(OpacityFadeOut(VGroup(law, shapes)))

    def count_parameters(self, net: Network) -> None:
        """Every weight and every bias, term by term, to nncore's count."""
        sizes = self.numbers.record("layer sizes", list(net.sizes), "nncore.mlp.Network.sizes")
        pairs = list(zip(sizes, sizes[1:]))
        n_weights = sum(w.size for w in net.weights)
        n_biases = sum(b.size for b in net.biases)
        total = self.numbers.record("parameters", net.n_params, "nncore.mlp.Network.n_params")
        self.numbers.record("weights", n_weights, "sum of the weight matrices' sizes")
        self.numbers.record("biases", n_biases, "sum of the bias vectors' sizes")

        weight_terms = [f"{n_in} × {n_out}" for n_in, n_out in pairs]
        bias_terms = [str(n_out) for _, n_out in pairs]
        weights_line = text(
            self.words("weights-line", terms=" + ".join(weight_terms), weights=n_weights)
        )
        biases_line = text(self.words("biases-line", terms=" + ".join(bias_terms), biases=n_biases))
        total_line = text(self.words("total-line", total=total), size=48, color=HIGHLIGHT)
        VGroup(weights_line, biases_line, total_line).arrange(DOWN, buff=0.6)
        say = self.say("count", weights=n_weights, biases=n_biases, total=total)
        with self.beat("count", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Write(weights_line), run_time=2)
            self.wait_for_sentence(beat, 2)
            self.play(Write(biases_line), run_time=1.5)
            self.wait_for_sentence(beat, 3)
            self.play(OpacityFadeIn(total_line, shift=0.3 * UP))

    def show_one_function(self, net: Network) -> None:
        """Step back: the network is one function of its inputs, set by its parameters.

        The dials are some of the trained network's parameters, spread evenly through all
        of them, each turned as far as its value (clipped to ``DIAL_RANGE``), blue or red by sign.
        """
        n_in, n_out = net.sizes[0], net.sizes[-1]
        total = net.n_params
        picked = np.linspace(0, total - 1, DIALS).round().astype(int)
        flat = net.flat()[picked]
        dials = VGroup(*(dial(float(p)) for p in flat)).arrange_in_grid(rows=DIAL_ROWS, buff=0.12)
        box = SurroundingRectangle(dials, color=HIGHLIGHT, buff=0.3, corner_radius=0.15)
        name = text(self.words("function-knobs", total=total), size=LABEL_SIZE, color=HIGHLIGHT)
        name.next_to(box, DOWN, buff=0.2)
        inside = VGroup(dials, box, name).move_to(0.4 * UP)
        numbers_in = text(self.words("function-in", inputs=n_in), size=LABEL_SIZE)
        numbers_out = text(self.words("function-out", outputs=n_out), size=LABEL_SIZE)
        numbers_in.next_to(box, LEFT, buff=1.3)
        numbers_out.next_to(box, RIGHT, buff=1.3)
        arrows = VGroup(
            Arrow(numbers_in.get_right(), box.get_left(), buff=0.15, color=TEXT),
            Arrow(box.get_right(), numbers_out.get_left(), buff=0.15, color=TEXT),
        )
        note = source_note(self.words("dials-note", dials=len(flat)))
        note.next_to(name, DOWN, buff=0.15)
        page = VGroup(numbers_in, inside, numbers_out, arrows, note)
        within_safe_area(page)
        self.numbers.record("dials", flat, f"nncore.mlp.Network.flat() at {picked.tolist()}")
        self.numbers.record("inputs", n_in, "nncore.mlp.Network.sizes[0]")
        self.numbers.record("outputs", n_out, "nncore.mlp.Network.sizes[-1]")
        self.play(OpacityFadeOut(*self.mobjects))
        with self.beat("knobs", say=self.say("knobs", total=total)):
            self.play(LaggedStart(*(Create(d) for d in dials), lag_ratio=0.03), run_time=2)
            self.play(Create(box), OpacityFadeIn(name), OpacityFadeIn(note))
        say = self.say("function", inputs=n_in, outputs=n_out, total=total)
        with self.beat("function", say=say) as beat:
            self.play(OpacityFadeIn(numbers_in), GrowArrow(arrows[0]))
            self.wait_for_sentence(beat, 1)
            self.play(GrowArrow(arrows[1]), OpacityFadeIn(numbers_out))

    def show_every_edge(self, net: Network, untrained: Network, digit: inputs.Digit) -> None:
        """Every edge at once, as one image: first untrained, then the trained weights.

        Every input neuron is one row of a thin strip (the digit's 784 pixels in
        reading order), so all 784 x 16 first-layer edges can be drawn; so is
        every neuron of a hidden layer wider than 16 (see ``every_neuron``).
        """
        hidden, later = every_neuron(net.sizes[1:], center=2.2 * RIGHT + 0.2 * DOWN)
        strip = input_column(digit.x, center=3.6 * LEFT + 0.2 * DOWN, height=6.4)
        starts = input_column_positions(net.sizes[0], center=3.6 * LEFT + 0.2 * DOWN, height=6.4)
        positions = [starts, *later]
        edges = AllEdges(*dense_edges(positions, untrained.weights))
        trained_weights = dense_edges(positions, net.weights).weights
        n_edges = self.numbers.record(
            "edges", sum(w.size for w in net.weights), "sum of nncore's weight matrices' sizes"
        )
        total = net.n_params
        title = to_safe_edge(text(self.words("all-weights", edges=n_edges), size=LABEL_SIZE), UP)
        seed = inputs.untrained_seed()
        state = source_note(untrained_note(seed)).next_to(title, DOWN, buff=0.1)
        self.numbers.record(
            "untrained seed", seed, f"{inputs.SEED_ENV} or nncore.mlp.UNTRAINED_SEED"
        )
        self.play(
            OpacityFadeOut(*self.mobjects)
        )  # a clean page: this picture needs the whole frame
        with self.beat("untrained-edges", say=self.say("untrained-edges", edges=n_edges)):
            self.play(
                OpacityFadeIn(strip), OpacityFadeIn(hidden), Write(title), OpacityFadeIn(state)
            )
            self.add_foreground_mobjects(hidden)  # neurons stay in front of the edges
            self.play(OpacityFadeIn(edges), run_time=2)
        trained = source_note(self.words("trained")).move_to(state)
        with self.beat("trained-edges", say=self.say("trained-edges", total=total)):
            self.play(
                edges.change_weights(trained_weights),
                # The two notes share one place: the old one is gone before the new appears.
                OpacityFadeOut(state, rate_func=squish_rate_func(smooth, 0.0, 0.3)),
                OpacityFadeIn(trained, rate_func=squish_rate_func(smooth, 0.3, 0.6)),
                run_time=MORPH_SECONDS,
            )
