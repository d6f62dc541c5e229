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
from nnexplain.words import Words
from scenes.contract import SIDECAR_SUFFIX, Beat, Sidecar

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
    """Numbers as shown in a table cell: long vectors and dicts (an attention row) cut short,
    floats to 6 figures."""
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


def subtitle_tracks(subtitles: Path | None, words: Words, other: Words | None = None) -> str:
    """``subtitles`` (a ``.vtt``) as the track shown by default, and its translation into
    ``other``'s language beside it (``lecture.es.vtt``) if there is one, its cues inside."""
    if subtitles is None:
        return ""
    tracks = [(subtitles, words, " default")]
    if other is not None:
        translated = subtitles.with_name(f"{subtitles.stem}.{other.language}.vtt")
        tracks += [(translated, other, "")] if translated.is_file() else []
    return "".join(
        f'<track kind="subtitles" srclang="{html.escape(w.language)}" '
        f'label="{html.escape(w("language-name"))}" src="{inline_vtt(path)}"{shown}>'
        for path, w, shown in tracks
    )


def _video(
    src: str,
    subtitles: Path | None,
    words: Words,
    other: Words | None,
    chapters: Path | None = None,
    poster: str | None = None,
) -> str:
    """A video element, its subtitles shown by default (and their translation, if any, to
    choose), its chapters as a track."""
    tracks = subtitle_tracks(subtitles, words, other)
    lang = html.escape(words.language)
    if chapters:
        tracks += f'<track kind="chapters" srclang="{lang}" src="{inline_vtt(chapters)}">'
    shown = f' poster="{poster}"' if poster else ""
    return f'<video controls preload="metadata" src="{src}"{shown}>{tracks}</video>'


def still_alt(title: str, part: str, still: Path, beats: dict[str, Beat]) -> str:
    """Alt text for a still: the chapter, the beat's ``part`` ("part 2") and what the beat
    that ends on it says first (``beats`` by the name of their still)."""
    beat = beats.get(still.name)
    if beat is None:
        return title
    said = beat.sentences[0].text if beat.sentences else beat.say
    return f"{title}, {part}: {said}" if said else f"{title}, {part}"


def _chapter(result: Result, number: int, out: Path, words: Words, other: Words | None) -> str:
    rel = lambda p: html.escape(os.path.relpath(p, out))  # noqa: E731 - local shorthand
    c = result.chapter
    title, concept = words.title(c), words.concept(c)
    parts = [f'<h2 id="{c.name}">{number}. {html.escape(title)}</h2>',
             f'<p class="concept">{html.escape(concept)}</p>']  # fmt: skip
    # The scene's own files (InputLayer.vtt, not its translation InputLayer.es.vtt).
    by_suffix = {p.suffix: p for p in result.files if p.parent == result.folder
                 and (not Path(p.stem).suffix or p.name.endswith(SIDECAR_SUFFIX))}  # fmt: skip
    stills = sorted(p for p in result.files if p.parent.name == "stills")
    sidecar = by_suffix.get(".json") and Sidecar.read(by_suffix[".json"])
    beats = {b.still: b for b in sidecar.beats} if sidecar else {}
    if video := by_suffix.get(".mp4") or by_suffix.get(".webm"):
        # The poster: the frame the last beat ends on, the scene's culmination.
        parts.append(
            _video(
                rel(video), by_suffix.get(".vtt"), words, other, poster=stills and rel(stills[-1])
            )
        )
    elif gif := by_suffix.get(".gif"):
        alt = html.escape(f"{title}: {concept}")
        parts.append(f'<img class="main" src="{rel(gif)}" alt="{alt}">')
    mine = [p for p in result.files if p.parent == result.folder]
    links = [f'<a href="{rel(p)}">{html.escape(p.name)}</a>' for p in mine]
    parts.append(f"<p>{html.escape(words('chapter-files'))} {' · '.join(links)}</p>")
    if stills:
        parts_of = [words("beat-part", number=k) for k in range(1, len(stills) + 1)]
        figures = "".join(
            f'<figure><a href="{rel(p)}"><img src="{rel(p)}" '
            f'alt="{html.escape(still_alt(title, part, p, beats))}"></a>'
            f"<figcaption>{html.escape(part)}</figcaption></figure>"
            for p, part in zip(stills, parts_of, strict=True)
        )
        parts.append(f'<div class="stills">{figures}</div>')
    if sidecar:
        rows = "".join(
            f"<tr><td>{html.escape(n.label)}</td>"
            f"<td class='value'>{html.escape(_value(n.value))}</td>"
            f"<td class='source'>{html.escape(n.source)}</td></tr>"
            for n in sidecar.numbers
        )
        inputs = json.dumps(sidecar.inputs)
        summary = html.escape(words("numbers-on-screen", count=len(sidecar.numbers), inputs=inputs))
        parts.append(f"<details><summary>{summary}</summary><table>{rows}</table></details>")
    return "\n".join(parts)


def _with_links(text: str, links: dict[str, str]) -> str:
    """``text`` escaped, each of ``links``' markers (words placed by a message's variables)
    replaced by its link's HTML."""
    text = html.escape(text)
    for marker, link in links.items():
        text = text.replace(html.escape(marker), link)
    return text


def write_index(
    results: Sequence[Result],
    out: Path,
    words: Words,
    lecture: Path | None,
    slides: Path | None = None,
    other: Words | None = None,
) -> Path:
    """Write ``out/index.html`` (atomically) with links relative to ``out``, in ``words``'
    language; with subtitles in ``other``'s language too, where they were made."""
    title = html.escape(words("lecture-title"))
    body = [f"<h1>{title}</h1>", f"<p>{html.escape(words('index-intro'))}</p>"]
    if lecture is not None:
        rel = lambda name: html.escape(os.path.relpath(out / name, out))  # noqa: E731
        video = _video(rel(lecture.name), out / "lecture.vtt", words, other, out / "chapters.vtt")
        # The captions are inside the page; the files are for other players.
        names = ["lecture.vtt", "lecture.srt"]
        if other is not None:
            names += [f"lecture.{other.language}.vtt", f"lecture.{other.language}.srt"]
        links = " · ".join(f'<a href="{rel(n)}">{n}</a>' for n in names)
        body.append(
            f"<h2>{html.escape(words('whole-lecture'))}</h2>{video}"
            f"<p>{html.escape(words('subtitles-files'))} {links}</p>"
        )
    if slides is not None:
        deck = html.escape(os.path.relpath(slides / "index.html", out))
        pptx = html.escape(os.path.relpath(slides / "lecture.pptx", out))
        markers = {
            "\x01slides\x01": f'<a href="{deck}">{html.escape(words("present-slides"))}</a>',
            "\x01pptx\x01": f'<a href="{pptx}">{html.escape(words("present-pptx"))}</a>',
        }
        said = words("present", slides="\x01slides\x01", pptx="\x01pptx\x01")
        body.append(f"<p>{_with_links(said, markers)}</p>")
    body += [_chapter(r, k, out, words, other) for k, r in enumerate(results, start=1)]
    page = (
        f'<!doctype html>\n<html lang="{html.escape(words.language)}"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{STYLE}</style></head>"
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
