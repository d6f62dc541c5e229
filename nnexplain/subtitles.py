"""Subtitles from the beats: one cue per sentence, timed by the real audio.

Each sentence a beat spoke has its start and end from the synthesised clip (or
from a reading pace with ``--voice none``). A sentence too long for one cue is
split at word boundaries into cues of at most two lines of 42 characters, as
broadcast subtitles are, its time shared out by length.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from nncore import files

LINE = 42  # characters per line
LINES = 2  # lines per cue


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # at most LINES lines of at most LINE characters, joined by "\n"


def _pieces(sentence: str) -> list[str]:
    """``sentence`` as cue texts of at most LINES lines of LINE characters, balanced in length.

    A sentence that needs more than one cue is cut into as few cues as fit, of about equal
    length, so that no cue is a lone word flashing by.
    """
    lines = textwrap.wrap(sentence, LINE, break_long_words=True, break_on_hyphens=False)
    n = -(-len(lines) // LINES)
    words = sentence.split()
    while True:
        chunks = _balanced(words, n)
        wrapped = [textwrap.wrap(c, LINE, break_long_words=True, break_on_hyphens=False)
                   for c in chunks]  # fmt: skip
        if all(len(w) <= LINES for w in wrapped):
            return ["\n".join(w) for w in wrapped]
        n += 1


def _balanced(words: list[str], n: int) -> list[str]:
    """``words`` in ``n`` runs of about equal length, in order."""
    total = sum(len(w) + 1 for w in words)
    chunks, current, done = [], [], 0
    for w in words:
        current.append(w)
        done += len(w) + 1
        if len(chunks) < n - 1 and done >= total * (len(chunks) + 1) / n:
            chunks.append(" ".join(current))
            current = []
    if current:
        chunks.append(" ".join(current))
    return chunks


def cues(beats: Iterable[dict], offset: float = 0.0) -> list[Cue]:
    """The cues of a scene's beats (as its sidecar holds them), shifted by ``offset`` seconds."""
    result = []
    for beat in beats:
        for s in beat["sentences"]:
            pieces = _pieces(s["text"])
            total = sum(len(p) for p in pieces)
            t = s["start"]
            for p in pieces:
                length = (s["end"] - s["start"]) * len(p) / total
                result.append(Cue(offset + t, offset + t + length, p))
                t += length
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
