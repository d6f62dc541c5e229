"""Subtitles a viewer can read: short lines, a reading pace, time to read, no overlap.

The limits are broadcast practice (Netflix's timed-text style guide for adult
English): 42 characters a line, 2 lines, 20 characters a second, a cue shown for
5/6 s to 7 s, and 2 frames between cues. 3Blue1Brown's own captions run at a
median of 19 characters a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nnexplain.check.folder import Finding, RenderedChapter

MAX_LINE = 42
MAX_LINES = 2
MAX_RATE = 20.0  # characters a second
MIN_SECONDS = 5 / 6
MAX_SECONDS = 7.0
MIN_GAP_FRAMES = 2
SLACK = 1e-3  # the file's millisecond clock

CLOCK = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{3})")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]

    @property
    def characters(self) -> int:
        return len(" ".join(self.lines))


def _seconds(clock: str) -> float:
    h, m, s, ms = map(int, CLOCK.fullmatch(clock.strip()).groups())
    return 3600 * h + 60 * m + s + ms / 1000


def read_srt(path: Path) -> list[Cue]:
    """The cues of an ``.srt`` file, in order."""
    cues = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        rows = block.splitlines()
        if len(rows) < 2 or "-->" not in rows[1]:
            continue
        start, end = rows[1].split("-->")
        cues.append(Cue(_seconds(start), _seconds(end), tuple(rows[2:])))
    return cues


def check(chapter: RenderedChapter) -> list[Finding]:
    """Every cue of the chapter's ``.srt``, and of its translations', against the limits above."""
    path = chapter.file(".srt")
    if path is None:
        return [Finding(chapter.name, "subtitles", "no .srt was rendered")]
    found = _check(chapter, path, "")
    for language, translated in chapter.translations().items():
        found += _check(chapter, translated, f"{language} ")
    return found


def _check(chapter: RenderedChapter, path: Path, which: str) -> list[Finding]:
    """The cues of ``path``; a finding names ``which`` subtitles (``"es "``, or ``""``)."""
    cues = read_srt(path)
    found = []

    def bad(k: int, what: str) -> None:
        found.append(Finding(chapter.name, "subtitles", f"{which}cue {k}: {what}"))

    gap = MIN_GAP_FRAMES / chapter.frame_rate
    for k, cue in enumerate(cues, start=1):
        seconds = cue.end - cue.start
        long = [line for line in cue.lines if len(line) > MAX_LINE]
        if long:
            bad(k, f"a line of {len(long[0])} characters (at most {MAX_LINE}): {long[0]!r}")
        if len(cue.lines) > MAX_LINES:
            bad(k, f"{len(cue.lines)} lines (at most {MAX_LINES})")
        if seconds > 0 and cue.characters / seconds > MAX_RATE + SLACK:
            bad(k, f"{cue.characters / seconds:.1f} characters a second (at most {MAX_RATE:.0f})")
        if seconds < MIN_SECONDS - SLACK:
            bad(k, f"shown {seconds:.2f} s (at least {MIN_SECONDS:.2f} s)")
        if seconds > MAX_SECONDS + SLACK:
            bad(k, f"shown {seconds:.2f} s (at most {MAX_SECONDS:.0f} s)")
        if cue.end > chapter.duration + SLACK:
            bad(k, f"ends at {cue.end:.2f} s, after the video ({chapter.duration:.2f} s)")
        after = cue.start - cues[k - 2].end if k > 1 else gap
        if after < gap - SLACK:
            bad(k, f"starts {max(after, 0) * 1000:.0f} ms after the cue before "
                   f"(at least {MIN_GAP_FRAMES} frames, {gap * 1000:.0f} ms)")  # fmt: skip
    return found
