"""Concept 7: backpropagation, the nudges one example wants, passed back layer by layer.

A "2" goes through the seeded untrained network (3Blue1Brown does this with a
network that is not trained yet, so the nudges are large). Each output wants
to move by ``y - a``; the target output can rise three ways (its bias, its
weights in proportion to the activations feeding them, so that neurons that fire
together wire together, those activations in proportion to the weights); the wishes
of all ten outputs add up to the desired change of the layer before, ``-W^T delta``,
which is backprop's own ``delta`` once multiplied by ``sigma'(z)``; and the same step
repeats one layer further back. Last, one weight's wish from this digit against the
average over a real mini-batch (the training run's first), which is what a step of
training follows. Every arrow is a number from ``nncore``'s backprop.

For another network (``NNEXPLAIN_WEIGHTS``) the untrained network has its sizes
and activation, the formulas its activation's slope, and the story runs back as
far as it has hidden layers: with one (784-32-10) it stops at the input after the
hidden layer's delta, and with none (784-10) the output's delta is all there is,
since the layer before it is the pixels, which nothing can nudge.

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
    Group,
    GrowArrow,
    Indicate,
    LaggedStart,
    Mobject,
    Rectangle,
    ReplacementTransform,
    Succession,
    Transform,
    VGroup,
    Write,
)

from nncore import data
from nncore.landscape import mini_batch
from nncore.mlp import Forward, Gradient, Network, one_hot
from nncore.train import BATCH_SIZE, TRAIN_SEED
from scenes import inputs, script
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.network import (
    NetworkMobject,
    brightest_indices,
    most_active_indices,
)
from scenes.mobjects.nudge_arrows import NudgeArrows, nudge_scale
from scenes.mobjects.pixel_grid import digit_image
from scenes.story import (
    ACTIVATION_SYMBOL,
    digit_note,
    dim_edges,
    network_note,
    reveal,
    shown_rule,
    untrained_note,
)
from scenes.style import (
    BACKGROUND,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    NEGATIVE,
    POSITIVE,
    TEXT,
    fit_safe_width,
    formula,
    safe_area,
    source_note,
    text,
    to_safe_corner,
    to_safe_edge,
    within_safe_area,
    written,
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
# Opacity of the veil over what is not being explained: white text under it keeps WCAG's
# 4.5:1 against black (a veil of 0.8 left it at 1.7:1).
FOCUS_DIM = 0.45
PANEL_LEFT = 2.2  # x where the right-hand panel of words and formulas starts
PANEL_TOP = 1.8  # its distance below the top of the frame
MIN_FEED_PER_LAYER = 0.8  # seconds: the feed-forward flash is never faster than this per layer
MIN_WISH_TIME = 0.3  # seconds each output's wishes stay on screen, at the least
RING_FADE = 0.5  # seconds for the ring around an output to fade
MIN_GROW_TIME = 1.5  # seconds for a layer's nudge arrows to grow, at the least
WAYS_SIZE = 30  # the three ways to raise an output, as formulas
# The shipped network's beat keeps its name (its slide and still are named by it).
THROUGH_BEATS = {"sigmoid": "through-sigmoid"}
BATCH_DIGIT = 0.7  # side of each mini-batch digit
BATCH_ROW = 1.2  # the height of the mini-batch's row
BATCH_ARROW = 1.0  # the longest nudge under a digit


def sign(delta: float) -> str:
    """The target's delta's sign, for backprop.ftl's words on why it has it."""
    return "negative" if delta < 0 else "positive" if delta > 0 else "zero"


def typst_words(message_id: str) -> str:
    """A message of backprop.ftl as a Typst string, for a formula."""
    return script.typst_string(script.current().words("backprop", message_id))


def prime(net: Network) -> str:
    """The activation's slope as Typst, e.g. ``sigma'``."""
    return f"{ACTIVATION_SYMBOL[net.activation]}'"


def signed(value: float) -> str:
    """A value as shown, 2 places, with a real minus sign."""
    return written(value, 2, grouping=False).replace("-", "\u2212")


def shown_neurons(net: Network, x: np.ndarray) -> dict[int, np.ndarray]:
    """Each wide hidden layer's most active neurons; the brightest pixels if the input
    layer is the one before the output (784-10), whose activations the scene discusses.

    The shipped network's inputs stay evenly spaced: its story is in the hidden layers.
    """
    shown = most_active_indices(net.feedforward(x).zs, net.sizes)
    if len(net.sizes) == 2:
        shown[0] = brightest_indices(x, 16)
    return shown


def network_diagram(net: Network, x: np.ndarray) -> NetworkMobject:
    """The whole network at the left of the frame, edges dimmed so that arrows stand out."""
    diagram = NetworkMobject(
        sizes=net.sizes,
        weights=net.weights,
        shown=shown_neurons(net, x),
        output_labels=[str(d) for d in range(net.sizes[-1])],
        layer_spacing=LAYER_SPACING,
        neuron_spacing=NEURON_SPACING,
    )
    return to_safe_edge(dim_edges(diagram), LEFT).shift(0.45 * DOWN)


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
    _, right, _, _ = safe_area()
    fit_safe_width(group, right - PANEL_LEFT)  # narrower, not further left: the arrows are there
    return group.to_edge(UP, buff=PANEL_TOP).set_x(PANEL_LEFT + group.width / 2)


@dataclass(frozen=True)
class Focus:
    """The veil over the network, the target's part drawn above it, and the panel's lines."""

    veil: Rectangle
    shown: VGroup  # edges into the target, hidden layer 2, the target, its label, its arrow
    edges: VGroup  # shown[0]
    lines: VGroup


class Backpropagation(ExplainerScene):
    """One example's desired nudges, from the outputs back through two layers."""

    reads = ("digit", "label", "seed", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        seed = inputs.untrained_seed()
        net = inputs.untrained()
        target = inputs.label(digit)
        y = one_hot(target, net.sizes[-1])
        self.numbers.inputs = {"digit": digit.spec, "label": target, "seed": seed}
        forward = net.feedforward(digit.x)
        gradient = net.backprop(digit.x, y)
        wants = [-g for g in net.activation_gradients(digit.x, y)]  # desired change = -dC/da
        before = len(net.sizes) - 2  # the layer before the output (0: the input itself)
        # Row j: what output j alone wants from that layer; the rows add up to wants[before].
        wishes = -net.activation_gradient_shares(digit.x, y, before)
        diagram = self.show_example(net, digit, target, seed, forward)
        output_arrows = self.show_output_nudges(diagram, forward, y, target)
        hidden_scale = nudge_scale(wishes, wants[before])  # one scale, so parts and sum compare
        focus = self.focus_on_target(net, diagram, output_arrows, gradient, target)
        self.three_ways_to_raise(
            net, diagram, focus, forward, gradient, target, wishes[target], hidden_scale
        )
        if before == 0:
            self.stop_at_the_input(net)
        else:
            arrows, lines = self.sum_over_outputs(
                diagram, wishes, wants[before], target, hidden_scale
            )
            self.through_the_slope(net, diagram, arrows, lines, gradient, hidden_scale)
            if before == 1:
                self.stop_at_the_input(net)
            else:
                self.repeat_backwards(net, diagram, wants[before - 1])
        self.average_over_a_batch(net, forward, gradient, target)

    def show_example(
        self, net: Network, digit: inputs.Digit, target: int, seed: int, forward: Forward
    ) -> NetworkMobject:
        """The digit and the untrained network it goes through."""
        diagram = network_diagram(net, digit.x)
        rule = shown_rule(net.sizes)
        if len(net.sizes) == 2:
            rule = self.words("input-rule", shown=len(diagram.shown_indices[0]))
        shape = network_note(net)
        state = self.words(
            "untrained-state", state="other" if shape else "shipped", shape=shape or ""
        )
        lines = [digit_note(digit, target), f"{untrained_note(seed)}: {state}", rule]
        notes = VGroup(*(source_note(line) for line in lines if line)).arrange(
            DOWN, aligned_edge=LEFT, buff=0.1
        )
        to_safe_corner(notes, UL)
        picture = to_safe_corner(digit_image(digit.x, side=1.3), UR)
        for layer, a in enumerate(forward.activations):
            self.numbers.record(f"a{layer}", a, "nncore.mlp.Network.feedforward, untrained net")
        desired = self.numbers.record("desired output", target, "scenes.inputs.label(digit)")
        say = self.say("example", desired=desired)
        with self.beat("example", say=say) as beat:
            reveal(self, diagram, notes, picture)
            self.wait_for_sentence(beat, 1)
            # The layers light up one by one in the time the sentence leaves.
            left = beat.start + beat.duration - self.renderer.time
            per_layer = max(left / len(net.sizes), MIN_FEED_PER_LAYER)
            self.play_in_turn(
                *diagram.feed_forward(forward.activations, run_time_per_layer=per_layer)
            )
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
            "loudest wrong output", int(wrong[np.argmax(a[wrong])]), "argmax of a_L but the label"
        )
        out = len(diagram.sizes) - 1
        arrows = arrows_at(diagram, out, -error, nudge_scale(error))
        ring = diagram.highlight_neuron(out, target)
        rule = formula("Delta a prop y - a", size=32)
        values = VGroup(
            text(
                self.words("output-values", output=target, a=a[target], y=y[target]),
                size=LABEL_SIZE,
                color=HIGHLIGHT,
            ),
            text(
                self.words("output-values", output=worst, a=a[worst], y=y[worst]),
                size=LABEL_SIZE,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        lines = panel(rule, values)
        say = self.say(
            "output-nudges", target=target, worst=worst, a_target=a[target], a_worst=a[worst]
        )
        with self.beat("output-nudges", say=say) as beat:
            self.play(Create(ring), diagram.labels[target].animate.set_color(HIGHLIGHT))
            self.wait_for_sentence(beat, 1)
            self.play(Write(rule), *(GrowArrow(arrow) for arrow in arrows), run_time=1.5)
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(values[0]))
            self.play(OpacityFadeIn(values[1]))
        self.play(OpacityFadeOut(lines), OpacityFadeOut(ring))
        return arrows

    def focus_on_target(
        self,
        net: Network,
        diagram: NetworkMobject,
        output_arrows: NudgeArrows,
        gradient: Gradient,
        target: int,
    ) -> Focus:
        """Everything but the target and what feeds it goes dark; its delta is shown."""
        out = len(diagram.sizes) - 1
        delta = self.numbers.record(
            f"delta{out}", gradient.deltas[-1], "nncore.mlp.Network.backprop deltas[-1] (output)"
        )
        veiled = VGroup(diagram, output_arrows)
        veil = Rectangle(width=veiled.width + 0.4, height=veiled.height + 0.4)
        veil.move_to(veiled).set_fill(BACKGROUND, FOCUS_DIM).set_stroke(width=0)
        edges = diagram.edges_into(out, target).copy()
        shown = VGroup(
            edges,
            diagram.layers[out - 1].copy(),
            diagram.neuron(out, target).copy(),
            diagram.labels[target].copy(),
            output_arrows[target].copy(),
        )
        rule = formula(f"delta^((L)) = 2 (a^((L)) - y) {prime(net)}(z^((L)))", size=28)
        value = text(
            self.words("delta-value", output=target, delta=signed(delta[target])), size=LABEL_SIZE
        )
        lines = panel(rule, value)
        say = self.say(
            "delta",
            target=target,
            activation=net.activation,
            delta=delta[target],
            sign=sign(delta[target]),
        )
        with self.beat("delta", say=say) as beat:
            self.play(OpacityFadeIn(veil), OpacityFadeIn(shown))
            # The label's copy above the veil stands in for it: one "2" on screen, not two.
            diagram.labels[target].set_opacity(0)
            self.wait_for_sentence(beat, 1)
            self.play(Write(rule))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(value))
        return Focus(veil, shown, edges, lines)

    def three_ways_to_raise(
        self,
        net: Network,
        diagram: NetworkMobject,
        focus: Focus,
        forward: Forward,
        gradient: Gradient,
        target: int,
        wish: np.ndarray,
        scale: float,
    ) -> None:
        """The target's activation can rise by its bias, its weights, or the layer before.

        When the layer before is the input (784-10), only the first two: pixels are given.
        """
        before = len(net.sizes) - 2
        a_prev = forward.activations[before]
        w = self.numbers.record("w into target", net.weights[-1][target], "untrained W_L[target]")
        brightest = self.numbers.record(
            "brightest",
            np.sort(np.argsort(-a_prev, kind="stable")[:N_BRIGHTEST]),
            "top activations of the layer before the output",
        )
        ways = [
            formula(f'"1."  {typst_words("increase")} b', size=WAYS_SIZE),
            formula(f'"2."  {typst_words("increase")} w_i prop a_i', size=WAYS_SIZE),
            formula(f'"3."  {typst_words("change")} a_i prop w_i', size=WAYS_SIZE),
        ][: 3 if before else 2]
        panel(*focus.lines, *ways)

        say = self.say("bias", before="hidden" if before else "input")
        with self.beat("bias", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Write(ways[0]), Indicate(focus.shown[2], color=HIGHLIGHT))

        # Way 2: dC/dw_i = a_i delta, so the edges from bright neurons matter most.
        lit = focus.edges.copy()
        for line, a_i in zip(lit, a_prev[diagram.shown_indices[before]]):
            opacity = float(np.clip(a_i, 0.0, 1.0))  # relu's can pass 1, tanh's fall below 0
            line.set_stroke(HIGHLIGHT, width=HIGHLIGHT_STROKE_WIDTH, opacity=opacity)
        rings = VGroup(*(diagram.highlight_neuron(before, int(i)) for i in brightest))
        together, change, dark = self.fire_together(before, a_prev, gradient, target)
        together.next_to(ways[1], DOWN, buff=0.3, aligned_edge=LEFT)
        if dark in diagram.shown_indices[before]:  # a wide layer draws only its brightest
            together.add(diagram.highlight_neuron(before, dark, color=TEXT))
        say = self.say("weights", change=change, before="hidden" if before else "input")
        with self.beat("weights", say=say) as beat:
            self.play(Write(ways[1]))
            self.wait_for_sentence(beat, 1)
            self.play(Transform(focus.edges, lit), Create(rings), run_time=1.5)
            self.play(OpacityFadeIn(together[0]))
            self.play(OpacityFadeIn(together[1:]))
        self.play(OpacityFadeOut(together), run_time=0.5)
        if not before:
            diagram.labels[target].set_opacity(1)
            self.play(OpacityFadeOut(VGroup(focus.veil, focus.shown, rings, focus.lines, *ways)))
            return

        # Way 3: the target's own wish for each a_i, -delta w_i, blue/red by the weight.
        self.numbers.record(f"target wish for a{before}", wish, "row target of the wishes")
        colors = [POSITIVE if w_i >= 0 else NEGATIVE for w_i in w[diagram.shown_indices[before]]]
        arrows = arrows_at(diagram, before, wish, scale, colors=colors)
        with self.beat("activations", say=self.say("activations")) as beat:
            self.play(Write(ways[2]), OpacityFadeOut(rings))
            # The arrows grow one after another while their colours are explained.
            grow_time = beat.sentence_start(1) - self.renderer.time
            self.play(
                LaggedStart(*(GrowArrow(a) for a in arrows), lag_ratio=0.3),
                run_time=max(grow_time, MIN_GROW_TIME),
            )
        diagram.labels[target].set_opacity(1)
        self.play(OpacityFadeOut(VGroup(focus.veil, focus.shown, arrows, focus.lines, *ways)))

    def fire_together(
        self, before: int, a_prev: np.ndarray, gradient: Gradient, target: int
    ) -> tuple[VGroup, float, int]:
        """The brightest and the darkest neuron feeding the target, and how much each one's
        weight into it should change: ``-dC/dw = -a delta``, in proportion to the activation.

        Returns their lines of words, the brightest's change and the darkest neuron."""
        bright, dark = int(np.argmax(a_prev)), int(np.argmin(a_prev))
        changes = -gradient.nabla_w[-1][target]
        lines = VGroup()
        for which, k in (("brightest", bright), ("darkest", dark)):
            self.numbers.record(f"{which} neuron feeding the target", k, "argmax/argmin")
            a = self.numbers.record(f"{which} neuron's activation", float(a_prev[k]),
                                    f"nncore feedforward, layer {before}")  # fmt: skip
            change = self.numbers.record(f"{which} neuron's weight change", float(changes[k]),
                                         "-nncore.mlp.Network.backprop nabla_w[-1]")  # fmt: skip
            words = self.words("together-value", a=a, change=signed(change))
            lines.add(text(words, size=LABEL_SIZE, color=HIGHLIGHT if k == bright else TEXT))
        lines.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        return lines, float(changes[bright]), dark

    def sum_over_outputs(
        self,
        diagram: NetworkMobject,
        wishes: np.ndarray,
        want: np.ndarray,
        target: int,
        scale: float,
    ) -> tuple[NudgeArrows, VGroup]:
        """Every output's wishes for the layer before, one after another, then added up."""
        out = len(diagram.sizes) - 1
        before = out - 1
        self.numbers.record(
            f"wishes for a{before}", wishes, f"-nncore activation_gradient_shares(x, y, {before})"
        )
        self.numbers.record(
            f"-dC/da{before}", want, f"-nncore.mlp.Network.activation_gradients[{before}]"
        )
        arrows = arrows_at(diagram, before, wishes[0], scale)
        ring = diagram.highlight_neuron(out, 0)
        added = formula(
            f"-(partial C)/(partial a^(({before}))) = -(W^(({out})))^T delta^(({out}))", size=28
        )
        lines = panel(added)
        say = self.say("summed", target=target, layer=before)
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
                            Transform(arrows, arrows_at(diagram, before, wishes[j], scale)),
                            Transform(ring, ring.copy().move_to(diagram.neuron(out, j))),
                        )
                        for j in range(1, len(wishes))
                    )
                ),
                run_time=max(left, MIN_WISH_TIME * others),
            )
            self.play(OpacityFadeOut(ring), run_time=RING_FADE)
            self.play(
                Write(added), Transform(arrows, arrows_at(diagram, before, want, scale)), run_time=2
            )
        return arrows, lines

    def through_the_slope(
        self,
        net: Network,
        diagram: NetworkMobject,
        arrows: NudgeArrows,
        lines: VGroup,
        gradient: Gradient,
        scale: float,
    ) -> None:
        """The summed wish times f'(z) is backprop's delta of the last hidden layer."""
        out = len(diagram.sizes) - 1
        before = out - 1
        delta = self.numbers.record(
            f"delta{before}", gradient.deltas[-2], "nncore backprop deltas[-2]"
        )
        chain = formula(
            f"delta^(({before})) = (W^(({out})))^T delta^(({out})) dot.o "
            f"{prime(net)}(z^(({before})))",
            size=28,
        )
        lines.add(chain)
        panel(*lines)
        say = self.say("through-slope", activation=net.activation)
        name = THROUGH_BEATS.get(net.activation, f"through-{net.activation}")
        with self.beat(name, say=say) as beat:
            self.play(Write(chain), run_time=2)
            self.wait_for_sentence(beat, 1)
            self.play(Transform(arrows, arrows_at(diagram, before, -delta, scale)), run_time=2)
        self.play(OpacityFadeOut(lines))

    def repeat_backwards(self, net: Network, diagram: NetworkMobject, want: np.ndarray) -> None:
        """The same step one layer back: the last hidden layer's deltas ask the one before."""
        layer = len(diagram.sizes) - 3  # two before the output
        self.numbers.record(
            f"-dC/da{layer}", want, f"-nncore.mlp.Network.activation_gradients[{layer}]"
        )
        title = text(self.words("same-step"), size=LABEL_SIZE, color=HIGHLIGHT)
        added = formula(
            f"-(partial C)/(partial a^(({layer}))) = -(W^(({layer + 1})))^T delta^(({layer + 1}))",
            size=28,
        )
        chain = formula(
            f"delta^(({layer})) = (W^(({layer + 1})))^T delta^(({layer + 1})) dot.o "
            f"{prime(net)}(z^(({layer})))",
            size=28,
        )
        scale_note = source_note(self.words("arrow-scale"))
        panel(title, added, chain, scale_note)
        back = arrows_at(diagram, layer, want, nudge_scale(want))
        with self.beat("one-layer-back", say=self.say("one-layer-back", layer=layer)) as beat:
            self.play(Write(title))
            self.play(Write(added), *(GrowArrow(a) for a in back), run_time=2)
            self.wait_for_sentence(beat, 1)
            self.play(Write(chain), OpacityFadeIn(scale_note))

    def stop_at_the_input(self, net: Network) -> None:
        """No hidden layer is left: the layer before is the input, and backprop ends."""
        rule = formula("(partial C)/(partial w_(j k)^((l))) = a_k^((l-1)) delta_j^((l))", size=32)
        lines = panel(text(self.words("input-is-before"), size=LABEL_SIZE, color=HIGHLIGHT), rule)
        with self.beat("at-the-input", say=self.say("at-the-input")) as beat:
            self.play(Write(lines[0]))
            self.wait_for_sentence(beat, 1)
            self.play(Write(rule), run_time=2)

    def average_over_a_batch(
        self, net: Network, forward: Forward, gradient: Gradient, target: int
    ) -> None:
        """One weight's wish from the story digit alone, then from each digit of a real
        mini-batch (the first the training run draws), and their average: the real step."""
        before = len(net.sizes) - 2
        k = int(np.argmax(forward.activations[before]))  # the brightest neuron feeding the target
        images, labels = data.load_mnist()
        train, _ = data.split()
        picked = train[mini_batch(len(train), BATCH_SIZE, TRAIN_SEED)]
        self.numbers.record("mini-batch", picked, f"nncore.landscape.mini_batch(seed {TRAIN_SEED})")
        batch_labels = self.numbers.record("mini-batch labels", labels[picked], "MNIST labels")
        each = np.array([
            -net.backprop(images[i], one_hot(int(labels[i]), net.sizes[-1])).nabla_w[-1][target, k]
            for i in picked
        ])  # fmt: skip
        targets = np.stack([one_hot(int(label), net.sizes[-1]) for label in batch_labels])
        mean = -net.backprop(images[picked], targets).nabla_w[-1][target, k]
        one = float(-gradient.nabla_w[-1][target, k])
        self.numbers.record("story digit's weight change", one, "-backprop nabla_w[-1]")
        self.numbers.record("mini-batch weight changes", each, "-backprop, digit by digit")
        avg = self.numbers.record("mini-batch average weight change", float(mean),
                                  "-backprop of the mini-batch, nabla_w[-1]")  # fmt: skip
        batch = self.numbers.record("mini-batch size", len(picked), "nncore.train.BATCH_SIZE")
        self.play(OpacityFadeOut(*self.mobjects))
        name = text(self.words("batch-weight", neuron=k, layer=before, output=target),
                    size=LABEL_SIZE, color=HIGHLIGHT)  # fmt: skip
        to_safe_edge(name, UP)
        scale = nudge_scale(each, np.array([one, avg]))
        # Left, the story digit; in the middle, the mini-batch; right, their average: each
        # digit over its wish for the weight, the two alone over their words.
        story = digit_image(forward.activations[0], side=BATCH_DIGIT)
        row = Group(*(digit_image(images[i], side=BATCH_DIGIT) for i in picked))
        row.arrange(RIGHT, buff=0.15)
        Group(story, row).arrange(RIGHT, buff=0.9).set_y(BATCH_ROW).shift(0.6 * LEFT)
        story_arrow = self.wish_under([story], [one], scale)
        arrows = self.wish_under(row, each, scale)
        average = NudgeArrows(np.array([[row.get_right()[0] + 1.1, arrows.get_y(), 0.0]]),
                              np.array([avg]), scale=scale, max_length=BATCH_ARROW)  # fmt: skip
        story_label = text(self.words("one-digit", change=signed(one)), size=LABEL_SIZE)
        average_label = text(self.words("batch-average", change=signed(avg)),
                             size=LABEL_SIZE, color=HIGHLIGHT)  # fmt: skip
        for label, above in ((story_label, story_arrow), (average_label, average)):
            label.next_to(above, DOWN, buff=0.3)
            within_safe_area(label)
        say = self.say("mini-batch", one=one, avg=avg, batch=batch,
                       agree="yes" if one * avg > 0 else "no")  # fmt: skip
        with self.beat("mini-batch", say=say) as beat:
            self.play(OpacityFadeIn(name), FadeIn(story), GrowArrow(story_arrow[0]),
                      OpacityFadeIn(story_label))  # fmt: skip
            self.wait_for_sentence(beat, 2)
            self.play(FadeIn(row, lag_ratio=0.1), run_time=1.2)
            self.play(LaggedStart(*(GrowArrow(a) for a in arrows), lag_ratio=0.2), run_time=1.5)
            self.wait_for_sentence(beat, 3)
            self.play(ReplacementTransform(arrows.copy(), average), run_time=1.2)
            self.play(OpacityFadeIn(average_label))

    def wish_under(self, digits: list[Mobject], wishes: np.ndarray, scale: float) -> NudgeArrows:
        """A nudge arrow under each digit's picture: its wish for one weight."""
        anchors = np.array([d.get_bottom() + (0.2 + BATCH_ARROW / 2) * DOWN for d in digits])
        return NudgeArrows(anchors, np.asarray(wishes), scale=scale, max_length=BATCH_ARROW)
