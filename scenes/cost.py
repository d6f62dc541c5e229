"""Concepts 4 and 5: the quadratic cost of one example, untrained and trained.

Render with::

    manim -pql scenes/cost.py CostUntrained
    manim -pql scenes/cost.py CostTrained

An image of your own has no label: say which digit it shows, for the desired output::

    NNEXPLAIN_DIGIT=my_three.png NNEXPLAIN_LABEL=3 manim -pql scenes/cost.py CostUntrained

The untrained network has the trained one's sizes and activation
(``scenes.inputs.untrained``). The cost stays the quadratic one whatever the
output layer; when it is not a sigmoid, a note says what its outputs can be.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    Arrow,
    Brace,
    Create,
    Group,
    GrowArrow,
    Indicate,
    LaggedStart,
    MathTypst,
    ReplacementTransform,
    SurroundingRectangle,
    TransformFromCopy,
    VGroup,
    Write,
)

from nncore import data
from nncore.landscape import Digits, average_cost
from nncore.mlp import INITS, Forward, Network, cost, cost_terms, one_hot
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut, replacement
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.cost_terms import CostTerms, decimal_places
from scenes.mobjects.network import (
    NetworkMobject,
    ink_indices,
    most_active_indices,
)
from scenes.mobjects.pixel_grid import digit_image
from scenes.script import fixed
from scenes.story import (
    Training,
    digit_note,
    network_note,
    shown_rule,
    trained_note,
    training,
)
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    SOURCE_TEXT,
    TEXT,
    fit_safe_width,
    formula,
    number,
    safe_area,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
)

# The held-out 3 (test split, indices 1500-1999 hold the 3s) that the shipped
# trained network is surest of: the lowest cost of all of them. The seed-9
# untrained network's cost on it is close to its median over those 3s.
STORY_DIGIT = "mnist:1710"

# Where things sit: the digit and the network on the left, the table on the right.
NETWORK_CENTER = (-2.2, -0.25, 0.0)
TABLE_X = 4.0  # the table's centre, right of the network's output labels
PANEL_NUMBER_SIZE = 40  # the two costs compared at the end
PANEL_LEFT = 1.0  # where the panels of costs may begin, right of the output labels
# Seconds the heavy changes take, the voice going on over the picture they end on: the
# edges becoming the trained ones, the digit lighting each layer, the table's new numbers.
SWAP_TIME = 2.0
PER_LAYER_TIME = 1.6  # as in the hidden-layers scene
TABLE_TIME = 2.0
# What the table's a_j can be when the output layer is not a sigmoid (0 to 1).
# The bound a ReLU or tanh network's outputs can pass, for its note (cost.ftl's words).
OUTPUT_BOUNDS = {"relu": 1, "tanh": 0}


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


def words(message_id: str, **args: object) -> str:
    """A message of this scene's script file, cost.ftl."""
    return script.current().words("cost", message_id, **args)


def untrained_note(seed: int, net: Network) -> str:
    init = "standard" if net.metadata["init"] == INITS["standard"] else "scaled"
    law = "N(0, 1)" if init == "standard" else "N(0, 1/n_in)"
    return words("untrained-note", seed=seed, init=init, law=law, bias=0)


def shown_neurons(net: Network, digit: inputs.Digit) -> dict[int, np.ndarray]:
    """The neurons drawn: pixels spread through the ink, and each wide layer's most active."""
    return {0: ink_indices(digit.x), **most_active_indices(net.feedforward(digit.x).zs, net.sizes)}


def notes_for(net: Network, lines: list[str]) -> VGroup:
    """The corner notes: ``lines``, the network's shape and what its outputs can be, and
    which neurons are drawn."""
    shape = network_note(net)
    if net.activation in OUTPUT_BOUNDS:
        shape = words(
            "output-note",
            shape=shape,
            activation=net.activation,
            bound=OUTPUT_BOUNDS[net.activation],
        )
    extra = [shape, shown_rule(net.sizes)]
    notes = VGroup(*(source_note(line) for line in lines + [e for e in extra if e]))
    return to_safe_corner(notes.arrange(DOWN, aligned_edge=LEFT, buff=0.1), UL)


def network_diagram(
    net: Network, digit: inputs.Digit, shown: dict[int, np.ndarray] | None = None
) -> NetworkMobject:
    """The network with its real weights, beside the table, the digit to its left.

    ``shown``: which neurons to draw (default: :func:`shown_neurons` of ``net``).
    """
    return NetworkMobject(
        sizes=net.sizes,
        weights=net.weights,
        shown=shown_neurons(net, digit) if shown is None else shown,
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
    to_safe_edge(table, DOWN).set_x(TABLE_X)
    # A cost of 1e-8 shows eight places: such a table shrinks to stay in the safe area.
    # It cannot move left, where the network's output labels are.
    room = safe_area()[1] - table.get_left()[0]
    if table.width > room:
        table.scale(room / table.width, about_edge=DL)
    # The law stands above the table: both below the safe area's top.
    over = cost_law(table).get_top()[1] - safe_area()[3]
    if over > 0:
        table.scale(1 - over / table.height, about_edge=DL)
    return table


def table_row(table: CostTerms, j: int) -> VGroup:
    """Row ``j`` of the table, ``j   (a_j − y_j)² = term``, for a box around all of it."""
    parts = (table.digit_labels, *table.scaffold, table.a_entries, table.y_entries)
    return VGroup(*(part[j] for part in parts), table.term_entries[j])


def cost_law(table: CostTerms) -> MathTypst:
    """``C = sum_j (a_j - y_j)^2`` over the table's rows, above its right edge."""
    law = formula(f"C = sum_(j=0)^{len(table.a) - 1} (a_j - y_j)^2", size=32)
    return law.next_to(table, UP, buff=0.25).align_to(table, RIGHT)


def cost_panels(before: Costed, after: Costed, seed: int) -> VGroup:
    """The two costs of one digit side by side, each under the network it comes from."""
    panels = (
        VGroup(
            *(
                VGroup(
                    text(name, size=LABEL_SIZE, color=SOURCE_TEXT),
                    number(c.cost, decimal_places(c.cost), size=PANEL_NUMBER_SIZE, color=color),
                ).arrange(DOWN, buff=0.35)
                for name, c, color in (
                    (words("untrained-panel", seed=seed), before, TEXT),
                    (words("trained-panel"), after, HIGHLIGHT),
                )
            )
        )
        .arrange(RIGHT, buff=0.6)
        .move_to([panel_x(), NETWORK_CENTER[1], 0.0])
    )
    return fit_safe_width(panels, panel_room())


def panel_room() -> float:
    """The width right of the network's output labels, for the panels of costs."""
    return safe_area()[1] - PANEL_LEFT


def panel_x() -> float:
    return (PANEL_LEFT + safe_area()[1]) / 2


class CostUntrained(ExplainerScene):
    """An untrained network's output for a 3, the desired output, and the cost term by term."""

    reads = ("digit", "label", "seed", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        label = inputs.label(digit)
        seed = inputs.untrained_seed()
        net = inputs.untrained()
        example = costed(net, digit.x, label)
        self.numbers.inputs = {"digit": digit.spec, "label": label, "seed": seed}
        self.numbers.record("seed", seed, f"{inputs.SEED_ENV} or nncore.mlp.UNTRAINED_SEED")
        label = self.numbers.record("label", label, f"{digit.source} (or {inputs.LABEL_ENV})")
        sizes = self.numbers.record("layer sizes", list(net.sizes), "nncore.mlp.Network.sizes")

        diagram = self.show_example(net, digit, label, seed)
        self.feed_forward(diagram, example, sizes)
        table = cost_table(example)
        self.show_outputs(diagram, table, example, label)
        self.show_desired_output(diagram, table, example, label)
        self.show_terms(table, example)
        self.sum_the_terms(table, example)

    def show_example(
        self, net: Network, digit: inputs.Digit, label: int, seed: int
    ) -> NetworkMobject:
        """The digit, and beside it a network whose weights are still random."""
        diagram = network_diagram(net, digit)
        grid = digit_grid(digit, diagram)
        notes = notes_for(net, [digit_note(digit, label), untrained_note(seed, net)])
        init = "standard" if net.metadata["init"] == INITS["standard"] else "scaled"
        say = self.say("untrained", label=label, init=init)
        with self.beat("untrained", say=say):
            self.play(OpacityFadeIn(grid), OpacityFadeIn(notes), run_time=1.5)
            self.play(
                OpacityFadeIn(diagram.layers, diagram.ellipses, diagram.braces, diagram.labels)
            )
            self.play(Create(diagram.edges, lag_ratio=0.001), run_time=2)
        return diagram

    def feed_forward(self, diagram: NetworkMobject, example: Costed, sizes: list[int]) -> None:
        """The digit goes through, layer by layer; its outputs light up."""
        for layer in range(1, len(sizes) - 1):
            self.numbers.record(
                f"a{layer}", example.forward.activations[layer], "nncore.mlp.Network.feedforward"
            )
        say = self.say("feed-forward", outputs=sizes[-1])
        with self.beat("feed-forward", say=say) as beat:
            per_layer = min(PER_LAYER_TIME, beat.duration / (len(sizes) - 1))
            self.play_in_turn(*diagram.feed_forward(example.forward.activations, per_layer))

    def show_outputs(
        self, diagram: NetworkMobject, table: CostTerms, example: Costed, label: int
    ) -> None:
        """Each output activation a_j moves into the table, beside the digit it stands for."""
        out = len(diagram.sizes) - 1
        output = self.numbers.record("output", example.output, "nncore.mlp.Network.feedforward")
        answer = self.numbers.record(
            "answer", int(np.argmax(output)), "argmax of nncore.mlp.Network.feedforward"
        )
        places = table.value_places
        say = self.say(
            "outputs",
            answer=answer,
            top=fixed(output[answer], places),
            label=label,
            right="yes" if answer == label else "no",
        )
        ring = diagram.highlight_neuron(out, answer)
        box = SurroundingRectangle(table.a_entries[answer], color=HIGHLIGHT, buff=0.06)
        with self.beat("outputs", say=say):
            self.play(OpacityFadeIn(table.headers[0]), OpacityFadeIn(table.digit_labels))
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
            self.play(Create(ring), Create(box))
        self.play(OpacityFadeOut(ring), OpacityFadeOut(box), run_time=0.5)

    def show_desired_output(
        self, diagram: NetworkMobject, table: CostTerms, example: Costed, label: int
    ) -> None:
        """Beside each a_j, the desired y_j: 1 for the label, 0 for every other digit."""
        out = len(diagram.sizes) - 1
        self.numbers.record("desired", example.y, f"nncore.mlp.one_hot({label})")
        ring = diagram.highlight_neuron(out, label)
        box = SurroundingRectangle(table.y_entries[label], color=HIGHLIGHT, buff=0.06)
        say = self.say("desired-output", label=label)
        with self.beat("desired-output", say=say):
            self.play(
                OpacityFadeIn(table.headers[1]), OpacityFadeIn(table.y_entries, lag_ratio=0.1)
            )
            self.play(Create(ring), Create(box))
        self.play(OpacityFadeOut(ring), OpacityFadeOut(box), run_time=0.5)

    def show_terms(self, table: CostTerms, example: Costed) -> None:
        """Row by row, the square of the difference; the wrong outputs' terms glow red."""
        terms = self.numbers.record("terms", example.terms, "nncore.mlp.cost_terms")
        worst = self.numbers.record("worst term", int(np.argmax(terms)), "argmax of the terms")
        say = self.say("terms", worst=worst, term=fixed(terms[worst], table.term_places))
        box = SurroundingRectangle(table.term_entries[worst], color=HIGHLIGHT, buff=0.06)
        with self.beat("terms", say=say) as beat:
            self.play(OpacityFadeIn(table.scaffold))
            self.play(OpacityFadeIn(table.term_entries, lag_ratio=0.3), run_time=beat.duration / 2)
            self.play(Create(box))
        self.play(OpacityFadeOut(box), run_time=0.5)

    def sum_the_terms(self, table: CostTerms, example: Costed) -> None:
        """Their sum is the cost of this one example."""
        c = self.numbers.record("cost", example.cost, "nncore.mlp.cost")
        law = cost_law(table)
        say = self.say("cost", cost=fixed(c, table.term_places))
        with self.beat("cost", say=say):
            self.play(Create(table.sum_row[0]), Write(law))
            self.play(OpacityFadeIn(table.sum_row[1:], shift=0.2 * DOWN), run_time=1.5)
            self.play(Create(SurroundingRectangle(table.total, color=HIGHLIGHT, buff=0.08)))


class CostTrained(ExplainerScene):
    """The same digit through the trained network: the terms shrink, and so does the cost."""

    reads = ("digit", "label", "seed", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        label = inputs.label(digit)
        seed = inputs.untrained_seed()
        untrained = inputs.untrained()
        trained = inputs.trained()
        before = costed(untrained, digit.x, label)
        after = costed(trained, digit.x, label)
        self.numbers.inputs = {
            "digit": digit.spec,
            "label": label,
            "seed": seed,
            "weights": str(inputs.weights_path()),
        }
        self.numbers.record("seed", seed, f"{inputs.SEED_ENV} or nncore.mlp.UNTRAINED_SEED")
        label = self.numbers.record("label", label, f"{digit.source} (or {inputs.LABEL_ENV})")
        self.numbers.record("layer sizes", list(trained.sizes), "nncore.mlp.Network.sizes")

        facts = training(trained)
        diagram, table, law, notes = self.recall_untrained(untrained, digit, before, label, seed)
        diagram = self.train_the_network(trained, facts, diagram, notes, digit, before)
        table = self.shrink_the_terms(diagram, table, law, before, after, label)
        self.sum_the_terms(table, after)
        panels = self.compare_costs(VGroup(table, law), before, after, seed, facts)
        averages = self.average_over_training(panels, untrained, trained)
        self.cost_as_function(trained, averages[1])

    def recall_untrained(
        self, net: Network, digit: inputs.Digit, before: Costed, label: int, seed: int
    ) -> tuple[NetworkMobject, CostTerms, MathTypst, VGroup]:
        """Where the last scene ended: the untrained network's cost, term by term."""
        for layer in range(1, len(net.sizes) - 1):
            self.numbers.record(
                f"untrained a{layer}",
                before.forward.activations[layer],
                "nncore.mlp.Network.feedforward, untrained",
            )
        self.numbers.record("untrained output", before.output, "nncore.mlp.Network.feedforward")
        self.numbers.record("untrained terms", before.terms, "nncore.mlp.cost_terms")
        c = self.numbers.record("untrained cost", before.cost, "nncore.mlp.cost, untrained")
        self.numbers.record("desired", before.y, f"nncore.mlp.one_hot({label})")
        diagram = network_diagram(net, digit)
        for layer, a in enumerate(before.forward.activations):
            diagram.set_activations(layer, a)
        table = cost_table(before)
        law = cost_law(table)
        notes = notes_for(net, [digit_note(digit, label), untrained_note(seed, net)])
        box = SurroundingRectangle(table.total, color=HIGHLIGHT, buff=0.08)
        # The picture CostUntrained ends on, so that concept 5 picks up where 4 stopped.
        self.add(digit_grid(digit, diagram), diagram, table, law, notes, box)
        say = self.say("before", cost=fixed(c, table.term_places), label=label)
        with self.beat("before", say=say):
            self.play(Indicate(table.total, color=HIGHLIGHT))
        self.play(OpacityFadeOut(box), OpacityFadeOut(table.sum_row), run_time=0.5)
        return diagram, table, law, notes

    def train_the_network(
        self,
        net: Network,
        facts: Training,
        diagram: NetworkMobject,
        notes: VGroup,
        digit: inputs.Digit,
        before: Costed,
    ) -> NetworkMobject:
        """The trained weights replace the random ones, and the same digit goes through.

        Returns the trained network's diagram, which has taken the untrained one's place.
        """
        if facts.train_digits is not None:
            self.numbers.record("train_digits", facts.train_digits, "trained weights' metadata")
        source = "trained weights' metadata" if facts.train_digits else "nncore, on held-out digits"
        for key in ("test_digits", "test_accuracy"):
            self.numbers.record(key, getattr(facts, key), source)
        forward = net.feedforward(digit.x)
        for layer in range(1, len(net.sizes) - 1):
            self.numbers.record(
                f"trained a{layer}",
                forward.activations[layer],
                "nncore.mlp.Network.feedforward, trained",
            )
        # Its own wide layers' most active neurons, lit by the untrained network until the
        # digit goes through the trained one.
        trained = network_diagram(net, digit)
        for layer, a in enumerate(before.forward.activations):
            trained.set_activations(layer, a)
        note = source_note(trained_note(facts)).move_to(notes[1], aligned_edge=LEFT)
        say = self.say(
            "trained",
            train_digits="elsewhere" if facts.train_digits is None else facts.train_digits,
            test_digits=facts.test_digits,
            percent=100 * facts.test_accuracy,
        )
        with self.beat("trained", say=say) as beat:
            self.play(
                replacement(diagram, trained),  # the same drawing: only its styles move
                ReplacementTransform(notes[1], note),
                run_time=min(SWAP_TIME, beat.duration),
            )
        # A transform may leave its target last in the scene, so each later animation (the
        # table's) would redraw all its edges every frame; under the rest it is drawn once.
        self.bring_to_back(trained)
        with self.beat("same-digit", say=self.say("same-digit")) as beat:
            per_layer = min(PER_LAYER_TIME, beat.duration / (len(net.sizes) - 1))
            self.play_in_turn(*trained.feed_forward(forward.activations, per_layer))
        return trained

    def shrink_the_terms(
        self,
        diagram: NetworkMobject,
        table: CostTerms,
        law: MathTypst,
        before: Costed,
        after: Costed,
        label: int,
    ) -> CostTerms:
        """The table's numbers become the trained network's: every term shrinks."""
        output = self.numbers.record(
            "trained output", after.output, "nncore.mlp.Network.feedforward"
        )
        self.numbers.record("trained terms", after.terms, "nncore.mlp.cost_terms")
        answer = self.numbers.record(
            "trained answer", int(np.argmax(output)), "argmax of the trained network's output"
        )
        shrunk = cost_table(after)
        places = shrunk.value_places
        say = self.say(
            "trained-terms",
            right="yes" if answer == label else "no",
            label=label,
            answer=answer,
            top=fixed(output[answer], places),
            others=fixed(np.delete(output, label).max(), places),
            shrinks="yes" if np.all(after.terms <= before.terms) else "no",
        )
        parts = ("digit_labels", "headers", "scaffold", "a_entries", "y_entries", "term_entries")
        ring = diagram.highlight_neuron(len(diagram.sizes) - 1, answer)
        box = SurroundingRectangle(table_row(shrunk, answer), color=HIGHLIGHT, buff=0.06)
        with self.beat("trained-terms", say=say) as beat:
            self.play(
                *(ReplacementTransform(getattr(table, p), getattr(shrunk, p)) for p in parts),
                law.animate.align_to(shrunk, RIGHT),
                run_time=min(TABLE_TIME, beat.duration / 2),
            )
            self.play(Create(ring), Create(box))
        self.play(OpacityFadeOut(ring), OpacityFadeOut(box), run_time=0.5)
        return shrunk

    def sum_the_terms(self, table: CostTerms, after: Costed) -> None:
        c = self.numbers.record("trained cost", after.cost, "nncore.mlp.cost, trained")
        say = self.say("trained-cost", cost=fixed(c, table.term_places))
        with self.beat("trained-cost", say=say):
            self.play(Create(table.sum_row[0]))
            self.play(OpacityFadeIn(table.sum_row[1:], shift=0.2 * DOWN), run_time=1.5)

    def compare_costs(
        self, table: VGroup, before: Costed, after: Costed, seed: int, facts: Training
    ) -> VGroup:
        """In the table's place, this digit's cost before and after training, side by side."""
        panels = cost_panels(before, after, seed)
        say = self.say(
            "both-costs",
            before=fixed(before.cost, decimal_places(before.cost)),
            after=fixed(after.cost, decimal_places(after.cost)),
        )
        self.play(OpacityFadeOut(table), run_time=1.2)
        with self.beat("both-costs", say=say):
            self.play(OpacityFadeIn(panels[0], shift=0.2 * UP))
            self.play(OpacityFadeIn(panels[1], shift=0.2 * UP))
        say = self.say(
            "small-cost",
            train_digits="elsewhere" if facts.train_digits is None else facts.train_digits,
        )
        box = SurroundingRectangle(panels[1][1], color=HIGHLIGHT, buff=0.12)
        with self.beat("small-cost", say=say):
            self.play(Create(box))
        self.play(OpacityFadeOut(box), run_time=0.5)
        return panels

    def average_over_training(
        self, panels: VGroup, untrained: Network, trained: Network
    ) -> tuple[float, float]:
        """One digit is not a verdict: both networks' cost averaged over the training digits.

        Returns the untrained and the trained average.
        """
        images, labels = data.load_mnist()
        train, _ = data.split()
        digits = Digits(images[train], labels[train])
        source = "nncore.landscape.average_cost over nncore.data.split()'s training digits"
        n = self.numbers.record("average digits", len(train), "len(nncore.data.split()[0])")
        before = self.numbers.record(
            "average cost, untrained", average_cost(untrained, digits), source
        )
        after = self.numbers.record("average cost, trained", average_cost(trained, digits), source)
        header = text(words("average-header", digits=n), size=LABEL_SIZE)
        values = VGroup(
            number(before, 2, size=PANEL_NUMBER_SIZE, color=TEXT).match_x(panels[0]),
            number(after, 3, size=PANEL_NUMBER_SIZE, color=HIGHLIGHT).match_x(panels[1]),
        )
        one = text(words("one-digit-header"), size=LABEL_SIZE)
        one.next_to(panels, UP, buff=0.35)
        fit_safe_width(header, panel_room()).next_to(panels, DOWN, buff=0.6)
        values.next_to(header, DOWN, buff=0.3)
        for mob in (one, header):
            mob.set_x(panel_x())
        box = SurroundingRectangle(values[1], color=HIGHLIGHT, buff=0.12)
        say = self.say(
            "average",
            digits=n,
            before=fixed(before, 1),
            after=fixed(after, 2),
        )
        with self.beat("average", say=say) as beat:
            self.play(OpacityFadeIn(one))
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(header))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(values[0], shift=0.2 * UP))
            self.play(OpacityFadeIn(values[1], shift=0.2 * UP), Create(box))
        return before, after

    def cost_as_function(self, net: Network, average: float) -> None:
        """The cost as one function: every parameter in, one number out."""
        total = self.numbers.record("parameters", net.n_params, "nncore.mlp.Network.n_params")
        law = formula(f"C(w_1, w_2, w_3, dots.c, w_({total}))", size=56)
        law.move_to(0.9 * UP)
        brace = Brace(law, DOWN, buff=0.15)
        takes = text(words("function-in", total=total), size=LABEL_SIZE).next_to(
            brace, DOWN, buff=0.15
        )
        example = VGroup(
            text(words("function-example"), size=LABEL_SIZE, color=SOURCE_TEXT),
            number(average, 3, size=PANEL_NUMBER_SIZE, color=HIGHLIGHT),
        ).arrange(RIGHT, buff=0.3)
        gives = VGroup(text(words("function-out"), size=LABEL_SIZE), example)
        gives.arrange(DOWN, buff=0.25)
        gives.next_to(takes, DOWN, buff=0.8)
        arrow = Arrow(takes.get_bottom(), gives.get_top(), buff=0.1, color=TEXT)
        page = VGroup(law, brace, takes, arrow, gives)
        within_safe_area(page)
        self.play(OpacityFadeOut(*self.mobjects), run_time=1.0)
        say = self.say("cost-function", total=total)
        with self.beat("cost-function", say=say) as beat:
            self.play(Write(law), run_time=1.5)
            self.play(Create(brace), OpacityFadeIn(takes))
            self.wait_for_sentence(beat, 1)
            self.play(GrowArrow(arrow), OpacityFadeIn(gives))
