"""One place for how nnexplain looks: 3Blue1Brown's palette, sizes and fonts.

Scenes and mobjects import their colours, radii and text helpers from here so
that a change of look is a change of one file. Formulas use Typst, so nothing in
the default path needs LaTeX.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TypeVar

import numpy as np
from manim import (
    BLUE_C,
    GREY_B,
    GREY_C,
    GREY_D,
    RED_C,
    RIGHT,
    TEAL_C,
    UP,
    WHITE,
    YELLOW,
    DecimalNumber,
    ManimColor,
    MathTypst,
    Mobject,
    Text,
    config,
    interpolate_color,
)

from scenes import numerals, script

M = TypeVar("M", bound=Mobject)

# Palette: black background, white activations, blue positive, red negative,
# yellow for whatever is being explained right now.
BACKGROUND = "#000000"
ACTIVATION = WHITE
POSITIVE = BLUE_C
NEGATIVE = RED_C
HIGHLIGHT = YELLOW
NEURON_STROKE = GREY_B
MUTED = GREY_D  # lines and outlines that stay in the background, never text
DIM_TEXT = GREY_C  # text that steps back, still 5.9:1 on black (WCAG asks 4.5:1)
TEXT = WHITE
SOURCE_TEXT = GREY_B  # small print saying where numbers come from

# Sizes in scene units (the frame is 14.2 x 8 units).
NEURON_RADIUS = 0.16
NEURON_STROKE_WIDTH = 1.5
EDGE_MAX_WIDTH = 2.0
EDGE_MAX_OPACITY = 0.9
# Weakest drawn edges keep this fraction of EDGE_MAX_WIDTH, so that at 480p their
# opacity (not a sub-pixel width) is what says "small weight".
EDGE_MIN_WIDTH_FRACTION = 0.35
UNWEIGHTED_EDGE_OPACITY = 0.5  # edges of a network drawn without weights
# The all-edges image's line width in scene units (~0.7 px at 480p, ~1.6 px at 1080p):
# thousands of lines only read as a weave when each one is this thin.
ALL_EDGES_WIDTH = 0.012
# A layer wider than this is drawn as a strip, one pixel row per neuron, when every
# edge is drawn (the 16 circles of 784-16-16-10's hidden layers still fit).
ALL_NEURONS_MAX = 16
# Max opacity of edges in a gap with more than DENSE_FAN_IN inputs per neuron
# (784 -> 16): at EDGE_MAX_OPACITY their fans merge into one solid wash.
DENSE_FAN_IN = 100
DENSE_EDGE_OPACITY = 0.25
# Each edge of a gap of n > DENSE_GAP_EDGES edges (more than 784 -> 16 has) keeps
# (DENSE_GAP_EDGES / n) ** DENSE_GAP_FALLOFF of its opacity. With a falloff of 1, 784 ->
# 128 would hold as much ink as 784 -> 16, but without its gaps between 16 fans that
# is a solid wash; 1.5 leaves a weave whose density still shows.
DENSE_GAP_EDGES = 784 * 16
DENSE_GAP_FALLOFF = 1.5
HIGHLIGHT_STROKE_WIDTH = 3.0
GRID_STROKE_WIDTH = 0.5
ELLIPSIS_DOT_RADIUS = 0.025
BRACKET_STROKE_WIDTH = 2.0

# Time ladder: white timelines; the span the line above zooms out of in blue,
# joined to that line by thin grey guides.
LADDER_LINE = WHITE
LADDER_ZOOM = BLUE_C
LADDER_GUIDE = GREY_B
LADDER_WIDTH = 8.2  # length of every timeline
LADDER_SPACING = 0.56  # between timelines
LADDER_STROKE_WIDTH = 3.0
LADDER_ZOOM_STROKE_WIDTH = 7.0  # thick enough that a 1/100 span still shows at 480p
LADDER_GUIDE_STROKE_WIDTH = 1.0
MARKER_SIZE = 0.16  # height of a marker's triangle

# Transformer scenes: tokens in rounded boxes, attention as squares whose area is the
# weight, words of the embedding space as dots.
SPECIAL_TOKEN = GREY_B  # [CLS], [SEP]: real tokens, but not words of the sentence
TOKEN_BOX_HEIGHT = 0.5
TOKEN_BOX_PAD = 0.12  # between a token's label and its box, left and right
TOKEN_CORNER_RADIUS = 0.08
TOKEN_GAP = 0.18  # between neighbouring token boxes
ATTENTION_CELL = 0.55  # side of one cell of an attention grid
ATTENTION_MAX_WIDTH = 6.0  # a context arrow of weight 1
ATTENTION_ARROW = POSITIVE  # attention weights are positive weights
WORD_DOT_RADIUS = 0.06
BAR_FILL = BLUE_C
BAR_OPACITY = 0.8
TOKEN_STROKE_WIDTH = 1.5

FONT = "DejaVu Sans"
BODY_SIZE = 30
LABEL_SIZE = 22
SMALL_SIZE = 16
NUMBER_SIZE = 24


def _without_svg_paths(mob: M) -> M:
    """Drop each glyph's parsed SVG path once its points are built.

    Nothing reads it afterwards, but every copy (each animation copies its
    mobjects) deep-copied it: a line of text copies ~8x faster without it.
    """
    for part in mob.family_members_with_points():
        if hasattr(part, "path_obj"):
            part.path_obj = None
    return mob


def text(s: str, size: float = BODY_SIZE, color: ManimColor | str = TEXT, **kwargs) -> Text:
    """Plain text in the house font.

    Each line is built once per process and then copied: parsing its SVG takes about
    30 ms, a copy about 1 ms, and a scene repeats its labels, tokens and table digits.
    """
    s = str(s)  # the script's Words are a str subclass, and manimpango takes only str
    try:
        built = _built_text(s, size, color, tuple(sorted(kwargs.items())))
    except TypeError:  # an option that cannot be a key (a dict of colours ...): built anew
        return _without_svg_paths(Text(s, font=FONT, font_size=size, color=color, **kwargs))
    return built.copy()


@cache
def _built_text(s: str, size: float, color: ManimColor | str, options: tuple) -> Text:
    return _without_svg_paths(Text(s, font=FONT, font_size=size, color=color, **dict(options)))


def source_note(s: str) -> Text:
    """Small grey print that says where the numbers on screen come from."""
    return text(s, size=SMALL_SIZE, color=SOURCE_TEXT)


def formula(typst_math: str, size: float = BODY_SIZE, **kwargs) -> MathTypst:
    """A formula in Typst math syntax, e.g. ``formula("a' = sigma(W a + b)")``."""
    return _without_svg_paths(MathTypst(typst_math, font_size=size, **kwargs))


class _NumberText(Text):
    """Text with the house font, usable as DecimalNumber's ``mob_class``."""

    def __init__(self, s: str, **kwargs):
        kwargs.pop("font", None)
        super().__init__(s, font=FONT, **kwargs)
        _without_svg_paths(self)


class _Decimal(DecimalNumber):
    """A DecimalNumber written as the render's language writes numbers (``13.002,50`` in
    Spanish), by :func:`scenes.numerals.written`, every time its value changes."""

    def __init__(self, value: float, language: str, **kwargs) -> None:
        self.language = language
        super().__init__(value, **kwargs)

    def _get_num_string(self, number: float) -> str:
        places = self.num_decimal_places
        written = numerals.written(number, places, self.language, self.group_with_commas)
        # As manim's own: a value that rounds to zero is written without a minus.
        return written[1:] if written.startswith("-") and np.round(number, places) == 0 else written


def number(value: float, places: int = 2, size: float = NUMBER_SIZE, **kwargs) -> DecimalNumber:
    """A decimal drawn with Text, so it needs no LaTeX, written in the render's language."""
    return _Decimal(
        value,
        script.current_language(),
        num_decimal_places=places,
        mob_class=_NumberText,
        font_size=size,
        **kwargs,
    )


def digits_bottom(shown: DecimalNumber) -> float:
    """Where the digits of a :func:`number` stand: its bottom but for a comma (Spanish's
    decimal mark, English's thousands), which hangs below the line."""
    chars = shown._get_num_string(shown.get_value())
    return min(g.get_bottom()[1] for g, c in zip(shown.submobjects, chars) if c.isdigit())


def written(value: float, places: int, grouping: bool = True) -> str:
    """``value`` with ``places`` decimals as the render's language writes it: for a number
    in a Text, a table's cell or a label (``f"{value:,.2f}"`` in English)."""
    return numerals.written(value, places, script.current_language(), grouping)


def short(value: float) -> str:
    """``value`` as short as ``f"{value:g}"`` writes it, in the render's language."""
    return numerals.short(value, script.current_language())


def listed(values: Iterable[float], places: int) -> script.Words:
    """Numbers in a row, as the render's language separates them: "0.12, -0.30" in
    English; "0,12; -0,30" in Spanish, whose decimal mark is the comma. Given to a message
    of another language (a subtitle's), they are written as that one writes them."""
    values = tuple(values)
    language = script.current_language()
    return script.Words(
        numerals.listed(values, places, language),
        language,
        lambda other: numerals.listed(values, places, other.language),
    )


def signed_color(value: float, scale: float) -> ManimColor:
    """Blue for positive, red for negative, fading to black as |value| -> 0.

    ``scale`` is the magnitude that gets full colour (values beyond it saturate).
    """
    t = float(np.clip(abs(value) / scale, 0.0, 1.0)) if scale > 0 else 0.0
    return interpolate_color(ManimColor(BACKGROUND), POSITIVE if value >= 0 else NEGATIVE, t)


def activation_color(a: float) -> ManimColor:
    """Neuron fill: black for 0, white for 1."""
    return interpolate_color(ManimColor(BACKGROUND), ACTIVATION, float(np.clip(a, 0.0, 1.0)))


# Learning curves: grey axes numbered in Typst, the cost in yellow (what the training
# scene explains), the held-out accuracy in teal, a dot at the moment shown.
CURVE_AXIS_COLOR = GREY_B
CURVE_STROKE_WIDTH = 3.0
CURVE_TICK_SIZE = 0.05
CURVE_DOT_RADIUS = 0.05
# Typst's glyphs are smaller than Text's at one font size (see cost_terms.HEADER_SCALE).
CURVE_NUMBER_SIZE = 21
CURVE_NAME_SIZE = 26
MAP_FRAME = GREY_D  # the outline of a heat map, so an all-zero one still shows as a square
COST_CURVE = YELLOW
ACCURACY_CURVE = TEAL_C


def tick(value: float, size: float = CURVE_NUMBER_SIZE) -> MathTypst:
    """An axis's number in Typst, as short as ``f"{value:g}"`` and in the render's language,
    with a real minus: "0.5", "−2"; "0,5" in Spanish (a comma in Typst math would be
    followed by a space, so it is set as text)."""
    shown = numerals.short(value, script.current_language()).replace("-", "\u2212")
    return formula(shown.replace(",", '","'), size=size)


# Where text may go: the broadcast title-safe area, the middle 90 % of the frame, and above
# the band at its bottom where two lines of subtitles sit. `nnexplain check` holds every
# beat's text to both, so scenes place their corner notes and headers with these helpers.
SAFE_MARGIN = 0.05  # of the frame, on each side
SUBTITLE_BAND = 0.15  # of the frame's height, at its bottom
SAFE_PAD = 0.05  # scene units kept inside the limits, for anti-aliased edges


def safe_area() -> tuple[float, float, float, float]:
    """The box text may use, as (left, right, bottom, top) in scene units."""
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    side = SAFE_MARGIN * config.frame_width + SAFE_PAD
    top = SAFE_MARGIN * config.frame_height + SAFE_PAD
    bottom = max(SAFE_MARGIN, SUBTITLE_BAND) * config.frame_height + SAFE_PAD
    return -half_w + side, half_w - side, -half_h + bottom, half_h - top


def safe_width() -> float:
    left, right, _, _ = safe_area()
    return right - left


def fit_safe_width(mob: M, width: float | None = None) -> M:
    """Shrink ``mob`` (never grow it) to fit the safe width, or ``width`` if smaller."""
    room = min(safe_width(), width) if width is not None else safe_width()
    if mob.width > room:
        mob.scale_to_fit_width(room)
    return mob


def to_safe_edge(mob: M, edge: np.ndarray) -> M:
    """Like ``Mobject.to_edge``, against the safe area's edge instead of the frame's."""
    left, right, bottom, top = safe_area()
    if edge[0] < 0:
        mob.shift((left - mob.get_left()[0]) * RIGHT)
    elif edge[0] > 0:
        mob.shift((right - mob.get_right()[0]) * RIGHT)
    if edge[1] > 0:
        mob.shift((top - mob.get_top()[1]) * UP)
    elif edge[1] < 0:
        mob.shift((bottom - mob.get_bottom()[1]) * UP)
    return mob


def to_safe_corner(mob: M, corner: np.ndarray) -> M:
    """Like ``Mobject.to_corner``, into the safe area's corner."""
    return to_safe_edge(mob, corner)


def within_safe_area(mob: M) -> M:
    """Shift ``mob`` the least that brings it inside the safe area (shrinking it if too wide)."""
    fit_safe_width(mob)
    left, right, bottom, top = safe_area()
    if mob.get_left()[0] < left:
        mob.shift((left - mob.get_left()[0]) * RIGHT)
    if mob.get_right()[0] > right:
        mob.shift((right - mob.get_right()[0]) * RIGHT)
    if mob.get_bottom()[1] < bottom:
        mob.shift((bottom - mob.get_bottom()[1]) * UP)
    if mob.get_top()[1] > top:
        mob.shift((top - mob.get_top()[1]) * UP)
    return mob
