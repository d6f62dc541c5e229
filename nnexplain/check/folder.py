"""A rendered folder as the checks read it: its chapters, each with its sidecar and files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from nncore.errors import InputError
from scenes.contract import Beat, Sidecar

CHAPTER_NAME = re.compile(r"\d\d-[a-z0-9-]+")


@dataclass(frozen=True)
class Finding:
    """One thing a check found wrong: in which scene, by which check, and what."""

    scene: str
    check: str  # "contrast", "layout", "subtitles", "speech" or "truth"
    what: str


@dataclass(frozen=True)
class RenderedChapter:
    """``OUT/NN-name/``: what ``nnexplain render`` left there for one scene."""

    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name.split("-", 1)[1]

    @cached_property
    def manifest(self) -> dict:
        return json.loads((self.folder / "render.json").read_text())

    @property
    def stem(self) -> Path:
        return self.folder / self.manifest["scene"]

    @cached_property
    def sidecar(self) -> Sidecar:
        return Sidecar.read(Sidecar.path_of(self.stem))

    @property
    def beats(self) -> tuple[Beat, ...]:
        return self.sidecar.beats

    @property
    def duration(self) -> float:
        return float(self.manifest["duration"])

    @property
    def frame_rate(self) -> float:
        return self.manifest["frames"] / self.duration if self.duration else 15.0

    @property
    def language(self) -> str:
        """The language of its words (a render before languages were: English)."""
        return self.manifest.get("language", "en")

    def translations(self) -> dict[str, Path]:
        """Its subtitles in other languages (``--subtitles``), by language: ``Scene.es.srt``."""
        return {p.suffixes[-2][1:]: p for p in sorted(self.folder.glob(f"{self.stem.name}.*.srt"))}

    def file(self, suffix: str) -> Path | None:
        """The scene's file with ``suffix`` (``".srt"``, ``".mp4"``), if it was rendered."""
        path = self.stem.with_suffix(suffix)
        return path if path.is_file() else None


def chapters(out: Path) -> list[RenderedChapter]:
    """The rendered chapters of ``out``, in lecture order; refuses a folder with none."""
    if not out.is_dir():
        raise InputError(f"{out}: no such folder (give the --out of a render)")
    found = [
        RenderedChapter(p)
        for p in sorted(out.iterdir())
        if CHAPTER_NAME.fullmatch(p.name) and (p / "render.json").is_file()
    ]
    if not found:
        raise InputError(f"{out} holds no rendered scene (NN-name/render.json): render it first")
    return found
