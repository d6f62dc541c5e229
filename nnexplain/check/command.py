"""``nnexplain check OUT``: a table per scene of what a viewer could not read, hear or trust.

Exit 0 when every check holds, 1 when one does not (2 for a bad OUT). ``--json``
prints the same as one JSON object.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from nnexplain.check import screen, speech, subtitles, truth
from nnexplain.check.folder import Finding, chapters
from nnexplain.stops import RenderError

CHECKS = ("contrast", "layout", "subtitles", "speech", "truth")
MAX_WER = 0.04  # of the whole narration, after numbers are normalised
EXAMPLES = """examples:
  nnexplain check media                 every check of the default lecture's folder
  nnexplain check class/ana --json      one student's lecture, as JSON
  nnexplain check media --no-speech     without transcribing the audio"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``check`` subcommand to ``nnexplain``'s subparsers."""
    p = subparsers.add_parser(
        "check",
        help="is a rendered lecture legible, intelligible and true?",
        description="Check a rendered folder: text contrast (WCAG 2.1) and layout from what "
        "each scene recorded; subtitles (42 characters a line, 2 lines, 20 characters a "
        "second, 5/6 s to 7 s a cue, 2 frames apart); speech (an offline recogniser, "
        "Whisper tiny.en, transcribes each beat: word error rate, every number heard); and "
        "truth (every number in the narration, subtitles and slide notes is a recorded value). "
        "Exit 0 if all hold, 1 if not.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("out", metavar="OUT", help="a folder nnexplain render wrote (default media/)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument(
        "--no-speech", dest="speech", action="store_false", help="skip transcribing the audio"
    )
    p.set_defaults(run=run)
    return p


def run(args: argparse.Namespace) -> None:
    out = Path(args.out)
    found: list[Finding] = []
    heard: dict[str, list[speech.Heard]] = {}
    skipped = None
    deck = out / "slides" / "index.html"
    console = Console(stderr=True)
    for chapter in chapters(out):
        with console.status(f"checking {chapter.name}"):
            found += screen.check(chapter)
            found += subtitles.check(chapter)
            found += truth.check(chapter, deck if deck.is_file() else None)
            if args.speech and skipped is None and chapter.language != speech.LANGUAGE:
                skipped = (f"Whisper tiny.en hears only English; this lecture speaks "
                           f"{chapter.language!r}")  # fmt: skip
            if args.speech and skipped is None:
                try:
                    heard[chapter.name] = speech.listen(chapter)
                except speech.Missing as e:
                    skipped = str(e)
                else:
                    found += speech.findings(chapter, heard[chapter.name])
    names = [c.name for c in chapters(out)]
    errors = sum(h.errors for hs in heard.values() for h in hs)
    words = sum(h.words for hs in heard.values() for h in hs)
    wer = errors / words if words else None
    if wer is not None and wer > MAX_WER:
        found.append(Finding("lecture", "speech",
                             f"{wer:.1%} of words misheard (at most {MAX_WER:.0%})"))  # fmt: skip
    if args.json:
        print(json.dumps(_as_json(names, found, heard, wer, skipped), indent=1))
    else:
        _print(names, found, heard, wer, skipped)
    if found:
        raise RenderError(f"{len(found)} problem{'s' * (len(found) != 1)} found in {out}")


def _as_json(names, found, heard, wer, skipped) -> dict:
    return {
        "passed": not found,
        "findings": [f.__dict__ for f in found],
        "speech": None if skipped else {
            "word_error_rate": wer,
            "beats": {n: [{"beat": h.beat, "said": h.said, "heard": h.heard,
                           "word_error_rate": h.wer} for h in heard.get(n, [])] for n in names},
        },
        "speech_skipped": skipped,
    }  # fmt: skip


def _print(names, found, heard, wer, skipped) -> None:
    console = Console()
    table = Table(title="nnexplain check")
    table.add_column("scene", no_wrap=True)
    for c in CHECKS:
        table.add_column(c, justify="right")
    table.add_column("words misheard", justify="right")
    for name in [*names, "lecture"]:
        counts = [sum(1 for f in found if f.scene == name and f.check == c) for c in CHECKS]
        hs = heard.get(name, [])
        rate = sum(h.errors for h in hs) / max(sum(h.words for h in hs), 1) if hs else None
        if name == "lecture":
            rate = wer
        table.add_row(name, *[("ok" if n == 0 else str(n)) for n in counts],
                      "" if rate is None else f"{rate:.1%}")  # fmt: skip
    console.print(table)
    for f in found:
        console.print(f"{f.scene}: {f.check}: {f.what}", soft_wrap=True, markup=False)
    if skipped:
        console.print(f"speech not checked: {skipped}", soft_wrap=True)
    console.print("all checks hold" if not found else f"{len(found)} problems found")
