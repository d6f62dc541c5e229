"""Subtitles from the beats: cues timed by the real audio, laid out as broadcast ones are.

Each sentence a beat spoke has its start and end from the synthesised clip (or
from a reading pace with ``--voice none``). A sentence too long for one cue is cut
into as few cues as fit, at a clause's end where it can be, its time shared out by
length. The limits are broadcast practice (Netflix's timed-text style guide): at
most two lines of 42 characters, a cue shown 5/6 s to 7 s, two frames between
cues; a two-line cue is bottom-heavy and broken after a clause, never leaving one
word alone on a line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from nncore import files
from scenes.contract import Beat

LINE = 42  # characters per line
LINES = 2  # lines per cue
MIN_SECONDS = 5 / 6
MAX_SECONDS = 7.0
GAP = 0.134  # two frames at 15 fps, the slowest preset: a blink between cues at any rate

CLAUSE_END = re.compile(r"[,;:)]$")
# Words a line should not end on: they lean on the word after them.
LEANING = frozenset("a an the of to in on at by for from with and or but is are its that".split())


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # at most LINES lines of at most LINE characters, joined by "\n"


def _line_break_cost(top: list[str], bottom: list[str]) -> float:
    """How bad it is to break a cue into ``top`` over ``bottom`` (lower is better)."""
    a, b = len(" ".join(top)), len(" ".join(bottom))
    cost = abs(a - b) / 4 + max(0, a - b)  # balanced, and bottom-heavy rather than top-heavy
    if CLAUSE_END.search(top[-1]):
        cost -= 12
    if top[-1].lower() in LEANING:
        cost += 10
    if len(top) == 1 or len(bottom) == 1:
        cost += 40  # an orphaned word
    return cost


@cache
def _layout(text: str) -> tuple[str, float] | None:
    """``text`` as one line, or as the best two lines, with that break's cost; None if too long."""
    if len(text) <= LINE:
        return text, 0.0
    words = text.split()
    options = [
        (_line_break_cost(words[:i], words[i:]), i)
        for i in range(1, len(words))
        if len(" ".join(words[:i])) <= LINE and len(" ".join(words[i:])) <= LINE
    ]
    if not options:
        return None
    cost, i = min(options)
    return f"{' '.join(words[:i])}\n{' '.join(words[i:])}", cost


def _pieces(sentence: str, seconds: float = 0.0) -> list[str]:
    """``sentence`` as as few cue texts as fit in two lines and in ``MAX_SECONDS`` each.

    Among the fewest, the cuts fall after clauses and leave no cue of one word.
    """
    words = sentence.split()
    if not words:
        return []
    per_char = seconds / max(len(sentence), 1)
    # best[i]: (cues, cost, cut before) for words[:i]
    best: list[tuple[int, float, int] | None] = [(0, 0.0, 0)] + [None] * len(words)
    for end in range(1, len(words) + 1):
        for begin in range(end - 1, -1, -1):
            text = " ".join(words[begin:end])
            if len(text) > LINES * LINE + 1:
                break
            laid = _layout(text)
            if laid is None or best[begin] is None:
                continue
            if begin > 0 and len(text) * per_char > MAX_SECONDS and end - begin > 1:
                continue
            cost = laid[1] + (30 if end - begin == 1 and len(words) > 1 else 0)
            if end < len(words) and not CLAUSE_END.search(words[end - 1]):
                cost += 15  # a cue that ends mid-clause
            if end < len(words) and words[end - 1].lower() in LEANING:
                cost += 10
            n, total, _ = best[begin]
            candidate = (n + 1, total + cost, begin)
            if best[end] is None or candidate[:2] < best[end][:2]:
                best[end] = candidate
    if best[-1] is None:  # a word longer than two lines: cut it by characters
        return [sentence[k : k + LINE] for k in range(0, len(sentence), LINE)]
    cuts, end = [], len(words)
    while end:
        begin = best[end][2]
        cuts.append(_layout(" ".join(words[begin:end]))[0])
        end = begin
    return cuts[::-1]


def cues(beats: Iterable[Beat], offset: float = 0.0) -> list[Cue]:
    """The cues of a scene's beats (its sidecar's), shifted by ``offset`` seconds."""
    timed = []
    for beat in beats:
        for s in beat.sentences:
            pieces = _pieces(s.text, s.end - s.start)
            total = sum(len(p) for p in pieces)
            t = s.start
            for p in pieces:
                length = (s.end - s.start) * len(p) / total
                timed.append(Cue(offset + t, offset + t + length, p))
                t += length
    return _spaced(timed)


def _spaced(timed: list[Cue]) -> list[Cue]:
    """Cues at least ``GAP`` apart and, where the silence allows, ``MIN_SECONDS`` long."""
    result = []
    for k, cue in enumerate(timed):
        if k + 1 < len(timed):
            latest = timed[k + 1].start - GAP
            cue = replace(cue, end=min(max(cue.end, cue.start + MIN_SECONDS), latest))
        result.append(cue)
    return result


def _clock(seconds: float, separator: str) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"


def srt(cues: Sequence[Cue]) -> str:
    return "".join(
        f"{k}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n{c.text}\n\n"
        for k, c in enumerate(cues, start=1)
    )


def vtt(cues: Sequence[Cue]) -> str:
    body = "".join(f"{_clock(c.start, '.')} --> {_clock(c.end, '.')}\n{c.text}\n\n" for c in cues)
    return "WEBVTT\n\n" + body


def write_atomically(path: Path, text: str) -> Path:
    with files.written(path) as f:
        f.write(text.encode("utf-8"))
    return path


def write(cues: Sequence[Cue], stem: Path) -> list[Path]:
    """``stem.srt`` and ``stem.vtt``."""
    return [
        write_atomically(stem.with_suffix(".srt"), srt(cues)),
        write_atomically(stem.with_suffix(".vtt"), vtt(cues)),
    ]
