"""A column vector of decimals in square brackets, drawn without TeX."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
from manim import (
    RIGHT,
    DecimalNumber,
    Dot,
    ManimColor,
    SurroundingRectangle,
    Text,
    VGroup,
    VMobject,
    interpolate_color,
)
from manim.typing import Vector3DLike

from scenes.style import (
    ACTIVATION,
    BRACKET_STROKE_WIDTH,
    ELLIPSIS_DOT_RADIUS,
    HIGHLIGHT,
    HIGHLIGHT_STROKE_WIDTH,
    LABEL_SIZE,
    MUTED,
    NEGATIVE,
    NUMBER_SIZE,
    POSITIVE,
    TEXT,
    number,
    text,
)

ColorBy = Literal["value", "sign"] | None
# Row pitch and bracket geometry, in multiples of a digit's height.
ROW_PITCH = 1.9
BRACKET_PAD = 0.9
BRACKET_HOOK = 0.6


def entry_color(value: float, color_by: ColorBy, places: int) -> ManimColor:
    """An entry's colour: dim grey (0) to white (1) by value, blue/red by sign, or plain.

    By sign, an entry that reads as zero at ``places`` decimals is plain: a red "0.000"
    would say a sign the viewer cannot see."""
    if color_by == "value":
        return interpolate_color(ManimColor(MUTED), ACTIVATION, float(np.clip(value, 0.0, 1.0)))
    if color_by == "sign" and round(value, places) != 0:
        return ManimColor(POSITIVE if value > 0 else NEGATIVE)
    return ManimColor(TEXT)


def shown_entry_indices(n: int, max_shown: int) -> np.ndarray:
    """All of ``0..n-1`` if ``n <= max_shown``, else the first ``ceil(max_shown / 2)``
    and the last ``floor(max_shown / 2)`` (an ellipsis stands for the rest)."""
    if n <= max_shown:
        return np.arange(n)
    head = (max_shown + 1) // 2
    return np.concatenate([np.arange(head), np.arange(n - (max_shown - head), n)])


class VectorColumn(VGroup):
    """Decimals in square brackets, one per row, with vertical dots for long vectors.

    Entries are right-aligned (so decimal points line up) and keep their real
    order; a vector longer than ``max_shown`` shows its first and last entries
    (:func:`shown_entry_indices`). Methods take the *real* entry index and raise
    ``KeyError`` for a hidden one.

    Parameters
    ----------
    values
        The vector, e.g. a layer's activations from ``nncore``.
    max_shown
        Most entries drawn (at least 2).
    places
        Decimal places.
    color_by
        ``"value"`` (activations: dim grey at 0 to white at 1), ``"sign"``
        (blue >= 0, red < 0) or ``None`` (plain text colour).
    labels
        One label per entry (e.g. ``"w₁"`` or the digit), drawn beside shown entries.
    label_side
        ``RIGHT`` or ``LEFT`` of the brackets.

    Examples
    --------
    ::

        out = VectorColumn(a[-1], labels=[str(d) for d in range(10)])
        self.play(OpacityFadeIn(out))
        self.play(Create(out.highlight_entry(int(a[-1].argmax()))))
    """

    def __init__(
        self,
        values: np.ndarray,
        max_shown: int = 10,
        places: int = 2,
        color_by: ColorBy = "value",
        labels: Sequence[str] | None = None,
        label_side: Vector3DLike = RIGHT,
        size: float = NUMBER_SIZE,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if max_shown < 2:
            raise ValueError("max_shown must be at least 2")
        self.values = self._checked(values)
        self.places = places
        self.color_by: ColorBy = color_by
        self.shown_indices = shown_entry_indices(len(self.values), max_shown)
        self._slot = {int(i): k for k, i in enumerate(self.shown_indices)}
        digit_height = number(0.0, places, size).height
        self.row_pitch = ROW_PITCH * digit_height

        truncated = len(self.shown_indices) < len(self.values)
        head = (max_shown + 1) // 2 if truncated else len(self.shown_indices)
        rows = np.arange(len(self.shown_indices), dtype=float)
        rows[head:] += 1.0  # the ellipsis takes one row
        self._row_y = -self.row_pitch * rows
        self.entries = VGroup(
            *(
                number(
                    self.values[i],
                    places,
                    size,
                    color=entry_color(self.values[i], color_by, places),
                    edge_to_fix=RIGHT,
                ).move_to([0.0, y, 0.0], aligned_edge=RIGHT)
                for i, y in zip(self.shown_indices, self._row_y, strict=True)
            )
        )
        self.ellipsis = VGroup()
        if truncated:
            middle = self.entries.get_right()[0] - self.entries.width / 2
            y = -self.row_pitch * head
            self.ellipsis.add(
                *(
                    Dot([middle, y + k * 0.3 * self.row_pitch, 0.0], radius=ELLIPSIS_DOT_RADIUS)
                    for k in (-1, 0, 1)
                )
            ).set_color(TEXT)
        self.brackets = VGroup(VMobject(), VMobject()).set_stroke(TEXT, width=BRACKET_STROKE_WIDTH)
        self._pad = BRACKET_PAD * digit_height
        self._hook = BRACKET_HOOK * digit_height
        self._place_brackets()
        self.labels = VGroup()
        if labels is not None:
            self._add_labels(labels, label_side)
        self.add(self.brackets, self.entries, self.ellipsis, self.labels)
        self.center()

    @staticmethod
    def _checked(values: np.ndarray) -> np.ndarray:
        v = np.asarray(values, dtype=float)
        if v.ndim != 1 or len(v) == 0 or not np.all(np.isfinite(v)):
            raise ValueError("values must be a non-empty vector of finite numbers")
        return v

    def _place_brackets(self) -> None:
        """Brackets hugging the entries' widest row, one row pitch taller than the rows."""
        left = self.entries.get_left()[0] - self._pad
        right = self.entries.get_right()[0] + self._pad
        top = self.entries[0].get_y() + self.row_pitch / 2
        bottom = self.entries[-1].get_y() - self.row_pitch / 2
        for bracket, x, hook in (
            (self.brackets[0], left, self._hook),
            (self.brackets[1], right, -self._hook),
        ):
            bracket.set_points_as_corners(
                [[x + hook, top, 0.0], [x, top, 0.0], [x, bottom, 0.0], [x + hook, bottom, 0.0]]
            )

    def _add_labels(self, labels: Sequence[str], side: Vector3DLike) -> None:
        if len(labels) != len(self.values):
            raise ValueError(f"need {len(self.values)} labels, got {len(labels)}")
        bracket = self.brackets[1] if np.dot(side, RIGHT) > 0 else self.brackets[0]
        for i, entry in zip(self.shown_indices, self.entries, strict=True):
            label = text(labels[i], size=LABEL_SIZE)
            label.next_to(bracket, side, buff=0.2).set_y(entry.get_y())
            self.labels.add(label)

    def _index(self, i: int) -> int:
        try:
            return self._slot[int(i)]
        except KeyError:
            raise KeyError(f"entry {i} is not shown") from None

    def is_shown(self, i: int) -> bool:
        """Whether real entry ``i`` is drawn."""
        return int(i) in self._slot

    def entry(self, i: int) -> DecimalNumber:
        """The decimal drawn for real entry ``i``."""
        return self.entries[self._index(i)]

    def label(self, i: int) -> Text:
        """The label drawn beside real entry ``i``."""
        if not len(self.labels):
            raise ValueError("this column has no labels")
        return self.labels[self._index(i)]

    def highlight_entry(self, i: int, color: str = HIGHLIGHT) -> SurroundingRectangle:
        """A new box around real entry ``i``, inside the brackets, for the scene to ``Create``."""
        return SurroundingRectangle(
            self.entry(i), color=color, buff=0.06, stroke_width=HIGHLIGHT_STROKE_WIDTH
        )

    def set_values(self, values: np.ndarray) -> VectorColumn:
        """Show new values of the same length; works with ``column.animate``."""
        values = self._checked(values)
        if values.shape != self.values.shape:
            raise ValueError(f"need {len(self.values)} values, got {len(values)}")
        self.values = values
        for entry, i in zip(self.entries, self.shown_indices, strict=True):
            entry.set_value(values[i])
            entry.set_color(entry_color(values[i], self.color_by, self.places))
        self._place_brackets()
        return self
