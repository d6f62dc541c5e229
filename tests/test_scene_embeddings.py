"""Concept 9: every number the word-embedding scene shows, recomputed from the weights."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from manim import Scene
from manim.utils.testing.frames_comparison import frames_comparison
from scenetools import by_label, render_numbers

from nncore.transformer import encode, load_model
from scenes.embeddings import (
    ANALOGY,
    DOT_WORDS,
    MAX_TOKENS,
    NEIGHBOURS,
    SEED_WORDS,
    WordEmbeddings,
    token_columns,
)
from scenes.inputs import DEFAULT_SENTENCE, SENTENCE_ENV
from scenes.mobjects.word_map import WordMap

__module_test__ = "embeddings"

ROOT = Path(__file__).resolve().parents[1]
# A sentence of the user's, with a word the tokenizer cuts into pieces.
SENTENCE = "Transformers read sentences"


def unit_rows() -> tuple[list[str], np.ndarray]:
    """Every vocabulary word (no [specials], no ##pieces) and its embedding, unit length."""
    model = load_model()
    vocab = model.tokenizer.vocab
    words = [w for w in vocab if not re.match(r"^\[.*\]$|^##", w)]
    rows = model.wte.weight[[vocab[w] for w in words]].astype(np.float64)
    return words, rows / np.linalg.norm(rows, axis=1, keepdims=True)


def row(word: str) -> np.ndarray:
    model = load_model()
    return model.wte.weight[model.tokenizer.vocab[word]].astype(np.float64)


def pairwise(points: np.ndarray) -> np.ndarray:
    """Distances between all pairs: what a 2D picture must keep, whatever its axes' signs."""
    points = np.asarray(points, dtype=np.float64)
    return np.linalg.norm(points[:, None] - points[None], axis=-1)


def projected(words: list[str]) -> np.ndarray:
    """The words' embeddings on their two main directions, by an SVD written out here."""
    x = np.stack([row(w) for w in words])
    x -= x.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    return x @ vt[:2].T


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> dict:
    """The scene's sidecar for a user's sentence (rendered once: last frame only, tiny)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SENTENCE_ENV, SENTENCE)
        return render_numbers(WordEmbeddings, tmp_path_factory.mktemp("embeddings"))


def test_every_number_on_screen_comes_from_the_weights(shown):
    assert shown["inputs"] == {"sentence": SENTENCE}
    numbers = by_label(shown)
    enc = encode(SENTENCE)
    assert enc.tokens == ["[CLS]", "transformers", "read", "sentences", "[SEP]"]
    assert numbers.pop("tokens") == len(enc.tokens)
    assert numbers.pop("embedding size") == 384

    # The columns: each token's own row of the embedding matrix, first 4 and last 3 entries.
    for k, token in enumerate(enc.tokens):
        for d in (0, 1, 2, 3, 381, 382, 383):
            value = numbers.pop(f"embedding {k} ({token}) dim {d}")
            assert value == pytest.approx(row(token)[d], abs=1e-7)

    # The dot products: the first word's row against the others', entry by entry, summed.
    first, *others = DOT_WORDS
    for other in others:
        u, v = row(first), row(other)
        np.testing.assert_allclose(numbers.pop(f"products {first}·{other}"), u * v, atol=1e-9)
        assert numbers.pop(f"dot {first}·{other}") == pytest.approx(u @ v, abs=1e-6)
        cosine = u @ v / np.sqrt((u @ u) * (v @ v))
        assert numbers.pop(f"cosine {first}·{other}") == pytest.approx(cosine, abs=1e-6)
    # Said: the related pair lines up, the unrelated one hardly.
    assert row(first) @ row(others[0]) > 5 * row(first) @ row(others[1]) > 0

    # Neighbourhoods: each seed's nearest words by cosine, checked against the whole vocabulary.
    words, unit = unit_rows()
    shown_words = []
    for seed in SEED_WORDS:
        sims = unit @ (row(seed) / np.linalg.norm(row(seed)))
        sims[words.index(seed)] = -np.inf
        best = np.argsort(-sims)[:NEIGHBOURS]
        for i in best:
            value = numbers.pop(f"cosine {seed}~{words[i]}")
            assert value == pytest.approx(sims[i], abs=1e-6)
        shown_words += [seed] + [words[i] for i in best]
    assert numbers.pop("words on the map") == len(shown_words) == 16
    np.testing.assert_allclose(
        pairwise(numbers.pop("neighbourhood pca")),
        pairwise(projected(shown_words)),
        atol=1e-5,
    )

    # king - man + woman: the nearest word, its cosine, the runner-up.
    a, b, c = ANALOGY
    target = row(b) - row(a) + row(c)
    sims = unit @ (target / np.linalg.norm(target))
    for w in ANALOGY:
        sims[words.index(w)] = -np.inf
    first, second = np.argsort(-sims)[:2]
    assert numbers.pop("analogy answer") == words[first] == "queen"
    assert numbers.pop("analogy cosine") == pytest.approx(sims[first], abs=1e-6)
    assert numbers.pop("analogy runner-up cosine") == pytest.approx(sims[second], abs=1e-6)
    assert sims[first] == pytest.approx(0.511, abs=0.001)
    np.testing.assert_allclose(
        pairwise(numbers.pop("analogy pca")),
        pairwise(projected([a, c, b, "queen"])),
        atol=1e-5,
    )
    assert not numbers, f"numbers this test does not check: {sorted(numbers)}"


def test_the_word_map_keeps_the_projections_geometry():
    coords = projected(["king", "queen", "man", "woman", "dog"])
    words = WordMap(coords, ["king", "queen", "man", "woman", "dog"], width=6, height=4)
    drawn = np.array([d.get_center()[:2] for d in words.dots])
    ratio = pairwise(drawn)[np.triu_indices(5, 1)] / pairwise(coords)[np.triu_indices(5, 1)]
    np.testing.assert_allclose(ratio, ratio[0], rtol=1e-6)  # one scale for both axes
    assert np.ptp(drawn[:, 0]) <= 6 + 1e-9 and np.ptp(drawn[:, 1]) <= 4 + 1e-9


def test_a_sentence_too_long_for_the_screen_stops_manim_with_one_line():
    """Through plain ``python -m manim``, as a user runs it."""
    long = "one two three four five six seven eight nine ten eleven"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "manim",
            "-ql",
            "--dry_run",
            "scenes/embeddings.py",
            "WordEmbeddings",
        ],
        cwd=ROOT,
        env=os.environ | {SENTENCE_ENV: long},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"nnexplain WordEmbeddings: error: --sentence {long!r} is 13 tokens with [CLS] and "
        f"[SEP]; the row of embedding columns shows at most {MAX_TOKENS}: shorten it."
    ]


@frames_comparison
def test_token_columns_frame(scene: Scene):
    """The key frame: the default sentence's tokens over their real embedding columns."""
    scene.add(*token_columns(encode(DEFAULT_SENTENCE)))
