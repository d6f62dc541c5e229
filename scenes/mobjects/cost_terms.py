"""The cost of one example, term by term: a row ``(a_j - y_j)² = term`` per output neuron."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Line,
    ManimColor,
    Text,
    VGroup,
    VMobject,
    interpolate_color,
)

from scenes import numerals, script
from scenes.style import (
    BRACKET_STROKE_WIDTH,
    HIGHLIGHT,
    LABEL_SIZE,
    NEGATIVE,
    NUMBER_SIZE,
    SOURCE_TEXT,
    TEXT,
    formula,
    text,
    written,
)

# Row pitch in multiples of a digit's height; gaps between columns in scene units.
ROW_PITCH = 1.75
TIGHT_GAP = 0.06  # inside the brackets: "(" 0.43
OPERATOR_GAP = 0.16  # around "−" and "="
LABEL_GAP = 0.45  # between the digit naming the row and the row
HEADER_GAP = 0.2
HEADER_SCALE = 1.3  # Typst's math glyphs are smaller than Text's at one font size
SUM_DROP = 1.7  # row pitches from the last row down to the total
RULE_OVERHANG = 0.1  # the sum line sticks out this far past the terms column


def decimal_places(value: float, significant: int = 2, minimum: int = 2, maximum: int = 8) -> int:
    """Decimal places that show ``value`` with ``significant`` significant digits.

    At least ``minimum`` (3.37 rather than 3.4) and at most ``maximum``; for example
    3.37 -> 2, 0.031 -> 3, 0.000037 -> 6.
    """
    if value == 0 or not np.isfinite(value):
        return minimum
    places = significant - 1 - int(np.floor(np.log10(abs(value))))
    return int(np.clip(places, minimum, maximum))


def term_color(term: float) -> ManimColor:
    """White for a term of 0, glowing red as it grows to 1, the largest a term can be.

    (Both ``a_j`` and ``y_j`` lie in [0, 1], so ``(a_j - y_j)²`` does too.)
    """
    return interpolate_color(ManimColor(TEXT), ManimColor(NEGATIVE), float(np.clip(term, 0, 1)))


class CostTerms(VGroup):
    """One row per output neuron, ``j   (a_j − y_j)² = term``, and the sum beneath them.

    The mobject draws the numbers it is given: ``terms`` and ``total`` come from
    ``nncore.mlp.cost_terms`` and ``nncore.mlp.cost``, never from here. The terms
    column shows ``total`` to two significant digits (:func:`decimal_places`), and
    ``a`` and ``y`` get half as many places (at least 2): a square needs twice the
    decimals of what is squared. Terms glow red by size (:func:`term_color`).

    Parts, for scenes to animate one at a time: ``digit_labels``, ``a_entries``,
    ``y_entries``, ``scaffold`` (brackets, "−", "²", "=" per row), ``term_entries``,
    ``headers`` (``a_j`` and ``y_j`` over their columns) and ``sum_row`` (the rule,
    ``C =`` and ``total``).

    Parameters
    ----------
    a
        The network's output activations, shape ``(n,)``.
    y
        The desired output, shape ``(n,)``.
    terms
        ``(a_j - y_j)²`` for each ``j``, shape ``(n,)``.
    total
        Their sum, the cost.
    labels
        Text naming each row (default the digits ``0..n-1``).

    Examples
    --------
    ::

        table = CostTerms(out, y, cost_terms(out, y), cost(out, y))
        self.play(OpacityFadeIn(table.digit_labels, table.a_entries))
        self.play(OpacityFadeIn(table.scaffold, table.y_entries, table.term_entries))
        self.play(OpacityFadeIn(table.sum_row))
    """

    def __init__(
        self,
        a: np.ndarray,
        y: np.ndarray,
        terms: np.ndarray,
        total: float,
        labels: Sequence[str] | None = None,
        size: float = NUMBER_SIZE,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.a, self.y, self.terms = self._checked(a, y, terms)
        self.total_value = float(total)
        n = len(self.a)
        labels = [str(j) for j in range(n)] if labels is None else list(labels)
        if len(labels) != n:
            raise ValueError(f"need {n} row labels, got {len(labels)}")
        self.term_places = decimal_places(self.total_value)
        self.value_places = max(2, -(-self.term_places // 2))
        self.row_pitch = ROW_PITCH * text("0", size=size).height

        self.digit_labels = VGroup(*(text(s, size=LABEL_SIZE, color=SOURCE_TEXT) for s in labels))
        self.a_entries = self._numbers(self.a, self.value_places, size)
        self.y_entries = self._numbers(self.y, self.value_places, size)
        self.term_entries = self._numbers(self.terms, self.term_places, size)
        for entry, term in zip(self.term_entries, self.terms, strict=True):
            entry.set_color(term_color(term))
        # One Text per symbol, copied to every row: copying is ~6x faster than building.
        opens, minuses, closes, equals = (
            VGroup(*(glyph.copy() for _ in range(n)))
            for glyph in (text(s, size=size) for s in ("(", "−", ")²", "="))
        )
        self.scaffold = VGroup(opens, minuses, closes, equals)
        # Columns left to right, each with the gap before it.
        columns = [
            (self.digit_labels, 0.0),
            (opens, LABEL_GAP),
            (self.a_entries, TIGHT_GAP),
            (minuses, OPERATOR_GAP),
            (self.y_entries, OPERATOR_GAP),
            (closes, TIGHT_GAP),
            (equals, OPERATOR_GAP),
            (self.term_entries, OPERATOR_GAP),
        ]
        self._lay_out(columns, numeric=(self.a_entries, self.y_entries, self.term_entries))

        self.headers = VGroup(*(formula(s, size=HEADER_SCALE * size) for s in ("a_j", "y_j")))
        for header, column in zip(self.headers, (self.a_entries, self.y_entries), strict=True):
            header.next_to(column, UP, buff=HEADER_GAP)
        self.headers.align_to(self.headers[0], DOWN)

        self.total = decimal(self.total_value, self.term_places, size).set_color(HIGHLIGHT)
        self.total.set_y(-(n - 1 + SUM_DROP) * self.row_pitch)
        point_x = _decimal_point(self.term_entries[0]).get_x()
        self.total.shift((point_x - _decimal_point(self.total).get_x()) * RIGHT)
        rule_y = (self.term_entries.get_bottom()[1] + self.total.get_top()[1]) / 2
        self.rule = Line(
            [self.term_entries.get_left()[0] - RULE_OVERHANG, rule_y, 0.0],
            [self.term_entries.get_right()[0] + RULE_OVERHANG, rule_y, 0.0],
            stroke_width=BRACKET_STROKE_WIDTH,
            color=TEXT,
        )
        total_equals = text("=", size=size, color=HIGHLIGHT).set_x(equals.get_x())
        total_equals.set_y(self.total.get_y())
        c = text("C", size=size, color=HIGHLIGHT).next_to(total_equals, LEFT, buff=OPERATOR_GAP)
        self.sum_row = VGroup(self.rule, c, total_equals, self.total)

        self.add(
            self.digit_labels,
            self.scaffold,
            self.a_entries,
            self.y_entries,
            self.term_entries,
            self.headers,
            self.sum_row,
        )
        self.center()

    @staticmethod
    def _checked(
        a: np.ndarray, y: np.ndarray, terms: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        arrays = tuple(np.asarray(v, dtype=float) for v in (a, y, terms))
        if any(v.ndim != 1 or v.shape != arrays[0].shape for v in arrays) or not len(arrays[0]):
            raise ValueError("a, y and terms must be vectors of one length")
        if not all(np.all(np.isfinite(v)) for v in arrays):
            raise ValueError("a, y and terms must be finite")
        return arrays

    def _numbers(self, values: np.ndarray, places: int, size: float) -> VGroup:
        return VGroup(*(decimal(v, places, size) for v in values))

    def _lay_out(self, columns: list[tuple[VGroup, float]], numeric: tuple[VGroup, ...]) -> None:
        """Rows ``row_pitch`` apart; numbers aligned on their decimal points, text centred.

        Aligning right ink edges would not do: a final "1" has more room to its right
        than other digits, so "0.11" would sit off by a sliver under "0.89".
        """
        x = 0.0
        for column, gap in columns:
            x += gap
            if any(column is n for n in numeric):
                points = [_decimal_point(m).get_x() for m in column]
                left = max(p - m.get_left()[0] for p, m in zip(points, column, strict=True))
                right = max(m.get_right()[0] - p for p, m in zip(points, column, strict=True))
                for p, m in zip(points, column, strict=True):
                    m.shift((x + left - p) * RIGHT)
                width = left + right
            else:
                width = max(m.width for m in column)
                for m in column:
                    m.set_x(x + width / 2)
            for row, m in enumerate(column):
                m.set_y(-row * self.row_pitch)
            x += width


def decimal(value: float, places: int, size: float = NUMBER_SIZE) -> Text:
    """``value`` with ``places`` decimals, as one Text in the house font.

    Not a DecimalNumber: nothing here changes value, and one Text is several times
    cheaper to build and to copy (every animation copies) than a DecimalNumber's
    Text per character. The font's digits are all one width, so columns line up.
    """
    return text(written(value, places, grouping=False), size=size)


def _decimal_point(m: Text) -> VMobject:
    """The decimal mark's glyph of a :func:`decimal` ("." in English, "," in Spanish; one
    glyph submobject per character, no spaces)."""
    return m[m.text.index(numerals.symbols(script.current_language())[0])]
