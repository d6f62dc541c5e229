"""Concept 3: weights and biases, the 13,002 parameters, ``a' = sigma(W a + b)``.

Render with::

    manim -pql scenes/parameters.py WeightsAndBiases
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Create,
    FadeIn,
    FadeOut,
    Group,
    Indicate,
    ShowPassingFlash,
    VGroup,
    Write,
)

from nncore.mlp import Network
from scenes import inputs
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.all_edges import AllEdges, dense_edges, input_column, input_column_positions
from scenes.mobjects.network import NetworkMobject, ink_indices
from scenes.mobjects.weight_map import WeightMap
from scenes.story import STORY_DIGIT, trained_note
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    NEGATIVE,
    POSITIVE,
    SMALL_SIZE,
    formula,
    number,
    source_note,
    text,
)


def check_inputs() -> None:
    """Read this scene's inputs (for ``nnexplain render`` to fail before rendering)."""
    inputs.digit(STORY_DIGIT)
    inputs.trained()


def most_excited_neuron(net: Network, x: np.ndarray) -> int:
    """The first hidden neuron this digit drives hardest (largest z): the one we open up."""
    return int(np.argmax(net.feedforward(x).zs[1]))


class WeightsAndBiases(ExplainerScene):
    """One neuron's 784 real weights, the layer as a matrix, and the count to 13,002."""

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        net = inputs.trained()
        self.numbers.inputs = {"digit": digit.spec, "weights": str(inputs.weights_path())}
        j = most_excited_neuron(net, digit.x)
        diagram = self.show_network(net, digit)
        self.open_up_neuron(diagram, net, digit, j)
        self.show_matrix_form(net)
        self.count_parameters(net)
        self.show_every_edge(net, inputs.untrained(), digit)

    def show_network(self, net: Network, digit: inputs.Digit) -> NetworkMobject:
        diagram = (
            NetworkMobject(
                sizes=net.sizes,
                weights=net.weights,
                shown={0: ink_indices(digit.x)},
                layer_spacing=1.6,
                neuron_spacing=0.34,
            )
            .to_edge(LEFT, buff=0.9)
            .shift(0.2 * DOWN)
        )
        diagram.set_activations(0, digit.x)
        note = source_note(trained_note(net.metadata)).to_corner(UL, buff=0.3)
        self.play(FadeIn(diagram), FadeIn(note), run_time=1.5)
        return diagram

    def open_up_neuron(self, diagram: NetworkMobject, net: Network, digit, j: int) -> None:
        """Neuron j's 784 weights as an image, then its weighted sum with real values."""
        w, b = net.weights[0][j], net.biases[0][j]
        forward = net.feedforward(digit.x)
        z, a = float(forward.zs[1][j]), float(forward.activations[1][j])
        ring = diagram.highlight_neuron(1, j)
        incoming = diagram.edges_into(1, j)
        rest = VGroup(*(e for e in diagram.edges[0] if e not in incoming.submobjects))
        self.play(Create(ring), rest.animate.set_stroke(opacity=0.08), run_time=1.5)
        # .animate put `rest` on top of the scene; its edges stay drawn inside `diagram`,
        # behind the neurons, instead of being redrawn over them every frame.
        self.remove(rest)

        heat = WeightMap(w, side=3.2).move_to(3.4 * RIGHT + 0.9 * UP)
        title = text(f"the {w.size} weights into\nneuron {j} of hidden layer 1", size=LABEL_SIZE)
        title.next_to(heat, UP, buff=0.3)
        legend = (
            VGroup(
                text("positive", size=SMALL_SIZE, color=POSITIVE),
                text("negative", size=SMALL_SIZE, color=NEGATIVE),
            )
            .arrange(RIGHT, buff=0.5)
            .next_to(heat, DOWN, buff=0.2)
        )
        self.numbers.record("neuron", j, "argmax of z in hidden layer 1 for the digit")
        self.numbers.record("largest |w|", heat.scale_value, f"trained W1 row {j}")
        flash = incoming.copy().set_stroke(HIGHLIGHT, opacity=1.0)
        self.play(ShowPassingFlash(flash, time_width=0.5), run_time=1.2)
        self.play(FadeIn(heat, scale=0.6), Write(title), run_time=1.5)
        self.play(FadeIn(legend))
        self.wait(2)

        shown = [
            self.numbers.record(label, value, f"trained network, neuron {j} of hidden layer 1")
            for label, value in (("z", z), ("b", float(b)), ("a", a))
        ]
        sum_line = formula(f"z = w_1 a_1 + w_2 a_2 + dots.c + w_{w.size} a_{w.size} + b", size=34)
        sum_line.next_to(legend, DOWN, buff=0.45).set_x(heat.get_x())
        values = (
            VGroup(
                VGroup(text("z =", size=LABEL_SIZE), number(shown[0], 2, LABEL_SIZE)).arrange(
                    RIGHT
                ),
                VGroup(text("b =", size=LABEL_SIZE), number(shown[1], 2, LABEL_SIZE)).arrange(
                    RIGHT
                ),
                VGroup(
                    text("a = σ(z) =", size=LABEL_SIZE), number(shown[2], 2, LABEL_SIZE)
                ).arrange(RIGHT),
            )
            .arrange(RIGHT, buff=0.6)
            .next_to(sum_line, DOWN, buff=0.35)
        )
        self.play(Write(sum_line))
        self.play(FadeIn(values, lag_ratio=0.3), Indicate(diagram.neuron(1, j)), run_time=2)
        self.wait(3)
        self.key_moment("one-neuron")
        self.play(
            FadeOut(Group(heat, title, legend, sum_line, values, ring, diagram)),
            run_time=1.2,
        )

    def show_matrix_form(self, net: Network) -> None:
        """The whole layer at once: a' = sigma(W a + b), with the real shapes."""
        (rows, cols), (n_b,) = net.weights[0].shape, net.biases[0].shape
        self.numbers.record("W1 shape", [rows, cols], "nncore.mlp.Network.weights[0].shape")
        self.numbers.record("b1 shape", [n_b], "nncore.mlp.Network.biases[0].shape")
        law = formula("a^((1)) = sigma(W a^((0)) + b)", size=48).move_to(1.6 * UP)
        shapes = (
            VGroup(
                text(f"W: {rows} × {cols} weights", size=LABEL_SIZE),
                text(f"a⁽⁰⁾: {cols} activations", size=LABEL_SIZE),
                text(f"b: {n_b} biases", size=LABEL_SIZE),
            )
            .arrange(DOWN, aligned_edge=LEFT, buff=0.2)
            .next_to(law, DOWN, buff=0.6)
        )
        self.play(Write(law), run_time=1.5)
        self.play(FadeIn(shapes, lag_ratio=0.4), run_time=2)
        self.wait(2)
        self.key_moment("matrix-form")
        self.play(FadeOut(VGroup(law, shapes)))

    def count_parameters(self, net: Network) -> None:
        """Every weight and every bias, term by term, to nncore's count."""
        pairs = list(zip(net.sizes, net.sizes[1:]))
        weight_terms = [f"{n_in} × {n_out}" for n_in, n_out in pairs]
        bias_terms = [str(n_out) for _, n_out in pairs]
        n_weights = sum(w.size for w in net.weights)
        n_biases = sum(b.size for b in net.biases)
        total = self.numbers.record("parameters", net.n_params, "nncore.mlp.Network.n_params")
        self.numbers.record("weights", n_weights, "sum of the weight matrices' sizes")
        self.numbers.record("biases", n_biases, "sum of the bias vectors' sizes")

        weights_line = text("weights:  " + " + ".join(weight_terms) + f" = {n_weights:,}")
        biases_line = text("biases:  " + " + ".join(bias_terms) + f" = {n_biases:,}")
        total_line = text(f"{total:,} parameters", size=48, color=HIGHLIGHT)
        VGroup(weights_line, biases_line, total_line).arrange(DOWN, buff=0.6)
        self.play(Write(weights_line), run_time=2)
        self.play(Write(biases_line), run_time=1.5)
        self.play(FadeIn(total_line, shift=0.3 * UP))
        self.wait(3)
        self.key_moment("13002-parameters")

    def show_every_edge(self, net: Network, untrained: Network, digit: inputs.Digit) -> None:
        """Every edge at once, as one image: first untrained, then the trained weights.

        Every input neuron is one row of a thin strip (the digit's 784 pixels in
        reading order), so all 784 x 16 first-layer edges can be drawn.
        """
        hidden = NetworkMobject(sizes=net.sizes[1:], layer_spacing=2.5, neuron_spacing=0.34)
        hidden.shift(2.2 * RIGHT + 0.2 * DOWN)
        strip = input_column(digit.x, center=3.6 * LEFT + 0.2 * DOWN, height=6.4)
        starts = input_column_positions(net.sizes[0], center=3.6 * LEFT + 0.2 * DOWN, height=6.4)
        positions = [starts] + [hidden.layer_positions(l) for l in range(len(net.sizes) - 1)]
        edges = AllEdges(*dense_edges(positions, untrained.weights))
        trained_weights = dense_edges(positions, net.weights).weights
        n_edges = self.numbers.record(
            "edges", sum(w.size for w in net.weights), "sum of nncore's weight matrices' sizes"
        )
        title = text(f"all {n_edges:,} weights at once", size=LABEL_SIZE)
        title.to_edge(UP, buff=0.3)
        seed = inputs.untrained_seed()
        state = source_note(f"untrained network, seed {seed}").next_to(title, DOWN, buff=0.1)
        self.numbers.record("untrained seed", seed, "NNEXPLAIN_SEED or nncore.mlp.UNTRAINED_SEED")
        self.play(FadeOut(*self.mobjects))  # a clean page: this picture needs the whole frame
        self.play(FadeIn(strip), FadeIn(hidden.layers), Write(title), FadeIn(state))
        self.add_foreground_mobjects(hidden.layers)  # neurons stay in front of the edge image
        self.play(FadeIn(edges), run_time=2)
        self.wait()
        self.key_moment("untrained-edges")
        trained = source_note("trained network").move_to(state)
        self.play(
            edges.change_weights(trained_weights), FadeOut(state), FadeIn(trained), run_time=4
        )
        self.wait(2)
        self.key_moment("trained-edges")
