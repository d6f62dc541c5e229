"""One neuron's 784 incoming weights drawn as a 28x28 heat map."""

from __future__ import annotations

import numpy as np
from manim import BLACK, ImageMobject, ManimColor
from manim.constants import RESAMPLING_ALGORITHMS

from scenes.style import NEGATIVE, POSITIVE


class WeightMap(ImageMobject):
    """Weight ``k`` at pixel ``k``'s place: blue for positive, red for negative.

    Brightness is ``|w| / scale``; ``scale`` defaults to the largest ``|w|`` shown,
    so the strongest weight is full colour. One image, not 784 squares.

    Examples
    --------
    ::

        heat = WeightMap(net.weights[0][j], side=3)   # neuron j of hidden layer 1
    """

    def __init__(self, weights: np.ndarray, side: float = 3.0, scale: float | None = None) -> None:
        w = np.asarray(weights, dtype=float)
        self.weights = w
        self.scale_value = float(scale if scale is not None else np.abs(w).max() or 1.0)
        super().__init__(heat_pixels(w, self.scale_value))
        # Each weight stays a crisp square instead of a blur.
        self.set_resampling_algorithm(RESAMPLING_ALGORITHMS["nearest"])
        self.height = side


def heat_pixels(weights: np.ndarray, scale: float) -> np.ndarray:
    """The (n, n, 4) RGBA image of n*n weights: blue or red by sign, bright by ``|w| / scale``."""
    w = np.asarray(weights, dtype=float)
    n = int(round(np.sqrt(w.size)))
    if n * n != w.size:
        raise ValueError(f"{w.size} weights do not make a square image")
    t = np.clip(np.abs(w) / scale, 0.0, 1.0)[:, None]
    hue = np.where(w[:, None] >= 0, _rgb(POSITIVE), _rgb(NEGATIVE))
    rgb = (1 - t) * _rgb(BLACK) + t * hue
    rgba = np.concatenate([rgb, np.ones((w.size, 1))], axis=1).reshape(n, n, 4)
    return np.round(rgba * 255).astype(np.uint8)


def _rgb(color: ManimColor | str) -> np.ndarray:
    return np.asarray(ManimColor(color).to_rgb(), dtype=float)
