"""Subtitles from the beats: cues timed by the real audio, laid out as broadcast ones are.

Each sentence a beat spoke has its start and end from the synthesised clip (or
from a reading pace with ``--voice none``). A sentence too long for one cue is cut
into as few cues as fit, at a clause's end where it can be, its time shared out by
length. The limits are broadcast practice (Netflix's timed-text style guide): at
most two lines of 42 characters, at most 20 characters a second, a cue shown 5/6 s
to 7 s, two frames between cues; a two-line cue is bottom-heavy and broken after a
clause, never leaving one word alone on a line. A cue that its words leave too
little time to read borrows it from the pauses and slower cues around it.

Subtitles in another language (``--subtitles es``) take each sentence of the beats'
translation (``Beat.subtitles``) and show it while its English sentence is spoken, as
3Blue1Brown's community captions are timed by his English ones; a long one is cut into
cues within that time by the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from nncore import files
from scenes.contract import Beat

LINE = 42  # characters per line
LINES = 2  # lines per cue
MIN_SECONDS = 5 / 6
MAX_SECONDS = 7.0
MAX_RATE = 20.0  # characters a second
GAP = 0.134  # two frames at 15 fps, the slowest preset: a blink between cues at any rate

CLAUSE_END = re.compile(r"[,;:)]$")
# Words a line should not end on, by language: they lean on the word after them.
LEANING = {
    "en": frozenset("a an the of to in on at by for from with and or but is are its that".split()),
    "es": frozenset("el la los las lo un una unos unas de del al a en con por para y e o u que "
                    "su sus se no es".split()),
}  # fmt: skip
LANGUAGE = "en"


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # at most LINES lines of at most LINE characters, joined by "\n"


def _line_break_cost(top: list[str], bottom: list[str], leaning: frozenset[str]) -> float:
    """How bad it is to break a cue into ``top`` over ``bottom`` (lower is better)."""
    a, b = len(" ".join(top)), len(" ".join(bottom))
    cost = abs(a - b) / 4 + 3 * max(0, a - b)  # balanced, and bottom-heavy rather than top-heavy
    if CLAUSE_END.search(top[-1]):
        cost -= 12
    if top[-1].lower() in leaning:
        cost += 10
    if len(top) == 1 or len(bottom) == 1:
        cost += 40  # an orphaned word
    return cost


@cache
def _layout(text: str, language: str = LANGUAGE) -> tuple[str, float] | None:
    """``text`` as one line, or as the best two lines, with that break's cost; None if too long."""
    if len(text) <= LINE:
        return text, 0.0
    words = text.split()
    options = [
        (_line_break_cost(words[:i], words[i:], LEANING.get(language, frozenset())), i)
        for i in range(1, len(words))
        if len(" ".join(words[:i])) <= LINE and len(" ".join(words[i:])) <= LINE
    ]
    if not options:
        return None
    cost, i = min(options)
    return f"{' '.join(words[:i])}\n{' '.join(words[i:])}", cost


def _pieces(sentence: str, seconds: float = 0.0, language: str = LANGUAGE) -> list[str]:
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
            laid = _layout(text, language)
            if laid is None or best[begin] is None:
                continue
            if begin > 0 and len(text) * per_char > MAX_SECONDS and end - begin > 1:
                continue
            cost = laid[1] + (30 if end - begin == 1 and len(words) > 1 else 0)
            if (begin, end) != (0, len(words)) and len(text) * per_char < MIN_SECONDS:
                cost += 20  # a flash: it would borrow its reading time from its neighbours
            if end < len(words) and not CLAUSE_END.search(words[end - 1]):
                cost += 15  # a cue that ends mid-clause
            if end < len(words) and words[end - 1].lower() in LEANING.get(language, ()):
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
        cuts.append(_layout(" ".join(words[begin:end]), language)[0])
        end = begin
    return cuts[::-1]


def cues(
    beats: Sequence[Beat],
    offset: float = 0.0,
    language: str = LANGUAGE,
    translation: bool = False,
) -> list[Cue]:
    """The cues of a scene's beats (its sidecar's), shifted by ``offset`` seconds, their
    text in ``language``: the narration's own, or with ``translation`` the beats' sentences
    in that other language, each in the time of the sentence it translates.

    Each cue is first timed with the words it holds, then given time to be read
    (:func:`_readable`) within the stretch from the first beat's start to the
    last one's end.
    """
    timed = []
    for beat in beats:
        texts = (
            beat.subtitles.get(language, ()) if translation else [s.text for s in beat.sentences]
        )
        for s, text in zip(beat.sentences, texts):
            pieces = _pieces(text, s.end - s.start, language)
            total = sum(len(p) for p in pieces)
            t = s.start
            for p in pieces:
                length = (s.end - s.start) * len(p) / total
                timed.append(Cue(offset + t, offset + t + length, p))
                t += length
    if not timed:
        return []
    lo = offset + min(beats[0].start, timed[0].start - offset)
    hi = offset + max(beats[-1].end, timed[-1].end - offset)
    return _readable(timed, lo, hi)


def _needed(cue: Cue) -> float:
    """The shortest time ``cue`` may show: 5/6 s, and 20 characters a second.

    A millisecond over, so the file's millisecond clock never rounds a cue under.
    """
    return max(MIN_SECONDS, len(cue.text.replace("\n", " ")) / MAX_RATE) + 0.002


def _readable(timed: list[Cue], lo: float, hi: float) -> list[Cue]:
    """Cues as near their words as they can be while each is readable and they are apart.

    Each cue keeps its own length, clamped to :func:`_needed` .. ``MAX_SECONDS``
    (less ``GAP`` where the next cue follows at once). A cue that needs more time
    than its words take borrows it from the pauses and the slower cues around it:
    the starts that move the cues least, in squares, while each cue ends ``GAP``
    before the next starts and all stay within ``lo`` .. ``hi``. With ``C[k]`` the
    lengths and gaps before cue ``k``, that is an isotonic regression of
    ``start[k] - C[k]``, solved by pooling adjacent violators, then clipped.
    """
    lengths = []
    for k, cue in enumerate(timed):
        own = cue.end - cue.start
        if k + 1 < len(timed):
            own -= max(0.0, GAP - (timed[k + 1].start - cue.end))
        lengths.append(min(MAX_SECONDS, max(_needed(cue), own)))
    room = hi - lo - GAP * (len(timed) - 1)
    if sum(lengths) > room:  # no pause left to borrow: slow cues give up what they can spare
        needs = [min(_needed(c), length) for c, length in zip(timed, lengths)]
        spare = sum(lengths) - sum(needs)
        keep = max(0.0, room - sum(needs)) / spare if spare else 0.0
        lengths = [n + (length - n) * keep for n, length in zip(needs, lengths)]
        if sum(needs) > room:  # faster than anyone reads, pauses and all: share what there is
            lengths = [n * room / sum(needs) for n in needs]
    before = [0.0]
    for length in lengths[:-1]:
        before.append(before[-1] + length + GAP)
    pools: list[list[float]] = []  # [mean, count] of pooled targets
    for cue, c in zip(timed, before):
        pools.append([cue.start - c, 1])
        while len(pools) > 1 and pools[-2][0] >= pools[-1][0]:
            mean, n = pools.pop()
            pools[-1] = [(pools[-1][0] * pools[-1][1] + mean * n) / (pools[-1][1] + n),
                         pools[-1][1] + n]  # fmt: skip
    latest = hi - before[-1] - lengths[-1]
    shifts = [min(max(mean, lo), latest) for mean, n in pools for _ in range(n)]
    return [
        replace(cue, start=t + c, end=t + c + length)
        for cue, t, c, length in zip(timed, shifts, before, lengths)
    ]


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
    """``stem.srt`` and ``stem.vtt`` (``lecture.es`` -> ``lecture.es.srt``)."""
    return [
        write_atomically(stem.with_name(f"{stem.name}.srt"), srt(cues)),
        write_atomically(stem.with_name(f"{stem.name}.vtt"), vtt(cues)),
    ]


def translated(stem: Path, language: str) -> Path:
    """Where subtitles in ``language`` go beside ``stem``'s: ``lecture`` -> ``lecture.es``."""
    return stem.with_name(f"{stem.name}.{language}")
