"""One scene rendered by the manim command line, the way ``nnexplain render`` runs it, timed."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
from manim.constants import QUALITIES as MANIM_QUALITIES

from bench.errors import BenchError
from bench.timing import timed_children
from nnexplain.render import PROJECT, count_frames
from nnexplain.settings import QUALITIES
from scenes.contract import SceneInputs


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


@dataclass(frozen=True)
class Render:
    seconds: float  # wall time of the whole manim process, start-up included
    cpu_seconds: float  # its CPU time, encoder threads included
    frames: int  # in the video it wrote
    format: Format  # the video's own size and rate, to check a scene and its floor agree


# Narration is synthesised once per bench run and then read from here: a scene's ratio is
# about drawing, and `make bench` times synthesis on its own (bench/narration.py).
VOICE_CACHE = Path(tempfile.mkdtemp(prefix="nnexplain-bench-voice-"))
atexit.register(shutil.rmtree, VOICE_CACHE, True)


def speak_ahead(path: Path, scene: str, quality: str) -> None:
    """Synthesise ``scene``'s narration into :data:`VOICE_CACHE`, untimed.

    A still-only render (animations skipped) runs every beat, and so every synthesis.
    """
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-") as media:
        cmd = [sys.executable, "-m", "manim", "render", "-q", QUALITIES[quality],
               "--format", "png", "--media_dir", media, "--progress_bar", "none",
               "-v", "WARNING", str(path), scene]  # fmt: skip
        env = os.environ | SceneInputs(voice_cache=str(VOICE_CACHE)).to_env()
        done = subprocess.run(cmd, cwd=PROJECT, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise BenchError(f"manim failed on {scene} (exit {done.returncode}):\n{tail}")


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
                env=os.environ | SceneInputs(voice_cache=str(VOICE_CACHE)).to_env() | (env or {}),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
            )
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
            raise BenchError(f"manim failed on {scene} (exit {done.returncode}):\n{tail}")
        (video,) = Path(media).rglob(f"{scene}.mp4")
        return Render(seconds, cpu_seconds, count_frames(video), video_format(video))


def video_format(video: Path) -> Format:
    """The size and frame rate ``video`` was written at."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return Format(stream.width, stream.height, frame_rate(stream))


def frame_rate(stream: av.video.stream.VideoStream) -> float:
    """The rate a video stream was encoded at (15, 30, 60 ...).

    Not ``average_rate``: that is frames over the container's duration, which the
    audio track can stretch (15.0001 fps for a narrated 480p15 scene).
    """
    rate = stream.guessed_rate or Fraction(stream.average_rate).limit_denominator(1001)
    return float(rate)
