"""Concept 8: training a large language model, counted in human time.

At one billion computations per second, the arithmetic published for training
GPT-3 would take about ten million years; the time ladder (Minute, Hour, ...,
100,000,000 Years) shows how far down that is, and Llama 3.1 405B runs twelve
times past the end of it. Every figure is computed by :mod:`nncore.compute` and
logged in the ``.numbers.json`` sidecar.

Render::

    manim -pql scenes/compute_scale.py ComputeScale

Which models appear is set by ``NNEXPLAIN_MODELS``: comma-separated keys of
:data:`nncore.compute.MODELS` (``gpt3-175b``, ``chinchilla-70b``, ``palm-540b``,
``llama3.1-405b``); unset or blank means all four::

    NNEXPLAIN_MODELS=gpt3-175b,llama3.1-405b manim -pql scenes/compute_scale.py ComputeScale

An unknown key stops the render with :class:`nncore.errors.InputError`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    UP,
    Create,
    FadeIn,
    GrowFromPoint,
    LaggedStart,
    TransformFromCopy,
    VGroup,
    Write,
    config,
)

from nncore.compute import (
    DEFAULT_RATE,
    TrainingRun,
    count_phrase,
    ladder_position,
    sci_phrase,
    seconds_at,
    select_models,
    times_phrase,
    years_at,
)
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.time_ladder import LadderMarker, TimeLadder, spread_labels
from scenes.style import (
    BODY_SIZE,
    HIGHLIGHT,
    LABEL_SIZE,
    SMALL_SIZE,
    TEXT,
    source_note,
    text,
)

MODELS_ENV = "NNEXPLAIN_MODELS"
FRAME_MARGIN = 0.35  # nothing is drawn closer than this to the frame's edge
TITLE_SCALE = 0.8  # the rate line shrinks to a header once the ladder starts
# First timeline just under the header; the ladder's foot then leaves room for
# the model labels and two lines of citations.
TOP_LINE_Y = 2.85


def check_inputs() -> None:
    """Read this scene's inputs (for ``nnexplain render`` to fail before rendering)."""
    models_from_env()


def models_from_env() -> tuple[TrainingRun, ...]:
    """The models named by ``NNEXPLAIN_MODELS`` (all of them when unset or blank)."""
    return select_models(os.environ.get(MODELS_ENV), source=MODELS_ENV)


class ComputeScale(ExplainerScene):
    """A billion computations a second, the time ladder, and where each model lands."""

    def construct(self) -> None:
        models = models_from_env()
        self.numbers.inputs = {
            MODELS_ENV: os.environ.get(MODELS_ENV),
            "models": [m.key for m in models],
        }
        rate = self.show_rate()
        ladder = self.build_ladder()
        self.place_models(ladder, models, rate)
        self.wait(3)
        self.key_moment("models")

    def show_rate(self) -> float:
        """State the imagined machine's speed, then keep it as the header."""
        rate = self.numbers.record("rate_per_second", DEFAULT_RATE, "nncore.compute.DEFAULT_RATE")
        title = text(f"{count_phrase(rate)} computations per second", size=BODY_SIZE)
        self.play(Write(title), run_time=1.5)
        self.wait(1.0)
        self.play(title.animate.scale(TITLE_SCALE).to_edge(UP, buff=FRAME_MARGIN))
        return rate

    def build_ladder(self) -> TimeLadder:
        """Timelines appear top to bottom, each line above shrinking to a span of the next."""
        ladder = TimeLadder()
        for rung in ladder.rungs:
            self.numbers.record(f"rung_seconds/{rung.name}", rung.seconds, "nncore.compute.RUNGS")
        ladder.to_edge(LEFT, buff=FRAME_MARGIN)
        ladder.shift((TOP_LINE_Y - ladder.lines[0].get_y()) * UP)

        first_line, first_caps, first_label, _ = ladder.rows[0]
        self.play(Create(VGroup(first_line, first_caps)), FadeIn(first_label, shift=0.2 * UP))
        self.wait(0.5)
        for i in range(1, len(ladder.rungs)):
            line, caps, label, (span, guides) = ladder.rows[i]
            # Later rungs come faster: by then the viewer knows the pattern.
            pace = 1.0 if i < 4 else 0.6
            self.play(
                Create(VGroup(line, caps)),
                FadeIn(label, shift=0.2 * UP),
                run_time=0.6 * pace,
            )
            self.play(
                TransformFromCopy(ladder.lines[i - 1], span),
                Create(guides),
                run_time=0.8 * pace,
            )
            self.wait(0.25 * pace)
        self.wait(1.0)
        self.key_moment("ladder")
        return ladder

    def place_models(self, ladder: TimeLadder, models: Sequence[TrainingRun], rate: float) -> None:
        """A marker per model at its training time; the longest runs off the ladder."""
        markers = [self._model_marker(ladder, run, rate) for run in models]
        spread_labels(
            markers,
            left=-config.frame_x_radius + FRAME_MARGIN,
            right=config.frame_x_radius - FRAME_MARGIN,
        )
        citations = self._citations(models)
        for i, marker in enumerate(markers):
            earlier = [m.pointer for m in markers[:i]] + [m.label[0] for m in markers[:i]]
            self.play(
                GrowFromPoint(marker.pointer, marker.anchor),
                Create(marker.leader),
                FadeIn(marker.label, shift=0.15 * UP),
                # Only the model being placed is yellow; earlier ones step back.
                *(m.animate.set_color(TEXT) for m in earlier),
                run_time=1.0,
            )
            self.wait(1.0)
        self.play(
            LaggedStart(*(FadeIn(c) for c in citations), lag_ratio=0.2),
            run_time=1.5,
        )

    def _model_marker(self, ladder: TimeLadder, run: TrainingRun, rate: float) -> LadderMarker:
        """Record ``run``'s numbers and draw its marker: name, then "≈ N years"."""
        flop = self.numbers.record(f"flop/{run.key}", run.flop, run.citation)
        seconds = seconds_at(flop, rate)
        years = self.numbers.record(
            f"years/{run.key}", years_at(flop, rate), "nncore.compute.years_at(flop, rate)"
        )
        position = ladder_position(seconds, ladder.rungs)
        fraction = self.numbers.record(
            f"ladder_fraction/{run.key}",
            position.fraction,
            "nncore.compute.ladder_position(seconds_at(flop, rate)).fraction",
        )
        label = VGroup(
            text(run.name, size=LABEL_SIZE, color=HIGHLIGHT),
            text(f"≈ {count_phrase(years)} years", size=SMALL_SIZE),
        ).arrange(DOWN, buff=0.1)
        beyond = text(times_phrase(fraction), size=LABEL_SIZE, color=HIGHLIGHT)
        return ladder.marker(position, label, beyond_label=beyond if position.beyond else None)

    @staticmethod
    def _citations(models: Sequence[TrainingRun]) -> VGroup:
        """Small print at the bottom: each model's cited FLOP and paper, two to a line."""
        notes = [
            source_note(f"{run.name}: {sci_phrase(run.flop)} FLOP ({run.short_citation})")
            for run in models
        ]
        grid = VGroup(*notes).arrange_in_grid(cols=2, col_alignments="ll", buff=(0.8, 0.1))
        return grid.to_edge(DOWN, buff=FRAME_MARGIN)
