"""Render lecture chapters with manim, safely, in parallel, with live progress.

Each chapter is rendered by its own ``manim`` process into a private staging
folder, and its products are gathered there into a complete chapter folder,
``render.json`` manifest last. Only then does that folder take the place of the
old one, by two renames: an interrupted or failed render never leaves a
truncated file where a good one was, a video always sits beside the sidecar and
stills of the same render, and a re-run with the same inputs, settings and code
reuses what is there.

Output of chapter ``k`` (``out/NN-name/``)::

    Scene.mp4  Scene.gif  Scene.numbers.json  stills/NN-moment.png  render.json
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from nncore import files
from nnexplain import manim_process, subtitles
from nnexplain.burn import burn_subtitles
from nnexplain.chapters import Chapter
from nnexplain.gif import to_gif
from nnexplain.manim_process import PROJECT
from nnexplain.settings import LECTURE_ONLY, Settings
from nnexplain.stops import Interrupted, RenderError
from scenes import script
from scenes.contract import SIDECAR_SUFFIX, Beat, Sidecar

STAGING_PREFIX = ".staging"
VOICE_CACHE = ".voice"  # OUT/.voice: narration clips, by text and voice
TRAIN_CACHE = ".train"  # OUT/.train: networks trained for the learning scene, by recipe
LOGS = ".logs"  # OUT/.logs/NN-name.log: the manim log of a failed render
# What runs killed mid-write left in OUT under names from before files.TEMP_MARK: a lecture's
# work folder and file, a deck's, a page's or subtitles' temporary file (.NAME.PID.tmp).
OLD_LEFTOVERS = (".lecture-*", ".lecture.*.tmp.*", ".slides.*.tmp", ".slides.*.old", ".*.tmp")
# ... and in OUT/slides (the PowerPoint file's), OUT/.voice (a clip's) and OUT/.train.
OLD_LEFTOVERS_IN = {"slides": (".*.tmp", ".*.unzipped"), VOICE_CACHE: (".*.tmp",),
                    TRAIN_CACHE: ("tmp*.npz",)}  # fmt: skip


@dataclass
class Result:
    chapter: Chapter
    folder: Path
    reused: bool
    seconds: float  # wall time spent now (0 when reused)
    frames: int
    files: list[Path] = field(default_factory=list)

    @property
    def sidecar(self) -> Path | None:
        """Its scene's sidecar (:class:`scenes.contract.Sidecar`), if it was kept."""
        return next((p for p in self.files if p.name.endswith(SIDECAR_SUFFIX)), None)


def chapter_folder(out: Path, index: int, chapter: Chapter) -> Path:
    return out / f"{index:02d}-{chapter.name}"


def remove_leftovers(out: Path) -> None:
    """Remove what runs killed in ``out`` left: staging, temporary files and folders.

    Whoever left them: names with :data:`nncore.files.TEMP_MARK`, ``.staging*``, and
    the names older versions gave them. The caller holds ``out``'s lock
    (:mod:`nnexplain.outlock`), so nothing else is writing them.
    """
    found = [*out.glob(f"{STAGING_PREFIX}*")]
    found += [p for pattern in OLD_LEFTOVERS for p in out.glob(pattern)]
    for folder, patterns in OLD_LEFTOVERS_IN.items():
        files.remove_leftovers(out / folder)
        found += [p for pattern in patterns for p in (out / folder).glob(pattern)]
    files.remove_leftovers(out)
    for p in found:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)


# The app's code whose output lands in a chapter folder, beside what manim made.
CHAPTER_CODE = ("nnexplain/subtitles.py", "nnexplain/burn.py", "nnexplain/gif.py")


def chapter_code(root: Path = PROJECT) -> list[Path]:
    """Every file a chapter folder's contents depend on: the numerics, the scenes, their
    script and assets, manim's configuration, and the app's code that writes beside them."""
    paths = [root / "manim.cfg"]  # its encoder options change the videos too
    for folder in ("nncore", "scenes"):
        paths += sorted(
            p
            for p in (root / folder).rglob("*")
            if p.suffix in (".py", ".npz", ".json", ".ftl")  # .ftl: the script's words
        )
    return paths + [root / name for name in CHAPTER_CODE]


def code_digest(root: Path = PROJECT) -> str:
    """sha256 over the code and assets a chapter depends on: a change re-renders it."""
    h = hashlib.sha256()
    for path in chapter_code(root):
        if path.is_file():
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def input_digest(env: dict[str, str]) -> str:
    """sha256 of the inputs, including the bytes of any file they name."""
    h = hashlib.sha256(json.dumps(env, sort_keys=True).encode())
    for value in env.values():
        if os.path.isfile(value):
            h.update(Path(value).read_bytes())
    return h.hexdigest()


def render_key(chapter: Chapter, settings: Settings, code: str) -> str:
    formats = [f for f in settings.formats if f not in LECTURE_ONLY]
    parts = [chapter.name, chapter.scene, settings.quality, *formats,
             f"burn={settings.burn_subtitles}", input_digest(settings.inputs.to_env()),
             code]  # fmt: skip
    if settings.inputs.script:  # a teacher's wording: its text, not its folder's name
        for language in sorted({settings.language, settings.inputs.subtitles or settings.language}):
            parts.append(script.digest(Path(settings.inputs.script), [chapter.module], language))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def reusable(folder: Path, key: str) -> dict | None:
    """The manifest of a complete earlier render with this key, if there is one."""
    try:
        manifest = json.loads((folder / "render.json").read_text())
    except (OSError, ValueError):
        return None
    paths = [folder / f for f in manifest.get("files", [])]
    return manifest if manifest.get("key") == key and all(f.exists() for f in paths) else None


def beats_of(result: Result) -> tuple[Beat, ...]:
    """The beats a chapter's sidecar logged: names, timings, narration."""
    return Sidecar.read(result.sidecar).beats


def expected_seconds(out: Path, index: int, chapter: Chapter) -> float:
    """Seconds of video the chapter will make: its last render's, else its default's."""
    try:
        return float(json.loads((chapter_folder(out, index, chapter) / "render.json").read_text())[
            "duration"])  # fmt: skip
    except (OSError, ValueError, KeyError):
        return chapter.seconds


def longest_first(chapters: list[tuple[int, Chapter]], out: Path) -> list[tuple[int, Chapter]]:
    """The order to start the chapters in: the longest video first (ties in lecture order)."""
    return sorted(chapters, key=lambda ic: -expected_seconds(out, *ic))


def count_frames(video: Path) -> int:
    import av

    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return stream.frames or sum(1 for _ in container.decode(stream))


class Runner:
    """Renders chapters in parallel processes and reports progress through ``on_progress``.

    ``on_progress(chapter_name, seconds_of_video)`` is called from worker threads.
    """

    def __init__(self, out: Path, settings: Settings, jobs: int,
                 on_progress: Callable[[str, float], None]) -> None:  # fmt: skip
        self.out = out
        self.settings = settings
        self.jobs = jobs
        self.on_progress = on_progress
        self.code = code_digest()
        self.staging = out / STAGING_PREFIX  # made anew by run()
        self._running = manim_process.Running()
        self._stopping = threading.Event()

    def run(self, chapters: list[tuple[int, Chapter]],
            on_done: Callable[[Result], None]) -> list[Result]:  # fmt: skip
        """Render every ``(index, chapter)``; Ctrl-C stops all of them and cleans up.

        The caller holds ``out``'s lock (:mod:`nnexplain.outlock`), so any staging
        folder or temporary file already there was left by a run that died: it is removed.
        """
        remove_leftovers(self.out)
        with files.writing(self.out):
            self.staging = Path(tempfile.mkdtemp(dir=self.out, prefix=STAGING_PREFIX + "-"))
        pool = ThreadPoolExecutor(max_workers=self.jobs)
        # Longest first, so that no long chapter starts last while the other cores idle;
        # the results still come back in lecture order.
        submitted = {
            index: pool.submit(self._one, index, chapter)
            for index, chapter in longest_first(chapters, self.out)
        }
        futures = [submitted[index] for index, _ in chapters]
        results = []
        try:
            for future in futures:
                while not future.done():
                    time.sleep(0.1)  # the main thread stays free to receive Ctrl-C
                result = future.result()
                on_done(result)
                results.append(result)
        except KeyboardInterrupt:  # a caller that did not turn signals into Interrupted
            self._stop_all()
            pool.shutdown(wait=True, cancel_futures=True)
            raise Interrupted from None
        except BaseException:
            self._stop_all()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        pool.shutdown()
        return results

    def _stop_all(self) -> None:
        self._stopping.set()
        self._running.stop()

    def _one(self, index: int, chapter: Chapter) -> Result:
        folder = chapter_folder(self.out, index, chapter)
        key = render_key(chapter, self.settings, self.code)
        manifest = reusable(folder, key)
        if manifest is not None:
            paths = [folder / f for f in manifest["files"]]
            self.on_progress(chapter.name, manifest["duration"])
            return Result(chapter, folder, True, 0.0, manifest["frames"], paths)
        if self._stopping.is_set():
            raise Interrupted
        start = time.monotonic()
        # A full disk (or another OS error) is said of the chapter, not of a file in staging.
        with files.writing(folder):
            work = Path(tempfile.mkdtemp(dir=self.staging, prefix=f"{chapter.name}-"))
            try:
                made = self._manim(chapter, work)
                return self._place(chapter, folder, key, made, time.monotonic() - start)
            finally:
                shutil.rmtree(work, ignore_errors=True)

    def _manim(self, chapter: Chapter, work: Path) -> dict:
        """Run manim into ``work``; return what it made (primary file, sidecar, stills)."""
        progress_file = work / "progress"
        cmd = manim_process.command(chapter.path, chapter.scene, self.settings, work)
        # Synthesised speech is kept in OUT/.voice, so a re-render says nothing twice, and a
        # network trained for the learning scene in OUT/.train, so it is trained once.
        given = replace(self.settings.inputs, voice_cache=str((self.out / VOICE_CACHE).resolve()),
                        train_cache=str((self.out / TRAIN_CACHE).resolve()))  # fmt: skip

        def report() -> None:
            lines = progress_file.read_text().split()
            if lines:
                self.on_progress(chapter.name, float(lines[-1]))

        outcome = manim_process.run(cmd, dict(os.environ), given, work,
                                    running=self._running, each=report)  # fmt: skip
        if self._stopping.is_set():
            raise Interrupted
        outcome.raise_input_error()
        if outcome.returncode != 0:
            raise RenderError(self._failure(chapter, outcome, work / "log"))
        return manim_products(chapter.scene, self.settings, work)

    def _failure(self, chapter: Chapter, outcome: manim_process.Outcome, log: Path) -> str:
        """One line on a failed render, its whole log kept in ``OUT/.logs/`` if it can be."""
        kept: Path | None = self.out / LOGS / f"{chapter.name}.log"
        try:
            kept.parent.mkdir(exist_ok=True)
            shutil.copyfile(log, kept)
        except OSError:
            kept = None
        return outcome.failure(chapter.scene, kept)

    def _place(
        self, chapter: Chapter, folder: Path, key: str, made: dict, seconds: float
    ) -> Result:
        """Gather a finished render into a complete folder, then swap it in for ``folder``."""
        staged = made["work"] / folder.name
        manifest = gather(chapter.scene, self.settings, key, made, staged)
        swap_in(staged, folder, self.staging)
        self.on_progress(chapter.name, made["duration"])
        names = manifest["files"]
        return Result(chapter, folder, False, seconds, manifest["frames"],
                      [folder / n for n in names])  # fmt: skip


# The pieces of one chapter's render, shared with `nnexplain batch`, which runs them on
# other processes or machines (nnexplain/scene_task.py).


def manim_products(scene: str, settings: Settings, work: Path) -> dict:
    """What a finished manim made in ``work`` (primary file, sidecar, stills, duration)."""
    suffix = "png" if settings.primary == "png" else settings.primary
    (primary,) = (work / "media").rglob(f"{scene}.{suffix}")
    progress = (work / "progress").read_text().split()
    return {
        "primary": primary,
        "sidecar": Sidecar.path_of(primary),
        "stills": primary.with_name(f"{scene}.stills"),
        "duration": float(progress[-1] if progress else 0),
        "work": work,
    }


def gather(scene: str, settings: Settings, key: str, made: dict, staged: Path) -> dict:
    """Make the chapter's products from what manim ``made``; gather them in ``staged``.

    ``render.json``, the manifest returned, is written last: a folder with it is complete.
    """
    staged.mkdir()
    primary = made["primary"]
    products = [made["sidecar"]]
    beats = Sidecar.read(made["sidecar"]).beats
    if settings.primary != "png" and beats:
        cues = subtitles.cues(beats, language=settings.language)
        products += subtitles.write(cues, primary.with_suffix(""))
        if other := settings.inputs.subtitles:  # beside them, timed by the same sentences
            translated = subtitles.cues(beats, language=other, translation=True)
            stem = subtitles.translated(primary.with_suffix(""), other)
            products += subtitles.write(translated, stem)
        if settings.burn_subtitles:  # before the GIF is made from the video
            burn_subtitles(primary, cues, primary)
    if settings.primary == "png":
        products.append(primary)
    else:
        if "gif" in settings.formats:
            products.append(to_gif(primary, primary.with_suffix(".gif")))
        if settings.keeps_video:
            products.append(primary)
    frames = 1 if settings.primary == "png" else count_frames(primary)
    for product in products:
        product.rename(staged / product.name)
    made["stills"].rename(staged / "stills")
    names = [p.name for p in products] + [f"stills/{p.name}" for p in
                                           sorted((staged / "stills").iterdir())]  # fmt: skip
    manifest = {
        "key": key,
        "scene": scene,
        "language": settings.language,  # of its words: the checks read its numbers so
        "frames": frames,
        "duration": made["duration"],
        "files": names,
    }
    (staged / "render.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def swap_in(staged: Path, folder: Path, staging: Path) -> None:
    """Put the complete folder ``staged`` in the place of ``folder``, old files and all.

    Two renames: the folder is never half old and half new, only absent for a moment.
    ``staging`` (on the same file system) holds the old folder until it is removed.
    """
    old = Path(tempfile.mkdtemp(dir=staging, prefix=f"old-{folder.name}-")) / folder.name
    if folder.exists():
        folder.rename(old)
    staged.rename(folder)
    shutil.rmtree(old.parent, ignore_errors=True)
