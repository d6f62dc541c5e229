"""Arcs from every token of a sentence into one token, weighted by its attention to them."""

from __future__ import annotations

import numpy as np
from manim import DOWN, PI, RIGHT, CurvedArrow, VGroup

from scenes.mobjects.token_row import TokenRow
from scenes.style import (
    ATTENTION_ARROW,
    ATTENTION_MAX_WIDTH,
    EDGE_MIN_WIDTH_FRACTION,
    SMALL_SIZE,
    number,
)

# Arcs are this part of a circle, so farther tokens arc higher, up to ``max_height``.
ARC_ANGLE = 2 * PI / 3
TIP_LENGTH = 0.14
LABEL_BUFF = 0.12  # between a token's box and its weight beneath
# Arcs land side by side on the middle of the target's top edge, not all on one point.
LANDING_SPREAD = 0.5


class ContextArrows(VGroup):
    """An arc above ``row`` from each other token ``k`` into token ``target``.

    The arc from ``k`` has opacity ``sqrt(weights[k])`` and a width growing the same
    way (a square root, so that a weight of 0.2 is still seen next to one of 0.5), and
    every weight is written under its token, the target's weight on itself included:
    the picture is the real attention row, where ``target`` looks and how much.

    Parameters
    ----------
    row
        The sentence's tokens, as drawn.
    target
        Index of the token doing the looking (the query).
    weights
        Its attention row, (T,), e.g. ``encoding.attentions[l, h, target]``.
    max_height
        Highest an arc may rise above the boxes; longer arcs are flattened to it.

    Attributes
    ----------
    arrows
        Per other token, in order, its arc.
    sources
        The token index of each arc.
    labels
        Per token, its weight.
    """

    def __init__(
        self, row: TokenRow, target: int, weights: np.ndarray, max_height: float = np.inf
    ) -> None:
        w = np.asarray(weights, dtype=float)
        if w.shape != (len(row.tokens),) or not np.all((w >= 0) & (w <= 1)):
            raise ValueError(f"need {len(row.tokens)} weights in [0, 1], got {w}")
        self.weights = w
        self.sources = [k for k in range(len(w)) if k != target]
        box = row.boxes[target]
        landings = np.linspace(-0.5, 0.5, len(self.sources)) * LANDING_SPREAD * box.width
        self.arrows = VGroup()
        for k, dx in zip(self.sources, landings, strict=True):
            start = row.boxes[k].get_top()
            end = box.get_top() + dx * RIGHT
            # Clockwise from a token on the left (and the reverse from the right) arcs upward.
            # An arc of angle t over a chord c rises (c / 2) tan(t / 4) above it.
            chord = np.linalg.norm(end - start)
            angle = min(ARC_ANGLE, 4 * np.arctan(2 * max_height / chord))
            angle = -angle if k < target else angle
            arrow = CurvedArrow(start, end, angle=angle, tip_length=TIP_LENGTH)
            strength = np.sqrt(w[k])
            fraction = EDGE_MIN_WIDTH_FRACTION + (1 - EDGE_MIN_WIDTH_FRACTION) * strength
            arrow.set_stroke(
                ATTENTION_ARROW, width=ATTENTION_MAX_WIDTH * fraction, opacity=strength
            )
            arrow.tip.set_fill(ATTENTION_ARROW, opacity=strength).set_stroke(width=0)
            self.arrows.add(arrow)
        self.labels = VGroup(
            *(
                number(v, places=2, size=SMALL_SIZE).next_to(b, DOWN, buff=LABEL_BUFF)
                for v, b in zip(w, row.boxes, strict=True)
            )
        )
        super().__init__(self.arrows, self.labels)
