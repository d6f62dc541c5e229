"""nncore's MiniLM against Hugging Face's numbers, and the embedding-space helpers.

The fixtures come from ``scripts/make_minilm_fixture.py`` (transformers and
sentence-transformers, run once in a separate venv on the same weights).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nncore.embedding_space import analogy, cosine, nearest, pca, vector
from nncore.errors import InputError
from nncore.transformer import encode, load_model, sentence_embedding, token_index

FIXTURES = Path(__file__).parent / "fixtures"
# float32 through six layers: BLAS sums in a CPU-dependent order, so the last bits differ
# from torch's. Measured here: 3.5e-6 (hidden states, values up to ~10.5), 1.3e-6
# (attentions), 1.2e-7 (sentence embeddings). The tolerances leave 15-30x of room for
# other CPUs and still fail a tanh GELU or a wrong LayerNorm eps (~2e-3 in hidden states).
HIDDEN_ATOL = 1e-4
ATTENTION_ATOL = 2e-5
EMBEDDING_ATOL = 2e-6


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def reference() -> dict[str, np.ndarray]:
    with np.load(FIXTURES / "minilm_reference.npz") as npz:
        return dict(npz)


@pytest.mark.parametrize(
    "case",
    json.loads((FIXTURES / "minilm_tokens.json").read_text()),
    ids=lambda case: case["sentence"][:30],
)
def test_tokenizer_matches_hugging_face(model, case):
    assert model.tokenizer.tokenize(case["sentence"]) == case["tokens"]


@pytest.mark.parametrize("i", range(3))
def test_hidden_states_and_attentions_match_hugging_face(reference, i):
    enc = encode(str(reference["sentences"][i]))
    np.testing.assert_array_equal(enc.ids, reference[f"ids_{i}"])
    T = len(enc.tokens)
    assert enc.token_embeddings.shape == (T, 384)
    assert enc.hidden_states.shape == (7, T, 384)
    assert enc.attentions.shape == (6, 12, T, T)
    assert enc.ids.dtype == np.int64  # what torch.tensor gave
    assert {a.dtype for a in (enc.token_embeddings, enc.hidden_states, enc.attentions)} == {
        np.dtype(np.float32)
    }
    np.testing.assert_allclose(
        enc.hidden_states, reference[f"hidden_states_{i}"], rtol=0, atol=HIDDEN_ATOL
    )
    np.testing.assert_allclose(
        enc.attentions, reference[f"attentions_{i}"], rtol=0, atol=ATTENTION_ATOL
    )


@pytest.mark.parametrize("i", range(3))
def test_sentence_embedding_matches_sentence_transformers(reference, i):
    got = sentence_embedding(str(reference["sentences"][i]))
    np.testing.assert_allclose(
        got, reference[f"sentence_embedding_{i}"], rtol=0, atol=EMBEDDING_ATOL
    )


def test_importing_the_model_does_not_import_torch():
    # A fresh interpreter: in this one, other tests may have imported torch already.
    code = "import nncore.transformer, sys; print('torch' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_attention_rows_are_probability_distributions():
    att = encode("The king spoke to the queen.").attentions
    assert att.min() >= 0
    np.testing.assert_allclose(att.sum(axis=-1), 1.0, rtol=0, atol=1e-5)


def test_token_embeddings_are_the_static_rows():
    enc = encode("The king spoke to the queen.")
    np.testing.assert_array_equal(enc.token_embeddings[2], vector("king"))
    np.testing.assert_array_equal(enc.token_embeddings[1], enc.token_embeddings[5])  # "the"


def test_king_minus_man_plus_woman_is_queen():
    (top, top_cos), (_, second_cos), *_ = analogy("man", "king", "woman", k=5)
    assert top == "queen"
    assert 0.45 < top_cos < 0.6  # measured 0.511
    assert top_cos > second_cos + 0.03  # "kings" is next, at 0.463


def test_nearest_skips_specials_pieces_and_the_word_itself():
    hits = nearest("king", k=20)
    words = [w for w, _ in hits]
    assert words[:2] == ["kings", "queen"]
    assert "king" not in words
    assert not any(w.startswith(("##", "[")) for w in words)
    cosines = [c for _, c in hits]
    assert cosines == sorted(cosines, reverse=True)
    assert nearest(vector("king"), k=1, exclude=["king"])[0][0] == "kings"


def test_context_pulls_the_two_models_apart():
    machine = encode("a machine learning model")
    fashion = encode("a fashion model")
    i, j = token_index(machine, "model"), token_index(fashion, "model")
    assert (i, j) == (4, 3)
    static = cosine(machine.token_embeddings[i], fashion.token_embeddings[j])
    per_layer = [
        cosine(machine.hidden_states[layer, i], fashion.hidden_states[layer, j])
        for layer in range(7)
    ]
    assert static == pytest.approx(1.0)  # the same vocabulary row
    assert per_layer[0] > 0.98  # only the position differs (measured 0.989)
    assert per_layer[-1] < 0.7  # measured 0.662
    assert per_layer[-1] < per_layer[0] - 0.25


def test_token_index_matches_whole_words_only():
    enc = encode("Playing is play.")  # [CLS] playing is play . [SEP]
    assert token_index(enc, "PLAY") == 3
    assert token_index(enc, "playing") == 1
    with pytest.raises(InputError, match=r"'model' is not in the sentence; .*: playing, is, play"):
        token_index(enc, "model")


def test_pca_is_deterministic_and_ordered_by_variance():
    rng = np.random.default_rng(0)
    t = np.linspace(-3, 3, 20)
    direction = np.array([-0.6, 0.8, 0.0])  # largest component positive
    points = 5 + t[:, None] * direction + 0.01 * rng.normal(size=(20, 3))
    xy = pca(points, dims=2)
    assert xy.shape == (20, 2)
    np.testing.assert_allclose(xy[:, 0], t - t.mean(), atol=0.05)
    assert xy[:, 1].std() < 0.05
    np.testing.assert_allclose(pca(-points, dims=2)[:, 0], -xy[:, 0], atol=1e-12)  # same axis


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("", r"The sentence is empty"),
        ("  \t\n ", r"The sentence is empty"),
        ("\u0301", r"no readable characters"),
        ("😀 🤖", r"knows none of .*\[UNK\]"),
        ("word " * 511, r"513 tokens long .* at most 512 tokens"),
    ],
)
def test_bad_sentences_raise_input_error(sentence, message):
    with pytest.raises(InputError, match=message):
        encode(sentence)


def test_512_tokens_is_the_limit_not_an_error():
    assert encode("word " * 510).hidden_states.shape == (7, 512, 384)


def test_bad_words_raise_input_error():
    with pytest.raises(InputError, match=r"reads it as un ##bel ##ie ##va ##bly"):
        nearest("unbelievably")
    with pytest.raises(InputError, match=r"'😀' is not one word .* \[UNK\]"):
        analogy("man", "king", "😀")
