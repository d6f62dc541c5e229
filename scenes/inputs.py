"""What the scenes are about: one documented place for their inputs.

Every scene reads its inputs from environment variables, so that plain
``manim`` and ``nnexplain render`` (which sets them from its options) agree::

    NNEXPLAIN_DIGIT=my_seven.png manim -pql scenes/network.py HiddenLayers

===================  =====================================================
``NNEXPLAIN_DIGIT``   ``mnist:INDEX`` or a PNG/JPEG path; default: the
                      digit each scene's story uses (a "9", a "3", a "2")
``NNEXPLAIN_SEED``    seed of the untrained network (default 9)
``NNEXPLAIN_WEIGHTS`` trained weights ``.npz`` (default: the shipped network)
===================  =====================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nncore import data
from nncore.errors import InputError
from nncore.mlp import UNTRAINED_SEED, Network
from nncore.train import TRAINED_PATH


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
        raise InputError(f"NNEXPLAIN_SEED={value!r} is not a whole number") from None


def untrained() -> Network:
    return Network.random(seed=untrained_seed())


def weights_path() -> Path:
    return Path(os.environ.get("NNEXPLAIN_WEIGHTS") or TRAINED_PATH)


def trained() -> Network:
    return Network.load(weights_path())
