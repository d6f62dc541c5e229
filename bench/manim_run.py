"""One scene rendered by the manim command line, the way ``nnexplain render`` runs it, timed."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from manim.constants import QUALITIES as MANIM_QUALITIES

from bench.errors import BenchError
from bench.timing import timed_children
from nnexplain.render import PROJECT, count_frames
from nnexplain.settings import QUALITIES


@dataclass(frozen=True)
class Render:
    seconds: float  # wall time of the whole manim process, start-up included
    cpu_seconds: float  # its CPU time, encoder threads included
    frames: int  # in the video it wrote


@dataclass(frozen=True)
class Format:
    """What a quality preset renders: pixels and frames per second."""

    pixel_width: int
    pixel_height: int
    frame_rate: float

    @classmethod
    def of(cls, quality: str) -> Format:
        """The format of one of nnexplain's quality names (``low``, ``medium`` ...)."""
        (preset,) = (q for q in MANIM_QUALITIES.values() if q["flag"] == QUALITIES[quality])
        return cls(preset["pixel_width"], preset["pixel_height"], preset["frame_rate"])


def manim_render(path: Path, scene: str, quality: str, env: dict[str, str] | None = None) -> Render:
    """Render ``scene`` from ``path`` to mp4 in a throw-away media folder.

    The command line is ``nnexplain render``'s (nnexplain/render.py), run from the
    project root so that ``manim.cfg`` applies, without its progress file.
    """
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-") as media:
        cmd = [
            sys.executable, "-m", "manim", "render",
            "-q", QUALITIES[quality],
            "--format", "mp4",
            "--media_dir", media,
            "-o", scene,
            "--progress_bar", "none",
            "-v", "WARNING",
            str(path), scene,
        ]  # fmt: skip
        seconds, cpu_seconds, done = timed_children(
            lambda: subprocess.run(
                cmd,
                cwd=PROJECT,
                env=os.environ | (env or {}),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
            )
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise BenchError(f"manim failed on {scene} (exit {done.returncode}):\n{tail}")
        (video,) = Path(media).rglob(f"{scene}.mp4")
        return Render(seconds, cpu_seconds, count_frames(video))
