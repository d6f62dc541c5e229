"""``nnexplain batch`` of a 4-student class, through local processes and through Dask.

The class: four held-out MNIST digits written to PNG, each lecture ``input-layer``
(the student's digit: four renders) and ``compute-scale`` (shared: one render), so
five scene tasks. Both runs use ``--jobs 2`` into fresh folders, three times each in
turn (medians kept), silent (``NNEXPLAIN_VOICE=none``), so that the difference is the
executor. Dask's overhead per task is (Dask wall - local wall) / tasks; its share of
the render time is that difference over the local run's wall time (target: under
5 %). Starting and closing the ``LocalCluster`` alone is timed too, as part of that
overhead.

``python -m bench.batch [QUALITY]`` runs this part alone and prints its line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

from bench.errors import BenchError
from bench.timing import median, timed, timed_children
from nncore import data
from nnexplain.render import PROJECT
from scenes.contract import SceneInputs

JOBS = 2
SCENES = ("input-layer", "compute-scale")
STUDENTS = 4
TASKS = STUDENTS + 1  # a digit scene per student, and the shared compute scale
TARGET_PERCENT = 5.0
# Pairs of runs: a class renders in about 20 s, and one run to the next moves by about
# a second, as much as the target; the medians of three hold still.
REPEAT = 3
CLI = [sys.executable, "-m", "nnexplain.cli", "batch"]


def write_class(folder: Path) -> Path:
    """Four held-out digits as ``<label>_student<k>.png``."""
    images, labels = data.load_mnist()
    for k, i in enumerate(data.split()[1][:STUDENTS]):
        pixels = np.round(images[i].reshape(28, 28) * 255).astype(np.uint8)
        Image.fromarray(pixels).save(folder / f"{labels[i]}_student{k}.png")
    return folder


def run_batch(inputs: Path, out: Path, quality: str, *options: str) -> tuple[float, float]:
    """``(wall, CPU seconds)`` of one ``nnexplain batch`` into a fresh ``out``."""
    command = [*CLI, str(inputs), "--out", str(out), "--quality", quality, "--format", "mp4",
               "--jobs", str(JOBS), "--scenes", *SCENES, *options]  # fmt: skip
    env = os.environ | SceneInputs(voice="none").to_env()

    def batch() -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)  # fmt: skip

    seconds, cpu, done = timed_children(batch)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise BenchError(f"nnexplain batch {' '.join(options)} failed:\n{tail}")
    return seconds, cpu


def cluster_seconds(staging: Path) -> float:
    """Starting ``--scheduler local``'s 2-worker LocalCluster, then closing it."""
    from nnexplain.cluster import executor

    def start_and_stop() -> None:
        with executor("local", JOBS, staging):
            pass

    return timed(start_and_stop)[0]


def measure(quality: str, repeat: int = REPEAT) -> dict:
    """The two runs, ``repeat`` times each in turn, and their medians' overhead."""
    with tempfile.TemporaryDirectory(prefix="nnexplain-bench-batch-") as tmp:
        (Path(tmp) / "class").mkdir()
        inputs = write_class(Path(tmp) / "class")
        runs: dict[str, list[tuple[float, float]]] = {"local": [], "dask": []}
        for k in range(repeat):
            runs["local"].append(run_batch(inputs, Path(tmp) / f"local{k}", quality))
            runs["dask"].append(
                run_batch(inputs, Path(tmp) / f"dask{k}", quality, "--scheduler", "local")
            )
        local, dask = ((median([w for w, _ in r]), median([c for _, c in r]))
                       for r in runs.values())  # fmt: skip
        return summary(local, dask, cluster_seconds(Path(tmp))) | {"samples": repeat}


def summary(local: tuple[float, float], dask: tuple[float, float], cluster: float) -> dict:
    """The report's entry from the ``(wall, CPU seconds)`` of the two runs."""
    percent = 100 * (dask[0] - local[0]) / local[0]
    return {
        "students": STUDENTS,
        "scenes": list(SCENES),
        "tasks": TASKS,
        "jobs": JOBS,
        "local_seconds": local[0],
        "local_cpu_seconds": local[1],
        "dask_seconds": dask[0],
        "dask_cpu_seconds": dask[1],
        "cluster_start_stop_seconds": cluster,
        "overhead_seconds_per_task": (dask[0] - local[0]) / TASKS,
        "overhead_percent": percent,
        "target_percent": TARGET_PERCENT,
        "within_target": percent < TARGET_PERCENT,
    }


if __name__ == "__main__":
    from bench.report import batch_line

    print(batch_line(measure(sys.argv[1] if len(sys.argv) > 1 else "low")))
