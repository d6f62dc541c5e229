"""Vertical arrows beside neurons: how much, and which way, each one should change."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import DOWN, UP, Arrow, ManimColor, VGroup

from scenes.style import BACKGROUND, NEGATIVE, POSITIVE

# Kept here rather than in scenes/style.py while only this mobject draws nudges.
NUDGE_STROKE_WIDTH = 4.0
NUDGE_TIP_LENGTH = 0.12
# Shorter than this (scene units) an arrow is drawn fully transparent: a tip of
# a few pixels would read as a dot, not as "no change".
MIN_VISIBLE_LENGTH = 1e-3


def nudge_scale(*values: np.ndarray) -> float:
    """The largest ``|value|`` among all the given arrays: one scale for arrows to be compared."""
    scale = max(float(np.max(np.abs(v))) for v in values)
    return scale if scale > 0 else 1.0


class NudgeArrows(VGroup):
    """One vertical arrow per anchor: up for a positive value, down for a negative one.

    Arrow ``k`` is centred on ``anchors[k]`` and its length is
    ``max_length * |values[k]| / scale``, so arrows built with the same ``scale``
    compare. Colours are blue for positive and red for negative ``values``
    unless ``colors`` says otherwise (e.g. by the sign of a weight). Arrows keep
    the anchors' order, so two sets over the same anchors ``Transform`` one into
    the other arrow by arrow.

    Parameters
    ----------
    anchors
        ``(n, 3)`` scene points, e.g. the neurons' centres shifted right.
    values
        ``(n,)`` desired changes (from ``nncore``, e.g. ``y - a`` or ``-dC/da``).
    scale
        The ``|value|`` drawn at ``max_length`` (default: the largest ``|values|``).
    max_length
        Length of the longest arrow, in scene units.
    colors
        One colour per arrow, overriding the sign colours.

    Examples
    --------
    ::

        wish = y - forward.output
        arrows = NudgeArrows(net.layer_positions(3) + 0.5 * RIGHT, wish, max_length=0.35)
        self.play(GrowArrow(a) for a in arrows)
    """

    def __init__(
        self,
        anchors: np.ndarray,
        values: np.ndarray,
        scale: float | None = None,
        max_length: float = 0.4,
        colors: Sequence[ManimColor | str] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        anchors = np.asarray(anchors, dtype=float)
        self.values = np.asarray(values, dtype=float)
        if anchors.shape != (len(self.values), 3):
            raise ValueError(f"need one 3D anchor per value, got {anchors.shape}")
        if not np.all(np.isfinite(self.values)):
            raise ValueError("values must be finite")
        if colors is not None and len(colors) != len(self.values):
            raise ValueError(f"need {len(self.values)} colours, got {len(colors)}")
        self.scale_value = nudge_scale(self.values) if scale is None else float(scale)
        lengths = max_length * np.minimum(np.abs(self.values) / self.scale_value, 1.0)
        for k, (anchor, value, length) in enumerate(zip(anchors, self.values, lengths)):
            color = colors[k] if colors is not None else (POSITIVE if value >= 0 else NEGATIVE)
            direction = UP if value >= 0 else DOWN
            half = max(length, MIN_VISIBLE_LENGTH) / 2 * direction
            arrow = Arrow(
                anchor - half,
                anchor + half,
                buff=0.0,
                stroke_width=NUDGE_STROKE_WIDTH,
                tip_length=NUDGE_TIP_LENGTH,
                max_tip_length_to_length_ratio=0.5,
                color=color,
            )
            # A black outline keeps the arrow legible where it crosses edges.
            arrow.set_stroke(BACKGROUND, width=2 * NUDGE_STROKE_WIDTH, background=True)
            if length < MIN_VISIBLE_LENGTH:
                arrow.set_opacity(0.0)
            self.add(arrow)
