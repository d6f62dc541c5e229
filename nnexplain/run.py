"""One ``nnexplain render`` run: the chapters, live progress, the lecture video, the index page."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from nncore import files
from nnexplain import subtitles
from nnexplain.chapters import Chapter
from nnexplain.index_page import drop_if_broken, write_index
from nnexplain.lecture_video import TITLE_SECONDS, LectureChapter, Mark, build_lecture
from nnexplain.lecture_video import marks as lecture_marks
from nnexplain.render import (
    PROJECT,
    Result,
    Runner,
    beats_of,
    chapter_folder,
    remove_leftovers,
)
from nnexplain.settings import FORMATS, VIDEO_FORMATS, Settings
from nnexplain.words import load as load_words

# The code that makes the lecture's video, subtitles and chapter lists from the chapters (this
# module writes the lists; the title cards take style's font and background, the soundtrack
# its codecs): a change remakes them.
LECTURE_CODE = ("nnexplain/lecture_video.py", "nnexplain/subtitles.py", "nnexplain/run.py",
                "scenes/style.py", "scenes/audio/soundtrack.py")  # fmt: skip


class Lecture:
    """Renders chapters into ``out`` and assembles the run's products, showing progress."""

    def __init__(self, out: Path, settings: Settings, jobs: int) -> None:
        self.out = out
        self.settings = settings
        self.jobs = jobs
        self.console = Console(stderr=True)
        self.words = load_words(settings.inputs)  # titles, cards, pages: in the render's language
        # The words of the subtitles' other language (their tracks' label), if asked for.
        other = settings.inputs.subtitles
        self.other = other and load_words(replace(settings.inputs, language=other))

    def render(self, chapters: list[tuple[int, Chapter]]) -> list[Result]:
        """Render ``chapters`` and assemble the lecture; the caller holds ``out``'s lock.

        However it fails, the products of the last good run stay as they were, and an
        ``index.html`` that would link to a file no longer there is removed.
        """
        self.out.mkdir(parents=True, exist_ok=True)
        try:
            return self._render(chapters)
        except BaseException:
            drop_if_broken(self.out / "index.html")
            raise

    def _render(self, chapters: list[tuple[int, Chapter]]) -> list[Result]:
        start = time.monotonic()
        with Progress(
            TextColumn("{task.description:<18}"),
            BarColumn(),
            TextColumn("{task.fields[status]}"),
            TimeElapsedColumn(),
            console=self.console,
        ) as progress:
            overall = progress.add_task(
                "lecture", total=len(chapters), status=f"0/{len(chapters)} scenes"
            )
            tasks = {c.name: progress.add_task(c.name, total=self._expected(k, c), status="waiting")
                     for k, c in chapters}  # fmt: skip
            lock = threading.Lock()

            def on_progress(name: str, seconds: float) -> None:
                with lock:
                    progress.update(
                        tasks[name], completed=seconds, status=f"{seconds:5.1f} s of video"
                    )

            def on_done(result: Result) -> None:
                task: TaskID = tasks[result.chapter.name]
                status = "reused" if result.reused else f"done, {result.frames} frames"
                progress.update(task, total=1, completed=1, status=status)
                progress.advance(overall)
                done = int(progress.tasks[overall].completed)
                progress.update(overall, status=f"{done}/{len(chapters)} scenes")

            results = Runner(self.out, self.settings, self.jobs, on_progress).run(chapters, on_done)
        with self.console.status("joining the lecture video, making the slides"):
            lecture, index = self.assemble(results)
        self._summary(results, lecture, index, time.monotonic() - start)
        return results

    def assemble(self, results: list[Result]) -> tuple[Path | None, Path]:
        """The lecture video, the slides and ``index.html`` from finished chapters.

        Returns the lecture video (``None`` when there is none) and the index page.
        Each is made aside and put in place whole; what a killed run left is removed first
        (the caller holds ``out``'s lock).
        """
        remove_leftovers(self.out)
        try:
            # The lecture video and the slides are made from the same finished chapters, side
            # by side: PyAV and Pillow do their work outside the GIL.
            with ThreadPoolExecutor(max_workers=2) as pool:
                lecture = pool.submit(self._lecture_video, results) if len(results) > 1 else None
                slides = None
                if results and "slides" in self.settings.formats:
                    slides = pool.submit(self._slides, results)
                lecture = lecture and lecture.result()
                slides = slides and slides.result()
            index = write_index(results, self.out, self.words, lecture, slides, self.other)
            if results:
                self._teaching_kit(results, lecture)
            return lecture, index
        except BaseException:  # (nnexplain batch calls this on its own, for each student)
            drop_if_broken(self.out / "index.html")
            raise

    def _teaching_kit(self, results: list[Result], lecture: Path | None) -> None:
        """``handout.pdf`` and ``transcript.txt`` ("handout"), ``lecture-scorm.zip`` ("scorm"),
        ``quiz.gift`` and ``quiz.html`` ("quiz")."""
        from nnexplain import handout, quiz, scorm, transcript  # typst: imported only when needed

        if "handout" in self.settings.formats:
            handout.write_handout(results, self.out / "handout.pdf", self.words)
            # The lecture's times, as lecture.srt has them: each chapter after its title card.
            marks = lecture and lecture_marks(self._joined(results))
            offsets = marks and [m.start + TITLE_SECONDS for m in marks]
            transcript.write_transcript(results, self.out / "transcript.txt", self.words, offsets)
        if "quiz" in self.settings.formats:
            quiz.write_quiz(results, self.out, self.words)
        if "scorm" in self.settings.formats:
            scorm.write_scorm(results, self.out, self.words, lecture, self.other)

    def _expected(self, index: int, chapter: Chapter) -> float | None:
        """Seconds of video an earlier render of this chapter made, to size its bar."""
        folder = chapter_folder(self.out, index, chapter)
        try:
            return float(json.loads((folder / "render.json").read_text())["duration"]) or None
        except (OSError, ValueError, KeyError):
            return None

    def _joined(self, results: list[Result]) -> list[LectureChapter]:
        """What the lecture video joins: each chapter's video in the first video format
        asked for (none when no video was)."""
        kinds = [f for f in VIDEO_FORMATS if f in self.settings.formats]
        if not kinds:
            return []
        return [
            LectureChapter(self.words.title(r.chapter), self.words.concept(r.chapter),
                           next(p for p in r.files if p.suffix == f".{kinds[0]}"),
                           self.words("chapter-number", number=k))
            for k, r in enumerate(results, start=1)
        ]  # fmt: skip

    def _lecture_video(self, results: list[Result]) -> Path | None:
        """All chapters in one video, each after a title card (when videos were asked for).

        Beside it: the lecture's subtitles, and its chapters as ``chapters.vtt`` (for
        the page) and ``chapters.txt`` ("0:00 Title", as video sites read them).
        """
        chapters = self._joined(results)
        if not chapters:
            return None
        suffix = chapters[0].video.suffix
        target = self.out / f"lecture{suffix}"
        stamp = self.out / f".lecture{suffix}.sources"
        # What it is made of: the chapters' videos, beats and title cards' words, and the code
        # that joins them.
        made_of = [c.video for c in chapters]
        made_of += [r.sidecar for r in results]
        made_of += [PROJECT / name for name in LECTURE_CODE]
        sources = "\n".join(
            [f"{p}:{hashlib.sha256(p.read_bytes()).hexdigest()}" for p in made_of]
            + [f"{c.heading}: {c.title}: {c.concept}" for c in chapters]
        )
        if target.exists() and stamp.exists() and stamp.read_text() == sources:
            return target  # the same chapter files as last time: reuse it and its companions
        # Made aside, then moved in: a full disk leaves the last lecture and its companions.
        aside = Path(tempfile.mkdtemp(dir=self.out, prefix=f"{files.TEMP_MARK}.lecture-"))
        try:
            with files.writing(target):
                marks = build_lecture(chapters, aside / target.name)
                made = subtitles.write(self._cues(results, marks), aside / "lecture")
                if other := self.settings.inputs.subtitles:
                    cues = self._cues(results, marks, other)
                    made += subtitles.write(cues, subtitles.translated(aside / "lecture", other))
                chapter_cues = [subtitles.Cue(m.start, m.end, m.title) for m in marks]
                made.append(
                    subtitles.write_atomically(aside / "chapters.vtt", subtitles.vtt(chapter_cues))
                )
                listing = "".join(
                    f"{int(m.start // 60)}:{int(m.start % 60):02d} {m.title}\n" for m in marks
                )
                made.append(subtitles.write_atomically(aside / "chapters.txt", listing))
            # No stamp while they are moved: one run killed in between joins them again.
            stamp.unlink(missing_ok=True)
            for path in [aside / target.name, *made]:
                os.replace(path, self.out / path.name)
            with files.written(stamp) as f:
                f.write(sources.encode())
        finally:
            shutil.rmtree(aside, ignore_errors=True)
        return target

    def _cues(self, results: list[Result], marks: list[Mark], translation: str | None = None
              ) -> list[subtitles.Cue]:  # fmt: skip
        """The lecture's subtitles: each chapter's after its title card; in the lecture's
        language, or the beats' ``translation`` timed by the same sentences."""
        language = translation or self.settings.language
        return [
            cue
            for r, mark in zip(results, marks)
            for cue in subtitles.cues(
                beats_of(r), mark.start + TITLE_SECONDS, language, translation is not None
            )  # fmt: skip
        ]

    def _slides(self, results: list[Result]) -> Path:
        """``OUT/slides/``: the reveal.js deck (``index.html``) and ``lecture.pptx``."""
        from nnexplain.slides import DeckScene, build_slides  # python-pptx: slow

        scenes = []
        for r in results:
            video = next(p for p in r.files if p.suffix in (".mp4", ".webm"))
            scenes.append(DeckScene(self.words.title(r.chapter), video, r.sidecar,
                                    r.folder / "stills", self.words.concept(r.chapter),
                                    self.settings.burn_subtitles))  # fmt: skip
        folder = self.out / "slides"
        with files.writing(folder):  # the file that filled the disk is one in its staging
            return build_slides(scenes, folder, self.words, other=self.other, jobs=self.jobs)

    def _summary(
        self, results: list[Result], lecture: Path | None, index: Path, seconds: float
    ) -> None:
        table = Table(title=f"nnexplain render: {len(results)} scenes in {seconds:.0f} s")
        for column in ("scene", "frames", "seconds", "output"):
            table.add_column(column, justify="right" if column in ("frames", "seconds") else "left")
        for r in results:
            made = [p for p in r.files if p.parent == r.folder and p.suffix[1:] in FORMATS]
            main = min(made, key=lambda p: FORMATS.index(p.suffix[1:]), default=r.folder)
            took = "reused" if r.reused else f"{r.seconds:.1f}"
            table.add_row(r.chapter.name, str(r.frames), took, str(main))
        self.console.print(table)
        if lecture is not None:
            self.console.print(f"lecture video: {lecture}")
        self.console.print(f"index page:    {index}")
