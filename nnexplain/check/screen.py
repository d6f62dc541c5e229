"""Text a viewer can read: enough contrast, inside the frame, apart, clear of the subtitles.

Judged from what each scene recorded of its text at every beat's end
(:mod:`scenes.engine.on_screen`), in pixels of a 1920x1080 frame. The limits are WCAG
2.1's contrast (4.5:1 for text, 3:1 for large text, 24 px tall at 1080p here) and
the broadcast title-safe area, the middle 90 % of the frame.
"""

from __future__ import annotations

from itertools import combinations

from manim import ManimColor

from nnexplain.check.folder import Finding, RenderedChapter
from scenes.style import SAFE_MARGIN as SAFE
from scenes.style import SUBTITLE_BAND

WIDTH, HEIGHT = 1920, 1080
MIN_CONTRAST = 4.5
MIN_CONTRAST_LARGE = 3.0
LARGE = 24  # px tall at 1080p
OVERLAP = 2.0  # px two boxes may share before they overlap (anti-aliased edges)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(color: str, opacity: float, background: str) -> float:
    """WCAG's contrast ratio of ``color`` at ``opacity`` over ``background``: 1 to 21."""
    front = ManimColor(color).to_rgb()
    back = ManimColor(background).to_rgb()
    seen = tuple(opacity * f + (1 - opacity) * b for f, b in zip(front, back))
    lighter, darker = sorted((_luminance(seen), _luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _overlap(a: list[float], b: list[float]) -> bool:
    across = min(a[2], b[2]) - max(a[0], b[0])
    down = min(a[3], b[3]) - max(a[1], b[1])
    return across > OVERLAP and down > OVERLAP


def check(chapter: RenderedChapter) -> list[Finding]:
    """Every recorded text of every beat against the limits above."""
    found = []
    recorded = [b for b in chapter.beats if b.texts]
    if not recorded:
        return [Finding(chapter.name, "layout", "the sidecar records no text: render it again")]
    for beat in recorded:
        name = beat.name

        def bad(check: str, what: str, name: str = name) -> None:
            found.append(Finding(chapter.name, check, f"beat {name}: {what}"))

        texts = beat.texts
        for t in texts:
            ratio = contrast(t["color"], t["opacity"], t["background"])
            needed = MIN_CONTRAST_LARGE if t["height"] >= LARGE else MIN_CONTRAST
            if ratio < needed:
                bad("contrast", f"{t['text']!r} at {ratio:.1f}:1 (needs {needed:.1f}:1)")
            x0, y0, x1, y1 = t["box"]
            if x0 < 0 or y0 < 0 or x1 > WIDTH or y1 > HEIGHT:
                bad("layout", f"{t['text']!r} crosses the frame's edge")
            elif (x0 < SAFE * WIDTH or y0 < SAFE * HEIGHT or x1 > (1 - SAFE) * WIDTH
                  or y1 > (1 - SAFE) * HEIGHT):  # fmt: skip
                bad("layout", f"{t['text']!r} is outside the title-safe area")
            if y1 > (1 - SUBTITLE_BAND) * HEIGHT:
                bad("layout", f"{t['text']!r} is in the subtitles' band")
        for a, b in combinations(texts, 2):
            if _overlap(a["box"], b["box"]):
                bad("layout", f"{a['text']!r} overlaps {b['text']!r}")
    return found
