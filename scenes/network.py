"""Concept 2: the 784-16-16-10 network, activations propagating layer by layer.

Render with::

    manim -pql scenes/network.py HiddenLayers
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UL, Create, FadeIn, Write

from scenes import inputs
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject, ink_indices
from scenes.mobjects.pixel_grid import digit_image
from scenes.story import STORY_DIGIT, trained_note
from scenes.style import HIGHLIGHT, LABEL_SIZE, SMALL_SIZE, number, source_note, text

LAYER_NAMES = ("input", "hidden layer 1", "hidden layer 2", "output")


def check_inputs() -> None:
    """Read this scene's inputs (for ``nnexplain render`` to fail before rendering)."""
    inputs.digit(STORY_DIGIT)
    inputs.trained()


class HiddenLayers(ExplainerScene):
    """A real digit fed forward through the trained network, one layer at a time."""

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        net = inputs.trained()
        forward = net.feedforward(digit.x)
        self.numbers.inputs = {
            "digit": digit.spec,
            "label": digit.label,
            "weights": str(inputs.weights_path()),
        }
        diagram = self.show_network(net, digit)
        self.propagate(diagram, forward.activations)
        self.read_output(diagram, forward.output)

    def show_network(self, net, digit: inputs.Digit) -> NetworkMobject:
        diagram = NetworkMobject(
            sizes=net.sizes,
            weights=net.weights,
            shown={0: ink_indices(digit.x)},
            output_labels=[str(d) for d in range(net.sizes[-1])],
            layer_spacing=2.6,
            neuron_spacing=0.36,
        ).shift(0.6 * RIGHT + 0.3 * DOWN)
        grid = digit_image(digit.x, side=1.8).to_edge(LEFT, buff=0.35)
        grid.match_y(diagram.layers[0])
        names = [
            text(name, size=SMALL_SIZE).next_to(diagram.layers[layer], DOWN, buff=0.25)
            for layer, name in enumerate(LAYER_NAMES)
        ]
        for layer, size in enumerate(net.sizes):
            self.numbers.record(f"layer {layer} size", size, "nncore.mlp.Network.sizes")
        notes = [source_note(digit.source), source_note(trained_note(net.metadata))]
        notes[0].to_corner(UL, buff=0.3)
        notes[1].next_to(notes[0], DOWN, aligned_edge=LEFT, buff=0.1)
        self.play(FadeIn(grid), FadeIn(*notes))
        self.play(
            FadeIn(diagram.layers, lag_ratio=0.1),
            FadeIn(diagram.ellipses, diagram.braces, diagram.labels),
            *(Write(n) for n in names),
            run_time=2,
        )
        self.play(Create(diagram.edges, lag_ratio=0.001), run_time=2.5)
        self.wait()
        self.key_moment("network")
        return diagram

    def propagate(self, diagram: NetworkMobject, activations: list[np.ndarray]) -> None:
        """Each layer lights up with the activations nncore computed for this digit."""
        for layer, a in enumerate(activations):
            self.numbers.record(f"a{layer}", a, f"nncore.mlp.Network.feedforward, layer {layer}")
        self.play(diagram.feed_forward(activations, run_time_per_layer=1.6))
        self.wait()

    def read_output(self, diagram: NetworkMobject, output: np.ndarray) -> None:
        """The output activations, and the brightest one is the network's answer."""
        values = [
            number(self.numbers.record(f"output {d}", float(a), "nncore.mlp.Network.feedforward"),
                   places=2, size=SMALL_SIZE).next_to(label, RIGHT, buff=0.2)
            for d, (a, label) in enumerate(zip(output, diagram.labels))
        ]  # fmt: skip
        prediction = int(np.argmax(output))
        self.numbers.record("prediction", prediction, "argmax of the output activations")
        ring = diagram.highlight_neuron(len(diagram.sizes) - 1, prediction)
        answer = text(f"the network says {prediction}", size=LABEL_SIZE, color=HIGHLIGHT)
        answer.next_to(diagram.layers[-1], DOWN, buff=0.7).shift(0.4 * RIGHT)
        self.play(FadeIn(*values, lag_ratio=0.1), run_time=1.5)
        self.play(Create(ring), Write(answer))
        self.wait(3)
        self.key_moment("prediction")
