"""How context changes a word inside all-MiniLM-L6-v2: which head to show, and how far it moves.

Three measurements on :class:`nncore.transformer.Encoding` s of sentences that share a
*focus* word (say "model" in "a machine learning model" and "a fashion model"):

- :func:`choose_head`: the attention head to draw, by a stated rule (see its docstring);
- :func:`context_cosines`: per layer, the cosine between the focus word's two vectors;
- :func:`probe_cosines`: per layer, the cosine between the focus word's vector and
  each probe word ("algorithm", "runway") encoded alone, at the same layer;
- :func:`context_paths`: the focus word's vectors, layer by layer, in one plane fitted
  on them and on the probe words, so its path toward one meaning can be drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from nncore.embedding_space import cosine, pca_fit
from nncore.errors import InputError, quoted
from nncore.tokenizer import CLS, SEP
from nncore.transformer import Encoding, encode, token_index

# Words that carry grammar rather than meaning: attention to them says little about which
# sense of the focus word a sentence means.
FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every no
    i me my you your he him his she her it its we us our they them their
    of in on at by for with from to into onto over under about as than
    and or but nor so if then because while
    is are was were be been being am do does did has have had will would can could
    shall should may might must not""".split()
)
# A head "only looks one token back" when every token puts more than this share of its
# attention on the token just before it, in every sentence.
PREVIOUS_TOKEN_SHARE = 0.5


def content_positions(encoding: Encoding, focus: int) -> list[int]:
    """Positions of the content-word tokens of ``encoding`` other than the focus word.

    Left out: [CLS] and [SEP], punctuation, :data:`FUNCTION_WORDS`, and the focus word's
    own tokens (its first piece at ``focus`` and any ``##`` pieces after it). A word cut
    into pieces ("predict ##s") counts with all of its pieces.
    """
    tokens = encoding.tokens
    own = {focus}
    k = focus + 1
    while k < len(tokens) and tokens[k].startswith("##"):
        own.add(k)
        k += 1
    keep: list[int] = []
    for k, t in enumerate(tokens):
        word_start = k
        while tokens[word_start].startswith("##") and word_start > 0:
            word_start -= 1
        first = tokens[word_start]
        if k in own or t in (CLS, SEP) or not any(c.isalnum() for c in first):
            continue
        if first in FUNCTION_WORDS:
            continue
        keep.append(k)
    return keep


def previous_token_heads(encodings: Sequence[Encoding]) -> np.ndarray:
    """(L, H) booleans: heads where every token mostly attends to the token before it.

    "Mostly" is more than :data:`PREVIOUS_TOKEN_SHARE` of its attention, for every token
    after [CLS], in every one of ``encodings``. Such a head moves a neighbour's vector
    along whatever the words are: its pattern shows position, not meaning.
    """
    masks = []
    for enc in encodings:
        T = len(enc.tokens)
        back = enc.attentions[:, :, np.arange(1, T), np.arange(T - 1)]  # (L, H, T-1)
        masks.append((back > PREVIOUS_TOKEN_SHARE).all(axis=-1))
    return np.logical_and.reduce(masks)


@dataclass(frozen=True)
class HeadChoice:
    """The head :func:`choose_head` picked (0-based indices) and the scores it compared."""

    layer: int
    head: int
    score: float  # the focus word's attention to the other content words, summed
    scores: np.ndarray  # (L, H) every head's score; NaN for the skipped heads
    skipped: tuple[tuple[int, int], ...]  # (layer, head) of the previous-token heads


def choose_head(encodings: Sequence[Encoding], focus: Sequence[int]) -> HeadChoice:
    """The head in which the focus word attends most to the other content words.

    The rule: for every (layer, head), add up the attention weights from the focus word
    (row ``focus[s]`` of sentence ``s``) to the sentence's other content words
    (:func:`content_positions`), summed over all the sentences. Heads that only look
    one token back (:func:`previous_token_heads`) are skipped: they would win for any
    sentence in which a content word stands just before the focus word, and their
    pattern is about position, not meaning. Ties go to the earliest layer, then head.

    Parameters
    ----------
    encodings
        The encoded sentences.
    focus
        The focus word's token position in each encoding (:func:`token_index`).

    Raises
    ------
    InputError
        If no sentence has a content word besides the focus word: there is no context
        to attend to.
    """
    if len(encodings) != len(focus):
        raise ValueError("one focus position per encoding is needed")
    context = [content_positions(enc, f) for enc, f in zip(encodings, focus, strict=True)]
    if not any(context):
        word = encodings[0].tokens[focus[0]]
        raise InputError(
            f"{quoted(word)} has no content word beside it in any sentence, so there is no context "
            "to attend to: add some, e.g. 'a fashion model'."
        )
    L, H = encodings[0].attentions.shape[:2]
    scores = np.zeros((L, H))
    for enc, f, k in zip(encodings, focus, context, strict=True):
        scores += enc.attentions[:, :, f, k].sum(axis=-1)
    skipped = previous_token_heads(encodings)
    scores[skipped] = np.nan
    layer, head = np.unravel_index(np.nanargmax(scores), scores.shape)  # first max wins
    return HeadChoice(
        layer=int(layer),
        head=int(head),
        score=float(scores[layer, head]),
        scores=scores,
        skipped=tuple((int(l), int(h)) for l, h in np.argwhere(skipped)),
    )


def context_cosines(a: Encoding, i: int, b: Encoding, j: int) -> np.ndarray:
    """(L+1,) cosine between token ``i`` of ``a`` and token ``j`` of ``b``, layer by layer.

    Entry 0 compares the embedding layer's outputs (word + position), entry ``l`` the
    outputs of layer ``l``.
    """
    return np.array(
        [cosine(ha[i], hb[j]) for ha, hb in zip(a.hidden_states, b.hidden_states, strict=True)]
    )


def probe_cosines(encoding: Encoding, i: int, probes: Sequence[str]) -> np.ndarray:
    """(P, L+1) cosine between token ``i`` and each probe word, layer by layer.

    Each probe word is encoded alone (``[CLS] runway [SEP]``) and compared at the same
    layer: a layer's vectors live in that layer's space, so a last-layer vector is
    compared with a last-layer vector. A probe cut into pieces is represented by its
    first piece, like the focus word.
    """
    rows = []
    for word in probes:
        alone = _encoded_alone(word)
        rows.append(context_cosines(encoding, i, alone, token_index(alone, word)))
    return np.stack(rows)


@cache
def _encoded_alone(word: str) -> Encoding:
    """``encode(word)``, kept: both sentences of a scene probe the same words."""
    return encode(word)


@dataclass(frozen=True)
class ContextPaths:
    """The focus word's path through the layers, and the probe words, in one plane.

    Attributes
    ----------
    paths : (S, L+1, 2) array
        Sentence ``s``'s focus word after layer ``l`` (0: the embedding layer).
    probes : (P, 2) array
        Each probe word, encoded alone, after the last layer.
    kept : float
        The share of the variance of all those points that the plane keeps.
    """

    paths: np.ndarray
    probes: np.ndarray
    kept: float


def context_paths(
    encodings: Sequence[Encoding], positions: Sequence[int], probes: Sequence[str]
) -> ContextPaths:
    """Fit a plane (PCA) on the focus word's unit-length vectors at every layer of every
    sentence together with the probe words' last-layer vectors, and place them all in it.

    Vectors are scaled to unit length first: their lengths grow from layer to layer, and
    it is their directions (the cosines of :func:`context_cosines`) that carry meaning.
    """
    rows = [h[i] for enc, i in zip(encodings, positions, strict=True) for h in enc.hidden_states]
    for word in probes:
        alone = _encoded_alone(word)
        rows.append(alone.hidden_states[-1][token_index(alone, word)])
    units = np.stack(rows) / np.linalg.norm(rows, axis=1, keepdims=True)
    xy, kept = pca_fit(units, dims=2)
    n = sum(len(enc.hidden_states) for enc in encodings)
    paths = xy[:n].reshape(len(encodings), -1, 2)
    return ContextPaths(paths=paths, probes=xy[n:], kept=kept)
