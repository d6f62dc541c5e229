"""One head's query, keys, scores and values, against torch's attention from the same weights."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from nncore.attention_head import head_at_work
from nncore.transformer import encode, load_model, model_dir, token_index

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


def minilm_by_torch(tokens: list[str], layers: int) -> tuple[torch.Tensor, dict]:
    """The tokens' vectors after ``layers`` of MiniLM's blocks, computed by torch straight
    from the weights file (vocabulary from vocab.txt): no nncore code in the path."""
    vocab = (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    ids = torch.tensor([vocab.index(t) for t in tokens])
    w = load_file(str(model_dir() / "model.safetensors"))
    c = json.loads((model_dir() / "config.json").read_text())
    F = torch.nn.functional

    def linear(x, name):
        return F.linear(x, w[name + ".weight"], w[name + ".bias"])

    def norm(x, name):
        return F.layer_norm(x, x.shape[-1:], w[name + ".weight"], w[name + ".bias"], 1e-12)

    e = "embeddings."
    x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][: len(ids)]
    x = norm(x + w[e + "token_type_embeddings.weight"][0], e + "LayerNorm")
    nh = c["num_attention_heads"]
    for layer in range(layers):
        p = f"encoder.layer.{layer}."

        def heads(y):  # (T, C) -> (nh, T, hs)
            return y.reshape(len(ids), nh, -1).transpose(0, 1)

        q, k, v = (heads(linear(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(q.shape[-1]), dim=-1)
        y = (att @ v).transpose(0, 1).reshape(len(ids), -1)
        x = norm(x + linear(y, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        h = F.gelu(linear(x, p + "intermediate.dense"))
        x = norm(x + linear(h, p + "output.dense"), p + "output.LayerNorm")
    return x, {**w, "n_head": nh}


@pytest.mark.parametrize("layer, head", [(2, 10), (5, 3)])
def test_the_attention_row_record_is_minilms_attention_by_torch(layer, head):
    enc = encode(SENTENCE)
    row = head_at_work(enc, layer, head, token_index(enc, "model")).row(SENTENCE)
    assert set(row) == {"sentence", "layer", "head", "query", "tokens", "scores", "weights"}
    assert (row["sentence"], row["layer"], row["head"], row["query"]) == (
        SENTENCE,
        layer,
        head,
        "model",
    )
    assert row["tokens"] == ["[CLS]", "a", "machine", "learning", "model", "[SEP]"]
    json.dumps(row)  # plain JSON, for the sidecar
    # Recomputed from the record alone: its tokens, layer and head, and the weights file.
    x, w = minilm_by_torch(row["tokens"], layer - 1)
    p = f"encoder.layer.{layer - 1}.attention.self."
    hs = x.shape[1] // w["n_head"]
    part = slice((head - 1) * hs, head * hs)
    q = (x @ w[p + "query.weight"].T + w[p + "query.bias"])[:, part]
    k = (x @ w[p + "key.weight"].T + w[p + "key.bias"])[:, part]
    i = row["tokens"].index(row["query"])
    scores = k @ q[i] / math.sqrt(hs)
    np.testing.assert_allclose(row["scores"], scores.numpy(), rtol=1e-4, atol=1e-4)
    np.testing.assert_allclose(row["weights"], torch.softmax(scores, 0).numpy(), atol=1e-5)
    assert sum(row["weights"]) == pytest.approx(1.0, abs=1e-6)
