"""One attention head at work: a word's query against every word's key, then the values.

For token ``i`` in layer ``l``, head ``h`` of MiniLM (each head works on 32 of the 384
channels)::

    q_i = W_Q x_i        k_t = W_K x_t        v_t = W_V x_t       (each 32 numbers)
    score_t = q_i . k_t / sqrt(32)          how well word t answers i's question
    weight_t = softmax(score)_t             the row of the attention pattern
    out_i = sum_t weight_t v_t              what the head adds to i, before W_O

The row is exactly the one :func:`nncore.transformer.encode` keeps in ``attentions``.
:meth:`HeadAtWork.row` is the ``"attention row"`` record a scene's sidecar holds, for
anyone to recompute from the sentence alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nncore.transformer import Encoding, load_model, softmax


@dataclass(frozen=True)
class HeadAtWork:
    """The numbers of one head for one query token (``layer`` and ``head`` count from 1)."""

    tokens: list[str]
    layer: int
    head: int
    query_index: int
    query: np.ndarray  # (hs,)
    keys: np.ndarray  # (T, hs)
    values: np.ndarray  # (T, hs)

    @property
    def scores(self) -> np.ndarray:
        """``q . k_t / sqrt(hs)`` for every token ``t``."""
        return self.keys @ self.query / math.sqrt(self.query.size)

    @property
    def weights(self) -> np.ndarray:
        return softmax(self.scores)

    @property
    def output(self) -> np.ndarray:
        """``sum_t weight_t v_t``: what this head moves the query token's vector by."""
        return self.weights @ self.values

    def row(self, sentence: str) -> dict[str, object]:
        """The query token's attention row as the sidecar records it: ``sentence``, ``layer``
        and ``head`` (from 1), the ``query`` token, every token, their scores and weights."""
        return {
            "sentence": sentence,
            "layer": self.layer,
            "head": self.head,
            "query": self.tokens[self.query_index],
            "tokens": list(self.tokens),
            "scores": [float(s) for s in self.scores],
            "weights": [float(w) for w in self.weights],
        }


def head_at_work(encoding: Encoding, layer: int, head: int, query_index: int) -> HeadAtWork:
    """Head ``head`` of layer ``layer`` as it reads token ``query_index`` of ``encoding``."""
    attention = load_model().blocks[layer - 1].attn
    x = encoding.hidden_states[layer - 1]  # (T, C): what the layer reads
    hs = x.shape[1] // attention.n_head
    part = slice((head - 1) * hs, head * hs)
    return HeadAtWork(
        tokens=list(encoding.tokens),
        layer=layer,
        head=head,
        query_index=query_index,
        query=attention.query(x)[query_index, part],
        keys=attention.key(x)[:, part],
        values=attention.value(x)[:, part],
    )
