"""nncore.attention_probe: the head-choice rule, on made-up patterns and on the real model."""

from __future__ import annotations

import numpy as np
import pytest

from nncore.attention_probe import (
    choose_head,
    content_positions,
    context_cosines,
    previous_token_heads,
    probe_cosines,
)
from nncore.errors import InputError
from nncore.transformer import Encoding, encode, token_index


def made_up(tokens: list[str], attentions: np.ndarray) -> Encoding:
    """An Encoding with hand-written attention patterns (L, H, T, T); no model involved."""
    T = len(tokens)
    L = attentions.shape[0]
    return Encoding(
        tokens=tokens,
        ids=np.zeros(T, dtype=int),
        token_embeddings=np.zeros((T, 4)),
        hidden_states=np.zeros((L + 1, T, 4)),
        attentions=attentions,
    )


def one_hot_rows(T: int, targets: list[int]) -> np.ndarray:
    """(T, T) rows that put all attention on ``targets[i]``."""
    pattern = np.zeros((T, T))
    pattern[np.arange(T), targets] = 1.0
    return pattern


def uniform(T: int) -> np.ndarray:
    return np.full((T, T), 1.0 / T)


TOKENS = ["[CLS]", "a", "fashion", "model", "[SEP]"]  # focus "model" at 3; content: fashion


def test_content_words_leave_out_specials_function_words_punctuation_and_the_focus():
    enc = made_up(
        ["[CLS]", "the", "model", "##s", "predict", "##s", ",", "of", "course", "[SEP]"],
        np.zeros((1, 1, 10, 10)),
    )
    assert content_positions(enc, 2) == [4, 5, 8]  # predict ##s, course; not "model ##s"


def test_the_head_giving_the_content_words_most_attention_wins():
    T = 5
    att = np.stack([np.stack([uniform(T), uniform(T)]), np.stack([uniform(T), uniform(T)])])
    att[1, 0, 3] = [0.1, 0.0, 0.8, 0.0, 0.1]  # layer 1 head 0: "model" looks at "fashion"
    att[0, 1, 3] = [0.3, 0.0, 0.5, 0.2, 0.0]
    choice = choose_head([made_up(TOKENS, att)], [3])
    assert (choice.layer, choice.head) == (1, 0)
    assert choice.score == pytest.approx(0.8)
    assert choice.scores[0, 1] == pytest.approx(0.5)
    assert choice.skipped == ()


def test_heads_that_only_look_one_token_back_are_skipped():
    T = 5
    previous = one_hot_rows(T, [0, 0, 1, 2, 3])  # every token looks at the one before it
    att = np.stack([np.stack([previous, uniform(T)])])
    att[0, 1, 3] = [0.2, 0.1, 0.4, 0.2, 0.1]
    enc = made_up(TOKENS, att)
    assert previous_token_heads([enc]).tolist() == [[True, False]]
    choice = choose_head([enc], [3])
    # The previous-token head gives "fashion" 1.0, but its pattern is position, not meaning.
    assert (choice.layer, choice.head) == (0, 1)
    assert choice.skipped == ((0, 0),)
    assert np.isnan(choice.scores[0, 0])


def test_scores_add_up_over_sentences_and_ties_go_to_the_first_head():
    T = 5
    att = np.stack([np.stack([uniform(T), uniform(T)])])
    choice = choose_head([made_up(TOKENS, att), made_up(TOKENS, att)], [3, 3])
    assert (choice.layer, choice.head) == (0, 0)
    assert choice.score == pytest.approx(2 * 1.0 / T)


def test_no_context_is_an_input_error():
    enc = made_up(["[CLS]", "the", "model", "[SEP]"], np.full((1, 1, 4, 4), 0.25))
    with pytest.raises(InputError, match=r"'model' has no content word beside it"):
        choose_head([enc], [2])


def test_the_default_sentences_pick_layer_2_head_10():
    a, b = encode("a machine learning model"), encode("a fashion model")
    i, j = token_index(a, "model"), token_index(b, "model")
    choice = choose_head([a, b], [i, j])
    # Brute force, written out: attention from "model" to machine, learning and fashion.
    scores = a.attentions[:, :, i, [2, 3]].sum(-1) + b.attentions[:, :, j, 2]
    layer_1_head_3 = (0, 2)  # a pure previous-token head: it would win with 2.0
    assert np.unravel_index(scores.argmax(), scores.shape) == layer_1_head_3
    assert choice.skipped == (layer_1_head_3,)
    scores[layer_1_head_3] = -np.inf
    assert (choice.layer, choice.head) == np.unravel_index(scores.argmax(), scores.shape) == (1, 9)
    assert choice.score == pytest.approx(scores.max(), abs=1e-6)


def test_context_and_probe_cosines_are_plain_cosines_layer_by_layer():
    a, b = encode("a machine learning model"), encode("a fashion model")

    def cos(u, v):
        return np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v)

    got = context_cosines(a, 4, b, 3)
    assert got.shape == (7,)
    np.testing.assert_allclose(
        got, [cos(a.hidden_states[l, 4], b.hidden_states[l, 3]) for l in range(7)], atol=1e-6
    )
    probes = probe_cosines(a, 4, ["runway", "algorithm"])
    runway = encode("runway").hidden_states[:, 1]
    assert probes.shape == (2, 7)
    np.testing.assert_allclose(
        probes[0], [cos(a.hidden_states[l, 4], runway[l]) for l in range(7)], atol=1e-6
    )


def test_the_context_paths_start_together_and_part():
    from nncore.attention_probe import context_paths

    a, b = encode("a machine learning model"), encode("a fashion model")
    i, j = token_index(a, "model"), token_index(b, "model")
    probes = ("algorithm", "runway", "clothes")
    cp = context_paths([a, b], [i, j], probes)
    layers = len(a.hidden_states)
    assert cp.paths.shape == (2, layers, 2) and cp.probes.shape == (3, 2)
    apart = np.linalg.norm(cp.paths[0] - cp.paths[1], axis=1)
    assert apart[0] < apart[-1]  # the same word at the start, two meanings at the end
    # The plane keeps what it says it keeps: the variance of the projected unit vectors.
    rows = [h[i] for h in a.hidden_states] + [h[j] for h in b.hidden_states]
    rows += [encode(w).hidden_states[-1][token_index(encode(w), w)] for w in probes]
    units = np.stack(rows) / np.linalg.norm(rows, axis=1, keepdims=True)
    total = ((units - units.mean(axis=0)) ** 2).sum()
    xy = np.concatenate([cp.paths.reshape(-1, 2), cp.probes])
    assert (xy**2).sum() / total == pytest.approx(cp.kept, rel=1e-6)  # float32 states
    assert 0 < cp.kept <= 1
