"""Words as labelled dots at 2D coordinates, e.g. a PCA projection of their embeddings."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DL, DOWN, DR, LEFT, RIGHT, UL, UP, UR, Dot, Mobject, VGroup

from scenes.style import SMALL_SIZE, TEXT, WORD_DOT_RADIUS, text

LABEL_BUFF = 0.08  # between a dot and its label
# Where a label may sit around its dot, in order of preference.
LABEL_SIDES = (RIGHT, LEFT, UP, DOWN, UR, UL, DR, DL)


def overlap(a: Mobject, b: Mobject, pad: float = 0.0) -> float:
    """Area of the overlap of two mobjects' bounding boxes, ``a``'s grown by ``pad`` on
    every side (0 if apart)."""
    (ax0, ay0, _), (ax1, ay1, _) = a.get_corner(DL) - pad, a.get_corner(UR) + pad
    (bx0, by0, _), (bx1, by1, _) = b.get_corner(DL), b.get_corner(UR)
    w = min(ax1, bx1) - max(ax0, bx0)
    h = min(ay1, by1) - max(ay0, by0)
    return max(w, 0.0) * max(h, 0.0)


def fit_into(coords: np.ndarray, width: float, height: float) -> np.ndarray:
    """``coords`` (n, 2) centred and scaled, one scale for both axes, into a width x height box."""
    xy = np.asarray(coords, dtype=float)
    centre = (xy.max(axis=0) + xy.min(axis=0)) / 2
    span = np.ptp(xy, axis=0)
    scale = min(width / span[0] if span[0] else np.inf, height / span[1] if span[1] else np.inf)
    return (xy - centre) * (1.0 if not np.isfinite(scale) else scale)


class WordMap(VGroup):
    """Dots at ``coords`` scaled into a ``width`` x ``height`` box, each labelled with its word.

    One scale serves both axes, so distances and angles in the picture are those of the
    coordinates. Each label takes the first side of its dot (right, left, above, ...)
    where it covers no earlier label or dot, else the side where it covers least.

    Parameters
    ----------
    coords
        (n, 2) coordinates, e.g. ``nncore.embedding_space.pca(vectors)``.
    words
        The n labels.
    width, height
        The box the dots fit in (labels may reach a little beyond it).

    Attributes
    ----------
    dots, labels
        One each per word, in order.
    """

    def __init__(
        self,
        coords: np.ndarray,
        words: Sequence[str],
        width: float,
        height: float,
        size: float = SMALL_SIZE,
    ) -> None:
        xy = np.asarray(coords, dtype=float)
        if xy.ndim != 2 or xy.shape != (len(words), 2) or not np.all(np.isfinite(xy)):
            raise ValueError(f"expected ({len(words)}, 2) finite coordinates, got {xy.shape}")
        self.words = list(words)
        self.points_2d = fit_into(xy, width, height)
        self.dots = VGroup(
            *(Dot([x, y, 0.0], radius=WORD_DOT_RADIUS, color=TEXT) for x, y in self.points_2d)
        )
        self.labels = VGroup()
        placed: list[Mobject] = list(self.dots)
        for dot, word in zip(self.dots, self.words, strict=True):
            label = text(word, size=size)
            costs = []
            for side in LABEL_SIDES:
                label.next_to(dot, side, buff=LABEL_BUFF)
                costs.append(sum(overlap(label, m) for m in placed if m is not dot))
                if costs[-1] == 0:
                    break
            label.next_to(dot, LABEL_SIDES[int(np.argmin(costs))], buff=LABEL_BUFF)
            placed.append(label)
            self.labels.add(label)
        super().__init__(self.dots, self.labels)

    def word(self, i: int) -> VGroup:
        """Word ``i``'s dot and label."""
        return VGroup(self.dots[i], self.labels[i])
