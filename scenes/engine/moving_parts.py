"""Redraw on each frame only the parts an animation can change, and what is drawn over them.

manim redraws on every frame of an animation the first animated mobject and
*everything after it* in the scene: it cannot know that a later part does not
overlap what moves, so it keeps the drawing order by redrawing them all. When a
network's edges change colour, that is every neuron, label, table and note added
after the network: a thousand parts a frame instead of seven hundred.

:func:`moving_and_static` knows where an animation can draw. For the animations
whose reach is known in advance (see :func:`reach`), a part after the first
animated one stays in the static picture unless it overlaps the reach of
something redrawn before it; one that does is redrawn too, and so may draw over
later ones in turn. The drawing order at every pixel is manim's, so every frame
is the same (``tests/test_moving_parts.py``). Any other animation, an updater, a
foreground mobject or a ``z_index`` leaves the choice to manim.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from manim import AnimationGroup, DrawBorderThenFill, Mobject, Scene, ShowPartial, Transform, Wait
from manim.animation.transform import FadeTransform
from manim.utils.bezier import interpolate
from manim.utils.family import extract_mobject_family_members
from manim.utils.iterables import list_update

from scenes.engine.fades import Recolor, _OpacityFade

Box = tuple[float, float, float, float]  # x_min, y_min, x_max, y_max in frame units
ANTIALIAS_PIXELS = 2.0  # how far past its outline cairo's antialiasing can touch a pixel


def moving_and_static(
    scene: Scene, animations: Sequence[object]
) -> tuple[list[Mobject], list[Mobject]] | None:
    """The parts to redraw on each frame and those to draw once, in drawing order.

    ``None`` when an animation's reach is not known here: manim's own split then applies.
    """
    if scene.foreground_mobjects:
        return None
    reaches = [reach(a) for a in animations]
    if any(r is None for r in reaches):
        return None
    parts = extract_mobject_family_members(
        list_update(scene.mobjects, scene.foreground_mobjects), only_those_with_points=True
    )
    if any(p.z_index != 0 or p.updaters for p in parts):
        return None
    if any(
        m.updaters for a in animations for top in _animated_mobjects(a) for m in top.get_family()
    ):
        return None
    # Each animated part, with the animations (by index) that can change it.
    changed_by: dict[int, list[int]] = {}
    for k, a in enumerate(animations):
        for top in _animated_mobjects(a):
            for p in top.family_members_with_points():
                changed_by.setdefault(id(p), []).append(k)
    boxes = _part_boxes(parts, _margin(scene))
    # Where the parts redrawn so far, in drawing order, can draw: at most one box per part
    # and each animation's reach, counted once.
    redrawn = np.empty((len(parts) + sum(map(len, reaches)), 4))
    n = 0
    counted: set[int] = set()
    moving, static = [], []
    for part, box in zip(parts, boxes, strict=True):
        if id(part) in changed_by:
            moving.append(part)
            for k in set(changed_by[id(part)]) - counted:
                counted.add(k)
                for r in reaches[k]:
                    redrawn[n] = r
                    n += 1
            continue
        r = redrawn[:n]
        over = (box[0] <= r[:, 2]) & (r[:, 0] <= box[2]) & (box[1] <= r[:, 3]) & (r[:, 1] <= box[3])
        if over.any():
            moving.append(part)  # drawn over something redrawn: redrawn after it too
            redrawn[n] = box
            n += 1
        else:
            static.append(part)
    # Never empty, as in manim: the renderer would take an empty list for "draw everything".
    return moving or [a.mobject for a in animations], static


def _part_boxes(parts: Sequence[Mobject], margin: float) -> np.ndarray:
    """Each part's box, grown by half its widest stroke and ``margin``: shape (parts, 4)."""
    if not parts:
        return np.empty((0, 4))
    points = np.concatenate([p.points[:, :2] for p in parts])
    starts = np.cumsum([0] + [len(p.points) for p in parts[:-1]])
    low = np.minimum.reduceat(points, starts, axis=0)
    high = np.maximum.reduceat(points, starts, axis=0)
    finite = np.logical_and.reduceat(np.isfinite(points).all(axis=1), starts)
    low[~finite], high[~finite] = -np.inf, np.inf
    grow = margin + np.array([_stroke(p) for p in parts])[:, None]
    return np.hstack([low - grow, high + grow])


def reach(animation: object) -> list[Box] | None:
    """Boxes that hold everything ``animation`` can draw, grown by stroke and antialiasing.

    Known for colour-only changes and fades (:mod:`scenes.engine.fades`), partial drawings of
    a mobject's own curves (Create, Write, ShowPassingFlash), Transforms along straight
    paths (between their start and their target, by convexity), Waits and groups of
    these. ``None`` for anything else.
    """
    if isinstance(animation, Wait):
        return []
    if isinstance(animation, AnimationGroup):
        boxes: list[Box] = []
        for a in animation.animations:
            inner = reach(a)
            if inner is None:
                return None
            boxes += inner
        return boxes
    if isinstance(animation, _OpacityFade):
        boxes = _boxes([animation.mobject])
        if animation.shift_vector is None:
            return boxes
        # It arrives from -shift or leaves towards +shift: the box, moved both ways.
        dx, dy = animation.shift_vector[:2]
        return boxes + [
            (x0 + k * dx, y0 + k * dy, x1 + k * dx, y1 + k * dy)
            for x0, y0, x1, y1 in boxes
            for k in (-1.0, 1.0)
        ]
    if isinstance(animation, Recolor | ShowPartial):
        return _boxes([animation.mobject])
    if isinstance(animation, DrawBorderThenFill):  # Write: its outline has its own width
        return _boxes([animation.mobject], at_least=animation.stroke_width)
    if isinstance(animation, Transform) and not isinstance(animation, FadeTransform):
        if animation.path_func is not interpolate or animation.target_mobject is None:
            return None  # an arc can leave the box of its ends; an unbuilt target is unknown
        ends = [animation.mobject, animation.target_mobject]
        if getattr(animation, "target_copy", None) is not None:
            ends.append(animation.target_copy)
        return _boxes(ends)
    return None


def _animated_mobjects(animation: object) -> Iterable[Mobject]:
    yield animation.mobject
    if isinstance(animation, AnimationGroup):
        for a in animation.animations:
            yield from _animated_mobjects(a)


def _boxes(mobjects: Iterable[Mobject], at_least: float = 0.0) -> list[Box]:
    """Each mobject's box, grown by its widest stroke (or ``at_least`` that width)."""
    boxes = []
    for m in mobjects:
        parts = m.family_members_with_points()
        box = _box(parts)
        if box is not None:
            widest = max([0.01 * at_least / 2] + [_stroke(p) for p in parts])
            boxes.append(_grown(box, widest))
    return boxes


def _box(parts: Sequence[Mobject]) -> Box | None:
    points = [p.points for p in parts if len(p.points)]
    if not points:
        return None
    xy = np.concatenate(points)[:, :2]
    if not np.isfinite(xy).all():
        return (-np.inf, -np.inf, np.inf, np.inf)
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    return (float(x0), float(y0), float(x1), float(y1))


def _stroke(part: Mobject) -> float:
    """Half the widest stroke of ``part``, in frame units (manim's 0.01 per unit of width)."""
    width = max(getattr(part, "stroke_width", 0.0), getattr(part, "background_stroke_width", 0.0))
    return 0.01 * float(width) / 2


def _margin(scene: Scene) -> float:
    camera = scene.renderer.camera
    return ANTIALIAS_PIXELS * camera.frame_width / camera.pixel_width


def _grown(box: Box, by: float) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)
