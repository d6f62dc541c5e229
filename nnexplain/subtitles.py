"""Subtitles from the beats: one cue per sentence, timed by the real audio.

Each sentence a beat spoke has its start and end from the synthesised clip (or
from a reading pace with ``--voice none``). A sentence too long for one cue is
split at word boundaries into cues of at most two lines of 42 characters, as
broadcast subtitles are, its time shared out by length.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LINE = 42  # characters per line
LINES = 2  # lines per cue


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str  # at most LINES lines of at most LINE characters, joined by "\n"


def _pieces(sentence: str) -> list[str]:
    """``sentence`` as cue texts: lines of at most LINE characters, LINES to a cue."""
    lines = textwrap.wrap(sentence, LINE, break_long_words=True, break_on_hyphens=False)
    return ["\n".join(lines[k : k + LINES]) for k in range(0, len(lines), LINES)]


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
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def write(cues: Sequence[Cue], stem: Path) -> list[Path]:
    """``stem.srt`` and ``stem.vtt``."""
    return [
        write_atomically(stem.with_suffix(".srt"), srt(cues)),
        write_atomically(stem.with_suffix(".vtt"), vtt(cues)),
    ]
