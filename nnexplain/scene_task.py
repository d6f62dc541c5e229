"""One scene for one student, rendered anywhere: the task ``nnexplain batch`` hands out.

The same function, :func:`render_scene`, runs in a local worker process and on a
Dask worker. It renders in a private temporary folder, with the image it needs
carried in the task itself (workers share no disk with the client), gathers the
chapter's products with ``nnexplain render``'s own code, and returns every file
as bytes with its manifest. The client writes them with render's atomic moves.

Example (what a worker does; the client then calls :func:`nnexplain.batch_run.store`)::

    files = render_scene(SceneTask(key, chapter, "scenes/compute_scale.py", settings))
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from nnexplain import manim_process
from nnexplain.chapters import Chapter
from nnexplain.manim_process import PROJECT, Outcome
from nnexplain.render import code_digest, gather, manim_products
from nnexplain.settings import Settings
from scenes.contract import SceneInputs


@dataclass(frozen=True)
class SceneTask:
    """Everything a worker needs to render one scene, with no file of the client's."""

    key: str  # the render key (nnexplain.render.render_key) its files are stored under
    chapter: Chapter
    scene_file: str  # relative to the project when in it: each worker finds its own copy
    settings: Settings  # its env names the digit by its bare file name, as the sidecar says
    digit: tuple[str, bytes] | None = None  # (file name, bytes) of the student's image
    voice_cache: str | None = None  # a narration cache, where workers share the client's disk


@dataclass(frozen=True)
class SceneFiles:
    """What a task made: files by path relative to the chapter folder, or how manim failed."""

    key: str
    code: str  # the worker's code digest: the client refuses files made by other code
    outcome: Outcome | None = None  # how a failed manim ended; None: it made the files
    manifest: dict | None = None
    files: dict[str, bytes] = field(default_factory=dict)


@cache
def _code() -> str:
    return code_digest()


def _worker_environ() -> dict[str, str]:
    """This worker's environment for manim, without what is not the task's to give it.

    A worker's own scene inputs (NNEXPLAIN_* variables) must not leak in. A Dask nanny
    sets variables tuned for Dask's own tasks in its worker
    (``distributed.nanny.pre-spawn-environ``); its ``MALLOC_TRIM_THRESHOLD_=65536`` alone
    made manim about 20 % slower (returning memory to the system after nearly every
    frame), so manim gets none of them.
    """
    env = {k: v for k, v in os.environ.items() if not SceneInputs.is_variable(k)}
    if _on_dask_worker():
        import dask

        for key, value in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items():
            if env.get(key) == str(value):
                del env[key]
    return env


def _on_dask_worker() -> bool:
    if "distributed" not in sys.modules:  # a local worker process never imports it
        return False
    from distributed import get_worker

    try:
        get_worker()
    except ValueError:
        return False
    return True


def render_scene(task: SceneTask) -> SceneFiles:
    """Render ``task`` in a temporary folder; return its files (or its failure).

    A failure is returned, not raised, so that Dask does not retry a scene that fails
    the same way on every worker; only a worker's death retries it elsewhere.

    Raises
    ------
    OSError
        If the worker's own disk failed it; a manim that failed on a full disk is
        reported as that, whatever it said (often a truncated file, read back).
    """
    scene_file = Path(task.scene_file)
    if not scene_file.is_absolute():
        scene_file = PROJECT / scene_file
    with tempfile.TemporaryDirectory(prefix=f"nnexplain-{task.chapter.name}-") as tmp:
        work = Path(tmp)
        if task.digit is not None:
            name, data = task.digit
            (work / name).write_bytes(data)
        command = manim_process.command(scene_file, task.chapter.scene, task.settings, work)
        given = replace(task.settings.inputs, voice_cache=task.voice_cache or str(work / "voice"))
        # manim runs in `work`, so that the digit is found by its bare name.
        outcome = manim_process.run(command, _worker_environ(), given, work, cwd=work)
        if outcome.returncode != 0:
            return SceneFiles(task.key, _code(), outcome)
        made = manim_products(task.chapter.scene, task.settings, work)
        staged = work / "chapter"
        manifest = gather(task.chapter.scene, task.settings, task.key, made, staged)
        files = {
            str(p.relative_to(staged)): p.read_bytes()
            for p in sorted(staged.rglob("*"))
            if p.is_file()
        }
        return SceneFiles(task.key, _code(), manifest=manifest, files=files)
