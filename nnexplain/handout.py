"""``OUT/handout.pdf``: the lecture on paper, set with Typst from the rendered chapters.

A cover names the inputs (the digit, the network, the sentence, as the scenes recorded them);
then each chapter has its title and, per beat, the frame the beat ends on, its narration, and
the numbers it says with where each comes from: about two pages a chapter, numbered.

The words go to Typst as data (``data.json``, read by ``handout.typ`` with ``json()``), never
as markup: a sentence or a name holding ``#``, ``$``, ``*`` or ``<`` is printed as it is.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import typst
from PIL import Image

from nncore.errors import InputError
from nncore.files import TEMP_MARK, written
from nnexplain.render import Result
from nnexplain.words import Words
from scenes.contract import Beat, Sidecar

TEMPLATE = Path(__file__).with_name("handout.typ")
STILL_WIDTH = 960  # pixels: sharp at the 8 cm a still is printed, and a PDF of a few MB
STILL_QUALITY = 85
# The recorded inputs the cover names in words (app.ftl's input-digit, ...); others keep
# their own names.
NAMED_INPUTS = ("digit", "label", "weights", "sentence", "contrast", "focus", "seed")
# Where the page numbers go in the footer's words, which Typst counts as it sets the pages.
PAGE, PAGES = "\x01page\x01", "\x01pages\x01"


def _sidecar(result: Result) -> Sidecar:
    return Sidecar.read(result.sidecar)


def _inputs(sidecars: Sequence[Sidecar], words: Words) -> list[dict]:
    """Every chapter's recorded inputs, each named once, in the order the lecture meets them."""
    seen: dict[str, str] = {}
    for sidecar in sidecars:
        for key, value in sidecar.inputs.items():
            text = value if isinstance(value, str) else json.dumps(value)
            seen.setdefault(key, text)
    return [
        {"name": words(f"input-{k}") if k in NAMED_INPUTS else k.replace("_", " "), "value": v}
        for k, v in seen.items()
    ]


def _footer(words: Words) -> list[str]:
    """The footer's words before, between and after the page number and the page count."""
    text = words("handout-page", page=PAGE, pages=PAGES)
    if re.findall("\x01pages?\x01", text) != [PAGE, PAGES]:
        raise InputError("app.ftl: message 'handout-page' must say $page, then $pages, once each")
    return text.replace(PAGES, PAGE).split(PAGE)


def _beats(result: Result, sidecar: Sidecar, images: Path, words: Words) -> list[dict]:
    """The beats of one chapter as the template reads them; stills saved small into ``images``."""
    stills = {p.name: p for p in result.files if p.parent.name == "stills"}
    beats = sidecar.beats or [
        # A scene not told in beats: its last still, with nothing said.
        Beat(result.chapter.name, 0.0, 0.0, "", "", "", (), (), max(stills, default=""))
    ]
    rows = []
    for k, beat in enumerate(beats, start=1):
        still = stills.get(beat.still)
        image = None
        if still is not None:
            image = f"{result.folder.name}-{still.stem}.jpg"
            picture = Image.open(still).convert("RGB")
            picture.thumbnail((STILL_WIDTH, STILL_WIDTH))
            picture.save(images / image, format="JPEG", quality=STILL_QUALITY)
        rows.append({
            "name": words("beat-part", number=k),
            "say": beat.say,
            "still": image,
            "alt": beat.sentences[0].text if beat.sentences else words("beat-part", number=k),
            "numbers": [{"said": n.written, "label": n.label, "source": n.source}
                        for n in beat.said],
        })  # fmt: skip
    return rows


def write_handout(results: Sequence[Result], target: Path, words: Words) -> Path:
    """Set ``results``' chapters as a PDF at ``target`` (written whole or not at all), in
    ``words``' language."""
    sidecars = [_sidecar(r) for r in results]
    # Typst reads files only under its root: the template, the data and the stills go there.
    work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f"{TEMP_MARK}.handout-"))
    try:
        data = {
            "language": words.language,
            "title": words("lecture-title"),
            "subtitle": " ".join(words("handout-subtitle").split()),
            "inputs_title": words("handout-inputs"),
            "chapters_title": words("handout-chapters"),
            "footer": _footer(words),
            "inputs": _inputs(sidecars, words),
            "chapters": [
                {"title": words.title(r.chapter), "concept": words.concept(r.chapter),
                 "beats": _beats(r, sidecar, work, words)}
                for r, sidecar in zip(results, sidecars)
            ],
        }  # fmt: skip
        (work / "data.json").write_text(json.dumps(data), encoding="utf-8")
        shutil.copyfile(TEMPLATE, work / TEMPLATE.name)
        pdf = typst.compile(str(work / TEMPLATE.name), root=str(work))
        with written(target) as f:
            f.write(pdf)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target
