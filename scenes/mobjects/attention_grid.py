"""An attention pattern: a T x T grid whose squares are the real softmax weights."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import LEFT, PI, RIGHT, UP, Rectangle, Square, VGroup

from scenes.mobjects.token_row import SPECIAL_TOKENS
from scenes.style import (
    ACTIVATION,
    ATTENTION_CELL,
    GRID_STROKE_WIDTH,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    MUTED,
    SMALL_SIZE,
    SPECIAL_TOKEN,
    TEXT,
    text,
)

LABEL_BUFF = 0.12  # between the grid and its token labels


def as_attention(weights: np.ndarray, n_tokens: int) -> np.ndarray:
    """``weights`` as a float (T, T) array of weights in [0, 1], one row per token.

    Raises ``ValueError`` otherwise: the grid draws the numbers it is given and never
    rescales them.
    """
    w = np.asarray(weights, dtype=float)
    if w.shape != (n_tokens, n_tokens):
        raise ValueError(f"expected a ({n_tokens}, {n_tokens}) attention pattern, got {w.shape}")
    if not np.all(np.isfinite(w)) or w.min() < 0.0 or w.max() > 1.0:
        raise ValueError("attention weights must be finite and in [0, 1]")
    return w


class AttentionGrid(VGroup):
    """Where each token looks: row ``i`` is token ``i`` attending (the query), column ``j``
    the token it looks at (the key).

    Each cell holds a filled square whose *area* is the weight ``weights[i, j]`` (a full
    cell is 1, an empty one 0), so a row's squares add up to one cell, as a softmax
    row adds up to 1. Token labels run down the left (queries) and, turned upright,
    along the top (keys).

    Parameters
    ----------
    weights
        The (T, T) attention pattern of one head, e.g. ``encoding.attentions[l, h]``.
    tokens
        The T tokens; [CLS] and [SEP] are labelled in grey.
    cell
        Side of one cell in scene units.

    Attributes
    ----------
    cells, squares
        Row-major: the outline of each cell and the weight square inside it.
    row_labels, col_labels
        One label per token.
    """

    def __init__(
        self, weights: np.ndarray, tokens: Sequence[str], cell: float = ATTENTION_CELL
    ) -> None:
        self.tokens = list(tokens)
        T = len(self.tokens)
        self.weights = as_attention(weights, T)
        self.cell_size = cell
        self.cells = VGroup()
        self.squares = VGroup()
        # Copies of two prototypes: much faster than building 2 T^2 squares.
        outline = Square(side_length=cell, stroke_color=MUTED, stroke_width=GRID_STROKE_WIDTH)
        filled = Square(side_length=cell, stroke_width=0, fill_color=ACTIVATION, fill_opacity=1)
        for i in range(T):
            for j in range(T):
                centre = cell * ((j - (T - 1) / 2) * RIGHT + ((T - 1) / 2 - i) * UP)
                self.cells.add(outline.copy().move_to(centre))
                # Area is the weight; a weight that underflowed to 0 is a point, not drawn.
                fraction = np.sqrt(self.weights[i, j])
                square = filled.copy().scale(max(fraction, 1e-3)).move_to(centre)
                self.squares.add(square.set_fill(opacity=1.0 if fraction > 0 else 0.0))
        self.row_labels = VGroup()
        self.col_labels = VGroup()
        for i, t in enumerate(self.tokens):
            color = SPECIAL_TOKEN if t in SPECIAL_TOKENS else TEXT
            row = text(t, size=SMALL_SIZE, color=color)
            row.next_to(self.cells[i * T], LEFT, buff=LABEL_BUFF)
            col = text(t, size=SMALL_SIZE, color=color).rotate(PI / 2)
            col.next_to(self.cells[i], UP, buff=LABEL_BUFF)
            self.row_labels.add(row)
            self.col_labels.add(col)
        super().__init__(self.cells, self.squares, self.row_labels, self.col_labels)

    def row(self, i: int) -> VGroup:
        """Query ``i``'s weight squares, left to right."""
        T = len(self.tokens)
        return VGroup(*self.squares[i * T : (i + 1) * T])

    def row_frame(self, i: int, color: str = HIGHLIGHT) -> Rectangle:
        """A new outline around row ``i`` and its label, for the scene to ``Create``."""
        T = len(self.tokens)
        row = VGroup(*self.cells[i * T : (i + 1) * T], self.row_labels[i])
        return Rectangle(
            width=row.width + 2 * LABEL_BUFF,
            height=self.cell_size,
            stroke_color=color,
            stroke_width=HIGHLIGHT_STROKE_WIDTH,
        ).move_to(row)

    def color_row(self, i: int, color: str = HIGHLIGHT) -> AttentionGrid:
        """Fill query ``i``'s squares and label with ``color`` (works with ``.animate``)."""
        self.row(i).set_fill(color)
        self.row_labels[i].set_color(color)
        return self
