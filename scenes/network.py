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
from manim import DOWN, LEFT, RIGHT, UL, Animation, Create, LaggedStart, VGroup

from nncore.mlp import Network
from scenes import inputs
from scenes.engine.fades import OpacityFadeIn
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject, ink_indices, most_active_indices
from scenes.mobjects.pixel_grid import digit_image
from scenes.story import (
    STORY_DIGIT,
    hidden_args,
    layer_name,
    network_note,
    shown_rule,
    trained_note,
    training,
)
from scenes.style import HIGHLIGHT, SMALL_SIZE, TEXT, number, source_note, text

# A neuron the narration counts as "lit": more than half way from black to white.
LIT = 0.5
# Seconds for one layer to light up (the flash along the edges, then the neurons).
SECONDS_PER_LAYER = 1.6
LAYER_SPACING = 2.6
NEURON_SPACING = 0.36
CUT_NEURON_SPACING = 0.32
# The diagram's span from the input to the output column: deeper networks pack closer.
MAX_WIDTH = 3 * LAYER_SPACING
# The shipped network's beats keep their names (its slides and stills are named by them).
HIDDEN_BEATS = {1: "first-hidden-layer", 2: "second-hidden-layer"}


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
        diagram = self.show_layers(net, digit, forward.zs)
        self.show_weights(diagram, net)
        steps = self.feed_forward_steps(diagram, forward.activations)
        self.light_hidden_layers(steps, forward.activations)
        self.read_output(diagram, steps, forward.output, digit)

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
        ).shift(0.6 * RIGHT + 0.3 * DOWN)
        grid = digit_image(digit.x, side=1.8).to_edge(LEFT, buff=0.35)
        grid.match_y(diagram.layers[0])
        names = [
            text(layer_name(net.sizes, layer), size=SMALL_SIZE).next_to(
                VGroup(column, diagram.marks(layer) if layer else VGroup()), DOWN, buff=0.25
            )
            for layer, column in enumerate(diagram.layers)
        ]
        sizes = [
            self.numbers.record(f"layer {layer} size", size, "nncore.mlp.Network.sizes")
            for layer, size in enumerate(net.sizes)
        ]
        facts = training(net)
        self.numbers.record("test accuracy", facts.test_accuracy, "the trained network's note")
        notes = VGroup(
            *(
                source_note(line)
                for line in (digit.source, trained_note(facts), network_note(net), rule)
                if line is not None
            )
        )
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.1).to_corner(UL, buff=0.3)
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
