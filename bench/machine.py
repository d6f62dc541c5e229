"""What the benchmark ran on: processor, BLAS, the libraries that draw and encode, the load.

Seconds measured on two machines compare only as far as these agree: the same
scene renders at a different speed on another processor, with another OpenBLAS
kernel, cairo or FFmpeg. The load average, read before and after the run, tells
whether other programs were using the cores meanwhile.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import av
import cairo
import manim

# Set on some processors where older OpenBLAS builds compute wrong results or crash;
# they change which kernel numpy runs, so a run with them is not comparable to one without.
OPENBLAS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
BLAS_KEYS = ("internal_api", "version", "architecture", "threading_layer", "num_threads",
             "filepath")  # fmt: skip
# A fresh interpreter that imports numpy alone: torch and onnxruntime, loaded by this
# process, bring BLAS and OpenMP libraries of their own that are not numpy's.
_NUMPY_BLAS = (
    "import json, numpy, threadpoolctl; "
    "print(json.dumps([i for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas']))"
)


def cpu_model() -> str:
    """The processor's name as ``/proc/cpuinfo`` gives it, else ``platform.processor()``."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def numpy_blas() -> list[dict]:
    """Each BLAS numpy loads, as threadpoolctl reports it (library, version, kernel, threads).

    Read in a child process with this process's environment, so the thread count is
    the one numpy picks by itself, as in the scenes' manim processes.
    """
    done = subprocess.run(
        [sys.executable, "-c", _NUMPY_BLAS],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return [{"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}]
    return [{k: info.get(k) for k in BLAS_KEYS} for info in json.loads(done.stdout)]


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages: above the core count, the cores were shared."""
    return list(os.getloadavg())


def describe() -> dict:
    """The machine and libraries, and the load before the run (``load_average_after`` is
    added by :func:`finish` once the run is over)."""
    return {
        "cpu_model": cpu_model(),
        "cpus": os.cpu_count(),
        # Fewer than cpus when the process is pinned to some cores (taskset, a container).
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy_blas": numpy_blas(),
        "openblas_env": {name: os.environ[name] for name in OPENBLAS_ENV if name in os.environ},
        "manim": manim.__version__,
        "cairo": cairo.cairo_version_string(),
        "pycairo": cairo.version,
        "pyav": av.__version__,
        "ffmpeg": av.ffmpeg_version_info,
        "onnxruntime": _version("onnxruntime"),
        "piper_tts": _version("piper-tts"),
        "load_average_before": load_average(),
        "load_average_after": None,
    }


def finish(machine: dict) -> None:
    """Record the load average now that the run is over."""
    machine["load_average_after"] = load_average()


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None
