"""The chain rule along one path: how one output weight moves the cost of one digit.

The story's 9 goes through the seeded untrained network. One weight, from the most
active neuron of the layer before into the output for the digit's label, reaches the
cost through a chain: it changes ``z``, ``z`` changes ``a``, ``a`` changes ``C``. Each
link's slope is a number nncore computes (``nncore.chain_rule``); their product is
``dC/dw``, and it is the very entry backpropagation gives. Then a weight from a silent
neuron: its nudge is nearly nothing, because the first link is that neuron's activation
(the reason for backpropagation's "fire together, wire together").

Render with::

    manim -pql scenes/chain_rule.py ChainRule
"""

from __future__ import annotations

import numpy as np
from manim import DOWN, LEFT, RIGHT, UL, UP, Arrow, Create, VGroup, Write

from nncore import chain_rule
from nncore.mlp import Network, one_hot
from scenes import inputs
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut
from scenes.explainer_scene import ExplainerScene
from scenes.story import ACTIVATION_SYMBOL, STORY_DIGIT, digit_note, untrained_note
from scenes.style import HIGHLIGHT, LABEL_SIZE, NUMBER_SIZE, formula, number, source_note, text

NODE_SIZE = 48  # the chain's symbols
LINK_BUFF = 0.35
PLACES = 3  # the factors and the product, as shown


class ChainRule(ExplainerScene):
    """dC/dw for one weight as the product of three slopes, equal to backprop's entry."""

    reads = ("digit", "label", "seed", "weights", "activation")

    def construct(self) -> None:
        digit = inputs.digit(STORY_DIGIT)
        net = inputs.untrained()
        label = inputs.label(digit)
        self.numbers.inputs = {"digit": digit.spec, "label": label, "seed": inputs.untrained_seed()}
        before = net.feedforward(digit.x).activations[-2]
        k = int(np.argmax(before))  # the most active neuron feeding the outputs
        chain = chain_rule.output_weight(net, digit.x, label, label, k)
        notes = VGroup(
            source_note(digit_note(digit, label)),
            source_note(untrained_note(inputs.untrained_seed())),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        notes.to_corner(UL, buff=np.array([0.75, 0.45, 0.0]))
        nodes = self.show_the_path(net, label, k, notes)
        factors = self.take_each_link(net, chain, nodes)
        product = self.multiply(net, digit.x, label, k, chain, factors)
        self.a_silent_neuron(net, digit.x, label, before, product)

    def show_the_path(self, net: Network, label: int, k: int, notes: VGroup) -> VGroup:
        """w -> z -> a -> C, with a_prev feeding z and y waiting at C."""
        layer = self.numbers.record("layer before", len(net.sizes) - 2, "the last hidden layer")
        neuron = self.numbers.record("neuron", k, "the most active neuron of that layer")
        to = self.numbers.record("output", label, "the output for the digit's label")
        symbols = [formula(s, size=NODE_SIZE) for s in ("w", "z", "a", "C")]
        path = VGroup(*symbols).arrange(RIGHT, buff=2.3).shift(1.35 * UP)
        links = VGroup(*(Arrow(a.get_right(), b.get_left(), buff=LINK_BUFF)
                         for a, b in zip(symbols, symbols[1:])))  # fmt: skip
        a_prev = formula('a_("prev")', size=NODE_SIZE * 0.8).next_to(links[0], UP, buff=0.5)
        y = formula("y", size=NODE_SIZE * 0.8).next_to(links[2], UP, buff=0.5)
        name = text(self.words("weight-name", neuron=neuron, layer=layer, output=to),
                    size=LABEL_SIZE, color=HIGHLIGHT).next_to(path, UP, buff=0.95)  # fmt: skip
        with self.beat("path", say=self.say("path", output=to)) as beat:
            self.play(OpacityFadeIn(notes), Write(symbols[0]), OpacityFadeIn(name))
            self.wait_for_sentence(beat, 1)
            for link, symbol in zip(links, symbols[1:]):
                self.play(Create(link), Write(symbol), run_time=0.8)
            self.play(OpacityFadeIn(VGroup(a_prev, y)))
        return VGroup(path, links)

    def take_each_link(self, net: Network, chain: chain_rule.ChainRule, nodes: VGroup) -> VGroup:
        """The three slopes, each under its link, with nncore's value."""
        _, links = nodes
        values = [
            self.numbers.record("dz/dw", chain.a_prev, "nncore.chain_rule: a_prev"),
            self.numbers.record("da/dz", chain.prime, "nncore.chain_rule: f'(z)"),
            self.numbers.record("dC/da", chain.dc_da, "nncore.chain_rule: 2 (a - y)"),
        ]
        f = ACTIVATION_SYMBOL[net.activation]
        laws = ("(partial z)/(partial w) = a_(\"prev\")", f"(partial a)/(partial z) = {f}'(z)",
                "(partial C)/(partial a) = 2(a - y)")  # fmt: skip
        factors = VGroup()
        for law, link, value in zip(laws, links, values):
            shown = formula(law, size=30).next_to(link, DOWN, buff=0.45)
            amount = number(value, places=PLACES, size=NUMBER_SIZE, color=HIGHLIGHT)
            amount.next_to(shown, DOWN, buff=0.25)
            factors.add(VGroup(shown, amount))
        sign = "minus" if chain.dc_da < 0 else "plus"
        say = self.say("links", lit=chain.a_prev, sign=sign, activation=net.activation)
        with self.beat("links", say=say) as beat:
            for k, factor in enumerate(factors):
                self.wait_for_sentence(beat, k)
                self.play(Write(factor[0]), OpacityFadeIn(factor[1]), run_time=1.0)
        return factors

    def multiply(
        self,
        net: Network,
        x: np.ndarray,
        label: int,
        k: int,
        chain: chain_rule.ChainRule,
        factors: VGroup,
    ) -> VGroup:
        """Their product, and backprop's entry for the same weight beside it."""
        product = self.numbers.record("dC/dw", chain.product, "nncore.chain_rule: the product")
        entry = net.backprop(x, one_hot(label)).nabla_w[-1][label, k]
        self.numbers.record("backprop's dC/dw", float(entry), "nncore.mlp.Network.backprop")
        line = VGroup(
            formula("(partial C)/(partial w) =", size=36),
            number(product, places=PLACES, size=36, color=HIGHLIGHT),
        ).arrange(RIGHT, buff=0.2)
        line.next_to(factors, DOWN, buff=0.35)
        same = text(self.words("backprop-entry"), size=LABEL_SIZE).next_to(line, DOWN, buff=0.35)
        with self.beat("product", say=self.say("product", product=product)) as beat:
            self.play(Write(line))
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(same))
        self.play(OpacityFadeOut(same), run_time=0.4)
        return line

    def a_silent_neuron(
        self, net: Network, x: np.ndarray, label: int, before: np.ndarray, above: VGroup
    ) -> None:
        """A silent neuron's weight is hardly nudged at all: the first link is its activation.
        Then the bridge to the scale of training."""
        quiet = int(np.argmin(before))
        chain = chain_rule.output_weight(net, x, label, label, quiet)
        lit = self.numbers.record("silent neuron's activation", chain.a_prev, "nncore.chain_rule")
        nudge = self.numbers.record("silent neuron's dC/dw", chain.product, "nncore.chain_rule")
        neuron = self.numbers.record("silent neuron", quiet, "the least active of that layer")
        line = VGroup(
            text(self.words("silent-name", neuron=neuron), size=LABEL_SIZE),
            formula("a_(\"prev\") =", size=30), number(lit, places=PLACES, size=NUMBER_SIZE),
            formula("(partial C)/(partial w) =", size=30),
            number(nudge, places=PLACES, size=NUMBER_SIZE, color=HIGHLIGHT),
        ).arrange(RIGHT, buff=0.25)  # fmt: skip
        line.next_to(above, DOWN, buff=0.35)  # under the product, above the subtitles
        with self.beat("together", say=self.say("together", lit=lit)):
            self.play(OpacityFadeIn(line))
