"""The dot product of two words' embeddings, against torch on the weights file read apart."""

from __future__ import annotations

import pytest
import torch
from safetensors.torch import load_file

from nncore.embedding_space import dot_product
from nncore.transformer import model_dir


@pytest.fixture(scope="module")
def table() -> tuple[dict[str, int], torch.Tensor]:
    """The vocabulary (one token a line of vocab.txt) and the embedding matrix, by torch."""
    vocab = (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    weights = load_file(str(model_dir() / "model.safetensors"))
    return {w: i for i, w in enumerate(vocab)}, weights["embeddings.word_embeddings.weight"]


@pytest.mark.parametrize("a, b", [("coffee", "tea"), ("coffee", "bridge"), ("King", "queen")])
def test_dot_product_and_cosine_are_torchs(table, a, b):
    ids, rows = table
    u, v = rows[ids[a.lower()]].double(), rows[ids[b.lower()]].double()
    dp = dot_product(a, b)
    assert dp.words == (a, b)
    assert dp.products.shape == (384,)
    torch.testing.assert_close(torch.from_numpy(dp.products), u * v, rtol=0, atol=1e-12)
    assert dp.dot == pytest.approx(torch.dot(u, v).item(), abs=1e-9)
    assert dp.cosine == pytest.approx(torch.cosine_similarity(u, v, dim=0).item(), abs=1e-9)
    assert dp.norms == pytest.approx((u.norm().item(), v.norm().item()), abs=1e-9)


def test_related_words_line_up_better_than_unrelated_ones():
    assert dot_product("coffee", "tea").dot > 5 * dot_product("coffee", "bridge").dot > 0
