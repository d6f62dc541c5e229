"""The network's edges animated three ways, in milliseconds per frame.

- ``separate-lines``: every real edge, 784x16 + 16x16 + 16x10 = 12,960, as its own manim ``Line``
- ``all-edges``: the same edges as one image, :class:`~scenes.mobjects.all_edges.AllEdges`
- ``network-672``: 3Blue1Brown's diagram, a ``NetworkMobject`` showing 16 neurons a layer

Each animates the same change of every edge's colour and opacity, from the
untrained to the trained weights, and is rendered in this process with the
scenes' camera (:class:`~scenes.engine.camera.LeanCamera`) at the chosen quality, to mp4
as the scenes are. The three share the diagram's columns; the 784 inputs stack in
one column as in the parameters scene.

Caching is off here: manim hashes every mobject once per ``play`` (seconds for
12,960 Lines), a cost per animation, not per frame, that would swamp the few
frames of the slowest case.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from manim import Animation, Line, Mobject, Scene, Transform, VGroup, tempconfig

from bench.manim_run import Format
from bench.timing import median, median_ratio, timed
from nncore.mlp import SIZES, Network
from nncore.train import trained_network
from nnexplain.render import count_frames
from scenes.engine.camera import LeanCamera
from scenes.mobjects.all_edges import AllEdges, EdgeArrays, dense_edges, input_column_positions
from scenes.mobjects.network import NetworkMobject
from scenes.style import ALL_EDGES_WIDTH, BACKGROUND, NEGATIVE, POSITIVE

SHOWN_MAX = 16  # neurons drawn per layer in the diagram: 16x16 + 16x16 + 16x10 = 672 edges
INPUT_HEIGHT = 6.4  # the 784-input column, as tall as in the parameters scene
# manim's cairo camera draws stroke_width 1 as 0.01 scene units.
STROKE_WIDTH_PER_UNIT = 100
# The separate Lines cost about a second a frame at 480p: a few frames tell.
SECONDS = {"separate-lines": 0.4, "all-edges": 2.0, "network-672": 2.0}
CASES = tuple(SECONDS)
TARGET_RATIO = 1.5  # issue 7: all the edges may cost at most 1.5x the 672-edge diagram
Build = Callable[[], tuple[Mobject, Animation]]


@dataclass
class EdgeTiming:
    """One case's samples: building its mobjects, and playing the animation."""

    edges: int
    frames: int = 0
    setup_seconds: list[float] = field(default_factory=list)
    play_seconds: list[float] = field(default_factory=list)

    @property
    def ms_per_frame(self) -> list[float]:
        return [1000 * s / self.frames for s in self.play_seconds]

    def summary(self) -> dict:
        return {
            "edges": self.edges,
            "frames": self.frames,
            "setup_seconds": median(self.setup_seconds),
            "ms_per_frame": median(self.ms_per_frame),
            "samples": {"setup_seconds": self.setup_seconds, "play_seconds": self.play_seconds},
        }


def summary(timings: dict[str, EdgeTiming]) -> dict:
    """The cases and their ratios, each the median of ratios of samples from the same round."""

    def ratio(a: str, b: str) -> float:
        return median_ratio(timings[a].ms_per_frame, timings[b].ms_per_frame)

    fast = ratio("all-edges", "network-672")
    return {
        "cases": {case: t.summary() for case, t in timings.items()},
        "ratios": {
            "all-edges/network-672": fast,
            "separate-lines/network-672": ratio("separate-lines", "network-672"),
            "separate-lines/all-edges": ratio("separate-lines", "all-edges"),
        },
        "target_ratio": TARGET_RATIO,
        "within_target": fast <= TARGET_RATIO,
    }


class _EdgeScene(Scene):
    """Adds what ``build`` makes, plays its animation, and keeps the time of each step."""

    def __init__(self, build: Build, run_time: float) -> None:
        self.build = build
        self.run_time = run_time
        self.setup_seconds = self.play_seconds = 0.0
        super().__init__(camera_class=LeanCamera)

    def construct(self) -> None:
        self.setup_seconds, (mobject, animation) = timed(self.build)
        self.add(mobject)
        self.play_seconds, _ = timed(lambda: self.play(animation, run_time=self.run_time))


def _lines(edges: EdgeArrays) -> VGroup:
    """Every edge as a Line, coloured as :class:`AllEdges` colours it."""
    opacity = np.clip(np.abs(edges.weights) / edges.scales, 0.0, 1.0) * edges.max_opacity
    return VGroup(
        *(
            Line(start, end, stroke_width=ALL_EDGES_WIDTH * STROKE_WIDTH_PER_UNIT,
                 stroke_color=POSITIVE if w >= 0 else NEGATIVE, stroke_opacity=o)
            for start, end, w, o in zip(edges.starts, edges.ends, edges.weights, opacity)
        )
    )  # fmt: skip


def _builds(before: Network, after: Network) -> dict[str, Build]:
    """How each case makes its mobject and the animation from ``before`` to ``after``."""

    def diagram(net: Network) -> NetworkMobject:
        return NetworkMobject(SIZES, net.weights, shown_max=SHOWN_MAX)

    def dense(net: Network) -> EdgeArrays:
        columns = diagram(net)
        x = columns.layers[0].get_x()
        inputs = input_column_positions(SIZES[0], center=[x, 0.0, 0.0], height=INPUT_HEIGHT)
        positions = [inputs] + [columns.layer_positions(l) for l in range(1, len(SIZES))]
        return dense_edges(positions, net.weights)

    def separate_lines() -> tuple[Mobject, Animation]:
        lines = _lines(dense(before))
        return lines, Transform(lines, _lines(dense(after)))

    def all_edges() -> tuple[Mobject, Animation]:
        edges = AllEdges(*dense(before))
        return edges, edges.change_weights(dense(after).weights)

    def network_672() -> tuple[Mobject, Animation]:
        edges = diagram(before).edges
        return edges, Transform(edges, diagram(after).edges)

    return {"separate-lines": separate_lines, "all-edges": all_edges, "network-672": network_672}


def _render(build: Build, run_time: float, fmt: Format) -> tuple[float, float, int]:
    """``(setup seconds, play seconds, frames)`` of one in-process render to mp4."""
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-") as media:
        settings = {
            "pixel_width": fmt.pixel_width,
            "pixel_height": fmt.pixel_height,
            "frame_rate": fmt.frame_rate,
            "background_color": BACKGROUND,
            "format": "mp4",
            "disable_caching": True,
            "media_dir": media,
            "progress_bar": "none",
            "verbosity": "WARNING",
        }
        with tempconfig(settings):
            scene = _EdgeScene(build, run_time)
            scene.render()
            frames = count_frames(Path(scene.renderer.file_writer.movie_file_path))
    return scene.setup_seconds, scene.play_seconds, frames


def measure_edges(quality: str, repeat: int) -> dict:
    """Every case ``repeat`` times, round by round so the ratios pair samples of one round."""
    before, after = Network.random(), trained_network()
    fmt = Format.of(quality)
    builds = _builds(before, after)
    n_dense = sum(w.size for w in after.weights)
    n_shown = sum(min(a, SHOWN_MAX) * min(b, SHOWN_MAX) for a, b in zip(SIZES, SIZES[1:]))
    timings = {
        "separate-lines": EdgeTiming(n_dense),
        "all-edges": EdgeTiming(n_dense),
        "network-672": EdgeTiming(n_shown),
    }
    for _ in range(repeat):
        for case in CASES:
            setup, play, frames = _render(builds[case], SECONDS[case], fmt)
            timings[case].frames = frames
            timings[case].setup_seconds.append(setup)
            timings[case].play_seconds.append(play)
    return summary(timings)
