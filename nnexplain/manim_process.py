"""One manim process for one scene, started, stopped and judged alike by ``render`` and ``batch``.

``nnexplain render`` runs it from a thread of its pool (:class:`nnexplain.render.Runner`),
``nnexplain batch`` from a worker's task (:func:`nnexplain.scene_task.render_scene`)::

    outcome = manim_process.run(command(path, "Cost", settings, work), env, inputs, work)
    outcome.raise_input_error()   # the scene's own one line, exit code 2

Every manim runs in a session of its own, so that stopping it stops its encoder threads
and the terminal's Ctrl-C reaches only the app, which stops it; and it dies with the
process that started it. Its output goes to ``work/log``. A manim that failed for want
of disk is an :class:`OSError`, whatever else it said. The scene tells how far it got in
``work/progress`` and why it refused its inputs in ``work/error``
(:class:`scenes.contract.SceneInputs`), never through its log.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from nncore import files
from nncore.errors import InputError
from nnexplain.settings import QUALITIES, Settings
from scenes.contract import SceneInputs

PROJECT = Path(__file__).resolve().parents[1]
POLL_SECONDS = 0.2
# A manim that failed for want of disk says so in its log, in the words of os.strerror...
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
# ... unless the disk was too full for the log itself: then less than this is left on it.
NEARLY_FULL_BYTES = 1 << 20

# manim as a child that ends with the process that started it (Linux's PR_SET_PDEATHSIG = 1):
# a render or worker killed mid-scene, by SIGKILL, the OOM killer or Dask, leaves no manim
# behind to write into a staging folder the next run has removed. The parent's pid comes
# first, so a parent that died before the prctl is noticed too.
ORPHANLESS_MANIM = (
    "import ctypes, os, runpy, signal, sys\n"
    "ctypes.CDLL(None).prctl(1, signal.SIGTERM)\n"
    "if os.getppid() != int(sys.argv.pop(1)): os._exit(143)\n"
    "runpy.run_module('manim', run_name='__main__', alter_sys=True)\n"
)


def command(scene_file: Path, scene: str, settings: Settings, work: Path) -> list[str]:
    """The ``manim render`` command that renders ``scene`` into ``work/media``.

    The project's ``manim.cfg`` is named, not looked for in the current folder, so that
    a render started anywhere (a worker runs in a temporary folder) uses it.

    The death signal is tied to the thread that starts the child; the callers start it
    from threads that outlive it (the render pool's, a worker's task thread).
    """
    return [
        sys.executable, "-c", ORPHANLESS_MANIM, str(os.getpid()), "render",
        "--config_file", str(PROJECT / "manim.cfg"),
        "-q", QUALITIES[settings.quality],
        "--format", settings.primary,
        "--media_dir", str(work / "media"),
        "-o", scene,
        "--progress_bar", "none",
        "--disable_caching",  # render.json is the cache; hashing each play costs ~30 %
        "-v", "WARNING",
        str(scene_file), scene,
    ]  # fmt: skip


class Running:
    """The manim processes under way, to stop them all at once (from any thread)."""

    def __init__(self) -> None:
        self._processes: set[subprocess.Popen] = set()
        self._lock = threading.Lock()

    def add(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.add(process)

    def discard(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.discard(process)

    def stop(self) -> None:
        """SIGTERM to each one's whole process group: manim and its encoders."""
        with self._lock:
            for p in self._processes:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGTERM)


@dataclass(frozen=True)
class Outcome:
    """How a manim ended: its exit code (negative: the signal that killed it), its log, and
    the one line of the input error its scene stopped on, if it did."""

    returncode: int
    log: str
    input_error: str | None = None

    def raise_input_error(self) -> None:
        """Raise the scene's own one-line :class:`InputError` if that is how manim ended."""
        if self.input_error is not None:
            raise InputError(self.input_error)

    def failure(self, scene: str, kept: Path | str | None) -> str:
        """One line on a failed render, naming where its whole log was kept (if it was).

        Its cause is the log's last line, or "no space left on device" when the log says
        so anywhere: a traceback's last line would only name the file it was writing.
        """
        how = f"killed by {signal.Signals(-self.returncode).name}" if self.returncode < 0 else (
            f"exit {self.returncode}")  # fmt: skip
        lines = [line for line in self.log.splitlines() if line.strip()]
        if full := disk_full(self.log):
            last = f": {files.CAUSES[full]}"
        else:
            last = f": {lines[-1].strip()[:120]}" if lines else ""
        where = f" (whole log: {kept})" if kept is not None else ""
        return f"manim failed on {scene} ({how}){last}{where}"


def run(
    cmd: list[str],
    env: dict[str, str],
    inputs: SceneInputs,
    work: Path,
    *,
    cwd: Path | None = None,
    running: Running | None = None,
    each: Callable[[], None] | None = None,
) -> Outcome:
    """Run ``cmd`` (:func:`command`) to its end in ``env``, with ``inputs`` as its
    ``NNEXPLAIN_*`` variables over it; its output goes to ``work/log``.

    ``running`` holds it while it runs, so that another thread can stop it; ``each`` is
    called every :data:`POLL_SECONDS` meanwhile (to report progress).

    Raises
    ------
    OSError
        If it failed for want of disk (its log is then not worth keeping on that disk).
    """
    log_path, error_path = work / "log", work / "error"
    (work / "progress").touch()
    told = replace(inputs, progress_file=str(work / "progress"), error_file=str(error_path))
    with log_path.open("w") as log:
        process = subprocess.Popen(cmd, cwd=cwd, env=env | told.to_env(), stdout=log,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)  # fmt: skip
        if running is not None:
            running.add(process)
        try:
            while process.poll() is None:
                time.sleep(POLL_SECONDS)
                if each is not None:
                    each()
        finally:
            if running is not None:
                running.discard(process)
    said = error_path.read_text(encoding="utf-8") if error_path.exists() else None
    outcome = Outcome(process.returncode, log_path.read_text(errors="replace"), said)
    if outcome.returncode != 0 and said is None and (full := disk_full(outcome.log, work)):
        raise OSError(full, os.strerror(full), str(work))
    return outcome


def disk_full(log: str, folder: Path | None = None) -> int | None:
    """``errno.ENOSPC`` (or ``EDQUOT``) if a failed child ran out of disk, else ``None``.

    Its ``log`` says so; or, when the disk was too full to keep even the log, the disk
    of ``folder`` (where the child wrote) is next to full.
    """
    lowered = log.lower()
    said = next((e for e in DISK_FULL if os.strerror(e).lower() in lowered), None)
    if said is not None or folder is None:
        return said
    try:
        disk = os.statvfs(folder)
    except OSError:
        return None
    return errno.ENOSPC if disk.f_bavail * disk.f_frsize < NEARLY_FULL_BYTES else None
