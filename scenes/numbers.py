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
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from manim import Scene

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
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(self.to_dict(scene_name), f, indent=1)
                f.write("\n")
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


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
    """A Scene that logs its on-screen numbers and writes them beside its output."""

    def setup(self) -> None:
        super().setup()
        self.numbers = NumbersLog()

    def render(self, preview: bool = False) -> bool:
        try:
            rerun = super().render(preview)
        except InputError as e:
            # Plain `manim` would print a traceback; a bad input deserves one line.
            print(f"nnexplain {type(self).__name__}: error: {e}", file=sys.stderr)
            raise SystemExit(2) from None
        output = getattr(self.renderer.file_writer, "final_file_path", None)
        if output is not None:
            self.numbers.write(sidecar_path(Path(output)), type(self).__name__)
        return rerun
