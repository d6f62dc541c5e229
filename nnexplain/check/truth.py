"""Every number a viewer reads or hears is one the scene recorded from nncore.

Each beat's sidecar entry lists the numbers its narration says (:class:`scenes.contract.Said`):
each must read as its written form and be a value recorded under its label. The narration,
the subtitles and the slides' speaker notes are then read back from the rendered files, and
every number in them must be one of the numbers its beats say: a number typed in, or slipped
in by a wrong variable, is one no record says.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from nnexplain.check.folder import Finding, RenderedChapter
from nnexplain.check.subtitles import read_srt
from scenes.audio.narration import reads_as, scalars, spoken_numbers
from scenes.contract import Said

# A beat's notes: its narration as the first paragraph, then the numbers with their sources.
NOTES = re.compile(r'<aside class="notes"><p>(.*?)</p>', re.S)


def check(chapter: RenderedChapter, deck: Path | None = None) -> list[Finding]:
    """The chapter's beats' records, narration and subtitles, and its notes in ``deck``."""
    found = []

    language = chapter.language

    def judge(where: str, text: str, said: set[str]) -> None:
        tokens = dict.fromkeys(spoken_numbers(text, language))
        wrong = [token for token in tokens if token not in said]
        if wrong:
            found.append(Finding(chapter.name, "truth",
                                 f"{where} says {', '.join(wrong)}, which no recorded "
                                 f"value reads as: {text[:80]!r}"))  # fmt: skip

    # The spoken form is made from the written one ("0.0000096" said "9.6 millionths"), or
    # written by a teacher with its numbers as variables: the written one is judged.
    for beat in chapter.beats:
        for number in beat.said:
            if not _recorded(chapter, number):
                found.append(Finding(chapter.name, "truth",
                                     f"beat {beat.name} says {number.written} as "
                                     f"{number.label!r}, which records no such value"))  # fmt: skip
        judge(f"beat {beat.name}", beat.say, {n.written for n in beat.said})
    said = {n.written for beat in chapter.beats for n in beat.said}
    srt = chapter.file(".srt")
    for k, cue in enumerate(read_srt(srt) if srt else [], start=1):
        judge(f"subtitle {k}", " ".join(cue.lines), said)
    if deck is not None:
        for k, note in enumerate(_notes(deck, chapter), start=1):
            judge(f"slide note {k}", note, said)
    # A translation writes the same numbers as its language does: each must read as one the
    # beats say ("0,86" for the 0.86 the English says).
    values = [n.value for beat in chapter.beats for n in beat.said]
    for other, path in chapter.translations().items():
        for k, cue in enumerate(read_srt(path), start=1):
            text = " ".join(cue.lines)
            wrong = [t for t in dict.fromkeys(spoken_numbers(text, other))
                     if not any(reads_as(t, v, other) for v in values)]  # fmt: skip
            if wrong:
                found.append(Finding(chapter.name, "truth",
                                     f"{other} subtitle {k} says {', '.join(wrong)}, which no "
                                     f"recorded value reads as: {text[:80]!r}"))  # fmt: skip
    return found


def _recorded(chapter: RenderedChapter, number: Said) -> bool:
    """Whether ``number`` reads as its written form, and its label records that value."""
    return reads_as(number.written, number.value, chapter.language) and any(
        v == number.value
        for entry in chapter.sidecar.numbers
        if entry.label == number.label
        for v in scalars(entry.value)
    )


def _notes(deck: Path, chapter: RenderedChapter) -> list[str]:
    """The speaker notes of the deck's slides that belong to ``chapter``.

    A note's narration is matched to the chapter by the sentences it repeats from the beats.
    """
    sentences = {s.text for b in chapter.beats for s in b.sentences}
    notes = [re.sub(r"<[^>]+>", " ", html.unescape(n)) for n in NOTES.findall(deck.read_text())]
    return [n for n in notes if any(s in " ".join(n.split()) for s in sentences)]
