"""What text is on screen when a beat ends: each piece's box, colour, opacity and size.

``nnexplain check`` judges contrast and layout from these records, as the scene
knows them, rather than from pixels: a label is a label whatever lies beside it. Its
colours are those a viewer sees: over the filled shapes behind it, under a veil in front.
Boxes are in pixels of a 1920x1080 frame, origin at the top left, whatever the
render's quality, so the limits read the same at every size.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DL, UR, DecimalNumber, ManimColor, MathTypst, Mobject, Text, VMobject, config

from scenes import numerals

FRAME_PIXELS = (1920, 1080)  # the records' coordinates
TEXT_TYPES = (Text, DecimalNumber, MathTypst)


def _layers(mobjects: list[Mobject]) -> list[Mobject]:
    """In drawing order: each outermost text, and each filled shape that is not text."""
    found: list[Mobject] = []

    def walk(m: Mobject) -> None:
        if isinstance(m, TEXT_TYPES):
            found.append(m)
            return
        if isinstance(m, VMobject) and m.has_points() and m.get_fill_opacity() > 0:
            found.append(m)
        for sub in m.submobjects:
            walk(sub)

    for m in mobjects:
        walk(m)
    return found


def _covers(shape: Mobject, point: np.ndarray) -> bool:
    (x0, y0, _), (x1, y1, _) = shape.get_corner(DL), shape.get_corner(UR)
    return x0 <= point[0] <= x1 and y0 <= point[1] <= y1


def _over(front: ManimColor, opacity: float, back: np.ndarray) -> np.ndarray:
    return opacity * np.asarray(front.to_rgb()) + (1 - opacity) * back


def _pixels(point: np.ndarray) -> tuple[float, float]:
    w, h = FRAME_PIXELS
    x = (point[0] / config.frame_width + 0.5) * w
    y = (0.5 - point[1] / config.frame_height) * h
    return round(float(x), 1), round(float(y), 1)


def _words(m: Mobject) -> str:
    if isinstance(m, DecimalNumber):  # its value, as its language writes it (style.number)
        language = getattr(m, "language", numerals.DEFAULT)
        return numerals.written(m.get_value(), m.num_decimal_places, language, grouping=False)
    return str(getattr(m, "original_text", None) or getattr(m, "text", None) or "")


def record(mobjects: list[Mobject], background: str) -> list[dict[str, Any]]:
    """A record per visible text in ``mobjects``: words, box, colour, opacity, height.

    ``background`` is what lies behind the text's middle: the scene's background, under
    every filled shape drawn before the text there (a box, a panel). A filled shape drawn
    after the text over its middle (a veil that dims what is not being explained) dims
    both, and the record gives the colours as seen: ``color`` and ``background`` after it.
    """
    layers = _layers(mobjects)
    records = []
    for k, m in enumerate(layers):
        if not isinstance(m, TEXT_TYPES):
            continue
        parts = [p for p in m.family_members_with_points() if p.get_fill_opacity() > 0]
        if not parts:
            continue
        opacity = max(float(p.get_fill_opacity()) for p in parts)
        middle = m.get_center()
        back = np.asarray(ManimColor(background).to_rgb())
        for shape in layers[:k]:
            if not isinstance(shape, TEXT_TYPES) and _covers(shape, middle):
                back = _over(shape.get_fill_color(), float(shape.get_fill_opacity()), back)
        front = _over(parts[0].get_fill_color(), opacity, back)
        for shape in layers[k + 1 :]:
            if not isinstance(shape, TEXT_TYPES) and _covers(shape, middle):
                veil = float(shape.get_fill_opacity())
                front = _over(shape.get_fill_color(), veil, front)
                back = _over(shape.get_fill_color(), veil, back)
        x0, y1 = _pixels(m.get_corner(DL))
        x1, y0 = _pixels(m.get_corner(UR))
        records.append({
            "text": _words(m)[:120],
            "box": [x0, y0, x1, y1],
            "color": ManimColor(front).to_hex(),
            "opacity": 1.0,
            "height": round(y1 - y0, 1),
            "background": ManimColor(back).to_hex(),
        })  # fmt: skip
    return records
