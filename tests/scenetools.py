"""Run a scene fast for its numbers: last frame only, tiny, no video."""

from __future__ import annotations

import json
from pathlib import Path

from manim import tempconfig

from scenes.explainer_scene import ExplainerScene

FAST = {
    "format": "png",  # skips every animation and saves only the last frame
    "pixel_width": 320,
    "pixel_height": 180,
    "progress_bar": "none",
    "verbosity": "WARNING",
}


def render_numbers(scene_class: type[ExplainerScene], media_dir: Path) -> dict:
    """Render ``scene_class``'s last frame into ``media_dir``; return its numbers sidecar."""
    with tempconfig(FAST | {"media_dir": str(media_dir)}):
        scene_class().render()
    (sidecar,) = media_dir.rglob("*.numbers.json")
    return json.loads(sidecar.read_text())


def by_label(sidecar: dict) -> dict[str, object]:
    """Sidecar values by label (labels are unique within the scenes that use this)."""
    values: dict[str, object] = {}
    for entry in sidecar["numbers"]:
        assert entry["label"] not in values, f"label {entry['label']!r} is logged twice"
        values[entry["label"]] = entry["value"]
    return values
