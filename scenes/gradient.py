"""Concept 6: the negative gradient, 13,002 numbers saying which weights matter most.

One labelled digit goes through the seeded untrained network (wrong answers,
so the gradient is large). The real ``-∇C`` is a column of 13,002 entries; a few
of them, named and tied to the edges they nudge, show that some weights matter
a lot for this example and others hardly at all. One gradient-descent step
lowers the cost, both costs from ``nncore``.

For another network (``NNEXPLAIN_WEIGHTS``) the untrained network has its sizes
and activation, the step its training rate (``nncore.train.DEFAULT_ETA``), and
the count of entries is its own.

Render with::

    manim -pql scenes/gradient.py NegativeGradient
"""

from __future__ import annotations

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Arrow,
    Create,
    LaggedStart,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
)

from nncore import train
from nncore.mlp import Gradient, Network, cost, one_hot
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeIn, Recolor, styled_as
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import (
    NetworkMobject,
    evenly_spaced_indices,
    ink_indices,
    most_active_indices,
)
from scenes.mobjects.vector_column import VectorColumn
from scenes.story import (
    STORY_DIGIT,
    digit_note,
    dim_edges,
    network_note,
    reveal,
    shown_rule,
    untrained_note,
)
from scenes.style import (
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    NEURON_STROKE,
    SOURCE_TEXT,
    formula,
    source_note,
    text,
)

# One step at the learning rate a network of this activation trains with (the shipped
# sigmoid network's 3.0; relu and tanh networks' 0.03).
ETA = train.DEFAULT_ETA
N_SHOWN_ENTRIES = 8
ENTRY_PLACES = 3  # most entries are below 0.01: two places would show a column of zeros
# The diagram's geometry, shared by the network before and after the step.
LAYER_SPACING = 2.0
NEURON_SPACING = 0.3
NOTE_GAP = 0.2  # the least room between the notes and the gradient's title
UNMARKED_LINKS = 0.4  # opacity of the entry-to-edge links not being discussed

# Seconds the step takes to recolour every edge; the voice goes on over the stepped network.
STEP_TIME = 2.0


def weight_entries(net: Network) -> list[tuple[int, int, int, int]]:
    """``(index, l, j, k)`` of every weight in :meth:`Network.flat` order (biases left out)."""
    entries = []
    for index in range(net.n_params):
        kind, l, where = net.locate(index)
        if kind == "w":
            entries.append((index, l, *where))
    return entries


def largest_weight_entry(net: Network, values: np.ndarray) -> int:
    """Flat index of the weight with the largest ``|values|`` (ties: the first)."""
    indices = np.array([e[0] for e in weight_entries(net)])
    return int(indices[np.argmax(np.abs(values[indices]))])


def shown_neurons(net: Network, x: np.ndarray, values: np.ndarray) -> dict[int, np.ndarray]:
    """Neurons to draw: inputs spread through the ink, each wide layer's most active, and
    both ends of the weight with the largest ``|values|``.

    :func:`ink_indices` picks 16 lit pixels and :func:`most_active_indices` a wide
    layer's 16; if an end of the weight that matters most is not among them, it
    replaces the nearest one, so that weight always has an edge on screen.
    """
    shown = {0: ink_indices(x), **most_active_indices(net.feedforward(x).zs, net.sizes)}
    _, l, (j, k) = net.locate(largest_weight_entry(net, values))
    for layer, i in ((l - 1, k), (l, j)):
        if layer in shown and i not in shown[layer]:
            shown[layer][np.argmin(np.abs(shown[layer] - i))] = i
            shown[layer].sort()
    return shown


def shown_note(net: Network) -> str | None:
    """Which neurons of the wide layers are drawn (:func:`shown_neurons`), or None."""
    rule = shown_rule(net.sizes)
    if rule is None:
        return None
    return script.current().words("gradient", "shown-note", rule=rule.removesuffix(" are drawn"))


def drawn_weight_entries(net: Network, diagram: NetworkMobject) -> np.ndarray:
    """Flat indices of the weights whose edge the diagram draws (both neurons shown)."""
    return np.array(
        [
            index
            for index, l, j, k in weight_entries(net)
            if diagram.is_shown(l - 1, k) and diagram.is_shown(l, j)
        ]
    )


def chosen_entries(values: np.ndarray, drawn: np.ndarray, n: int = N_SHOWN_ENTRIES) -> np.ndarray:
    """``n`` drawn weights at evenly spaced ranks of ``|values|``, largest to smallest.

    The first pick is the drawn weight with the largest ``|value|``, the last the
    one with the smallest: a fair sample, in which most entries are small.
    Returned in :meth:`Network.flat` order.
    """
    ranked = drawn[np.argsort(-np.abs(values[drawn]), kind="stable")]
    return np.sort(ranked[evenly_spaced_indices(len(ranked), n)])


def column_order(n_params: int, chosen: np.ndarray) -> np.ndarray:
    """All entries, the chosen ones first and last, the rest (in order) behind the dots.

    A :class:`VectorColumn` shows its first and last entries, so this puts the
    first half of ``chosen`` at the top and the second half at the bottom; every
    shown entry carries its own name.
    """
    head = (len(chosen) + 1) // 2
    rest = np.setdiff1d(np.arange(n_params), chosen)
    return np.concatenate([chosen[:head], rest, chosen[head:]])


def network_diagram(net: Network, shown: dict[int, np.ndarray]) -> NetworkMobject:
    """The network, edges dimmed, at the right of the frame; ``shown`` neurons drawn."""
    diagram = NetworkMobject(
        sizes=net.sizes,
        weights=net.weights,
        shown=shown,
        output_labels=[str(d) for d in range(net.sizes[-1])],
        layer_spacing=LAYER_SPACING,
        neuron_spacing=NEURON_SPACING,
    )
    dim_edges(diagram).to_edge(RIGHT, buff=0.6).shift(0.45 * DOWN)
    # The links to the edges cross where the input layer's brace and size stood:
    # the size moves above the layer, the brace goes (the dots say "truncated").
    brace, size = diagram.braces[0]
    diagram.braces[0].remove(brace)
    size.next_to(diagram.layers[0], UP, buff=0.15)
    return diagram


def gradient_column(
    net: Network, diagram: NetworkMobject, downhill: np.ndarray
) -> tuple[VectorColumn, VGroup, dict[int, int]]:
    """``-∇C`` as a column with a few named entries, its title, and where each entry is.

    Returns the column, the title "-∇C(W) : 13,002 numbers" above it, and a map
    from each shown entry's :meth:`Network.flat` index to its index in the column.
    """
    chosen = chosen_entries(downhill, drawn_weight_entries(net, diagram))
    order = column_order(net.n_params, chosen)
    column = VectorColumn(
        downhill[order],
        max_shown=len(chosen),
        places=ENTRY_PLACES,
        color_by="sign",
        labels=[net.parameter_name(int(i)) for i in order],
        label_side=LEFT,
    )
    column.to_edge(LEFT, buff=0.4).set_y(diagram.layers.get_y() + 0.3)
    title = VGroup(
        formula("-nabla C(W)", size=30),
        text(
            script.current().words("gradient", "gradient-title", entries=net.n_params),
            size=LABEL_SIZE,
        ),
    )
    title.arrange(RIGHT, buff=0.15).next_to(column, UP, buff=0.4).align_to(column, LEFT)
    rows = {int(order[r]): int(r) for r in column.shown_indices}
    return column, title, rows


def entry_links(
    net: Network, diagram: NetworkMobject, column: VectorColumn, rows: dict[int, int]
) -> dict[int, VGroup]:
    """For each shown entry, an arrow from it to its weight's edge and that edge, lit."""
    start_x = column.brackets[1].get_right()[0] + 0.1
    links = {}
    for i, row in rows.items():
        _, l, (j, k) = net.locate(i)
        edge = diagram.edge(l - 1, k, j)
        lit = edge.copy().set_stroke(HIGHLIGHT, width=HIGHLIGHT_STROKE_WIDTH, opacity=1.0)
        pointer = Arrow(
            [start_x, column.entry(row).get_y(), 0.0],
            edge.point_from_proportion(0.5),
            buff=0.05,
            stroke_width=1.5,
            tip_length=0.12,
            color=HIGHLIGHT,
        )
        links[i] = VGroup(pointer, lit)
    return links


class NegativeGradient(ExplainerScene):
    """The real ``-∇C`` for one example, tied to the edges it nudges, and one step down."""

    reads = ("digit", "label", "seed", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        label = inputs.label(digit)
        seed = inputs.untrained_seed()
        net = inputs.untrained()
        y = one_hot(label, net.sizes[-1])
        self.numbers.inputs = {"digit": digit.spec, "label": label, "seed": seed}
        label = self.numbers.record("label", label, f"{digit.source} (or {inputs.LABEL_ENV})")
        gradient = net.backprop(digit.x, y)
        downhill = -gradient.flat()
        shown = shown_neurons(net, digit.x, downhill)
        diagram, notes = self.show_example(net, digit, label, seed, shown)
        cost_line, before = self.show_cost(net, digit.x, y)
        column, rows = self.show_gradient_column(net, diagram, downhill, notes)
        links = self.tie_entries_to_edges(net, diagram, column, rows)
        self.mark_large_and_small(net, column, rows, links, downhill)
        stepped = self.take_a_step(net, diagram, cost_line, gradient)
        self.lower_the_cost(stepped, diagram, cost_line, before, digit.x, y)

    def show_example(
        self,
        net: Network,
        digit: inputs.Digit,
        label: int,
        seed: int,
        shown: dict[int, np.ndarray],
    ) -> tuple[NetworkMobject, VGroup]:
        """The untrained network, the digit fed forward through it, and the notes on both."""
        diagram = network_diagram(net, shown)
        self.numbers.record("shown inputs", shown[0], "ink_indices of the digit (shown_neurons)")
        shape = network_note(net)
        untrained = untrained_note(seed) + (f": {shape}" if shape else "")
        lines = [digit_note(digit, label), untrained, shown_note(net)]
        notes = VGroup(*(source_note(line) for line in lines if line)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.1
        )
        notes.to_corner(UL, buff=0.3)
        forward = net.feedforward(digit.x)
        for layer, a in enumerate(forward.activations):
            self.numbers.record(f"a{layer}", a, "nncore.mlp.Network.feedforward, untrained net")
        with self.beat("example", say=self.say("example", label=label)):
            reveal(self, diagram, notes)
            self.play_in_turn(*diagram.feed_forward(forward.activations, run_time_per_layer=0.8))
        return diagram, notes

    def show_cost(self, net: Network, x: np.ndarray, y: np.ndarray) -> tuple[Text, float]:
        """How wrong the untrained network is on this digit: its cost."""
        before = self.numbers.record(
            "cost before", cost(net.feedforward(x).output, y), "nncore.mlp.cost, untrained net"
        )
        cost_line = text(self.words("cost-line", cost=before), size=LABEL_SIZE)
        cost_line.to_corner(UR, buff=0.3)
        with self.beat("cost", say=self.say("cost", cost=before)):
            self.play(Write(cost_line))
        return cost_line, before

    def show_gradient_column(
        self, net: Network, diagram: NetworkMobject, downhill: np.ndarray, notes: VGroup
    ) -> tuple[VectorColumn, dict[int, int]]:
        """``-∇C(W)``: one number per weight and bias, a few of them shown by name."""
        column, title, rows = gradient_column(net, diagram, downhill)
        # A wide network's notes run to four lines: the column shrinks to stay below them.
        block = VGroup(column, title)
        room = notes.get_bottom()[1] - NOTE_GAP - block.get_bottom()[1]
        if block.height > room:
            block.scale(room / block.height, about_edge=DOWN)
        n = self.numbers.record("gradient entries", net.n_params, "nncore.mlp.Network.n_params")
        for i in rows:
            self.numbers.record(
                f"-dC/d {net.parameter_name(i)}",
                float(downhill[i]),
                f"-nncore.mlp.Gradient.flat()[{i}]",
            )
        with self.beat("gradient", say=self.say("gradient", entries=n)):
            self.play(Write(title))
            self.play(OpacityFadeIn(column, shift=0.3 * RIGHT), run_time=1.5)
        return column, rows

    def tie_entries_to_edges(
        self, net: Network, diagram: NetworkMobject, column: VectorColumn, rows: dict[int, int]
    ) -> dict[int, VGroup]:
        """Each shown entry points at the edge whose weight it nudges."""
        links = entry_links(net, diagram, column, rows)
        with self.beat("edges", say=self.say("edges")) as beat:
            self.play(
                LaggedStart(*(Create(link) for link in links.values()), lag_ratio=0.5),
                run_time=beat.duration,
            )
        # The links step back so that the two marked next stand out.
        self.play(*(link.animate.set_opacity(UNMARKED_LINKS) for link in links.values()))
        return links

    def mark_large_and_small(
        self,
        net: Network,
        column: VectorColumn,
        rows: dict[int, int],
        links: dict[int, VGroup],
        downhill: np.ndarray,
    ) -> None:
        """The largest |dC/dw| of all weights matters a lot; the smallest drawn one, not at all."""
        n_weights = sum(w.size for w in net.weights)
        largest = self.numbers.record(
            "largest",
            largest_weight_entry(net, downhill),
            f"argmax |dC/dw| over all {n_weights:,} weights",
        )
        smallest = self.numbers.record(
            "smallest", min(rows, key=lambda i: abs(downhill[i])), "min |dC/dw| drawn"
        )
        big = float(downhill[largest])
        small = float(downhill[smallest])
        # An entry that rounds to zero is shown as 0.000: say so in words, not as "minus zero".
        zero = "yes" if round(small, ENTRY_PLACES) == 0 else "no"
        captions = VGroup()
        for name, index, words, color, say in (
            (
                "matters",
                largest,
                self.words("matters-caption"),
                HIGHLIGHT,
                self.say("matters", entry=big, turn="down" if big < 0 else "up"),
            ),
            (
                "who-cares",
                smallest,
                self.words("who-cares-caption"),
                NEURON_STROKE,
                self.say("who-cares", entry=small, zero=zero),
            ),
        ):
            row = VGroup(column.label(rows[index]), column.entry(rows[index]))
            box = SurroundingRectangle(row, color=color, buff=0.08, stroke_width=2)
            caption = text(words, size=LABEL_SIZE, color=color)
            caption.next_to(captions if len(captions) else column, DOWN, buff=0.25)
            caption.align_to(column, LEFT)
            captions.add(caption)
            with self.beat(name, say=say):
                self.play(
                    Create(box),
                    links[index].animate.set_color(color).set_opacity(1.0),
                    Write(caption),
                    run_time=1.5,
                )

    def take_a_step(
        self, net: Network, diagram: NetworkMobject, cost_line: Text, gradient: Gradient
    ) -> Network:
        """W <- W - eta ∇C(W): every weight and bias moves by its entry."""
        eta = self.numbers.record(
            "eta", ETA[net.activation], f"nncore.train.DEFAULT_ETA[{net.activation!r}]"
        )
        stepped = net.step(gradient, eta)
        rule = VGroup(
            formula("W <- W - eta nabla C(W)", size=30),
            text(f"η = {eta}", size=LABEL_SIZE, color=SOURCE_TEXT),
        ).arrange(RIGHT, buff=0.4)
        rule.next_to(cost_line, LEFT, buff=0.9).align_to(cost_line, UP)
        shown = {
            layer: idx
            for layer, idx in enumerate(diagram.shown_indices)
            if len(idx) < net.sizes[layer]
        }
        new_edges = network_diagram(stepped, shown).edges
        with self.beat("step", say=self.say("step", eta=eta)) as beat:
            self.play(Write(rule))
            # The same edges in the stepped weights' colours and widths: nothing moves.
            self.play(
                Recolor(diagram.edges, styled_as(new_edges)),
                run_time=min(STEP_TIME, beat.duration / 2),
            )
        return stepped

    def lower_the_cost(
        self,
        stepped: Network,
        diagram: NetworkMobject,
        cost_line: Text,
        before: float,
        x: np.ndarray,
        y: np.ndarray,
    ) -> None:
        """The same digit through the stepped network: a lower cost."""
        forward = stepped.feedforward(x)
        after = self.numbers.record(
            "cost after",
            cost(forward.output, y),
            "nncore.mlp.cost after nncore.mlp.Network.step",
        )
        for layer in range(1, len(stepped.sizes)):
            self.numbers.record(
                f"a{layer} after", forward.activations[layer], "feedforward after the step"
            )
        result = text(self.words("after-line", cost=after), size=LABEL_SIZE, color=HIGHLIGHT)
        result.next_to(cost_line, DOWN, aligned_edge=RIGHT, buff=0.15)
        dropped = "yes" if after < before else "no"
        say = self.say("lower-cost", dropped=dropped, before=before, after=after)
        with self.beat("lower-cost", say=say):
            self.play_in_turn(*diagram.feed_forward(forward.activations, run_time_per_layer=0.8))
            self.play(OpacityFadeIn(result, shift=0.2 * DOWN))
