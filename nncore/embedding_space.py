"""Geometry of all-MiniLM-L6-v2's word-embedding space: similarity, neighbours, analogies, PCA.

The "words" are the rows of the token-embedding matrix (30522 x 384): the static vector
each vocabulary token starts from, before any attention has mixed in context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import islice

import numpy as np

from nncore.errors import InputError, quoted
from nncore.transformer import load_model

# Placeholders ([unused0] ...), specials ([CLS] ...) and word continuations (##ing) are
# not words one would show as a neighbour.
_NOT_A_WORD = re.compile(r"^\[.*\]$|^##")


def cosine(u: np.ndarray, v: np.ndarray) -> float:
    """Cosine of the angle between two vectors: 1 same direction, 0 orthogonal, -1 opposite."""
    u, v = np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64)
    nu, nv = np.linalg.norm(u), np.linalg.norm(v)
    if nu == 0 or nv == 0:
        raise ValueError("the cosine of a zero vector is undefined")
    # Rounding can land a hair outside [-1, 1]; a scene should never show 1.0000001.
    return float(np.clip(np.dot(u, v) / (nu * nv), -1.0, 1.0))


@cache
def _table() -> tuple[list[str], np.ndarray]:
    """The candidate words and their embedding rows scaled to unit length, (N, 384)."""
    model = load_model()
    vocab = model.tokenizer.vocab
    words = [w for w in vocab if not _NOT_A_WORD.match(w)]
    rows = model.wte.weight[[vocab[w] for w in words]]  # (N, 384)
    return words, rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _token(word: str) -> str:
    """The single vocabulary token ``word`` reads as ("Queen" -> "queen", "Café" -> "cafe")."""
    pieces = load_model().tokenizer.tokenize(word, special=False)
    if len(pieces) != 1 or pieces[0] == "[UNK]":
        raise InputError(
            f"{quoted(word)} is not one word of the vocabulary (the tokenizer reads it as "
            f"{' '.join(pieces) or 'nothing'}): pick a common single word."
        )
    return pieces[0]


def vector(word: str) -> np.ndarray:
    """The embedding row (384,) of ``word``, normalised like any input ("Queen" -> "queen").

    Raises
    ------
    InputError
        If the tokenizer cuts ``word`` into several pieces, or none, or reads it as [UNK].
    """
    model = load_model()
    return model.wte.weight[model.tokenizer.vocab[_token(word)]].copy()  # not a view


@dataclass(frozen=True)
class DotProduct:
    """Two words' embedding rows multiplied entry by entry, and what their sum says.

    The dot product is large when the two vectors point the same way and are long; divided
    by both lengths it is the cosine, which only asks about direction.
    """

    words: tuple[str, str]
    products: np.ndarray  # (384,): u_d * v_d for every dimension d
    norms: tuple[float, float]  # |u|, |v|

    @property
    def dot(self) -> float:
        """``sum_d u_d v_d``."""
        return float(self.products.sum())

    @property
    def cosine(self) -> float:
        return float(np.clip(self.dot / (self.norms[0] * self.norms[1]), -1.0, 1.0))


def dot_product(a: str, b: str) -> DotProduct:
    """The dot product of the embedding rows of words ``a`` and ``b``, in float64."""
    u, v = vector(a).astype(np.float64), vector(b).astype(np.float64)
    return DotProduct((a, b), u * v, (float(np.linalg.norm(u)), float(np.linalg.norm(v))))


def nearest(
    query: np.ndarray | str, k: int = 5, exclude: Iterable[str] = ()
) -> list[tuple[str, float]]:
    """The ``k`` vocabulary words whose embeddings are closest to ``query`` by cosine.

    Parameters
    ----------
    query
        A 384-d vector, or a word (then the word itself is left out of the answer).
    k
        How many neighbours.
    exclude
        Further words to leave out.

    Returns
    -------
    list of (word, cosine), most similar first.
    """
    skip = set(exclude)
    if isinstance(query, str):
        skip.add(_token(query))
        query = vector(query)
    words, unit = _table()
    sims = unit @ (query / np.linalg.norm(query))  # (N,)
    # Stable sort so equal cosines keep vocabulary order: the same answer every run.
    order = np.argsort(-sims, kind="stable")
    hits = (i for i in order if words[i] not in skip)
    return [(words[i], float(sims[i])) for i in islice(hits, k)]


def analogy(a: str, b: str, c: str, k: int = 5) -> list[tuple[str, float]]:
    """ "``a`` is to ``b`` as ``c`` is to ?": the words nearest ``b - a + c``.

    ``analogy("man", "king", "woman")`` asks for king - man + woman. The three inputs
    are excluded from the answer, as is usual (otherwise ``b`` often wins).
    """
    target = vector(b) - vector(a) + vector(c)
    return nearest(target, k, exclude=[_token(w) for w in (a, b, c)])


def pca(points: np.ndarray, dims: int = 2) -> np.ndarray:
    """Project ``points`` (n, d) onto their ``dims`` directions of largest variance.

    Computed with an SVD of the centred points. An SVD may flip any direction's sign, so
    each direction is oriented to make its largest-magnitude component positive: the same
    points always give the same picture.

    Returns
    -------
    (n, dims) coordinates.
    """
    return pca_fit(points, dims)[0]


def pca_fit(points: np.ndarray, dims: int = 2) -> tuple[np.ndarray, float]:
    """:func:`pca`'s coordinates, and the share of the points' variance they keep."""
    points = np.asarray(points, dtype=np.float64)
    if not 1 <= dims <= min(points.shape):
        raise ValueError(f"cannot take {dims} principal directions of {points.shape} points")
    centred = points - points.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:dims]  # (dims, d)
    signs = np.sign(axes[np.arange(dims), np.abs(axes).argmax(axis=1)])
    kept = float((s[:dims] ** 2).sum() / (s**2).sum())
    return centred @ (axes * signs[:, None]).T, kept
