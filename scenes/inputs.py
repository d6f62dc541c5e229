"""What the scenes are about: one documented place for their inputs, read and checked.

Every scene reads its inputs from environment variables, so that plain
``manim`` and ``nnexplain render`` (which sets them from its options) agree; their
names are spelled in :class:`scenes.contract.SceneInputs` alone::

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

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from nncore import data
from nncore.activations import activation_named
from nncore.errors import InputError, quoted
from nncore.mlp import UNTRAINED_SEED, Network
from nncore.report import check_label
from nncore.train import DEFAULT_INIT, TRAINED_PATH, train_cache_dir
from scenes.contract import SceneInputs

if TYPE_CHECKING:
    from nncore.compute import TrainingRun
    from nncore.transformer import Encoding

# Any MNIST digit: it has a label of its own, as every scene's story digit has.
ANY_MNIST_DIGIT = "mnist:0"


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
    spec = SceneInputs.from_env().digit or default
    x, label = data.load_digit(spec)
    return Digit(spec, x, label)


SEED_ENV = SceneInputs.variable("seed")


def untrained_seed() -> int:
    value = SceneInputs.from_env().seed or str(UNTRAINED_SEED)
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{SEED_ENV}={quoted(value)} is not a whole number") from None


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
    return Path(SceneInputs.from_env().weights or TRAINED_PATH)


def train_cache() -> Path:
    """Where the learning scene keeps stand-in networks: ``NNEXPLAIN_TRAIN_CACHE``, else
    the user's cache folder (``nncore.train.train_cache_dir``)."""
    return Path(SceneInputs.from_env().train_cache or train_cache_dir())


ACTIVATION_ENV = SceneInputs.variable("activation")


def activation() -> str | None:
    """``NNEXPLAIN_ACTIVATION``, checked; None when unset (the file says)."""
    value = SceneInputs.from_env().activation or None
    if value is not None:
        try:
            activation_named(value)
        except InputError as e:
            raise InputError(f"{ACTIVATION_ENV}={quoted(value)}: {e}") from None
    return value


def trained() -> Network:
    """The trained network the digit scenes draw, any 784-...-10 MLP (checked on load)."""
    return Network.load(weights_path(), activation=activation())


SENTENCE_ENV = SceneInputs.variable("sentence")
CONTRAST_ENV = SceneInputs.variable("contrast")
FOCUS_ENV = SceneInputs.variable("focus")
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


def _sentence(
    variable: str, given: str | None, default: str, max_tokens: int, shown_in: str
) -> Sentence:
    # Imported here, not at the top: the digit scenes never need MiniLM's tokenizer and weights.
    from nncore import transformer

    # Unset means the story's sentence; set but blank is a mistake worth saying so.
    value = default if given is None else given
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
    given = SceneInputs.from_env().sentence
    return _sentence(SENTENCE_ENV, given, DEFAULT_SENTENCE, max_tokens, shown_in)


def contrast(max_tokens: int, shown_in: str) -> Sentence:
    """The sentence from ``NNEXPLAIN_CONTRAST``, checked like :func:`sentence`."""
    given = SceneInputs.from_env().contrast
    return _sentence(CONTRAST_ENV, given, DEFAULT_CONTRAST, max_tokens, shown_in)


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

    given = SceneInputs.from_env().focus
    word = DEFAULT_FOCUS if given is None else given
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


LABEL_ENV = SceneInputs.variable("label")


def label(digit: Digit) -> int:
    """The digit the desired output asks for: ``NNEXPLAIN_LABEL``, else ``digit``'s own label.

    Raises
    ------
    InputError
        If ``NNEXPLAIN_LABEL`` is not a digit 0-9, or if it is unset and ``digit`` (a
        user's image) has no label of its own.
    """
    value = SceneInputs.from_env().label
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


MODELS_ENV = SceneInputs.variable("models")


def models() -> tuple[TrainingRun, ...]:
    """The models named by ``NNEXPLAIN_MODELS`` (all of them when unset or blank)."""
    from nncore.compute import select_models

    return select_models(SceneInputs.from_env().models, source=MODELS_ENV)


def check(reads: Iterable[str], tokens_shown: tuple[int, str] | None = None) -> None:
    """Read the inputs named in ``reads`` as a scene reads them, so that a bad one fails.

    Parameters
    ----------
    reads
        Fields of :class:`~scenes.contract.SceneInputs`: a scene's declaration.
    tokens_shown
        The most tokens a sentence may have in the scene's picture, and what that is.

    Raises
    ------
    InputError
        The first input that the scene would refuse.
    """
    reads = set(reads)
    unknown = reads - set(SceneInputs.__dataclass_fields__)
    if unknown:
        raise ValueError(f"no such scene inputs: {sorted(unknown)}")
    if reads & {"digit", "label"}:
        # Unset, the digit is the scene's own story digit, which has a label as any has.
        shown = digit(ANY_MNIST_DIGIT)
        if "label" in reads:
            label(shown)
    if "seed" in reads:
        untrained_seed()
    if reads & {"weights", "activation"}:
        trained()
    sentences = []
    if reads & {"sentence", "contrast", "focus"}:
        most, shown_in = tokens_shown or (512, "the model")
        sentences.append(sentence(most, shown_in))
        if reads & {"contrast", "focus"}:
            sentences.append(contrast(most, shown_in))
    if "focus" in reads:
        focus(tuple(sentences))
    if "models" in reads:
        models()
