"""BERT's WordPiece tokenizer, written from its vocabulary file.

Two passes, exactly as in BERT (and Hugging Face's ``BertTokenizer``):

1. *basic* tokenization: drop control characters, give every CJK character its own
   word, lower-case, strip accents, then split on whitespace and on punctuation;
2. *WordPiece*: cut each word greedily into the longest pieces found in the
   vocabulary, continuation pieces marked ``##`` ("playing" -> play ##ing). A word
   that cannot be cut, or is longer than 100 characters, becomes ``[UNK]``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

CLS, SEP, UNK = "[CLS]", "[SEP]", "[UNK]"
MAX_WORD_CHARS = 100

# The CJK Unified Ideograph blocks BERT splits character by character (Japanese kana
# and Korean hangul are written with spaces, so BERT leaves them alone).
_CJK_RANGES = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B820, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch: str) -> bool:
    # Tab and newlines are Cc too, but they separate words, so they count as whitespace.
    return ch not in "\t\n\r" and unicodedata.category(ch).startswith("C")


def _is_punctuation(ch: str) -> bool:
    # BERT treats every non-alphanumeric ASCII symbol ("$", "^", "`" ...) as punctuation,
    # even those Unicode files under symbols.
    cp = ord(ch)
    ascii_symbol = 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126
    return ascii_symbol or unicodedata.category(ch).startswith("P")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _strip_accents(word: str) -> str:
    # NFD splits "é" into "e" + a combining accent (category Mn), which we drop.
    return "".join(
        ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn"
    )


def _lower(word: str) -> str:
    # Character by character, like the Rust tokenizer all-MiniLM-L6-v2 ships with:
    # str.lower would write a word-final sigma as "ς", the Rust one keeps "σ".
    return "".join(ch.lower() for ch in word)


def basic_tokenize(text: str) -> list[str]:
    """Split ``text`` into lower-cased, accent-free words and punctuation marks.

    >>> basic_tokenize("Café déjà vu!")
    ['cafe', 'deja', 'vu', '!']
    """
    spaced = []
    for ch in text:
        if ch in ("\0", "\ufffd") or _is_control(ch):
            continue
        if _is_whitespace(ch):
            spaced.append(" ")
        elif _is_cjk(ch) or _is_punctuation(ch):
            spaced.append(f" {ch} ")
        else:
            spaced.append(ch)
    words = (_strip_accents(_lower(w)) for w in "".join(spaced).split())
    return [w for w in words if w]  # a word of accents alone strips to nothing


class WordPieceTokenizer:
    """BERT's uncased tokenizer over a ``vocab.txt`` (one token per line, id = line number).

    Parameters
    ----------
    vocab_file
        Path to the vocabulary, e.g. all-MiniLM-L6-v2's ``vocab.txt``.
    """

    def __init__(self, vocab_file: Path) -> None:
        lines = Path(vocab_file).read_text(encoding="utf-8").splitlines()
        self.vocab: dict[str, int] = {token: i for i, token in enumerate(lines)}

    def wordpiece(self, word: str) -> list[str]:
        """Cut one basic-tokenized word into vocabulary pieces, longest match first."""
        if len(word) > MAX_WORD_CHARS:
            return [UNK]
        pieces, start = [], 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    break
            else:
                return [UNK]  # some stretch matches nothing: the whole word is unknown
            pieces.append(piece)
            start = end
        return pieces

    def tokenize(self, text: str, special: bool = True) -> list[str]:
        """WordPiece tokens of ``text``, wrapped in ``[CLS] ... [SEP]`` when ``special``."""
        tokens = [piece for word in basic_tokenize(text) for piece in self.wordpiece(word)]
        return [CLS, *tokens, SEP] if special else tokens

    def ids(self, tokens: list[str]) -> list[int]:
        """Vocabulary ids of ``tokens`` (every token the tokenizer emits is in the vocabulary)."""
        return [self.vocab[t] for t in tokens]
