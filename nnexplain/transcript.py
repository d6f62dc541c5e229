"""``OUT/transcript.txt``: the narration, chapter by chapter, each sentence with its time.

The times are the lecture video's (as ``lecture.srt`` has them) when there is one; else each
chapter's own video's.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from nncore.files import written
from nnexplain.render import Result, beats_of
from nnexplain.words import Words


def clock(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` past an hour, as video sites write times."""
    s = int(seconds)
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


def transcript(results: Sequence[Result], words: Words, offsets: Sequence[float] | None) -> str:
    """The text of the transcript; ``offsets`` are where each chapter's video starts."""
    heading = "transcript-title-lecture" if offsets is not None else "transcript-title-chapters"
    parts = [" ".join(words(heading).split()) + "\n"]
    for k, result in enumerate(results):
        offset = offsets[k] if offsets is not None else 0.0
        parts.append(f"\n{k + 1}. {words.title(result.chapter)}\n")
        for beat in beats_of(result):
            for sentence in beat.sentences:
                parts.append(f"[{clock(offset + sentence.start)}] {sentence.text}\n")
    return "".join(parts)


def write_transcript(
    results: Sequence[Result], target: Path, words: Words, offsets: Sequence[float] | None = None
) -> Path:
    """Write the transcript to ``target`` (whole or not at all), in ``words``' language."""
    with written(target) as f:
        f.write(transcript(results, words, offsets).encode("utf-8"))
    return target
