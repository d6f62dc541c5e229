"""Concept 2: the 784-16-16-10 network, activations propagating layer by layer.

Render with::

    manim -pql scenes/network.py HiddenLayers
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UL, Animation, Create, FadeIn, LaggedStart

from nncore.mlp import Network
from scenes import inputs
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject, ink_indices
from scenes.mobjects.pixel_grid import digit_image
from scenes.story import STORY_DIGIT, trained_note
from scenes.style import HIGHLIGHT, SMALL_SIZE, TEXT, number, source_note, text

LAYER_NAMES = ("input", "hidden layer 1", "hidden layer 2", "output")
# A neuron the narration counts as "lit": more than half way from black to white.
LIT = 0.5
# Seconds for one layer to light up (the flash along the edges, then the neurons).
SECONDS_PER_LAYER = 1.6


def check_inputs() -> None:
    """Read this scene's inputs (for ``nnexplain render`` to fail before rendering)."""
    inputs.digit(STORY_DIGIT)
    inputs.trained()


def layer_sizes_phrase(hidden: list[int]) -> str:
    """The hidden layers in words: "two hidden layers of 16 neurons each"."""
    if len(set(hidden)) == 1:
        return f"two hidden layers of {hidden[0]} neurons each"
    return f"a hidden layer of {hidden[0]} neurons, one of {hidden[1]}"


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
        diagram = self.show_layers(net, digit)
        self.show_weights(diagram, net)
        steps = self.feed_forward_steps(diagram, forward.activations)
        self.light_first_hidden_layer(steps, forward.activations[1])
        self.light_second_hidden_layer(steps, forward.activations[2])
        self.read_output(diagram, steps, forward.output, digit)

    def show_layers(self, net: Network, digit: inputs.Digit) -> NetworkMobject:
        """The four columns of neurons, named, beside the digit they will read."""
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
        sizes = [
            self.numbers.record(f"layer {layer} size", size, "nncore.mlp.Network.sizes")
            for layer, size in enumerate(net.sizes)
        ]
        notes = [source_note(digit.source), source_note(trained_note(net.metadata))]
        notes[0].to_corner(UL, buff=0.3)
        notes[1].next_to(notes[0], DOWN, aligned_edge=LEFT, buff=0.1)
        say = (
            f"Here is the whole network. On the left, the {sizes[0]} input neurons of our digit. "
            f"Then {layer_sizes_phrase(sizes[1:-1])}, and an output layer of {sizes[-1]}, "
            "one for each digit."
        )
        with self.beat("layers", say=say) as beat:
            self.play(FadeIn(grid), FadeIn(*notes))
            self.wait_for_sentence(beat, 1)
            self.play(
                FadeIn(diagram.layers[0], names[0], diagram.ellipses, diagram.braces),
                run_time=1.5,
            )
            self.wait_for_sentence(beat, 2)
            later = [FadeIn(layer, name) for layer, name in zip(diagram.layers[1:], names[1:])]
            later[-1] = FadeIn(diagram.layers[-1], names[-1], diagram.labels)
            self.play(LaggedStart(*later, lag_ratio=0.5), run_time=3)
        return diagram

    def show_weights(self, diagram: NetworkMobject, net: Network) -> None:
        """Every edge, coloured by the weight training gave it."""
        n_train = self.numbers.record(
            "training digits", net.metadata["train_digits"], "trained network's metadata"
        )
        say = (
            "Every neuron is joined to every neuron of the next layer, and each line has a weight: "
            f"blue for positive, red for negative. Training on {n_train:,} handwritten digits "
            "chose these weights."
        )
        with self.beat("weights", say=say) as beat:
            self.play(Create(diagram.edges, lag_ratio=0.001), run_time=0.6 * beat.duration)

    def feed_forward_steps(
        self, diagram: NetworkMobject, activations: list[np.ndarray]
    ) -> list[Animation]:
        """One animation per layer, input first, with the activations nncore computed."""
        for layer, a in enumerate(activations):
            self.numbers.record(f"a{layer}", a, f"nncore.mlp.Network.feedforward, layer {layer}")
        return list(diagram.feed_forward(activations, SECONDS_PER_LAYER).animations)

    def count_lit(self, layer: int, a: np.ndarray) -> int:
        return self.numbers.record(
            f"lit in layer {layer}", int(np.sum(a > LIT)), f"activations of layer {layer} > {LIT}"
        )

    def light_first_hidden_layer(self, steps: list[Animation], a1: np.ndarray) -> None:
        lit, size = self.count_lit(1, a1), a1.size
        say = (
            "Now feed the digit in: each input neuron lights up with its pixel's brightness. "
            "Through the weights, these activations decide the first hidden layer. "
            f"For this digit, {lit} of its {size} neurons are more than half lit."
        )
        with self.beat("first-hidden-layer", say=say) as beat:
            self.play(steps[0])
            self.wait_for_sentence(beat, 1)
            self.play(steps[1])

    def light_second_hidden_layer(self, steps: list[Animation], a2: np.ndarray) -> None:
        lit, size = self.count_lit(2, a2), a2.size
        say = (
            "That layer, in turn, decides the second one. "
            f"Here {lit} of its {size} neurons are more than half lit."
        )
        with self.beat("second-hidden-layer", say=say):
            self.play(steps[2])

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
        runner_up = int(np.argsort(output)[-2])
        say = (
            f"Last, the output layer: {output.size} numbers, one for each digit. "
            f"The brightest is {prediction}, at {output[prediction]:.2f}, "
            f"and the next is {runner_up}, at only {output[runner_up]:.2f}. "
            f"So the network says {prediction}."
        )
        if digit.label is not None:
            label = self.numbers.record("label", digit.label, f"{digit.source}, its label")
            verdict = "it is right" if label == prediction else "it is wrong"
            say += f" And {verdict}: this digit is labelled {label}."
        with self.beat("output", say=say) as beat:
            self.play(steps[3])
            self.play(FadeIn(*values, lag_ratio=0.1), run_time=1.5)
            self.wait_for_sentence(beat, 1)
            self.play(Create(ring))
