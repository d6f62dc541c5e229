"""The floor a chapter is measured against: an empty scene that only waits.

manim loads this file by path, so it imports nothing from the project. The
number of frames comes from ``NNEXPLAIN_BENCH_FRAMES``.
"""

from __future__ import annotations

import os

from manim import Scene, config

FRAMES_ENV = "NNEXPLAIN_BENCH_FRAMES"


class Floor(Scene):
    """``self.wait`` for exactly ``NNEXPLAIN_BENCH_FRAMES`` frames, on the project's background."""

    def construct(self) -> None:
        frames = int(os.environ[FRAMES_ENV])
        # manim writes int(duration * rate) frames and N / rate * rate can come out
        # just below N: half a frame more makes it exactly N.
        self.wait((frames + 0.5) / config.frame_rate)
