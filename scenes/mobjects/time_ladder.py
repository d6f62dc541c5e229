"""The 3Blue1Brown time ladder: stacked timelines, each the zoom-out of the one above.

Every timeline spans one rung's duration (Minute, Hour, ..., 100,000,000 Years).
The whole line above is a short blue span at the start of the line below it,
joined to it by two thin guides, so the eye can follow each zoom out. Markers put
a duration on a rung; one longer than the whole ladder gets an arrow past the
end of the last line.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Line,
    ManimColor,
    Mobject,
    Triangle,
    VGroup,
)

from nncore.compute import RUNGS, LadderPosition, Rung
from scenes.style import (
    HIGHLIGHT,
    LABEL_SIZE,
    LADDER_GUIDE,
    LADDER_GUIDE_STROKE_WIDTH,
    LADDER_LINE,
    LADDER_SPACING,
    LADDER_STROKE_WIDTH,
    LADDER_WIDTH,
    LADDER_ZOOM,
    LADDER_ZOOM_STROKE_WIDTH,
    MARKER_SIZE,
    text,
)

LABEL_BUFF = 0.3  # between a rung's name and its line
END_CAP_HEIGHT = 0.12  # small upright strokes that close each timeline
POINTER_LABEL_BUFF = 0.28  # room for a visible leader between a marker and its label
BEYOND_ARROW_LENGTH = 1.5
BEYOND_GAP = 0.12  # between the last line's end and the arrow past it


class LadderMarker(VGroup):
    """A pointer on the ladder, its label, and a thin leader joining the two.

    ``pointer`` is a triangle touching the line from below, or an arrow past the
    end of the last line; ``anchor`` is where the leader leaves the pointer.
    """

    def __init__(self, pointer: Mobject, label: Mobject, anchor: np.ndarray) -> None:
        self.pointer = pointer
        self.label = label
        self.anchor = np.array(anchor, dtype=float)
        self.leader = Line(
            self.anchor,
            label.get_top(),
            color=LADDER_GUIDE,
            stroke_width=LADDER_GUIDE_STROKE_WIDTH,
        )
        super().__init__(pointer, self.leader, label)

    def move_label_to_x(self, x: float) -> None:
        """Slide the label sideways to centre ``x``; the leader follows it."""
        self.label.set_x(x)
        self.leader.put_start_and_end_on(self.anchor, self.label.get_top())


class TimeLadder(VGroup):
    """Timelines for ``rungs``, top to bottom, each labelled with the rung's name.

    Parameters
    ----------
    names
        What each rung is called on screen, in the script's words, one per rung.
    rungs
        The ladder's rungs, shortest first (default :data:`nncore.compute.RUNGS`).
    width
        Length of every timeline.
    spacing
        Vertical distance between timelines.

    Attributes
    ----------
    lines, labels
        One :class:`Line` and one name per rung.
    zooms
        Per rung, the blue span standing for the whole rung above plus the two
        guides joining them (empty for the first rung).
    rows
        Per rung, everything drawn for it: line with end caps, name, zoom.
    """

    def __init__(
        self,
        names: Sequence[str],
        rungs: Sequence[Rung] = RUNGS,
        width: float = LADDER_WIDTH,
        spacing: float = LADDER_SPACING,
    ) -> None:
        self.rungs = tuple(rungs)
        if len(names) != len(self.rungs):
            raise ValueError(f"{len(names)} names for {len(self.rungs)} rungs")
        self.lines = VGroup()
        self.labels = VGroup()
        self.zooms: list[VGroup] = []
        self.rows = VGroup()
        for i, (rung, name) in enumerate(zip(self.rungs, names, strict=True)):
            y = -i * spacing
            line = Line(
                [0.0, y, 0.0],
                [width, y, 0.0],
                color=LADDER_LINE,
                stroke_width=LADDER_STROKE_WIDTH,
            )
            caps = VGroup(
                *(
                    Line(
                        p + END_CAP_HEIGHT / 2 * DOWN,
                        p + END_CAP_HEIGHT / 2 * UP,
                        color=LADDER_LINE,
                        stroke_width=LADDER_STROKE_WIDTH,
                    )
                    for p in (line.get_start(), line.get_end())
                )
            )
            label = text(name, size=LABEL_SIZE).next_to(line, LEFT, buff=LABEL_BUFF)
            zoom = self._zoom(self.lines[-1], line, self.rungs[i - 1], rung) if i else VGroup()
            self.lines.add(line)
            self.labels.add(label)
            self.zooms.append(zoom)
            self.rows.add(VGroup(line, caps, label, zoom))
        super().__init__(*self.rows)

    @staticmethod
    def _zoom(above: Line, line: Line, above_rung: Rung, rung: Rung) -> VGroup:
        """The span of ``line`` that the whole of ``above`` stands for, and its guides."""
        span_end = line.get_start() + (above_rung.seconds / rung.seconds) * (
            line.get_end() - line.get_start()
        )
        span = Line(
            line.get_start(),
            span_end,
            color=LADDER_ZOOM,
            stroke_width=LADDER_ZOOM_STROKE_WIDTH,
        )
        guides = VGroup(
            *(
                Line(a, b, color=LADDER_GUIDE, stroke_width=LADDER_GUIDE_STROKE_WIDTH)
                for a, b in ((above.get_start(), line.get_start()), (above.get_end(), span_end))
            )
        )
        return VGroup(span, guides)

    def point_at(self, index: int, fraction: float) -> np.ndarray:
        """The point ``fraction`` of the way along rung ``index`` (0 start, 1 end)."""
        line = self.lines[index]
        return line.get_start() + fraction * (line.get_end() - line.get_start())

    def marker(
        self,
        position: LadderPosition,
        label: Mobject,
        beyond_label: Mobject | None = None,
        color: ManimColor | str = HIGHLIGHT,
    ) -> LadderMarker:
        """A marker for ``position`` with ``label`` centred below it.

        On a rung, a triangle touches the line from below. Past the last rung
        (``position.beyond``), an arrow leaves the end of the line with
        ``beyond_label`` (say "×12") above it. Labels sit below the pointer, so
        they have room only under the last rung.
        """
        if position.beyond:
            end = self.lines[position.index].get_end()
            arrow = Arrow(
                end + BEYOND_GAP * RIGHT,
                end + (BEYOND_GAP + BEYOND_ARROW_LENGTH) * RIGHT,
                buff=0,
                color=color,
                stroke_width=LADDER_STROKE_WIDTH,
                # A slimmer tip than manim's default, in keeping with the thin timelines.
                max_tip_length_to_length_ratio=0.15,
            )
            pointer = VGroup(arrow)
            if beyond_label is not None:
                pointer.add(beyond_label.next_to(arrow, UP, buff=0.1))
            anchor = arrow.get_center()
        else:
            tip = self.point_at(position.index, position.fraction)
            pointer = Triangle(color=color, fill_opacity=1.0, stroke_width=0)
            pointer.scale_to_fit_height(MARKER_SIZE).move_to(tip, aligned_edge=UP)
            anchor = pointer.get_bottom()
        label.next_to(anchor, DOWN, buff=POINTER_LABEL_BUFF)
        return LadderMarker(pointer, label, anchor)


def spread_labels(
    markers: Sequence[LadderMarker], left: float, right: float, gap: float = 0.3
) -> None:
    """Slide marker labels sideways so that none overlap, each as near its marker as fits.

    Labels keep their left-to-right order and stay within ``[left, right]``.
    Overlapping labels are merged into a block packed ``gap`` apart and centred
    where its labels want to be on average (least squares), until no blocks
    overlap.
    """
    order = sorted(markers, key=lambda m: m.label.get_x())
    blocks: list[list[LadderMarker]] = []
    starts: list[float] = []

    def width(block: list[LadderMarker]) -> float:
        return sum(m.label.width for m in block) + gap * (len(block) - 1)

    def best_start(block: list[LadderMarker]) -> float:
        offsets = np.cumsum([0.0] + [m.label.width + gap for m in block[:-1]])
        wanted = [m.label.get_left()[0] - o for m, o in zip(block, offsets, strict=True)]
        return float(np.clip(np.mean(wanted), left, right - width(block)))

    for marker in order:
        blocks.append([marker])
        starts.append(best_start(blocks[-1]))
        while len(blocks) > 1 and starts[-1] < starts[-2] + width(blocks[-2]) + gap:
            merged = blocks[-2] + blocks.pop()
            starts.pop()
            blocks[-1] = merged
            starts[-1] = best_start(merged)
    for block, start in zip(blocks, starts, strict=True):
        x = start
        for marker in block:
            marker.move_label_to_x(x + marker.label.width / 2)
            x += marker.label.width + gap
