"""Concept 7: backpropagation, the nudges one example wants, passed back layer by layer.

A "2" goes through the seeded untrained network (3Blue1Brown does this with a
network that is not trained yet, so the nudges are large). Each output wants
to move by ``y - a``; the target output can rise three ways (its bias, its
weights in proportion to the activations feeding them, those activations in
proportion to the weights); the wishes of all ten outputs add up to the
desired change of the layer before, ``-W^T delta``, which is backprop's own
``delta`` once multiplied by ``sigma'(z)``; and the same step repeats one layer
further back. Every arrow is a number from ``nncore``'s backprop.

Render with::

    manim -pql scenes/backprop.py Backpropagation
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
    UR,
    AnimationGroup,
    Create,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Mobject,
    Rectangle,
    Succession,
    Transform,
    VGroup,
    Write,
)

from nncore.mlp import Forward, Gradient, Network, one_hot
from scenes import inputs
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import NetworkMobject
from scenes.mobjects.nudge_arrows import NudgeArrows, nudge_scale
from scenes.mobjects.pixel_grid import digit_image
from scenes.story import digit_note, dim_edges, reveal, untrained_note
from scenes.style import (
    BACKGROUND,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    NEGATIVE,
    POSITIVE,
    formula,
    source_note,
    text,
)

# A "2" from the held-out test digits (indices 1000-1499 of the shipped set are
# the 2s): of the 95 test 2s the trained network gets right with cost < 0.01, the
# one the untrained seed-9 network rates least like a 2 (output 0.52), so that
# its upward nudge is the largest. A round, clearly written 2.
STORY_DIGIT = "mnist:1315"
N_BRIGHTEST = 3  # previous-layer neurons ringed as "brightest"
LAYER_SPACING = 1.9
NEURON_SPACING = 0.36
# Arrows of neighbouring neurons stand in two staggered columns, so an arrow may
# be almost two rows long without touching the next one in its column.
ARROW_LENGTH = 1.8 * NEURON_SPACING
ARROW_OFFSET = 0.34  # from a neuron's centre (or the output labels) to its arrow
ARROW_STAGGER = 0.2  # odd rows' arrows sit this much further right
FOCUS_DIM = 0.8  # opacity of the veil over what is not being explained
PANEL_LEFT = 2.2  # x where the right-hand panel of words and formulas starts
PANEL_TOP = 1.8  # its distance below the top of the frame
MIN_FEED_PER_LAYER = 0.8  # seconds: the feed-forward flash is never faster than this per layer
MIN_WISH_TIME = 0.3  # seconds each output's wishes stay on screen, at the least
RING_FADE = 0.5  # seconds for the ring around an output to fade
MIN_GROW_TIME = 1.5  # seconds for a layer's nudge arrows to grow, at the least
WAYS_SIZE = 30  # the three ways to raise an output, as formulas


def signed(value: float) -> str:
    """A value as shown, 2 places, with a real minus sign."""
    return f"{value:.2f}".replace("-", "\u2212")


def network_diagram(net: Network) -> NetworkMobject:
    """The whole network at the left of the frame, edges dimmed so that arrows stand out."""
    diagram = NetworkMobject(
        sizes=net.sizes,
        weights=net.weights,
        output_labels=[str(d) for d in range(net.sizes[-1])],
        layer_spacing=LAYER_SPACING,
        neuron_spacing=NEURON_SPACING,
    )
    return dim_edges(diagram).to_edge(LEFT, buff=0.5).shift(0.45 * DOWN)


def arrows_at(
    diagram: NetworkMobject, layer: int, values: np.ndarray, scale: float, **kwargs
) -> NudgeArrows:
    """Nudge arrows right of every drawn neuron of ``layer`` (of the output labels).

    ``values`` holds one desired change per real neuron; ``scale`` is the change
    drawn at full length.
    """
    anchors = diagram.layer_positions(layer) + ARROW_OFFSET * RIGHT
    if layer == len(diagram.sizes) - 1:
        anchors[:, 0] = diagram.labels.get_right()[0] + ARROW_OFFSET
    anchors[1::2, 0] += ARROW_STAGGER
    shown = values[diagram.shown_indices[layer]]
    return NudgeArrows(anchors, shown, scale=scale, max_length=ARROW_LENGTH, **kwargs)


def panel(*lines: Mobject) -> VGroup:
    """Words and formulas stacked in the right-hand panel, top first."""
    group = VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
    return group.to_edge(UP, buff=PANEL_TOP).set_x(PANEL_LEFT + group.width / 2)


def check_inputs() -> None:
    """Read this scene's inputs (for ``nnexplain render`` to fail before rendering)."""
    inputs.label(inputs.digit(STORY_DIGIT))
    inputs.untrained()


@dataclass(frozen=True)
class Focus:
    """The veil over the network, the target's part drawn above it, and the panel's lines."""

    veil: Rectangle
    shown: VGroup  # edges into the target, hidden layer 2, the target, its label, its arrow
    edges: VGroup  # shown[0]
    lines: VGroup


class Backpropagation(ExplainerScene):
    """One example's desired nudges, from the outputs back through two layers."""

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        seed = inputs.untrained_seed()
        net = Network.random(seed=seed)
        target = inputs.label(digit)
        y = one_hot(target, net.sizes[-1])
        self.numbers.inputs = {"digit": digit.spec, "label": target, "seed": seed}
        forward = net.feedforward(digit.x)
        gradient = net.backprop(digit.x, y)
        wants = [-g for g in net.activation_gradients(digit.x, y)]  # desired change = -dC/da
        # Row j: what output j alone wants from hidden layer 2; the rows add up to wants[2].
        wishes = -net.activation_gradient_shares(digit.x, y, 2)
        diagram = self.show_example(net, digit, target, seed, forward)
        output_arrows = self.show_output_nudges(diagram, forward, y, target)
        hidden_scale = nudge_scale(wishes, wants[2])  # one scale, so parts and sum compare
        focus = self.focus_on_target(diagram, output_arrows, gradient, target)
        self.three_ways_to_raise(net, diagram, focus, forward, target, wishes[target], hidden_scale)
        arrows, lines = self.sum_over_outputs(diagram, wishes, wants[2], target, hidden_scale)
        self.through_the_sigmoid(diagram, arrows, lines, gradient, hidden_scale)
        self.repeat_backwards(diagram, wants[1])

    def show_example(
        self, net: Network, digit: inputs.Digit, target: int, seed: int, forward: Forward
    ) -> NetworkMobject:
        """The digit and the untrained network it goes through."""
        diagram = network_diagram(net)
        notes = VGroup(
            source_note(digit_note(digit, target)),
            source_note(f"{untrained_note(seed)}: not trained yet, so its nudges are large"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        notes.to_corner(UL, buff=0.3)
        picture = digit_image(digit.x, side=1.3).to_corner(UR, buff=0.3)
        for layer, a in enumerate(forward.activations):
            self.numbers.record(f"a{layer}", a, "nncore.mlp.Network.feedforward, untrained net")
        desired = self.numbers.record("desired output", target, "scenes.inputs.label(digit)")
        say = (
            "Take one training example: this handwritten digit, which should make the network "
            f"say {desired}. It goes through a network that is not trained yet, its weights "
            "still random."
        )
        with self.beat("example", say=say) as beat:
            reveal(self, diagram, notes, picture)
            self.wait_for_sentence(beat, 1)
            # The layers light up one by one in the time the sentence leaves.
            left = beat.start + beat.duration - self.renderer.time
            per_layer = max(left / len(net.sizes), MIN_FEED_PER_LAYER)
            self.play(diagram.feed_forward(forward.activations, run_time_per_layer=per_layer))
        return diagram

    def show_output_nudges(
        self, diagram: NetworkMobject, forward: Forward, y: np.ndarray, target: int
    ) -> NudgeArrows:
        """Each output should move towards y: up for the target, down for the rest."""
        a = forward.output
        error = self.numbers.record("a - y", a - y, "nncore.mlp feedforward output minus one_hot")
        self.numbers.record("y", y, "nncore.mlp.one_hot(label)")
        # The wrong output the network is surest of: the one that most wants to fall.
        wrong = np.delete(np.arange(a.size), target)
        worst = self.numbers.record(
            "loudest wrong output", int(wrong[np.argmax(a[wrong])]), "argmax of a3 but the label"
        )
        arrows = arrows_at(diagram, 3, -error, nudge_scale(error))
        ring = diagram.highlight_neuron(3, target)
        rule = formula("Delta a prop y - a", size=32)
        values = VGroup(
            text(
                f"output {target}:  a = {a[target]:.2f},  y = {y[target]:.0f}",
                size=LABEL_SIZE,
                color=HIGHLIGHT,
            ),
            text(f"output {worst}:  a = {a[worst]:.2f},  y = {y[worst]:.0f}", size=LABEL_SIZE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        lines = panel(rule, values)
        say = (
            f"What does this one example want? Output {target} should go up to one, and every "
            f"other output down to zero. Output {target} is at {a[target]:.2f}, and output "
            f"{worst} at {a[worst]:.2f}: the further off an output is, the bigger its nudge."
        )
        with self.beat("output-nudges", say=say) as beat:
            self.play(Create(ring), diagram.labels[target].animate.set_color(HIGHLIGHT))
            self.wait_for_sentence(beat, 1)
            self.play(Write(rule), *(GrowArrow(arrow) for arrow in arrows), run_time=1.5)
            self.wait_for_sentence(beat, 2)
            self.play(FadeIn(values[0]))
            self.play(FadeIn(values[1]))
        self.play(FadeOut(lines), FadeOut(ring))
        return arrows

    def focus_on_target(
        self,
        diagram: NetworkMobject,
        output_arrows: NudgeArrows,
        gradient: Gradient,
        target: int,
    ) -> Focus:
        """Everything but the target and what feeds it goes dark; its delta is shown."""
        delta = self.numbers.record(
            "delta3", gradient.deltas[2], "nncore.mlp.Network.backprop deltas[2] (output layer)"
        )
        veiled = VGroup(diagram, output_arrows)
        veil = Rectangle(width=veiled.width + 0.4, height=veiled.height + 0.4)
        veil.move_to(veiled).set_fill(BACKGROUND, FOCUS_DIM).set_stroke(width=0)
        edges = diagram.edges_into(3, target).copy()
        shown = VGroup(
            edges,
            diagram.layers[2].copy(),
            diagram.neuron(3, target).copy(),
            diagram.labels[target].copy(),
            output_arrows[target].copy(),
        )
        rule = formula("delta^((L)) = 2 (a^((L)) - y) sigma'(z^((L)))", size=28)
        value = text(f"output {target}:  δ = {signed(delta[target])}", size=LABEL_SIZE)
        lines = panel(rule, value)
        say = (
            f"Focus on output {target}. Backprop puts its wish into one number, delta: twice "
            f"the error, times the slope of the sigmoid. Here delta is {delta[target]:.2f}, "
            "negative because raising this output lowers the cost."
        )
        with self.beat("delta", say=say) as beat:
            self.play(FadeIn(veil), FadeIn(shown))
            self.wait_for_sentence(beat, 1)
            self.play(Write(rule))
            self.wait_for_sentence(beat, 2)
            self.play(FadeIn(value))
        return Focus(veil, shown, edges, lines)

    def three_ways_to_raise(
        self,
        net: Network,
        diagram: NetworkMobject,
        focus: Focus,
        forward: Forward,
        target: int,
        wish: np.ndarray,
        scale: float,
    ) -> None:
        """The target's activation can rise by its bias, its weights, or the layer before."""
        a_prev = forward.activations[2]
        w = self.numbers.record("w into target", net.weights[2][target], "untrained W3[target]")
        brightest = self.numbers.record(
            "brightest", np.sort(np.argsort(-a_prev, kind="stable")[:N_BRIGHTEST]), "top a2"
        )
        ways = [
            formula('"1."  "increase" b', size=WAYS_SIZE),
            formula('"2."  "increase" w_i prop a_i', size=WAYS_SIZE),
            formula('"3."  "change" a_i prop w_i', size=WAYS_SIZE),
        ]
        panel(*focus.lines, *ways)

        say = "There are three ways to raise it. First, increase its bias."
        with self.beat("bias", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Write(ways[0]), Indicate(focus.shown[2], color=HIGHLIGHT))

        # Way 2: dC/dw_i = a_i delta, so the edges from bright neurons matter most.
        lit = focus.edges.copy()
        for line, a_i in zip(lit, a_prev):
            line.set_stroke(HIGHLIGHT, width=HIGHLIGHT_STROKE_WIDTH, opacity=float(a_i))
        rings = VGroup(*(diagram.highlight_neuron(2, int(i)) for i in brightest))
        say = (
            "Second, increase its weights, in proportion to the activations they carry. The "
            "links from the brightest neurons count the most, since each weight is multiplied "
            "by its neuron's activation."
        )
        with self.beat("weights", say=say) as beat:
            self.play(Write(ways[1]))
            self.wait_for_sentence(beat, 1)
            self.play(Transform(focus.edges, lit), Create(rings), run_time=1.5)

        # Way 3: the target's own wish for each a_i, -delta w_i, blue/red by the weight.
        self.numbers.record("target wish for a2", wish, "row target of the wishes for a2")
        colors = [POSITIVE if w_i >= 0 else NEGATIVE for w_i in w]
        arrows = arrows_at(diagram, 2, wish, scale, colors=colors)
        say = (
            "Third, change the activations of the layer before, in proportion to the weights: "
            "up where a weight is positive, in blue, down where it is negative, in red. We "
            "cannot set them directly, but this output can wish for it."
        )
        with self.beat("activations", say=say) as beat:
            self.play(Write(ways[2]), FadeOut(rings))
            # The arrows grow one after another while their colours are explained.
            grow_time = beat.sentence_start(1) - self.renderer.time
            self.play(
                LaggedStart(*(GrowArrow(a) for a in arrows), lag_ratio=0.3),
                run_time=max(grow_time, MIN_GROW_TIME),
            )
        self.play(FadeOut(VGroup(focus.veil, focus.shown, arrows, focus.lines, *ways)))

    def sum_over_outputs(
        self,
        diagram: NetworkMobject,
        wishes: np.ndarray,
        want: np.ndarray,
        target: int,
        scale: float,
    ) -> tuple[NudgeArrows, VGroup]:
        """Every output's wishes for the layer before, one after another, then added up."""
        self.numbers.record("wishes for a2", wishes, "-nncore activation_gradient_shares(x, y, 2)")
        self.numbers.record("-dC/da2", want, "-nncore.mlp.Network.activation_gradients[2]")
        arrows = arrows_at(diagram, 2, wishes[0], scale)
        ring = diagram.highlight_neuron(3, 0)
        added = formula("-(partial C)/(partial a^((2))) = -(W^((3)))^T delta^((3))", size=28)
        lines = panel(added)
        say = (
            f"But output {target} is not the only one with wishes: every output wants its own "
            "changes to this layer. Add all their wishes up, and you have what this one example "
            "asks of the second hidden layer."
        )
        with self.beat("summed", say=say) as beat:
            self.play(Create(ring), *(GrowArrow(a) for a in arrows))
            # Every other output's wishes in the time the first sentence leaves, in one
            # animation: each play() first redraws the whole still scene.
            others = len(wishes) - 1
            left = beat.sentence_start(1) - self.renderer.time - RING_FADE
            self.play(
                Succession(
                    *(
                        AnimationGroup(
                            Transform(arrows, arrows_at(diagram, 2, wishes[j], scale)),
                            Transform(ring, ring.copy().move_to(diagram.neuron(3, j))),
                        )
                        for j in range(1, len(wishes))
                    )
                ),
                run_time=max(left, MIN_WISH_TIME * others),
            )
            self.play(FadeOut(ring), run_time=RING_FADE)
            self.play(
                Write(added), Transform(arrows, arrows_at(diagram, 2, want, scale)), run_time=2
            )
        return arrows, lines

    def through_the_sigmoid(
        self,
        diagram: NetworkMobject,
        arrows: NudgeArrows,
        lines: VGroup,
        gradient: Gradient,
        scale: float,
    ) -> None:
        """The summed wish times sigma'(z) is backprop's delta of hidden layer 2."""
        delta2 = self.numbers.record("delta2", gradient.deltas[1], "nncore backprop deltas[1]")
        chain = formula("delta^((2)) = (W^((3)))^T delta^((3)) dot.o sigma'(z^((2)))", size=28)
        lines.add(chain)
        panel(*lines)
        say = (
            "Backprop's delta for this layer is that sum, times the slope of each neuron's "
            "sigmoid. That slope is never more than a quarter, so every arrow shrinks, and "
            "neurons that are nearly fully on or fully off hardly move at all."
        )
        with self.beat("through-sigmoid", say=say) as beat:
            self.play(Write(chain), run_time=2)
            self.wait_for_sentence(beat, 1)
            self.play(Transform(arrows, arrows_at(diagram, 2, -delta2, scale)), run_time=2)
        self.play(FadeOut(lines))

    def repeat_backwards(self, diagram: NetworkMobject, want: np.ndarray) -> None:
        """The same step one layer back: hidden layer 2's deltas ask hidden layer 1."""
        self.numbers.record("-dC/da1", want, "-nncore.mlp.Network.activation_gradients[1]")
        title = text("the same step, one layer back", size=LABEL_SIZE, color=HIGHLIGHT)
        added = formula("-(partial C)/(partial a^((1))) = -(W^((2)))^T delta^((2))", size=28)
        chain = formula("delta^((1)) = (W^((2)))^T delta^((2)) dot.o sigma'(z^((1)))", size=28)
        scale_note = source_note("arrow lengths are scaled layer by layer")
        panel(title, added, chain, scale_note)
        back = arrows_at(diagram, 1, want, nudge_scale(want))
        say = (
            "Now take the same step one layer back: these deltas ask the first hidden layer for "
            "changes of their own. Then again, layer by layer, until every weight and every "
            "bias has its nudge. That, for one example, is backpropagation."
        )
        with self.beat("one-layer-back", say=say) as beat:
            self.play(Write(title))
            self.play(Write(added), *(GrowArrow(a) for a in back), run_time=2)
            self.wait_for_sentence(beat, 1)
            self.play(Write(chain), FadeIn(scale_note))
