"""``index.html``: every chapter's stills, video and numbers on one page, opened from disk."""

from __future__ import annotations

import base64
import html
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from nncore import files
from nnexplain.render import Result

STYLE = """
body { background: #000; color: #eee; font-family: "DejaVu Sans", sans-serif; margin: 2em auto;
       max-width: 70em; line-height: 1.4; }
h1 { font-weight: normal; } h2 { font-weight: normal; color: #fc6; margin-top: 2.5em; }
.concept { color: #aaa; } video, img.main { width: 100%; max-width: 854px; display: block; }
.stills { display: flex; flex-wrap: wrap; gap: .5em; margin: .8em 0; }
.stills figure { margin: 0; } .stills img { width: 200px; border: 1px solid #333; }
.stills figcaption { font-size: .8em; color: #999; }
table { border-collapse: collapse; font-size: .85em; } td { padding: .15em .8em; }
td.value { font-family: "DejaVu Sans Mono", monospace; } td.source { color: #999; }
details { margin: .8em 0; } a { color: #8cf; }
"""


def _value(v: object) -> str:
    """Numbers as shown in a table cell: long vectors and records cut short, floats to 6
    figures."""
    if isinstance(v, list | dict):
        flat = json.dumps(v)
        return flat if len(flat) <= 80 else flat[:77] + "..."
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def inline_vtt(path: Path) -> str:
    """``path``'s cues as a ``data:`` URL.

    A page opened from ``file://`` may not fetch the ``.vtt`` beside it (Chromium counts
    every file as its own origin and loads 0 cues); cues carried in the page itself load.
    """
    return "data:text/vtt;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _video(
    src: str, subtitles: Path | None, chapters: Path | None = None, poster: str | None = None
) -> str:
    """A video element, its subtitles shown by default, its chapters as a track."""
    tracks = ""
    if subtitles:
        url = inline_vtt(subtitles)
        tracks += f'<track kind="subtitles" srclang="en" label="English" src="{url}" default>'
    if chapters:
        tracks += f'<track kind="chapters" srclang="en" src="{inline_vtt(chapters)}">'
    shown = f' poster="{poster}"' if poster else ""
    return f'<video controls preload="metadata" src="{src}"{shown}>{tracks}</video>'


def first_sentence(beat: dict) -> str:
    """What a beat says first: the words a picture of it is described by."""
    sentences = beat.get("sentences") or []
    return sentences[0]["text"] if sentences else beat.get("say", "")


def still_alt(title: str, still: Path, beats: dict[str, dict]) -> str:
    """Alt text for a still: the chapter and what its beat says is on screen."""
    name = still.stem.split("-", 1)[-1]
    said = first_sentence(beats[name]) if name in beats else ""
    return f"{title}, {name.replace('-', ' ')}: {said}" if said else f"{title}, {name}"


def _chapter(result: Result, number: int, out: Path) -> str:
    rel = lambda p: html.escape(os.path.relpath(p, out))  # noqa: E731 - local shorthand
    c = result.chapter
    parts = [f'<h2 id="{c.name}">{number}. {html.escape(c.title)}</h2>',
             f'<p class="concept">{html.escape(c.concept)}</p>']  # fmt: skip
    by_suffix = {p.suffix: p for p in result.files if p.parent == result.folder}
    stills = [p for p in result.files if p.parent.name == "stills"]
    sidecar = by_suffix.get(".json") and json.loads(by_suffix[".json"].read_text())
    beats = {b["name"]: b for b in sidecar["beats"]} if sidecar else {}
    if video := by_suffix.get(".mp4") or by_suffix.get(".webm"):
        # The poster: the frame the last beat ends on, the scene's culmination.
        parts.append(_video(rel(video), by_suffix.get(".vtt"), poster=stills and rel(stills[-1])))
    elif gif := by_suffix.get(".gif"):
        alt = html.escape(f"{c.title}: {c.concept}")
        parts.append(f'<img class="main" src="{rel(gif)}" alt="{alt}">')
    links = [f'<a href="{rel(p)}">{html.escape(p.name)}</a>' for p in by_suffix.values()]
    parts.append(f"<p>files: {' · '.join(links)}</p>")
    if stills:
        figures = "".join(
            f'<figure><a href="{rel(p)}"><img src="{rel(p)}" '
            f'alt="{html.escape(still_alt(c.title, p, beats))}"></a>'
            f"<figcaption>{html.escape(p.stem)}</figcaption></figure>"
            for p in stills
        )
        parts.append(f'<div class="stills">{figures}</div>')
    if sidecar:
        rows = "".join(
            f"<tr><td>{html.escape(n['label'])}</td>"
            f"<td class='value'>{html.escape(_value(n['value']))}</td>"
            f"<td class='source'>{html.escape(n['source'])}</td></tr>"
            for n in sidecar["numbers"]
        )
        inputs = html.escape(json.dumps(sidecar["inputs"]))
        parts.append(
            f"<details><summary>the {len(sidecar['numbers'])} numbers on screen "
            f"(inputs: {inputs})</summary><table>{rows}</table></details>"
        )
    return "\n".join(parts)


def write_index(
    results: Sequence[Result], out: Path, lecture: Path | None, slides: Path | None = None
) -> Path:
    """Write ``out/index.html`` (atomically) with links relative to ``out``."""
    body = ["<h1>nnexplain lecture</h1>",
            "<p>Every number on these pages was computed by nncore on real data; "
            "each chapter lists them with their sources.</p>"]  # fmt: skip
    if lecture is not None:
        rel = lambda name: html.escape(os.path.relpath(out / name, out))  # noqa: E731
        video = _video(rel(lecture.name), out / "lecture.vtt", out / "chapters.vtt")
        # The captions are inside the page; the files are for other players.
        links = " · ".join(f'<a href="{rel(n)}">{n}</a>' for n in ("lecture.vtt", "lecture.srt"))
        body.append(f"<h2>The whole lecture</h2>{video}<p>subtitles: {links}</p>")
    if slides is not None:
        deck = html.escape(os.path.relpath(slides / "index.html", out))
        pptx = html.escape(os.path.relpath(slides / "lecture.pptx", out))
        body.append(
            f'<p>To present: <a href="{deck}">the slides</a> (arrow keys; S for the speaker '
            f'notes) or <a href="{pptx}">the same as PowerPoint</a>.</p>'
        )
    body += [_chapter(r, k, out) for k, r in enumerate(results, start=1)]
    page = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>nnexplain lecture</title><style>{STYLE}</style></head>"
        f"<body>\n{chr(10).join(body)}\n</body></html>\n"
    )
    target = out / "index.html"
    with files.written(target) as f:
        f.write(page.encode("utf-8"))
    return target


def broken_links(index: Path) -> list[str]:
    """The files ``index``'s links and sources name that are not there (none: all are)."""
    try:
        page = index.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    links = {html.unescape(m) for m in re.findall(r'(?:href|src|poster)="([^"#:]+)"', page)}
    return sorted(link for link in links if not (index.parent / link).exists())


def drop_if_broken(index: Path) -> None:
    """Remove ``index`` if it links to a file that is not there.

    After a run that failed half-way (a full disk), the page of the run before may
    name a product this one no longer made; a page with dead links is worse than none,
    and the next good run writes it again.
    """
    if broken_links(index):
        index.unlink(missing_ok=True)
