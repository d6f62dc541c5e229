"""One head's query, keys, scores and values, against torch's attention from the same weights."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from nncore.attention_head import head_at_work
from nncore.transformer import encode, load_model, token_index

SENTENCE = "a machine learning model"


@pytest.mark.parametrize("layer, head", [(1, 1), (4, 7), (6, 12)])
def test_the_row_is_the_encoders_and_torchs(layer, head):
    enc = encode(SENTENCE)
    i = token_index(enc, "model")
    work = head_at_work(enc, layer, head, i)
    np.testing.assert_allclose(work.weights, enc.attentions[layer - 1, head - 1, i], atol=1e-6)
    assert work.weights.sum() == pytest.approx(1.0, abs=1e-6)
    # torch, from the same weights: scaled dot-product attention of the whole layer.
    attn = load_model().blocks[layer - 1].attn
    x = torch.tensor(enc.hidden_states[layer - 1])

    def project(linear) -> torch.Tensor:
        y = x @ torch.tensor(linear.weight).T + torch.tensor(linear.bias)
        return y.reshape(len(enc.tokens), attn.n_head, -1).transpose(0, 1)  # (nh, T, hs)

    q, k, v = project(attn.query), project(attn.key), project(attn.value)
    scores = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
    weights = torch.softmax(scores, dim=-1)
    out = weights @ v
    np.testing.assert_allclose(work.scores, scores[head - 1, i].numpy(), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(work.weights, weights[head - 1, i].numpy(), atol=1e-6)
    np.testing.assert_allclose(work.output, out[head - 1, i].numpy(), rtol=1e-4, atol=1e-5)
    assert work.query.shape == (32,) and work.keys.shape == (len(enc.tokens), 32)
