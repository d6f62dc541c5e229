"""What text is on screen when a beat ends: each piece's box, colour, opacity and size.

``nnexplain check`` judges contrast and layout from these records, as the scene
knows them, rather than from pixels: a label is a label whatever lies beside it.
Boxes are in pixels of a 1920x1080 frame, origin at the top left, whatever the
render's quality, so the limits read the same at every size.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import DL, UR, DecimalNumber, MathTypst, Mobject, Text, config

FRAME_PIXELS = (1920, 1080)  # the records' coordinates
TEXT_TYPES = (Text, DecimalNumber, MathTypst)


def _texts(mobjects: list[Mobject]) -> list[Mobject]:
    """The outermost text mobjects in ``mobjects``' families (a number, not its digits)."""
    found: list[Mobject] = []

    def walk(m: Mobject) -> None:
        if isinstance(m, TEXT_TYPES):
            found.append(m)
            return
        for sub in m.submobjects:
            walk(sub)

    for m in mobjects:
        walk(m)
    return found


def _pixels(point: np.ndarray) -> tuple[float, float]:
    w, h = FRAME_PIXELS
    x = (point[0] / config.frame_width + 0.5) * w
    y = (0.5 - point[1] / config.frame_height) * h
    return round(float(x), 1), round(float(y), 1)


def _words(m: Mobject) -> str:
    if isinstance(m, DecimalNumber):
        return f"{m.get_value():.{m.num_decimal_places}f}"
    return str(getattr(m, "original_text", None) or getattr(m, "text", None) or "")


def record(mobjects: list[Mobject], background: str) -> list[dict[str, Any]]:
    """A record per visible text in ``mobjects``: words, box, colour, opacity, height."""
    records = []
    for m in _texts(mobjects):
        parts = [p for p in m.family_members_with_points() if p.get_fill_opacity() > 0]
        if not parts:
            continue
        opacity = max(float(p.get_fill_opacity()) for p in parts)
        x0, y1 = _pixels(m.get_corner(DL))
        x1, y0 = _pixels(m.get_corner(UR))
        records.append({
            "text": _words(m)[:120],
            "box": [x0, y0, x1, y1],
            "color": parts[0].get_fill_color().to_hex(),
            "opacity": round(opacity, 3),
            "height": round(y1 - y0, 1),
            "background": background,
        })  # fmt: skip
    return records
