"""Every number a viewer reads or hears is one the scene recorded from nncore.

The narration (written and spoken), the subtitles and the slides' speaker notes
are each read back from the rendered files, and every number in them must read
as a recorded value (:func:`scenes.audio.narration.unmatched`).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from nnexplain.check.folder import Finding, RenderedChapter
from nnexplain.check.subtitles import read_srt
from scenes.audio.narration import unmatched

# A beat's notes: its narration as the first paragraph, then the numbers with their sources.
NOTES = re.compile(r'<aside class="notes"><p>(.*?)</p>', re.S)


def check(chapter: RenderedChapter, deck: Path | None = None) -> list[Finding]:
    """The chapter's narration and subtitles, and its notes in ``deck`` if given."""
    values = chapter.values
    found = []

    def judge(where: str, text: str) -> None:
        wrong = unmatched(text, values)
        if wrong:
            found.append(Finding(chapter.name, "truth",
                                 f"{where} says {', '.join(wrong)}, which no recorded "
                                 f"value reads as: {text[:80]!r}"))  # fmt: skip

    # The spoken form is made from the written one ("0.0000096" said "9.6 millionths"), or
    # written by a teacher with its numbers as variables: the written one is judged.
    for beat in chapter.beats:
        judge(f"beat {beat['name']}", beat["say"])
    srt = chapter.file(".srt")
    for k, cue in enumerate(read_srt(srt) if srt else [], start=1):
        judge(f"subtitle {k}", " ".join(cue.lines))
    if deck is not None:
        for k, note in enumerate(_notes(deck, chapter), start=1):
            judge(f"slide note {k}", note)
    return found


def _notes(deck: Path, chapter: RenderedChapter) -> list[str]:
    """The speaker notes of the deck's slides that belong to ``chapter``.

    A note's narration is matched to the chapter by the sentences it repeats from the beats.
    """
    sentences = {s["text"] for b in chapter.beats for s in b["sentences"]}
    notes = [re.sub(r"<[^>]+>", " ", html.unescape(n)) for n in NOTES.findall(deck.read_text())]
    return [n for n in notes if any(s in " ".join(n.split()) for s in sentences)]
