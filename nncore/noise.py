"""Pure noise, as a digit: what does a network trained only on digits make of it?

Each of the 784 pixels is drawn uniformly from [0, 1] with a fixed seed. The network
has only ever seen digits, and its ten outputs have no way to say "none of these".
"""

from __future__ import annotations

import numpy as np

from nncore.data import SIDE

NOISE_SEED = 0


def noise_image(seed: int = NOISE_SEED) -> np.ndarray:
    """784 pixel activations, each uniform in [0, 1], drawn with ``seed``."""
    return np.random.default_rng(seed).uniform(0.0, 1.0, SIDE * SIDE)
