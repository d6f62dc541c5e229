"""A sentence's WordPiece tokens as a row of boxed labels."""

from __future__ import annotations

from collections.abc import Sequence

from manim import RIGHT, RoundedRectangle, VGroup

from scenes.style import (
    LABEL_SIZE,
    MUTED,
    NEURON_STROKE,
    SPECIAL_TOKEN,
    TEXT,
    TOKEN_BOX_HEIGHT,
    TOKEN_BOX_PAD,
    TOKEN_CORNER_RADIUS,
    TOKEN_GAP,
    TOKEN_STROKE_WIDTH,
    text,
)

SPECIAL_TOKENS = ("[CLS]", "[SEP]", "[UNK]")


class TokenRow(VGroup):
    """Tokens left to right, each a label in a rounded box; [CLS] and [SEP] are dimmed.

    Parameters
    ----------
    tokens
        The tokens, as the tokenizer gives them (``##`` pieces kept, so the viewer
        sees the real cut).
    size
        Font size of the labels.

    Attributes
    ----------
    boxes, labels
        One box and one label per token, in order.
    """

    def __init__(self, tokens: Sequence[str], size: float = LABEL_SIZE) -> None:
        self.tokens = list(tokens)
        self.boxes = VGroup()
        self.labels = VGroup()
        cells = VGroup()
        for t in self.tokens:
            special = t in SPECIAL_TOKENS
            label = text(t, size=size, color=SPECIAL_TOKEN if special else TEXT)
            box = RoundedRectangle(
                width=label.width + 2 * TOKEN_BOX_PAD,
                height=TOKEN_BOX_HEIGHT,
                corner_radius=TOKEN_CORNER_RADIUS,
                stroke_color=MUTED if special else NEURON_STROKE,
                stroke_width=TOKEN_STROKE_WIDTH,
            )
            label.move_to(box)
            self.boxes.add(box)
            self.labels.add(label)
            cells.add(VGroup(box, label))
        cells.arrange(RIGHT, buff=TOKEN_GAP)
        super().__init__(*cells)

    def cell(self, i: int) -> VGroup:
        """Token ``i``'s box and label."""
        return self.submobjects[i]
