"""Concept 6: the negative gradient, and what its sign and its size say about each weight.

One labelled digit goes through the seeded untrained network (wrong answers,
so the gradient is large). The real ``-∇C`` is a column of 13,002 entries; a few
of them, tied to the edges they nudge, show what an entry means: its sign says
which way its weight should move, its size how much that move matters. Most
entries are exactly zero (weights from pixels without ink), and few come near
the largest. One gradient-descent step lowers the cost, both costs from ``nncore``.

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
    Group,
    LaggedStart,
    SurroundingRectangle,
    Text,
    VGroup,
    Write,
)

from nncore import train
from nncore.mlp import Gradient, Network, cost, one_hot
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut, Recolor, styled_as
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import (
    NetworkMobject,
    evenly_spaced_indices,
    ink_indices,
    most_active_indices,
)
from scenes.mobjects.pixel_grid import digit_image
from scenes.mobjects.vector_column import VectorColumn
from scenes.story import (
    STORY_DIGIT,
    digit_note,
    dim_edges,
    layer_name,
    network_note,
    reveal,
    shown_rule,
    untrained_note,
)
from scenes.style import (
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    NEGATIVE,
    NEURON_STROKE,
    POSITIVE,
    SOURCE_TEXT,
    formula,
    safe_area,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    written,
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
CAPTION_GAP = 0.2  # between the column and the captions under it
CAPTION_ROOM = 1.25  # kept under the column for three lines of captions
UNMARKED_LINKS = 0.4  # opacity of the entry-to-edge links not being discussed
# A weight matters for this digit when its entry is at least this share of the largest.
MATTERS_SHARE = 0.1
GLOW_WIDTH = 4.0  # stroke width of the edge whose entry is the largest, lit

# Seconds the step takes to recolour every edge; the voice goes on over the stepped network.
STEP_TIME = 2.0
DIGIT_SIDE = 2.4  # the digit itself, on the left until the gradient takes its place


def weight_entries(net: Network) -> list[tuple[int, int, int, int]]:
    """``(index, l, j, k)`` of every weight in :meth:`Network.flat` order (biases left out)."""
    entries = []
    for index in range(net.n_params):
        kind, l, where = net.locate(index)
        if kind == "w":
            entries.append((index, l, *where))
    return entries


def weight_indices(net: Network) -> np.ndarray:
    """Flat indices of every weight, in :meth:`Network.flat` order."""
    return np.array([e[0] for e in weight_entries(net)])


def largest_weight_entry(net: Network, values: np.ndarray) -> int:
    """Flat index of the weight with the largest ``|values|`` (ties: the first)."""
    indices = weight_indices(net)
    return int(indices[np.argmax(np.abs(values[indices]))])


def weight_words(net: Network, index: int) -> str:
    """Weight ``index`` in a viewer's words: "from neuron 9 of hidden layer 2 to output 5"."""
    _, l, (j, k) = net.locate(index)
    source, target = l - 1, l

    def position(layer: int) -> str:
        return "input" if layer == 0 else "output" if layer == len(net.sizes) - 1 else "hidden"

    return script.current().words(
        "gradient",
        "weight-name",
        source=k,
        source_position=position(source),
        source_layer=layer_name(net.sizes, source),
        target=j,
        target_position=position(target),
        target_layer=layer_name(net.sizes, target),
    )


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
    first half of ``chosen`` at the top and the second half at the bottom.
    """
    head = (len(chosen) + 1) // 2
    rest = np.setdiff1d(np.arange(n_params), chosen)
    return np.concatenate([chosen[:head], rest, chosen[head:]])


def network_diagram(net: Network, shown: dict[int, np.ndarray]) -> NetworkMobject:
    """The network, edges dimmed, at the right of the safe area; ``shown`` neurons drawn."""
    diagram = NetworkMobject(
        sizes=net.sizes,
        weights=net.weights,
        shown=shown,
        output_labels=[str(d) for d in range(net.sizes[-1])],
        layer_spacing=LAYER_SPACING,
        neuron_spacing=NEURON_SPACING,
    )
    dim_edges(diagram)
    # The links to the edges cross where the input layer's brace and size stood:
    # the size moves above the layer, the brace goes (the dots say "truncated").
    brace, size = diagram.braces[0]
    diagram.braces[0].remove(brace)
    size.next_to(diagram.layers[0], UP, buff=0.15)
    _, _, bottom, top = safe_area()
    if diagram.height > top - bottom:
        diagram.scale_to_fit_height(top - bottom)
    return to_safe_edge(diagram, RIGHT + DOWN)


def gradient_column(
    net: Network, diagram: NetworkMobject, downhill: np.ndarray
) -> tuple[VectorColumn, VGroup, dict[int, int]]:
    """``-∇C`` as a column with a few entries shown, its title, and where each entry is.

    Returns the column, the title "-∇C(W) : 13,002 numbers" above it, and a map
    from each shown entry's :meth:`Network.flat` index to its index in the column.
    The entries carry no names: each one's arrow points at its edge, and its
    weight's name is in the numbers table.
    """
    chosen = chosen_entries(downhill, drawn_weight_entries(net, diagram))
    order = column_order(net.n_params, chosen)
    column = VectorColumn(
        downhill[order], max_shown=len(chosen), places=ENTRY_PLACES, color_by="sign"
    )
    to_safe_edge(column, LEFT).set_y(diagram.layers.get_y())
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


def glowing_edges(net: Network, diagram: NetworkMobject, downhill: np.ndarray) -> VGroup:
    """Every drawn edge in yellow, as opaque and as wide as its entry is big (the largest
    of all the weights' entries at full strength): a few bright ones, many faint."""
    largest = np.max(np.abs(downhill[weight_indices(net)]))
    glow = VGroup()
    for index in drawn_weight_entries(net, diagram):
        share = abs(float(downhill[index])) / largest
        _, l, (j, k) = net.locate(int(index))
        edge = diagram.edge(l - 1, k, j).copy()
        glow.add(edge.set_stroke(HIGHLIGHT, width=GLOW_WIDTH * share, opacity=share))
    return glow


def captions(*lines: Text, under: VGroup) -> VGroup:
    """Lines of words stacked under ``under``, left-aligned with it."""
    group = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.12)
    return group.next_to(under, DOWN, buff=CAPTION_GAP).align_to(under, LEFT)


def sign_word(value: float) -> str:
    """An entry's sign as the script's selectors name it."""
    return "positive" if value > 0 else "negative" if value < 0 else "zero"


class NegativeGradient(ExplainerScene):
    """The real ``-∇C`` for one example: its signs, its sizes, and one step down."""

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
        diagram, notes, picture = self.show_example(net, digit, label, seed, shown)
        cost_line, before = self.show_cost(net, digit.x, y)
        column, rows = self.show_gradient_column(net, diagram, downhill, notes, picture)
        links = self.tie_entries_to_edges(net, diagram, column, rows)
        marks = self.read_the_signs(column, rows, links, downhill)
        marks = self.read_the_sizes(net, column, rows, links, downhill, marks)
        lit = self.show_what_matters(net, diagram, column, links, downhill, marks, digit.x)
        stepped = self.take_a_step(net, diagram, column, gradient, lit)
        self.lower_the_cost(stepped, diagram, cost_line, before, digit.x, y)

    def show_example(
        self,
        net: Network,
        digit: inputs.Digit,
        label: int,
        seed: int,
        shown: dict[int, np.ndarray],
    ) -> tuple[NetworkMobject, VGroup, Group]:
        """The question, the untrained network, and the digit fed forward through it."""
        diagram = network_diagram(net, shown)
        left, _, _, _ = safe_area()
        picture = digit_image(digit.x, side=DIGIT_SIDE)
        picture.move_to([(left + diagram.get_left()[0]) / 2, diagram.layers.get_y(), 0.0])
        self.numbers.record("shown inputs", shown[0], "ink_indices of the digit (shown_neurons)")
        shape = network_note(net)
        untrained = untrained_note(seed) + (f": {shape}" if shape else "")
        lines = [digit_note(digit, label), untrained, shown_note(net)]
        notes = VGroup(*(source_note(line) for line in lines if line)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.1
        )
        to_safe_corner(notes, UL)
        forward = net.feedforward(digit.x)
        for layer, a in enumerate(forward.activations):
            self.numbers.record(f"a{layer}", a, "nncore.mlp.Network.feedforward, untrained net")
        with self.beat("example", say=self.say("example", label=label)) as beat:
            reveal(self, diagram, notes, picture)
            self.wait_for_sentence(beat, 3)
            self.play_in_turn(*diagram.feed_forward(forward.activations, run_time_per_layer=0.8))
        return diagram, notes, picture

    def show_cost(self, net: Network, x: np.ndarray, y: np.ndarray) -> tuple[Text, float]:
        """How wrong the untrained network is on this digit: its cost."""
        before = self.numbers.record(
            "cost before", cost(net.feedforward(x).output, y), "nncore.mlp.cost, untrained net"
        )
        cost_line = text(self.words("cost-line", cost=before), size=LABEL_SIZE)
        to_safe_corner(cost_line, UR)
        with self.beat("cost", say=self.say("cost", cost=before)):
            self.play(Write(cost_line))
        return cost_line, before

    def show_gradient_column(
        self,
        net: Network,
        diagram: NetworkMobject,
        downhill: np.ndarray,
        notes: VGroup,
        picture: Group,
    ) -> tuple[VectorColumn, dict[int, int]]:
        """``-∇C(W)``: one number per weight and bias, a few of them shown."""
        column, title, rows = gradient_column(net, diagram, downhill)
        # Under the notes, above room for the captions: a wide network's notes run to
        # four lines, and the column shrinks to fit.
        block = VGroup(title, column)
        _, _, bottom, _ = safe_area()
        room = notes.get_bottom()[1] - NOTE_GAP - bottom - CAPTION_ROOM
        if block.height > room:
            block.scale(room / block.height, about_edge=UL)
        block.next_to(notes, DOWN, buff=NOTE_GAP).align_to(notes, LEFT)
        self.numbers.record("gradient entries", net.n_params, "nncore.mlp.Network.n_params")
        for i in rows:
            self.numbers.record(
                f"-dC/d {net.parameter_name(i)}",
                float(downhill[i]),
                f"-nncore.mlp.Gradient.flat()[{i}]",
            )
        with self.beat("gradient", say=self.say("gradient")):
            self.play(OpacityFadeOut(picture), Write(title))
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
        # The links step back so that the ones marked next stand out.
        self.play(*(link.animate.set_opacity(UNMARKED_LINKS) for link in links.values()))
        return links

    def mark(
        self, column: VectorColumn, row: int, link: VGroup, color: str
    ) -> tuple[SurroundingRectangle, list]:
        """A box round an entry, and its link lit in ``color``: the box, and the animations."""
        box = SurroundingRectangle(column.entry(row), color=color, buff=0.08, stroke_width=2)
        return box, [Create(box), link.animate.set_color(color).set_opacity(1.0)]

    def read_the_signs(
        self,
        column: VectorColumn,
        rows: dict[int, int],
        links: dict[int, VGroup],
        downhill: np.ndarray,
    ) -> VGroup:
        """The shown entries with the largest and the smallest value: up, and down."""
        up = max(rows, key=lambda i: downhill[i])
        down = min(rows, key=lambda i: downhill[i])
        self.numbers.record("sign up", up, "the shown entry with the largest value")
        self.numbers.record("sign down", down, "the shown entry with the smallest value")
        color = {"positive": POSITIVE, "negative": NEGATIVE, "zero": NEURON_STROKE}
        signs = [sign_word(float(downhill[i])) for i in (up, down)]
        lines = [text(self.words("sign-caption", sign=s), size=LABEL_SIZE, color=color[s])
                 for s in signs]  # fmt: skip
        words = captions(*lines, under=column)
        marks = VGroup(words)
        say = self.say("sign", first=signs[0], second=signs[1])
        with self.beat("sign", say=say) as beat:
            for k, (i, s) in enumerate(zip((up, down), signs, strict=True)):
                self.wait_for_sentence(beat, 1 + k)
                box, animations = self.mark(column, rows[i], links[i], color[s])
                marks.add(box)
                self.play(*animations, Write(lines[k]), run_time=1.2)
        return marks

    def read_the_sizes(
        self,
        net: Network,
        column: VectorColumn,
        rows: dict[int, int],
        links: dict[int, VGroup],
        downhill: np.ndarray,
        marks: VGroup,
    ) -> VGroup:
        """The largest |dC/dw| of all weights matters most; the smallest drawn one, hardly."""
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
        matters = text(self.words("matters-caption"), size=LABEL_SIZE, color=HIGHLIGHT)
        name = source_note(weight_words(net, largest))
        hardly = text(self.words("who-cares-caption"), size=LABEL_SIZE, color=NEURON_STROKE)
        words = captions(matters, name, hardly, under=column)
        with self.beat("matters", say=self.say("matters", entry=big)):
            self.play(OpacityFadeOut(marks), run_time=0.6)
            box, animations = self.mark(column, rows[largest], links[largest], HIGHLIGHT)
            self.play(*animations, Write(matters), OpacityFadeIn(name), run_time=1.5)
        with self.beat("who-cares", say=self.say("who-cares", entry=small, zero=zero)):
            small_box, animations = self.mark(
                column, rows[smallest], links[smallest], NEURON_STROKE
            )
            self.play(*animations, Write(hardly), run_time=1.5)
        return VGroup(words, box, small_box)

    def show_what_matters(
        self,
        net: Network,
        diagram: NetworkMobject,
        column: VectorColumn,
        links: dict[int, VGroup],
        downhill: np.ndarray,
        marks: VGroup,
        x: np.ndarray,
    ) -> VGroup:
        """Most entries are exactly zero; the few near the largest, lit on the network."""
        indices = weight_indices(net)
        entries = np.abs(downhill[indices])
        zeros = self.numbers.record(
            "zero entries", int(np.sum(entries == 0)), "weights whose -dC/dw is exactly 0"
        )
        # A first-layer weight's entry is its neuron's delta times its pixel: zero for
        # every pixel without ink, and those are all the zeros when no delta is zero.
        n_hidden = net.sizes[1]
        ink = "yes" if zeros == int(np.sum(x == 0)) * n_hidden else "no"
        few = self.numbers.record(
            "entries that matter",
            int(np.sum(entries >= MATTERS_SHARE * entries.max())),
            f"weights whose |dC/dw| is at least {MATTERS_SHARE} of the largest",
        )
        lit = glowing_edges(net, diagram, downhill)
        zero_line = text(self.words("zeros-caption", zeros=zeros), size=LABEL_SIZE,
                         color=NEURON_STROKE)  # fmt: skip
        lit_line = text(self.words("lit-caption"), size=LABEL_SIZE, color=HIGHLIGHT)
        words = captions(zero_line, lit_line, under=column)
        say = self.say("sizes", zeros=zeros, weights=len(indices), ink=ink, few=few)
        with self.beat("sizes", say=say) as beat:
            self.play(
                OpacityFadeOut(marks),
                *(OpacityFadeOut(link) for link in links.values()),
                run_time=0.8,
            )
            self.play(Write(zero_line))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(lit), Write(lit_line), run_time=1.5)
        return VGroup(lit, words)

    def take_a_step(
        self,
        net: Network,
        diagram: NetworkMobject,
        column: VectorColumn,
        gradient: Gradient,
        lit: VGroup,
    ) -> Network:
        """W <- W - eta ∇C(W): every weight and bias moves by its entry."""
        eta = self.numbers.record(
            "eta", ETA[net.activation], f"nncore.train.DEFAULT_ETA[{net.activation!r}]"
        )
        stepped = net.step(gradient, eta)
        rule = VGroup(
            formula("W <- W - eta nabla C(W)", size=30),
            # As Python writes the rate ("3.0"), in the render's language ("3,0").
            text(
                f"η = {written(eta, len(str(eta).partition('.')[2]))}",
                size=LABEL_SIZE,
                color=SOURCE_TEXT,
            ),  # fmt: skip
        ).arrange(RIGHT, buff=0.4)
        rule.next_to(column, DOWN, buff=CAPTION_GAP).align_to(column, LEFT)
        shown = {
            layer: idx
            for layer, idx in enumerate(diagram.shown_indices)
            if len(idx) < net.sizes[layer]
        }
        new_edges = network_diagram(stepped, shown).edges
        with self.beat("step", say=self.say("step", eta=eta)) as beat:
            self.play(Write(rule), OpacityFadeOut(lit))
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
        """The same digit through the stepped network: a lower cost; then, towards learning."""
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
