"""The whole default lecture as a user renders it, then the parts of that run measured alone.

- the lecture: ``nnexplain render --jobs 2`` into a fresh folder. It speaks with the
  default voice (piper), so its time includes synthesising every beat's narration.
  Its targets (issue 24) are in wall time per second of the lecture video it makes: at
  most 0.25 s at low quality (480p15) and 0.6 s at high quality (1080p60).
- the join: :func:`nnexplain.lecture_video.build_lecture` again, on that run's chapter
  videos, into a fresh target (target: under 10 s at 1080p60).
- the preview: ``nnexplain render --preview --jobs 2`` into another fresh folder.

Speech synthesis alone is measured by :mod:`bench.narration`, on the same run's narrations.
Each runs once: they are minutes long, and the chapters' own samples already repeat their parts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import av

from bench.errors import BenchError
from bench.manim_run import frame_rate
from bench.timing import timed_children, timed_process
from nnexplain import words
from nnexplain.chapters import LECTURE
from nnexplain.lecture_video import LectureChapter, build_lecture
from nnexplain.render import PROJECT, chapter_folder
from scenes.contract import SceneInputs

JOBS = 2  # both cores, as issue 7 set it
# Issue 24: seconds of rendering per second of lecture, by quality (none at medium).
TARGET_VIDEO_RATIOS = {"low": 0.25, "high": 0.6}
JOIN_TARGET_SECONDS = 10.0  # high quality (1080p60): joining the chapters takes seconds
LECTURE_VIDEO = "lecture.mp4"
CLI = [sys.executable, "-m", "nnexplain.cli"]  # the command line, run as a user runs it


@dataclass(frozen=True)
class LectureRun:
    """One ``nnexplain render`` of the whole lecture, its folder still there to measure."""

    folder: Path
    quality: str
    seconds: float
    cpu_seconds: float


def render(out: Path, *options: str) -> tuple[float, float]:
    """``(wall, CPU seconds)`` of ``nnexplain render OPTIONS --jobs 2 --out OUT``.

    ``NNEXPLAIN_VOICE`` is left out of its environment: what is measured is the command
    line's own default voice (piper for a render, a reading pace for a preview).
    """
    args = ["render", *options, "--jobs", str(JOBS), "--out", str(out)]
    env = {
        name: value for name, value in os.environ.items() if name != SceneInputs.variable("voice")
    }
    seconds, cpu_seconds, done = timed_children(
        lambda: subprocess.run(
            [*CLI, *args],
            cwd=PROJECT,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
        )
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise BenchError(f"nnexplain {' '.join(args)} failed (exit {done.returncode}):\n{tail}")
    return seconds, cpu_seconds


@contextmanager
def rendered_lecture(quality: str) -> Iterator[LectureRun]:
    """Render the whole lecture from nothing into a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-") as out:
        seconds, cpu_seconds = render(Path(out), "--quality", quality)
        yield LectureRun(Path(out), quality, seconds, cpu_seconds)


def chapter_videos(folder: Path) -> list[LectureChapter]:
    """The run's chapter videos, ``NN-name/Scene.mp4``, in lecture order, as the join takes them."""
    said = words.load(SceneInputs())  # the default render's words: the shipped English script
    return [
        LectureChapter(
            said.title(c),
            said.concept(c),
            chapter_folder(folder, k, c) / f"{c.scene}.mp4",
            said("chapter-number", number=k),
        )
        for k, c in enumerate(LECTURE, start=1)
    ]


def sidecars(folder: Path) -> list[Path]:
    """The run's ``NN-name/Scene.numbers.json``, in lecture order."""
    return [
        chapter_folder(folder, k, c) / f"{c.scene}.numbers.json"
        for k, c in enumerate(LECTURE, start=1)
    ]


def beats(folder: Path) -> list[dict]:
    """Every beat the run's chapters logged, in lecture order."""
    return [b for path in sidecars(folder) for b in json.loads(path.read_text()).get("beats", [])]


def video_seconds(video: Path) -> float:
    """How long ``video``'s picture lasts: its frames over its frame rate."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        frames = stream.frames or sum(1 for _ in container.decode(stream))
        return frames / frame_rate(stream)


def summary(run: LectureRun) -> dict:
    """The run's wall and CPU time, and how they compare with the video it made."""
    video = run.folder / LECTURE_VIDEO
    if not video.exists():
        raise BenchError(f"nnexplain render made no {LECTURE_VIDEO} (is mp4 among its formats?)")
    length = video_seconds(video)
    ratio = run.seconds / length
    target = TARGET_VIDEO_RATIOS.get(run.quality)
    voices = sorted({b["voice"] for b in beats(run.folder)})
    return {
        "chapters": len(LECTURE),
        "jobs": JOBS,
        "voice": ", ".join(voices) or None,  # as the sidecars logged it
        "seconds": run.seconds,
        "cpu_seconds": run.cpu_seconds,
        "video_seconds": length,
        "seconds_per_video_second": ratio,
        "target_video_ratio": target,
        "within_target": None if target is None else ratio <= target,
    }


def measure_join(run: LectureRun) -> dict:
    """Seconds to join the run's chapter videos into a lecture again, in a fresh folder.

    Timed in this process, on the finished chapter files: the join alone, without the
    renders that ``nnexplain render`` overlaps it with.
    """
    chapters = chapter_videos(run.folder)
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-join-") as fresh:
        target = Path(fresh) / LECTURE_VIDEO
        seconds, cpu_seconds, _ = timed_process(lambda: build_lecture(chapters, target))
        length = video_seconds(target)
    return {
        "chapters": len(chapters),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "video_seconds": length,
        "target_seconds": JOIN_TARGET_SECONDS,
        "within_target": seconds < JOIN_TARGET_SECONDS if run.quality == "high" else None,
    }


def measure_preview(quality: str) -> dict:
    """Wall time of ``nnexplain render --preview --jobs 2`` of the whole lecture from nothing."""
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-preview-") as out:
        seconds, cpu_seconds = render(Path(out), "--preview", "--quality", quality)
    return {
        "chapters": len(LECTURE),
        "jobs": JOBS,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "seconds_per_scene": seconds / len(LECTURE),
    }
