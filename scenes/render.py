"""Run manim on the lecture's scenes, one subprocess per scene."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nncore.errors import InputError
from scenes.lecture import Chapter

# manim's quality presets, by the names nnexplain uses.
QUALITIES = {"low": "l", "medium": "m", "high": "h", "4k": "k"}


class RenderError(RuntimeError):
    """manim failed on a scene; the message carries the end of its log."""


def render_chapter(chapter: Chapter, quality: str, out: Path, env: dict[str, str]) -> None:
    """Render one scene into ``out`` (manim's media layout) with inputs from ``env``."""
    cmd = [
        sys.executable, "-m", "manim", "render",
        "-q", QUALITIES[quality],
        "--media_dir", str(out),
        "-v", "WARNING",
        str(chapter.path), chapter.scene,
    ]  # fmt: skip
    result = subprocess.run(
        cmd, env=os.environ | env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    if result.returncode == 2 and "error:" in result.stderr:
        raise InputError(result.stderr.strip().splitlines()[-1].split("error: ", 1)[-1])
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-30:])
        raise RenderError(f"manim failed on {chapter.scene}:\n{tail}")
