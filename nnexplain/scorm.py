"""``OUT/lecture-scorm.zip``: the lecture as a SCORM 1.2 package, for Moodle, Canvas, Blackboard.

The package holds ``imsmanifest.xml`` at its root, listing every file, and one SCO: a page
(``lecture.html``) playing the lecture video with its captions inside the page. When the LMS
gives it the SCORM API (``window.API`` in a parent frame or the opener), the page says
``LMSInitialize("")`` on load and, once the video has played to its end, sets
``cmi.core.lesson_status`` to ``completed``, commits and finishes. Outside an LMS it is a
plain page that plays the lecture from disk.

With no lecture video (a one-chapter render), the package plays that chapter's video.
"""

from __future__ import annotations

import html
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from nncore.files import written
from nnexplain.index_page import inline_vtt, subtitle_tracks
from nnexplain.render import Result
from nnexplain.words import Words

TARGET = "lecture-scorm.zip"
LAUNCH = "lecture.html"
DATE = (1980, 1, 1, 0, 0, 0)  # every entry's: the same lecture makes the same zip
ZIP64_FROM = 2**31  # bytes: a larger file needs zip64 records, declared before it is written

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="nnexplain-lecture" version="1.0"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="nnexplain">
    <organization identifier="nnexplain">
      <title>{title}</title>
      <item identifier="lecture" identifierref="lecture-sco" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="lecture-sco" type="webcontent" adlcp:scormtype="sco" href="{launch}">
{files}
    </resource>
  </resources>
</manifest>
"""

PAGE = """<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ background: #000; color: #eee; font-family: "DejaVu Sans", sans-serif; margin: 1em auto;
       max-width: 70em; }}
video {{ width: 100%; display: block; }} a {{ color: #8cf; }} p {{ color: #bbb; }}
</style></head>
<body>
<h1>{title}</h1>
<video id="lecture" controls preload="metadata" src="{video}">{tracks}</video>
<p>{links}</p>
<script>
// SCORM 1.2: the LMS's API object is window.API in a frame above this page, or the opener's.
function findAPI(win) {{
  for (let hops = 0; win && hops < 10; hops++) {{
    try {{ if (win.API) return win.API; }} catch (e) {{ return null; }}  // another origin
    if (win.parent === win) break;
    win = win.parent;
  }}
  return null;
}}
const api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
let finished = false;
function finish() {{
  if (!api || finished) return;
  finished = true;
  api.LMSCommit('');
  api.LMSFinish('');
}}
if (api) api.LMSInitialize('');
document.getElementById('lecture').addEventListener('ended', () => {{
  if (!api || finished) return;
  api.LMSSetValue('cmi.core.lesson_status', 'completed');
  finish();
}});
window.addEventListener('pagehide', finish);  // left before the end: the session still closes
</script>
</body></html>
"""


def _page(video: str, subtitles: Path | None, chapters: Path | None, files: list[str],
          words: Words, other: Words | None) -> str:  # fmt: skip
    # Inside the page: a page opened from disk may not fetch the .vtt.
    tracks = subtitle_tracks(subtitles, words, other)
    lang = html.escape(words.language)
    if chapters is not None:
        tracks += f'<track kind="chapters" srclang="{lang}" src="{inline_vtt(chapters)}">'
    links = " · ".join(f'<a href="{html.escape(f)}">{html.escape(f)}</a>' for f in files)
    return PAGE.format(title=html.escape(words("lecture-title")), language=lang,
                       video=html.escape(video), tracks=tracks, links=links)  # fmt: skip


def write_scorm(
    results: Sequence[Result],
    out: Path,
    words: Words,
    lecture: Path | None,
    other: Words | None = None,
) -> Path | None:
    """Write ``out/lecture-scorm.zip`` (whole or not at all); ``None`` if there is no video.

    Besides the page and the video: the subtitles, and the handout, transcript and quiz page
    if made.
    """
    if lecture is not None:
        video, subtitles, chapters = lecture, out / "lecture.vtt", out / "chapters.vtt"
    else:
        found = [p for p in results[0].files if p.suffix in (".mp4", ".webm")]
        if len(results) != 1 or not found:
            return None
        video, subtitles, chapters = found[0], found[0].with_suffix(".vtt"), None
    extras = [video.with_suffix(".srt"), subtitles, out / "transcript.txt", out / "handout.pdf",
              out / "quiz.html"]  # fmt: skip
    if other is not None:  # the subtitles' translation, beside them
        extras += [video.with_name(f"{video.stem}.{other.language}{s}") for s in (".srt", ".vtt")]
    files = {video.name: video} | {p.name: p for p in extras if p is not None and p.is_file()}
    listed = [n for n in files if n != video.name]
    page = _page(video.name, subtitles if subtitles.is_file() else None,
                 chapters if chapters and chapters.is_file() else None, listed,
                 words, other)  # fmt: skip
    manifest = MANIFEST.format(
        title=html.escape(words("lecture-title")),
        launch=LAUNCH,
        files="\n".join(f"      <file href={quoteattr(n)}/>" for n in [LAUNCH, *files]),
    )
    target = out / TARGET
    with written(target) as f, zipfile.ZipFile(f, "w") as package:
        package.writestr(_entry("imsmanifest.xml", zipfile.ZIP_DEFLATED), manifest)
        package.writestr(_entry(LAUNCH, zipfile.ZIP_DEFLATED), page)
        for name, path in files.items():
            # Video and PDF are compressed already: stored as they are.
            text = path.suffix in (".vtt", ".srt", ".txt")
            kind = zipfile.ZIP_DEFLATED if text else zipfile.ZIP_STORED
            size = path.stat().st_size
            with (
                open(path, "rb") as source,
                package.open(_entry(name, kind), "w", force_zip64=size >= ZIP64_FROM) as entry,
            ):
                shutil.copyfileobj(source, entry, 1 << 20)
    return target


def _entry(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = compression
    info.external_attr = 0o644 << 16  # a file anyone may read, once unzipped
    return info
