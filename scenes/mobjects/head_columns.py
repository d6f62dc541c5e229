"""One attention head at work for one word: its query, every word's key and value, the
scores, the weights and what the head adds, laid out under the sentence's tokens.

::

    [query]   [CLS]  a   machine  learning  model  [SEP]
     q_i      [k_0] [k_1] ...                             keys (later: values)
              s_0   s_1   ...                             scores  q_i . k_t / sqrt(d)
              w_0   w_1   ...                             weights softmax(scores)
                                                          = [sum_t w_t v_t]

The mobject draws the arrays it is given (from :mod:`nncore.attention_head`); it
computes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, RIGHT, UP, VGroup

from scenes.mobjects.token_row import TokenRow
from scenes.mobjects.vector_column import VectorColumn
from scenes.style import HIGHLIGHT, LABEL_SIZE, SMALL_SIZE, TEXT, number, text

SHOWN = 7  # of each 32-number vector: the first four, an ellipsis, the last three
COLUMN_SIZE = 18  # font size of the columns' entries
NUMBER_ROW_SIZE = 20  # of the scores and weights
GAP = 0.25  # between neighbouring columns
ROW_GAP = 0.3  # between the rows of numbers
NAME_PAD = 0.25  # either side of a row's name


class HeadColumns(VGroup):
    """The head's numbers for the query token ``query_index`` of ``tokens``.

    Parameters
    ----------
    tokens
        The sentence's tokens, [CLS] and [SEP] included.
    query_index
        The token whose query is shown.
    query, keys, values, scores, weights, output
        The head's arrays: (d,), (T, d), (T, d), (T,), (T,), (d,).
    names
        The row names, in the script's words: ``"query"``, ``"keys"``, ``"values"``,
        ``"scores"``, ``"weights"`` and ``"output"``.

    Attributes
    ----------
    row, query_column, key_columns, value_columns, score_numbers, weight_numbers,
    output_column, and the names as ``labels[name]``.
    """

    def __init__(
        self,
        tokens: Sequence[str],
        query_index: int,
        query: np.ndarray,
        keys: np.ndarray,
        values: np.ndarray,
        scores: np.ndarray,
        weights: np.ndarray,
        output: np.ndarray,
        names: dict[str, str],
    ) -> None:
        super().__init__()

        def column(v: np.ndarray) -> VectorColumn:
            return VectorColumn(v, max_shown=SHOWN, places=2, color_by="sign", size=COLUMN_SIZE)

        self.row = TokenRow(tokens)
        self.row.labels[query_index].set_color(HIGHLIGHT)
        self.row.boxes[query_index].set_stroke(HIGHLIGHT)
        self.key_columns = VGroup(*(column(k) for k in keys))
        self.value_columns = VGroup(*(column(v) for v in values))
        # Each token, its key (or value) and its numbers share a slot as wide as the widest.
        widths = [
            max(c.width, v.width, b.width)
            for c, v, b in zip(self.key_columns, self.value_columns, self.row.boxes, strict=True)
        ]
        x = 0.0
        for cell, key, value, w in zip(
            self.row, self.key_columns, self.value_columns, widths, strict=True
        ):
            cell.set_x(x + w / 2)
            key.next_to(cell, DOWN, buff=0.3).set_x(cell.get_x())
            value.move_to(key)
            x += w + GAP
        self.score_numbers = VGroup(*(number(s, 2, NUMBER_ROW_SIZE) for s in scores))
        self.weight_numbers = VGroup(
            *(number(w, 2, NUMBER_ROW_SIZE, color=HIGHLIGHT) for w in weights)
        )
        bottom = self.key_columns.get_bottom()[1]
        for k, key in enumerate(self.key_columns):
            self.score_numbers[k].move_to([key.get_x(), bottom - ROW_GAP - 0.1, 0.0])
            self.weight_numbers[k].next_to(self.score_numbers[k], DOWN, buff=ROW_GAP)
        # Each row's name left of it, in a lane between the query's column and the keys.
        row_names = {
            name: text(names[name], size=SMALL_SIZE, color=TEXT)
            for name in ("keys", "values", "scores", "weights")
        }
        lane = max(n.width for n in row_names.values()) + 2 * NAME_PAD
        left = self.key_columns.get_left()[0]
        for name, beside in (
            ("keys", self.key_columns),
            ("values", self.key_columns),
            ("scores", self.score_numbers),
            ("weights", self.weight_numbers),
        ):
            row_names[name].move_to([left - lane / 2, beside.get_y(), 0.0])
        self.query_column = column(query)
        self.query_column.move_to(self.key_columns[query_index]).set_x(
            left - lane - self.query_column.width / 2
        )
        self.output_column = column(output).next_to(self.value_columns, RIGHT, buff=1.0)
        self.labels = {
            "query": text(names["query"], size=LABEL_SIZE, color=HIGHLIGHT).next_to(
                self.query_column, UP, buff=0.3
            ),
            **row_names,
            "output": text(names["output"], size=LABEL_SIZE, color=HIGHLIGHT).next_to(
                self.output_column, UP, buff=0.3
            ),
        }
        # Values and the output come later, the values in the keys' place: laid out with
        # the rest, so that one scaling fits them all, and drawn when the scene plays them.
        self.add(
            self.row,
            self.query_column,
            self.key_columns,
            self.value_columns,
            self.score_numbers,
            self.weight_numbers,
            self.output_column,
            *self.labels.values(),
        )
