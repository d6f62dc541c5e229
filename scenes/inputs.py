"""What the scenes are about: one documented place for their inputs.

Every scene reads its inputs from environment variables, so that plain
``manim`` and ``nnexplain render`` (which sets them from its options) agree::

    NNEXPLAIN_DIGIT=my_seven.png manim -pql scenes/network.py HiddenLayers

========================  ======================================================
``NNEXPLAIN_DIGIT``       ``mnist:INDEX`` or a PNG/JPEG path; default: the
                          digit each scene's story uses (a "9", a "3", a "2")
``NNEXPLAIN_SEED``        seed of the untrained network (default 9)
``NNEXPLAIN_WEIGHTS``     trained weights, our ``.npz`` or a PyTorch
                          ``.safetensors`` state dict, any 784-...-10 MLP
                          (default: the shipped 784-16-16-10 network)
``NNEXPLAIN_ACTIVATION``  ``sigmoid``, ``relu`` or ``tanh``: the activation of
                          those weights, for a file that does not say; one
                          that does must agree (default: the file's own)
``NNEXPLAIN_LABEL``       the digit the desired output asks for (cost scenes);
                          default: the MNIST digit's own label; required for
                          an image of your own, which has none
``NNEXPLAIN_SENTENCE``    the sentence of the transformer scenes (default
                          "a machine learning model")
``NNEXPLAIN_CONTRAST``    the sentence it is compared with (default
                          "a fashion model")
``NNEXPLAIN_FOCUS``       the word both sentences share, whose meaning the
                          context changes (default "model")
========================  ======================================================

A sentence variable that is set but blank is an empty sentence, an error. A
sentence must fit both the model (512 tokens) and the scene's picture (say, the
attention grid's 12 rows); the error says which limit it broke. It names the
sentence by the option of ``nnexplain`` that sets it (``--sentence``,
``--contrast``, ``--focus``), since the command line is the documented interface.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nncore import data
from nncore.activations import activation_named
from nncore.errors import InputError, quoted
from nncore.mlp import UNTRAINED_SEED, Network
from nncore.report import check_label
from nncore.train import DEFAULT_INIT, TRAINED_PATH

if TYPE_CHECKING:
    from nncore.transformer import Encoding


@dataclass
class Digit:
    """A digit to show: its 784 activations, its label if known, and where it came from."""

    spec: str
    x: np.ndarray
    label: int | None

    @property
    def source(self) -> str:
        return f"MNIST digit {self.spec}" if self.spec.startswith("mnist:") else self.spec


def digit(default: str) -> Digit:
    """The digit from ``NNEXPLAIN_DIGIT``, else the scene's own ``default``."""
    spec = os.environ.get("NNEXPLAIN_DIGIT") or default
    x, label = data.load_digit(spec)
    return Digit(spec, x, label)


def untrained_seed() -> int:
    value = os.environ.get("NNEXPLAIN_SEED") or str(UNTRAINED_SEED)
    try:
        return int(value)
    except ValueError:
        raise InputError(f"NNEXPLAIN_SEED={quoted(value)} is not a whole number") from None


def untrained() -> Network:
    """The network before training: the trained one's sizes and activation, seeded weights.

    Drawn as training draws its start (``nncore.train.DEFAULT_INIT``): N(0, 1) for
    sigmoid, the shipped network's recipe; "scaled" for relu and tanh. Its
    ``metadata["init"]`` says which, for the note on screen.
    """
    shape = trained()
    init = DEFAULT_INIT[shape.activation]
    return Network.random(untrained_seed(), shape.sizes, shape.activation, init)


def weights_path() -> Path:
    return Path(os.environ.get("NNEXPLAIN_WEIGHTS") or TRAINED_PATH)


ACTIVATION_ENV = "NNEXPLAIN_ACTIVATION"


def activation() -> str | None:
    """``NNEXPLAIN_ACTIVATION``, checked; None when unset (the file says)."""
    value = os.environ.get(ACTIVATION_ENV) or None
    if value is not None:
        try:
            activation_named(value)
        except InputError as e:
            raise InputError(f"{ACTIVATION_ENV}={quoted(value)}: {e}") from None
    return value


def trained() -> Network:
    """The trained network the digit scenes draw, any 784-...-10 MLP (checked on load)."""
    return Network.load(weights_path(), activation=activation())


SENTENCE_ENV = "NNEXPLAIN_SENTENCE"
CONTRAST_ENV = "NNEXPLAIN_CONTRAST"
FOCUS_ENV = "NNEXPLAIN_FOCUS"
# The option that sets each variable: what an error line calls the sentence.
OPTIONS = {SENTENCE_ENV: "--sentence", CONTRAST_ENV: "--contrast", FOCUS_ENV: "--focus"}
DEFAULT_SENTENCE = "a machine learning model"
DEFAULT_CONTRAST = "a fashion model"
DEFAULT_FOCUS = "model"


@dataclass(frozen=True)
class Sentence:
    """A sentence to show, run through the encoder, and the variable it came from."""

    variable: str
    text: str
    encoding: Encoding


def _sentence(variable: str, default: str, max_tokens: int, shown_in: str) -> Sentence:
    # Imported here, not at the top: the digit scenes never need MiniLM's tokenizer and weights.
    from nncore import transformer

    # Unset means the story's sentence; set but blank is a mistake worth saying so.
    value = os.environ.get(variable, default)
    option = OPTIONS[variable]
    try:
        encoding = transformer.encode(value)
    except InputError as e:
        raise InputError(f"{option} {quoted(value)}: {e}") from None
    n = len(encoding.tokens)
    if n > max_tokens:
        raise InputError(
            f"{option} {quoted(value)} is {n} tokens with [CLS] and [SEP]; {shown_in} shows at "
            f"most {max_tokens}: shorten it."
        )
    return Sentence(variable, value, encoding)


def sentence(max_tokens: int, shown_in: str) -> Sentence:
    """The sentence from ``NNEXPLAIN_SENTENCE``, encoded.

    Parameters
    ----------
    max_tokens
        The most tokens (with [CLS] and [SEP]) the scene's picture has room for.
    shown_in
        What that picture is, for the error message ("the attention grid").

    Raises
    ------
    InputError
        If the sentence is empty, unreadable, longer than the model's 512 tokens or
        longer than ``max_tokens``.
    """
    return _sentence(SENTENCE_ENV, DEFAULT_SENTENCE, max_tokens, shown_in)


def contrast(max_tokens: int, shown_in: str) -> Sentence:
    """The sentence from ``NNEXPLAIN_CONTRAST``, checked like :func:`sentence`."""
    return _sentence(CONTRAST_ENV, DEFAULT_CONTRAST, max_tokens, shown_in)


@dataclass(frozen=True)
class Focus:
    """The shared word and its token position in each sentence (its first piece)."""

    word: str
    positions: tuple[int, ...]


def focus(sentences: tuple[Sentence, ...]) -> Focus:
    """The word from ``NNEXPLAIN_FOCUS``, found in every one of ``sentences``.

    Raises
    ------
    InputError
        If it is blank or missing from a sentence (the message lists that sentence's words).
    """
    from nncore.transformer import token_index  # lazily, as in _sentence

    word = os.environ.get(FOCUS_ENV, DEFAULT_FOCUS)
    if not word.strip():
        raise InputError("--focus is empty: name a word both sentences share, e.g. 'model'.")
    positions = []
    for s in sentences:
        try:
            positions.append(token_index(s.encoding, word))
        except InputError as e:
            raise InputError(
                f"--focus {quoted(word)} must be in both sentences, but in "
                f"{OPTIONS[s.variable]}: {e}"
            ) from None
    return Focus(word, tuple(positions))


LABEL_ENV = "NNEXPLAIN_LABEL"


def label(digit: Digit) -> int:
    """The digit the desired output asks for: ``NNEXPLAIN_LABEL``, else ``digit``'s own label.

    Raises
    ------
    InputError
        If ``NNEXPLAIN_LABEL`` is not a digit 0-9, or if it is unset and ``digit`` (a
        user's image) has no label of its own.
    """
    value = os.environ.get(LABEL_ENV)
    if not value:
        if digit.label is None:
            raise InputError(
                f"{digit.source} has no label, so there is no desired output to compare with: "
                f"say which digit it is with --label N (nnexplain render) or {LABEL_ENV}=N"
            )
        return digit.label
    try:
        result = int(value)
    except ValueError:
        raise InputError(f"{LABEL_ENV}={quoted(value)} is not a digit: use 0 to 9") from None
    try:
        check_label(result)
    except InputError as e:
        raise InputError(f"{LABEL_ENV}={quoted(value)}: {e}") from None
    return result
