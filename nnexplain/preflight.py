"""Before anything renders: every input a chapter needs is read as its scene will read it.

A bad digit, label, sentence or weights file thus ends with one line before a
single manim process starts.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from nncore import data, files
from nncore.errors import InputError, said_of
from nnexplain.chapters import Chapter
from nnexplain.settings import MAX_WEIGHTS_BYTES
from nnexplain.words import load as load_words
from scenes import inputs
from scenes.audio import voice
from scenes.contract import SceneInputs


@contextmanager
def environment(given: SceneInputs) -> Iterator[None]:
    """Set the variables of the ``given`` inputs for a while, then restore them."""
    env = given.to_env()
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def check_inputs(chapters: Sequence[Chapter], given: SceneInputs) -> None:
    """Read every input the chapters need, as their scenes will, so a bad one fails first.

    A scene class states what it reads (``reads``); its ``check_inputs()`` reads that.
    The digit and the weights are read first, and their errors name the options they
    came from.
    """
    with environment(given):
        if given.digit is not None:
            with said_of("--digit", "image"):
                data.load_digit(given.digit)
        if given.weights is not None:
            with said_of("--weights", "weights file"):
                files.regular_input(given.weights, "weights file", MAX_WEIGHTS_BYTES)
                inputs.trained()
        elif given.activation is not None:
            inputs.trained()  # the shipped network, which must be of that activation
        for chapter in chapters:
            chapter.scene_class().check_inputs()
        load_words(given)  # every fault of the script: one line, file:line
        if given.subtitles is not None:
            load_words(replace(given, language=given.subtitles))
        if (given.voice or "none") != "none":
            voice.voice_identity(given.voice)  # installed, or say how to install it


def check_writable(out: Path) -> None:
    """Refuse an ``--out`` that cannot be written, before anything is written."""
    files.check_folder(out, "--out")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError(f"--out {out}: {existing} is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as e:
        raise InputError(f"--out {out} cannot be written: {files.cause(e)}") from None
