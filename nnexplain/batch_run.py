"""One ``nnexplain batch`` run: check each student, render each scene once, assemble lectures.

Output (``DIR/``)::

    index.html                the class page (nnexplain.class_page)
    failures.csv              file,name,error of each row that failed (only if one did)
    <name>/digit.png          the student's image beside the 28x28 the network read
    <name>/01-input-layer/    a chapter, as `nnexplain render` makes it
    <name>/lecture.mp4 ...    their lecture video, slides and index.html
    .scenes/<key>/            each scene rendered once, hard-linked into every lecture

A task's files come back from its worker as bytes; they are written into a staging
folder and swapped into ``.scenes/<key>/`` whole, then each lecture's chapter
folder is made of hard links and swapped in likewise (``nnexplain.render.swap_in``).

An OS error (a full disk, a name too long, no permission) fails the row it happened
in, with one line that names its cause and path; but when the disk of ``DIR`` itself
is full, read-only or failing, no other row could be written either: the batch stops
with that line, its staging removed, and the class page and ``failures.csv`` of the
last run left as they were.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from nncore import data
from nncore.errors import InputError
from nncore.files import os_error_line, remove_leftovers, written
from nncore.mlp import Network
from nncore.report import inspect
from nncore.train import TRAINED_PATH
from nnexplain import preflight
from nnexplain.batch import Student, check_photo, scene_task
from nnexplain.chapters import Chapter
from nnexplain.class_page import Row, write_class_page
from nnexplain.cluster import LOCAL, executor
from nnexplain.render import (
    LOGS,
    STAGING_PREFIX,
    VOICE_CACHE,
    Result,
    chapter_folder,
    code_digest,
    reusable,
    swap_in,
)
from nnexplain.run import Lecture
from nnexplain.scene_task import SceneFiles, SceneTask, render_scene
from nnexplain.settings import Settings
from nnexplain.stops import RenderError
from scenes.contract import STUDENT_INPUTS

STORE = ".scenes"
FAILURES = "failures.csv"
POLL_SECONDS = 0.1  # short sleeps keep the main thread free to receive Ctrl-C
# What, on the disk of DIR, fails every row after it too: these stop the batch.
DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})
# Cells a spreadsheet would run as a formula (OWASP, CSV injection): they get a quote first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Lesson:
    """A student being made a lecture: their class-page row, and the scenes still to come."""

    student: Student
    row: Row
    tasks: list[tuple[int, Chapter, SceneTask]] = field(default_factory=list)
    waiting: set[str] = field(default_factory=set)  # keys not yet in the store


class Batch:
    """Makes a lecture per student in ``out`` and the class page, showing progress."""

    def __init__(self, out: Path, settings: Settings, jobs: int, scheduler: str | None) -> None:
        self.out = out
        self.settings = settings
        self.jobs = jobs
        self.scheduler = scheduler
        self.console = Console(stderr=True)
        self.code = code_digest()
        self.staging = out / STAGING_PREFIX  # made anew by run()

    def run(self, students: list[Student], chapters: list[tuple[int, Chapter]]) -> list[Row]:
        """Every student's lecture, then the class page; returns the page's rows.

        The caller holds ``out``'s lock, so a staging folder found here was left by a
        run that died: it is removed.
        """
        start = time.monotonic()
        for stale in self.out.glob(f"{STAGING_PREFIX}*"):
            shutil.rmtree(stale, ignore_errors=True)
        remove_leftovers(self.out)
        self.staging = Path(tempfile.mkdtemp(dir=self.out, prefix=STAGING_PREFIX + "-"))
        try:
            with self.console.status("reading every student's digit"):
                lessons = [self._lesson(s, chapters) for s in students]
            self._render(lessons)
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        rows = [lesson.row for lesson in lessons]
        try:
            # failures.csv first: the page says to see it.
            self._write_failures(lessons)
            index = write_class_page(rows, self.out)
        except OSError as e:
            raise RenderError(self._stopped(e)) from None
        self._summary(rows, index, time.monotonic() - start)
        return rows

    def _lesson(self, student: Student, chapters: list[tuple[int, Chapter]]) -> Lesson:
        """The student's row and tasks, or their row with what is wrong with their inputs."""
        row = Row(student.name, student.folder, student.file.name, student.label)
        if student.problem:
            return Lesson(student, replace(row, error=student.problem))
        given = self.settings.inputs.merged(student.inputs())
        own = [c for _, c in chapters if set(c.reads) & set(STUDENT_INPUTS)]
        folder = self.out / student.folder
        voice = None if self.scheduler not in (None, LOCAL) else (self.out / VOICE_CACHE)
        try:
            check_photo(student)  # before anything reads it: a FIFO would block the class
            preflight.check_inputs(own, given)
            x, _ = data.load_digit(given.digit)
            report = inspect(self.network, x, student.label)
            folder.mkdir(exist_ok=True)
            data.preview(student.file, folder / "digit.png")
            tasks = [(k, c, scene_task(student, c, self.settings, self.code,
                                       voice and str(voice.resolve())))
                     for k, c in chapters]  # fmt: skip
        except InputError as e:
            return Lesson(student, replace(row, error=str(e)))
        except OSError as e:
            return Lesson(student, replace(row, error=self._failed(e, folder)))
        row = replace(row, prediction=report.prediction, cost=report.cost,
                          preview=f"{student.folder}/digit.png")  # fmt: skip
        return Lesson(student, row, tasks, {t.key for _, _, t in tasks})

    @cached_property
    def network(self) -> Network:
        """The trained network the class page reads each digit with (--weights, or shipped).

        Loaded as the scenes load it: ``--activation`` names what a file does not say.
        """
        given = self.settings.inputs
        return Network.load(Path(given.weights or TRAINED_PATH), activation=given.activation)

    def _failed(self, e: OSError, where: Path | None) -> str:
        """The row's one line for ``e``, met while writing ``where`` (when ``e`` names no path).

        Raises
        ------
        RenderError
            If ``e`` is the disk of ``out`` being full, read-only or failing: the batch stops.
        """
        # A copy's error names its source first, its destination second: the one in out
        # is where it happened, when one is.
        paths = [os.fsdecode(p) for p in (e.filename2, e.filename) if p is not None]
        if not paths and where is not None:
            paths = [str(where)]
        ours = [p for p in paths if _within(p, self.out)]
        e = OSError(e.errno, e.strerror, (ours or paths or [None])[0])
        if e.errno in DISK_ERRNOS and ours:
            raise RenderError(self._stopped(e))
        return os_error_line(e)

    def _stopped(self, e: OSError) -> str:
        return (f"{os_error_line(e)}: the batch stopped, and what {self.out} held before is "
                "kept")  # fmt: skip

    def _render(self, lessons: list[Lesson]) -> None:
        """Render each missing scene once, on the executor; finish each lecture when it can."""
        failed_already = sum(1 for lesson in lessons if lesson.row.error)
        lessons = [lesson for lesson in lessons if lesson.row.error is None]
        unique = {t.key: t for lesson in lessons for _, _, t in lesson.tasks}
        for key in [k for k in unique if reusable(self.out / STORE / k, k)]:
            del unique[key]
        for lesson in lessons:
            lesson.waiting &= set(unique)
        columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                   TextColumn("left"), TimeRemainingColumn())  # fmt: skip
        with Progress(*columns, console=self.console) as progress:
            people = progress.add_task("students", total=len(lessons) + failed_already,
                                       completed=failed_already, status="")  # fmt: skip
            scenes = progress.add_task("scenes", total=len(unique), status="")
            self.console.print(
                f"{_count(len(lessons), 'student')} to make a lecture for, "
                f"{_count(len(unique), 'scene')} to render "
                f"({'local processes' if self.scheduler is None else self.scheduler})",
                soft_wrap=True,
            )

            def settle(lesson: Lesson, error: str | None = None) -> None:
                if error is None:
                    error = self._finish(lesson)
                if error is not None:
                    lesson.row = replace(lesson.row, error=error)
                progress.advance(people)
                failed = failed_already + sum(1 for s in lessons if s.row.error)
                progress.update(people, status=f"{failed} failed" if failed else "")

            for lesson in lessons:
                if not lesson.waiting:
                    settle(lesson)
            # Longest first, so that no long scene starts last while the other workers idle.
            order = sorted(unique.values(), key=lambda t: -t.chapter.seconds)
            if not order:
                return  # no worker to start for nothing
            # Never more workers than tasks: an idle one costs a process and its memory.
            jobs = min(self.jobs, len(order))
            with executor(self.scheduler, jobs, self.staging) as submit:
                futures = {submit(render_scene, t): t for t in order}
                while futures:
                    done = [f for f in futures if f.done()]
                    if not done:
                        time.sleep(POLL_SECONDS)
                        continue
                    for future in done:
                        task = futures.pop(future)
                        error = self._store(task, future)
                        del future  # a Dask future holds the files on its worker until released
                        progress.advance(scenes)
                        for lesson in lessons:
                            if task.key in lesson.waiting and lesson.row.error is None:
                                lesson.waiting.discard(task.key)
                                if error or not lesson.waiting:
                                    settle(lesson, error)

    def _store(self, task: SceneTask, future: object) -> str | None:
        """Write a finished task's files into ``.scenes/<key>/``; or say why there are none."""
        local = self.scheduler in (None, LOCAL)  # its workers write into self.staging
        try:
            made: SceneFiles = future.result()
        except OSError as e:  # on the worker's disk: ours, for local workers
            if local:  # in a temporary folder of the staging, gone by now: say where it was
                e = OSError(e.errno, e.strerror, str(self.out))
            return self._failed(e, None)
        except Exception as e:  # the worker or the pool died
            return f"the worker rendering {task.chapter.name} died ({type(e).__name__}: {e})"
        # Local workers run this very checkout (which, like `render`, reads it as it is
        # then); a remote worker's own install must match the code the key was made for.
        if self.scheduler not in (None, "local") and made.code != self.code:
            return (f"a worker runs other nnexplain code than this client (code {made.code[:12]},"
                    f" here {self.code[:12]}): install the same version everywhere")  # fmt: skip
        if made.outcome is not None:
            try:
                made.outcome.raise_input_error()
            except InputError as e:
                return str(e)
            kept = Path(LOGS) / f"{task.chapter.name}-{task.key[:12]}.log"
            try:
                (self.out / LOGS).mkdir(exist_ok=True)
                with written(self.out / kept, "w") as f:
                    f.write(made.outcome.log)
            except OSError as e:
                return self._failed(e, self.out / kept)
            return made.outcome.failure(task.chapter.scene, kept)
        try:
            staged = Path(tempfile.mkdtemp(dir=self.staging, prefix="store-")) / task.key
            for name, content in made.files.items():
                (staged / name).parent.mkdir(parents=True, exist_ok=True)
                (staged / name).write_bytes(content)
            (self.out / STORE).mkdir(exist_ok=True)
            swap_in(staged, self.out / STORE / task.key, self.staging)
        except OSError as e:
            return self._failed(e, self.out / STORE / task.key)
        return None

    def _finish(self, lesson: Lesson) -> str | None:
        """Link the student's chapters from the store, then join their lecture and pages.

        Returns what went wrong, in one line, or None.
        """
        home = self.out / lesson.student.folder
        try:
            results = [self._link(home, k, c, t.key) for k, c, t in lesson.tasks]
            Lecture(home, self.settings, 1).assemble(results)
        except (OSError, InputError, RenderError) as e:
            cause = _os_error(e)  # the lecture's code may have said an OSError in its words
            return str(e) if cause is None else self._failed(cause, home)
        lesson.row = replace(lesson.row, lecture=f"{lesson.student.folder}/index.html")
        return None

    def _link(self, home: Path, index: int, chapter: Chapter, key: str) -> Result:
        folder = chapter_folder(home, index, chapter)
        manifest = reusable(folder, key)
        reused = manifest is not None
        if not reused:
            stored = self.out / STORE / key
            manifest = reusable(stored, key)
            staged = Path(tempfile.mkdtemp(dir=self.staging, prefix="link-")) / folder.name
            for name in [*manifest["files"], "render.json"]:
                (staged / name).parent.mkdir(parents=True, exist_ok=True)
                os.link(stored / name, staged / name)
            swap_in(staged, folder, self.staging)
        files = [folder / f for f in manifest["files"]]
        return Result(chapter, folder, reused, 0.0, manifest["frames"], files)

    def _write_failures(self, lessons: list[Lesson]) -> None:
        """``failures.csv``, a row per failed student; none when every lecture was made."""
        target = self.out / FAILURES
        failed = [lesson for lesson in lessons if lesson.row.error]
        if not failed:
            target.unlink(missing_ok=True)
            return
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(["file", "name", "error"])
        for lesson in failed:
            row = [lesson.student.file.name, lesson.student.name, lesson.row.error]
            writer.writerow([csv_cell(cell) for cell in row])
        with written(target, "w") as f:
            f.write(text.getvalue())

    def _summary(self, rows: list[Row], index: Path, seconds: float) -> None:
        table = Table(title=f"nnexplain batch: {_count(len(rows), 'student')} in {seconds:.0f} s")
        for column in ("student", "reads", "cost", "lecture"):
            table.add_column(column)
        for r in rows:
            reads = "" if r.prediction is None else str(r.prediction)
            cost = "" if r.cost is None else f"{r.cost:.4f}"
            lecture = f"failed: {r.error}" if r.error else str(self.out / r.lecture)
            table.add_row(r.name, reads, cost, lecture)
        self.console.print(table)
        self.console.print(f"class page: {index}")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def csv_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it, never runs it: ``=1+1`` becomes ``'=1+1``."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _within(path: str, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def _os_error(e: BaseException | None) -> OSError | None:
    """``e`` if it is an ``OSError``, else the first one it was raised from or while handling."""
    while e is not None and not isinstance(e, OSError):
        e = e.__cause__ or e.__context__
    return e
