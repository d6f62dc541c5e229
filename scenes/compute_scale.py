"""Concept 8: from the digit network to a large language model, counted in human time.

First the bridge: the digit network's parameters (13,002 for the shipped one) against
GPT-3's 175 billion, about 13 million times as many, and the arithmetic training them
takes (about six computations per parameter for each token read). Then, at one billion
computations per second, the arithmetic published for training GPT-3 would take about
ten million years; the time ladder (Minute, Hour, ..., 100,000,000 Years) shows how far
down that is, and Llama 3.1 405B runs twelve times past the end of it. Every figure is
computed by :mod:`nncore.compute` and logged in the ``.numbers.json`` sidecar.

Render::

    manim -pql scenes/compute_scale.py ComputeScale

Which models appear is set by ``NNEXPLAIN_MODELS``: comma-separated keys of
:data:`nncore.compute.MODELS` (``gpt3-175b``, ``chinchilla-70b``, ``palm-540b``,
``llama3.1-405b``); unset or blank means all four::

    NNEXPLAIN_MODELS=gpt3-175b,llama3.1-405b manim -pql scenes/compute_scale.py ComputeScale

An unknown key stops the render with :class:`nncore.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Sequence

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    GrowArrow,
    GrowFromPoint,
    LaggedStart,
    TransformFromCopy,
    VGroup,
    Write,
)

from nncore.compute import (
    DEFAULT_RATE,
    FLOP_PER_PARAMETER_TOKEN,
    MODELS,
    RUNGS,
    SECONDS_PER_YEAR,
    TrainingRun,
    count,
    ladder_position,
    parameter_ratio,
    round_sig,
    sci_phrase,
    seconds_at,
    times_phrase,
    years_at,
)
from scenes import inputs
from scenes.contract import SceneInputs
from scenes.engine.fades import OpacityFadeIn, OpacityFadeOut, Recolor
from scenes.explainer_scene import ExplainerScene
from scenes.mobjects.time_ladder import LadderMarker, TimeLadder, spread_labels
from scenes.style import (
    BODY_SIZE,
    HIGHLIGHT,
    LABEL_SIZE,
    POSITIVE,
    SMALL_SIZE,
    TEXT,
    fit_safe_width,
    safe_area,
    short,
    source_note,
    text,
    to_safe_edge,
)

TITLE_SCALE = 0.8  # the rate line shrinks to a header once the ladder starts
# First timeline just under the header; the ladder's foot then leaves room for the
# model labels and two lines of citations above the subtitles' band.
TOP_LINE_Y = 2.75
LADDER_SPACING = 0.46
LADDER_WIDTH = 7.2
BRIDGE_MODEL = "gpt3-175b"  # the model the digit network is measured against
PARAMETER_DIGITS = 3  # 175 billion parameters, 13.5 million times as many
# Of the time a rung gets, the share spent drawing its line, then zooming the line above
# into its blue span; the rest, the viewer looks at the zoom.
LINE_SHARE = 0.4
ZOOM_SHARE = 0.45
FIRST_LINE_SECONDS = 1.0
MARKER_SECONDS = 1.0


class ComputeScale(ExplainerScene):
    """A billion computations a second, the time ladder, and where each model lands."""

    reads = ("models", "weights", "activation")

    def construct(self) -> None:
        models = inputs.models()
        self.numbers.inputs = {
            inputs.MODELS_ENV: SceneInputs.from_env().models,
            "models": [m.key for m in models],
        }
        self.bridge_from_digits(inputs.trained().n_params, MODELS[BRIDGE_MODEL])
        rate = self.show_rate()
        ladder = self.build_ladder()
        self.place_models(ladder, models, rate)
        self.cite_papers(models)

    def shown_count(self, label: str, x: float, source: str, digits: int = 2) -> str:
        """``x`` as the screen shows it ("10 million": nncore's figure, the script's word),
        its figure recorded.

        The figure (10) is what the narration says in digits, so it is logged as shown.
        """
        c = count(x, digits)
        self.numbers.record(label, c.figure, f"nncore.compute.count({source}).figure")
        return self.words("count", figure=c.figure, power=c.power)

    def bridge_from_digits(self, n_params: int, run: TrainingRun) -> None:
        """The digit network's parameters against ``run``'s, and the arithmetic training
        takes: each token read costs a few computations for every parameter."""
        ours = self.numbers.record(
            "digit network parameters", n_params, "nncore.mlp.Network.n_params, trained network"
        )
        theirs = self.shown_count(
            f"parameters_figure/{run.key}", run.n_params, run.citation, PARAMETER_DIGITS
        )
        ratio = self.shown_count(
            f"parameter_ratio/{run.key}",
            parameter_ratio(n_params, run),
            "nncore.compute.parameter_ratio",
            PARAMETER_DIGITS,
        )
        name = run.key.replace(".", "-")
        small = VGroup(
            text(self.words("digit-network-label"), size=LABEL_SIZE),
            text(self.words("parameters", count=self.words("exact", n=ours)), size=BODY_SIZE),
        ).arrange(DOWN, buff=0.15)
        large = VGroup(
            text(run.name, size=LABEL_SIZE, color=HIGHLIGHT),
            text(self.words("parameters", count=theirs), size=BODY_SIZE, color=HIGHLIGHT),
        ).arrange(DOWN, buff=0.15)
        VGroup(small, large).arrange(RIGHT, buff=4.2, aligned_edge=DOWN).shift(0.6 * UP)
        fit_safe_width(VGroup(small, large))
        arrow = Arrow(small[1].get_right(), large[1].get_left(), buff=0.3, color=POSITIVE)
        times = text(self.words("times-as-many", ratio=ratio), size=LABEL_SIZE)
        times.next_to(arrow, UP, buff=0.2)
        with self.beat("digit-network", say=self.say("digit-network", params=ours)) as beat:
            self.play(OpacityFadeIn(small[0]), Write(small[1]))
            self.wait_for_sentence(beat, 2)
        say = self.say("parameters-gap", model=name, name=run.name, params=theirs, ratio=ratio)
        with self.beat("parameters-gap", say=say) as beat:
            self.play(GrowArrow(arrow), OpacityFadeIn(large[0]), Write(large[1]))
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(times, shift=0.1 * DOWN))

        per = self.numbers.record(
            "flop per parameter per token",
            FLOP_PER_PARAMETER_TOKEN,
            "nncore.compute.FLOP_PER_PARAMETER_TOKEN (Kaplan et al. 2020)",
        )
        tokens = self.shown_count(f"tokens_figure/{run.key}", run.n_tokens, run.citation)
        work = VGroup(
            text(self.words("work-rule", per=per), size=LABEL_SIZE),
            source_note(self.words("work-note", name=run.name, tokens=tokens)),
        ).arrange(DOWN, buff=0.2)
        work.next_to(VGroup(small, large, times), DOWN, buff=0.8)
        fit_safe_width(work)
        say = self.say("training-work", model=name, name=run.name, tokens=tokens)
        with self.beat("training-work", say=say) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(OpacityFadeIn(work[0], shift=0.1 * UP))
            self.wait_for_sentence(beat, 2)
            self.play(OpacityFadeIn(work[1]))
        self.play(OpacityFadeOut(VGroup(small, large, arrow, times, work)))

    def show_rate(self) -> float:
        """State the imagined machine's speed, then keep it as the header."""
        rate = self.numbers.record("rate_per_second", DEFAULT_RATE, "nncore.compute.DEFAULT_RATE")
        rate_phrase = self.shown_count("rate_figure", rate, "nncore.compute.DEFAULT_RATE")
        title = text(self.words("rate-title", rate=rate_phrase), size=BODY_SIZE)
        with self.beat("rate", say=self.say("rate", rate=rate_phrase)) as beat:
            self.wait_for_sentence(beat, 1)
            self.play(Write(title), run_time=1.5)
        header = to_safe_edge(title.copy().scale(TITLE_SCALE), UP)
        self.play(title.animate.scale(TITLE_SCALE).move_to(header))
        return rate

    def build_ladder(self) -> TimeLadder:
        """Timelines appear top to bottom, each line above shrinking to a span of the next."""
        names = [self.words("rung-name", count=r.count, unit=r.unit) for r in RUNGS]
        ladder = TimeLadder(names, width=LADDER_WIDTH, spacing=LADDER_SPACING)
        for rung in ladder.rungs:
            self.numbers.record(f"rung_seconds/{rung.key}", rung.seconds, "nncore.compute.RUNGS")
        to_safe_edge(ladder, LEFT)
        ladder.shift((TOP_LINE_Y - ladder.lines[0].get_y()) * UP)
        # The short rungs in one beat, the years in the next.
        first_year = next(
            (i for i, r in enumerate(ladder.rungs) if r.seconds >= SECONDS_PER_YEAR),
            len(ladder.rungs),
        )
        with self.beat("ladder", say=self.say("ladder")) as beat:
            first_line, first_caps, first_label, _ = ladder.rows[0]
            self.wait_for_sentence(beat, 1)
            self.play(
                Create(VGroup(first_line, first_caps)),
                OpacityFadeIn(first_label, shift=0.2 * UP),
                run_time=FIRST_LINE_SECONDS,
            )
            self.wait_for_sentence(beat, 2)
            self.grow_rungs(ladder, range(1, first_year), beat.start + beat.duration)
        bottom = self.numbers.record(
            "ladder_years",
            ladder.rungs[-1].seconds / SECONDS_PER_YEAR,
            "nncore.compute.RUNGS[-1].seconds / SECONDS_PER_YEAR",
        )
        with self.beat("ladder-years", say=self.say("ladder-years", bottom=bottom)) as beat:
            self.grow_rungs(
                ladder, range(first_year, len(ladder.rungs)), beat.start + beat.duration
            )
        return ladder

    def grow_rungs(self, ladder: TimeLadder, indices: range, until: float) -> None:
        """Draw rungs ``indices`` one after another, sharing the time left until ``until``."""
        if not indices:
            return
        seconds = (until - self.renderer.time) / len(indices)
        for i in indices:
            line, caps, label, (span, guides) = ladder.rows[i]
            self.play(
                Create(VGroup(line, caps)),
                OpacityFadeIn(label, shift=0.2 * UP),
                run_time=LINE_SHARE * seconds,
            )
            self.play(
                TransformFromCopy(ladder.lines[i - 1], span),
                Create(guides),
                run_time=ZOOM_SHARE * seconds,
            )
            self.wait((1 - LINE_SHARE - ZOOM_SHARE) * seconds)

    def place_models(self, ladder: TimeLadder, models: Sequence[TrainingRun], rate: float) -> None:
        """A marker per model at its training time; the longest runs off the ladder."""
        placed = [self._model_marker(ladder, run, rate) for run in models]
        markers = [marker for marker, _ in placed]
        left, right, _, _ = safe_area()
        spread_labels(markers, left=left, right=right)
        for i, (run, (marker, words)) in enumerate(zip(models, placed, strict=True)):
            place = "first" if i == 0 else "last" if i == len(models) - 1 else "middle"
            say = self.say("model", place=place, **words)
            earlier = [m.pointer for m in markers[:i]] + [m.label[0] for m in markers[:i]]
            with self.beat(run.key.replace(".", "-"), say=say):
                self.play(
                    GrowFromPoint(marker.pointer, marker.anchor),
                    Create(marker.leader),
                    OpacityFadeIn(marker.label, shift=0.15 * UP),
                    # Only the model being placed is yellow; earlier ones step back.
                    *(Recolor(m, lambda m: m.set_color(TEXT)) for m in earlier),
                    run_time=MARKER_SECONDS,
                )

    def cite_papers(self, models: Sequence[TrainingRun]) -> None:
        citations = self._citations(models)
        with self.beat("papers", say=self.say("papers")):
            self.play(
                LaggedStart(*(OpacityFadeIn(c) for c in citations), lag_ratio=0.2),
                run_time=1.5,
            )

    def _model_marker(
        self, ladder: TimeLadder, run: TrainingRun, rate: float
    ) -> tuple[LadderMarker, dict[str, object]]:
        """Record ``run``'s numbers and draw its marker: name, then "≈ N years".

        Also returns the variables of what the voice says about it (compute_scale.ftl's
        ``model``: "training GPT three would take ...").
        """
        flop = self.numbers.record(f"flop/{run.key}", run.flop, run.citation)
        seconds = seconds_at(flop, rate)
        years = self.numbers.record(
            f"years/{run.key}", years_at(flop, rate), "nncore.compute.years_at(flop, rate)"
        )
        years_phrase = self.shown_count(f"years_figure/{run.key}", years, f"years/{run.key}")
        position = ladder_position(seconds, ladder.rungs)
        fraction = self.numbers.record(
            f"ladder_fraction/{run.key}",
            position.fraction,
            "nncore.compute.ladder_position(seconds_at(flop, rate)).fraction",
        )
        label = VGroup(
            text(run.name, size=LABEL_SIZE, color=HIGHLIGHT),
            text(self.words("model-years", years=years_phrase), size=SMALL_SIZE),
        ).arrange(DOWN, buff=0.1)
        times = times_phrase(fraction, written=short)
        beyond = text(times, size=LABEL_SIZE, color=HIGHLIGHT)
        words = {
            "model": run.key.replace(".", "-"),
            "name": run.name,
            "years": years_phrase,
            "beyond": "yes" if position.beyond else "no",
            "times": round_sig(fraction, 2),  # as the screen shows it
        }
        marker = ladder.marker(position, label, beyond_label=beyond if position.beyond else None)
        return marker, words

    def _citations(self, models: Sequence[TrainingRun]) -> VGroup:
        """Small print at the bottom: each model's cited FLOP and paper, two to a line."""
        notes = [
            source_note(
                self.words(
                    "citation",
                    name=run.name,
                    flop=sci_phrase(run.flop, written=short),
                    citation=run.short_citation,
                )
            )
            for run in models
        ]
        grid = VGroup(*notes).arrange_in_grid(cols=2, col_alignments="ll", buff=(0.8, 0.1))
        return to_safe_edge(fit_safe_width(grid), DOWN)
