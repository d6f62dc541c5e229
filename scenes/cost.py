"""Concepts 4 and 5: the quadratic cost of one example, untrained and trained.

Render with::

    manim -pql scenes/cost.py CostUntrained
    manim -pql scenes/cost.py CostTrained

An image of your own has no label: say which digit it shows, for the desired output::

    NNEXPLAIN_DIGIT=my_three.png NNEXPLAIN_LABEL=3 manim -pql scenes/cost.py CostUntrained
"""

from __future__ import annotations

from dataclasses import dataclass

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
    LaggedStart,
    MathTypst,
    ReplacementTransform,
    SurroundingRectangle,
    Text,
    Transform,
    TransformFromCopy,
    VGroup,
    Write,
)

from nncore.mlp import Forward, Network, cost, cost_terms, one_hot
from scenes import inputs
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.cost_terms import CostTerms, decimal_places
from scenes.mobjects.network import NetworkMobject, ink_indices
from scenes.mobjects.pixel_grid import digit_image
from scenes.story import trained_note
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    SOURCE_TEXT,
    TEXT,
    formula,
    number,
    source_note,
    text,
)

# The held-out 3 (test split, indices 1500-1999 hold the 3s) that the shipped
# trained network is surest of: the lowest cost of all of them. The seed-9
# untrained network's cost on it is close to its median over those 3s.
STORY_DIGIT = "mnist:1893"

# Where things sit: the digit and the network on the left, the table on the right.
NETWORK_CENTER = (-2.2, -0.25, 0.0)
TABLE_X = 4.0  # the table's centre: its widest (trained) form still clears the frame edge
CAPTION_Y = -3.55
PANEL_NUMBER_SIZE = 40  # the two costs compared at the end


def check_inputs() -> None:
    """Read these scenes' inputs (for ``nnexplain render`` to fail before rendering)."""
    inputs.label(inputs.digit(STORY_DIGIT))
    inputs.untrained_seed()
    inputs.trained()


@dataclass
class Costed:
    """One digit through one network, as nncore computed it."""

    forward: Forward
    y: np.ndarray
    terms: np.ndarray
    cost: float

    @property
    def output(self) -> np.ndarray:
        return self.forward.output


def costed(net: Network, x: np.ndarray, label: int) -> Costed:
    """Feed ``x`` forward and ask nncore for each cost term and their sum."""
    forward = net.feedforward(x)
    y = one_hot(label, net.sizes[-1])
    return Costed(forward, y, cost_terms(forward.output, y), cost(forward.output, y))


def untrained_note(seed: int) -> str:
    return f"untrained network, seed {seed}: every weight and bias drawn from N(0, 1)"


def digit_note(digit: inputs.Digit, label: int) -> str:
    return f"{digit.source}, desired output: {label}"


def caption(s: str) -> Text:
    """The line at the bottom saying what the viewer is looking at now."""
    return text(s, size=LABEL_SIZE).move_to([0.0, CAPTION_Y, 0.0])


def network_diagram(net: Network, digit: inputs.Digit) -> NetworkMobject:
    """The network with its real weights, beside the table, the digit to its left."""
    return NetworkMobject(
        sizes=net.sizes,
        weights=net.weights,
        shown={0: ink_indices(digit.x)},
        output_labels=[str(d) for d in range(net.sizes[-1])],
        layer_spacing=1.4,
        neuron_spacing=0.3,
        radius=0.13,
    ).move_to(NETWORK_CENTER)


def digit_grid(digit: inputs.Digit, diagram: NetworkMobject) -> Group:
    grid = digit_image(digit.x, side=1.3).to_edge(LEFT, buff=0.3)
    return grid.match_y(diagram.layers[0])


def cost_table(example: Costed) -> CostTerms:
    table = CostTerms(example.output, example.y, example.terms, example.cost)
    return table.to_edge(DOWN, buff=0.95).set_x(TABLE_X)


def cost_law(table: CostTerms) -> MathTypst:
    """``C = sum_j (a_j - y_j)^2`` over the table's rows, above its right edge."""
    law = formula(f"C = sum_(j=0)^{len(table.a) - 1} (a_j - y_j)^2", size=32)
    return law.next_to(table, UP, buff=0.25).align_to(table, RIGHT)


def cost_panels(before: Costed, after: Costed, seed: int) -> VGroup:
    """The two costs of one digit side by side, each under the network it comes from."""
    return (
        VGroup(
            *(
                VGroup(
                    text(name, size=LABEL_SIZE, color=SOURCE_TEXT),
                    number(c.cost, decimal_places(c.cost), size=PANEL_NUMBER_SIZE, color=color),
                ).arrange(DOWN, buff=0.35)
                for name, c, color in (
                    (f"untrained, seed {seed}", before, TEXT),
                    ("trained", after, HIGHLIGHT),
                )
            )
        )
        .arrange(RIGHT, buff=0.6)
        .move_to([TABLE_X, NETWORK_CENTER[1], 0.0])
    )


class CostUntrained(ExplainerScene):
    """An untrained network's output for a 3, the desired output, and the cost term by term."""

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        label = inputs.label(digit)
        seed = inputs.untrained_seed()
        net = Network.random(seed=seed)
        example = costed(net, digit.x, label)
        self.numbers.inputs = {"digit": digit.spec, "label": label, "seed": seed}
        self.numbers.record("seed", seed, "NNEXPLAIN_SEED or nncore.mlp.UNTRAINED_SEED")
        self.numbers.record("label", label, f"{digit.source} (or NNEXPLAIN_LABEL)")
        self.numbers.record("layer sizes", list(net.sizes), "nncore.mlp.Network.sizes")

        diagram = self.show_example(net, digit, example, label, seed)
        table = cost_table(example)
        self.show_desired_output(diagram, table, example, label)
        self.show_terms(table, example)
        self.sum_the_terms(table, example)

    def show_example(
        self, net: Network, digit: inputs.Digit, example: Costed, label: int, seed: int
    ) -> NetworkMobject:
        """The digit goes through the untrained network; its outputs light up."""
        diagram = network_diagram(net, digit)
        grid = digit_grid(digit, diagram)
        notes = VGroup(source_note(digit_note(digit, label)), source_note(untrained_note(seed)))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.1).to_corner(UL, buff=0.3)
        for layer in (1, 2):
            self.numbers.record(
                f"a{layer}", example.forward.activations[layer], "nncore.mlp.Network.feedforward"
            )
        words = caption("what an untrained network says about this digit")
        self.play(FadeIn(grid), FadeIn(notes), run_time=1.5)
        self.play(FadeIn(diagram.layers, diagram.ellipses, diagram.braces, diagram.labels))
        self.play(Create(diagram.edges, lag_ratio=0.001), FadeIn(words), run_time=2)
        self.play(diagram.feed_forward(example.forward.activations, run_time_per_layer=1.2))
        self.wait(2)
        self.play(FadeOut(words))
        return diagram

    def show_desired_output(
        self, diagram: NetworkMobject, table: CostTerms, example: Costed, label: int
    ) -> None:
        """Each output activation a_j moves into the table; beside it, the desired y_j."""
        out = len(diagram.sizes) - 1
        self.numbers.record("output", example.output, "nncore.mlp.Network.feedforward")
        self.numbers.record("desired", example.y, f"nncore.mlp.one_hot({label})")
        words = caption(f"its {len(example.output)} outputs: a")
        self.play(FadeIn(table.headers[0]), FadeIn(table.digit_labels), FadeIn(words))
        self.play(
            LaggedStart(
                *(
                    TransformFromCopy(diagram.neuron(out, j), entry)
                    for j, entry in enumerate(table.a_entries)
                ),
                lag_ratio=0.15,
            ),
            run_time=2.5,
        )
        self.wait()
        ring = diagram.highlight_neuron(out, label)
        box = SurroundingRectangle(table.y_entries[label], color=HIGHLIGHT, buff=0.06)
        wanted = caption(f"what we wanted, y: 1 for the {label}, 0 for every other digit")
        self.play(
            FadeIn(table.headers[1]),
            FadeIn(table.y_entries, lag_ratio=0.1),
            ReplacementTransform(words, wanted),
            run_time=1.5,
        )
        self.play(Create(ring), Create(box))
        self.wait(2.5)
        self.key_moment("desired-output")
        self.play(FadeOut(ring), FadeOut(box), FadeOut(wanted))

    def show_terms(self, table: CostTerms, example: Costed) -> None:
        """Row by row, the square of the difference; the wrong outputs' terms glow red."""
        self.numbers.record("terms", example.terms, "nncore.mlp.cost_terms")
        words = caption("square each difference: the further off, the bigger (and redder)")
        self.play(FadeIn(table.scaffold), FadeIn(words))
        self.play(FadeIn(table.term_entries, lag_ratio=0.3), run_time=3)
        self.wait(3)
        self.key_moment("terms")
        self.play(FadeOut(words))

    def sum_the_terms(self, table: CostTerms, example: Costed) -> None:
        """Their sum is the cost of this one example."""
        self.numbers.record("cost", example.cost, "nncore.mlp.cost")
        words = caption("add them up: the cost of this one example")
        law = cost_law(table)
        self.play(Create(table.sum_row[0]), Write(law), FadeIn(words))
        self.play(FadeIn(table.sum_row[1:], shift=0.2 * DOWN), run_time=1.5)
        self.play(Create(SurroundingRectangle(table.total, color=HIGHLIGHT, buff=0.08)))
        self.wait(4)
        self.key_moment("cost")


class CostTrained(ExplainerScene):
    """The same digit through the trained network: the terms shrink, and so does the cost."""

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        label = inputs.label(digit)
        seed = inputs.untrained_seed()
        untrained = Network.random(seed=seed)
        trained = inputs.trained()
        before = costed(untrained, digit.x, label)
        after = costed(trained, digit.x, label)
        self.numbers.inputs = {
            "digit": digit.spec,
            "label": label,
            "seed": seed,
            "weights": str(inputs.weights_path()),
        }
        self.numbers.record("seed", seed, "NNEXPLAIN_SEED or nncore.mlp.UNTRAINED_SEED")
        self.numbers.record("label", label, f"{digit.source} (or NNEXPLAIN_LABEL)")
        self.numbers.record("layer sizes", list(trained.sizes), "nncore.mlp.Network.sizes")

        diagram, table, law, notes = self.recall_untrained(untrained, digit, before, label, seed)
        table = self.train_the_network(trained, digit, diagram, table, law, notes, after)
        self.sum_the_terms(table, after)
        self.compare_costs(VGroup(table, law), before, after, seed)

    def recall_untrained(
        self, net: Network, digit: inputs.Digit, before: Costed, label: int, seed: int
    ) -> tuple[NetworkMobject, CostTerms, MathTypst, VGroup]:
        """Where the last scene ended: the untrained network's cost, term by term."""
        for layer in (1, 2):
            self.numbers.record(
                f"untrained a{layer}",
                before.forward.activations[layer],
                "nncore.mlp.Network.feedforward, untrained",
            )
        self.numbers.record("untrained output", before.output, "nncore.mlp.Network.feedforward")
        self.numbers.record("untrained terms", before.terms, "nncore.mlp.cost_terms")
        self.numbers.record("untrained cost", before.cost, "nncore.mlp.cost, untrained")
        self.numbers.record("desired", before.y, f"nncore.mlp.one_hot({label})")
        diagram = network_diagram(net, digit)
        for layer, a in enumerate(before.forward.activations):
            diagram.set_activations(layer, a)
        table = cost_table(before)
        law = cost_law(table)
        notes = VGroup(source_note(digit_note(digit, label)), source_note(untrained_note(seed)))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.1).to_corner(UL, buff=0.3)
        words = caption("before: the untrained network's cost for this digit")
        # The picture CostUntrained ends on, so that concept 5 picks up where 4 stopped.
        self.add(digit_grid(digit, diagram), diagram, table, law, notes)
        self.play(FadeIn(words))
        self.wait(3)
        self.play(FadeOut(words))
        return diagram, table, law, notes

    def train_the_network(
        self,
        net: Network,
        digit: inputs.Digit,
        diagram: NetworkMobject,
        table: CostTerms,
        law: MathTypst,
        notes: VGroup,
        after: Costed,
    ) -> CostTerms:
        """The trained weights replace the random ones; the same digit, and every term shrinks."""
        for key in ("train_digits", "test_digits", "test_accuracy"):
            self.numbers.record(key, net.metadata[key], "trained weights' metadata")
        for layer in (1, 2):
            self.numbers.record(
                f"trained a{layer}",
                after.forward.activations[layer],
                "nncore.mlp.Network.feedforward, trained",
            )
        self.numbers.record("trained output", after.output, "nncore.mlp.Network.feedforward")
        self.numbers.record("trained terms", after.terms, "nncore.mlp.cost_terms")
        trained = network_diagram(net, digit)
        for layer, a in enumerate(after.forward.activations):
            trained.set_activations(layer, a)
        note = source_note(trained_note(net.metadata)).move_to(notes[1], aligned_edge=LEFT)
        words = caption("after training: the same digit through the trained network")
        self.play(FadeOut(table.sum_row), FadeIn(words))
        self.play(Transform(diagram, trained), ReplacementTransform(notes[1], note), run_time=2.5)
        self.wait()
        shrunk = cost_table(after)
        shrink = caption("every term shrinks")
        parts = ("digit_labels", "headers", "scaffold", "a_entries", "y_entries", "term_entries")
        self.play(
            *(ReplacementTransform(getattr(table, p), getattr(shrunk, p)) for p in parts),
            law.animate.align_to(shrunk, RIGHT),
            ReplacementTransform(words, shrink),
            run_time=2.5,
        )
        self.add(shrunk)
        self.wait(3)
        self.key_moment("trained-terms")
        self.play(FadeOut(shrink))
        return shrunk

    def sum_the_terms(self, table: CostTerms, after: Costed) -> None:
        self.numbers.record("trained cost", after.cost, "nncore.mlp.cost, trained")
        words = caption("their sum, the trained network's cost: close to 0")
        self.play(Create(table.sum_row[0]), FadeIn(words))
        self.play(FadeIn(table.sum_row[1:], shift=0.2 * DOWN), run_time=1.5)
        self.wait(3)
        self.key_moment("trained-cost")
        self.play(FadeOut(words))

    def compare_costs(self, table: VGroup, before: Costed, after: Costed, seed: int) -> None:
        """In the table's place, this digit's cost before and after training, side by side."""
        panels = cost_panels(before, after, seed)
        words = caption("the cost of this one digit, before and after training")
        self.play(FadeOut(table), run_time=1.2)
        self.play(FadeIn(panels[0], shift=0.2 * UP), FadeIn(words))
        self.play(FadeIn(panels[1], shift=0.2 * UP))
        self.wait(4)
        self.key_moment("both-costs")
