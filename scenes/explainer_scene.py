"""The numbers sidecar: every number a scene shows, with its label and source.

A scene records each on-screen number as it draws it::

    cost = self.numbers.record("cost", float(C), source="nncore.mlp.cost, trained net, mnist:4321")

and :class:`ExplainerScene` writes them as ``<output>.numbers.json`` beside the
rendered video or still, so anyone can check what was shown against ``nncore``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
from manim import Scene
from PIL import Image

from nncore.errors import InputError


class NumbersLog:
    """An ordered record of the numbers a scene shows."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self.inputs: dict[str, Any] = {}

    def record(self, label: str, value: Any, source: str) -> Any:
        """Log ``value`` (a number or array) under ``label`` and return it unchanged."""
        self.entries.append({"label": label, "value": _plain(value), "source": source})
        return value

    def values(self, label: str) -> list[Any]:
        """Every value logged under ``label``, in order."""
        return [e["value"] for e in self.entries if e["label"] == label]

    def to_dict(self, scene_name: str) -> dict[str, Any]:
        return {"scene": scene_name, "inputs": self.inputs, "numbers": self.entries}

    def write(self, path: Path, scene_name: str) -> None:
        """Write atomically, so a failed write never replaces a good sidecar."""
        path.parent.mkdir(parents=True, exist_ok=True)
        # A plain open, not mkstemp: the file gets the umask's mode, as the video beside it.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "w") as f:
                json.dump(self.to_dict(scene_name), f, indent=1)
                f.write("\n")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


PROGRESS_ENV = "NNEXPLAIN_PROGRESS_FILE"


def _plain(value: Any) -> Any:
    """numpy scalars and arrays to JSON-friendly Python values."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def sidecar_path(output: Path) -> Path:
    """``media/videos/x/480p15/Cost.mp4`` -> ``.../Cost.numbers.json``."""
    return output.with_name(output.stem + ".numbers.json")


class ExplainerScene(Scene):
    """A Scene that logs its on-screen numbers and writes them beside its output.

    It also keeps a still of each key moment (:meth:`key_moment`), written as
    ``<output>.stills/NN-name.png`` for slides, and, when ``nnexplain render``
    asks for it through ``NNEXPLAIN_PROGRESS_FILE``, reports how many seconds of
    video it has made after every animation.
    """

    def setup(self) -> None:
        super().setup()
        self.numbers = NumbersLog()
        self.stills: list[tuple[str, np.ndarray]] = []
        self._progress_file = os.environ.get(PROGRESS_ENV)

    def key_moment(self, name: str) -> None:
        """Keep the frame as it is now, e.g. ``self.key_moment("cost")`` after a beat."""
        self.renderer.update_frame(self, ignore_skipping=True)
        self.stills.append((name, np.array(self.renderer.get_frame())))

    def play(self, *args: Any, **kwargs: Any) -> None:
        super().play(*args, **kwargs)
        self._report_progress()

    def wait(self, *args: Any, **kwargs: Any) -> None:
        super().wait(*args, **kwargs)
        self._report_progress()

    def _report_progress(self) -> None:
        if self._progress_file:
            with open(self._progress_file, "a") as f:
                f.write(f"{self.renderer.time:.3f}\n")

    def render(self, preview: bool = False) -> bool:
        try:
            rerun = super().render(preview)
        except InputError as e:
            # Plain `manim` would print a traceback; a bad input deserves one line.
            print(f"nnexplain {type(self).__name__}: error: {e}", file=sys.stderr)
            raise SystemExit(2) from None
        output = getattr(self.renderer.file_writer, "final_file_path", None)
        if output is not None:
            output = Path(output)
            self.numbers.write(sidecar_path(output), type(self).__name__)
            write_stills(self.stills, stills_dir(output))
        return rerun


def stills_dir(output: Path) -> Path:
    """``.../Cost.mp4`` -> ``.../Cost.stills/``."""
    return output.with_name(output.stem + ".stills")


def write_stills(stills: list[tuple[str, np.ndarray]], folder: Path) -> None:
    """Write each still as ``NN-name.png``, each file atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, (name, frame) in enumerate(stills, start=1):
        path = folder / f"{k:02d}-{name}.png"
        tmp = path.with_name(f".{path.name}.tmp")
        Image.fromarray(frame).save(tmp, format="PNG")
        os.replace(tmp, path)
