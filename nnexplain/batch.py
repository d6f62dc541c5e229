"""What ``nnexplain batch`` is asked for: the students, and the scenes their lectures need.

INPUTS is a folder of images, each labelled by its file name (``7_ana.jpg``: a 7,
by ana) or by the folder's ``labels.csv`` (``file,label,name``), or a CSV with one
row per student (``file,label,name,sentence``; files relative to the CSV).

A problem with the whole batch (no such folder, a CSV without a ``file`` column,
two students in one folder) is an :class:`InputError`; a problem with one row (an
unreadable or blank photo, a FIFO or a device given as a photo, a label that is no
digit) fails only that row.

A student's name becomes their folder's name: made safe, and cut to at most
:data:`MAX_FOLDER_BYTES` bytes (a file system takes 255), with a short hash of the
whole name so that two long names that start alike still get folders of their own.

Scenes that do not read a student's own inputs (their class's ``reads``) have one
render key for the whole class: they are rendered once and linked into every lecture.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from nncore import data
from nncore.errors import InputError, quoted
from nncore.files import regular_input
from nnexplain.chapters import Chapter
from nnexplain.render import PROJECT, render_key
from nnexplain.scene_task import SceneTask
from nnexplain.settings import Settings
from scenes.contract import STUDENT_INPUTS, SceneInputs

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
LABELS_CSV = "labels.csv"
MAX_CSV_BYTES = 10_000_000  # a class of some 100,000 rows
MAX_FOLDER_BYTES = 100
HASH_CHARS = 8  # of the name's sha256, after a cut name: 4 billion to one against a clash
# Files of the batch folder itself, which no student's folder may be called.
RESERVED = ("index.html", "failures.csv")


@dataclass(frozen=True)
class Student:
    """One row: whose lecture, from which image, about which digit and sentence."""

    name: str  # as given; the folder is `folder`
    folder: str  # DIR/<folder>/: the name, made safe as a folder name
    file: Path
    label: int | None
    sentence: str | None = None
    problem: str | None = None  # what is wrong with this row alone, found while reading

    def inputs(self) -> SceneInputs:
        """The student's own inputs, as the scenes read them."""
        label = None if self.label is None else str(self.label)
        return SceneInputs(digit=str(self.file.resolve()), label=label, sentence=self.sentence)


def read_students(inputs: Path) -> list[Student]:
    """The students of a folder of images or of a CSV, in the order given."""
    if inputs.is_dir():
        labels = inputs / LABELS_CSV
        if labels.exists():
            students = _from_csv(regular_input(labels, "the labels", MAX_CSV_BYTES))
        else:
            files = sorted(p for p in inputs.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            students = [_from_file_name(p) for p in files]
    elif inputs.exists():
        students = _from_csv(regular_input(inputs, "the CSV of students", MAX_CSV_BYTES))
    else:
        raise InputError(f"{inputs}: no such folder or CSV file")
    if not students:
        raise InputError(f"{inputs}: no students (images {', '.join(IMAGE_SUFFIXES)} or CSV rows)")
    _check_folders(students)
    return students


def _from_file_name(path: Path) -> Student:
    """``7_ana.jpg``: a 7 by ana; a name that starts with no digit has no label."""
    match = re.fullmatch(r"(\d)[_-](.+)", path.stem)
    label, name = (int(match[1]), match[2]) if match else (None, path.stem)
    return Student(name, _folder(name), path, label)


def _from_csv(path: Path) -> list[Student]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(f"{path} is not a readable CSV file: {e}") from None
    if not rows or "file" not in rows[0]:
        raise InputError(f"{path}: expected a header with the columns file,label,name[,sentence]")
    students = []
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        file = (row.get("file") or "").strip()
        if not file:
            raise InputError(f"{path}, line {line}: the file column is empty")
        image = path.parent / file
        name = (row.get("name") or "").strip() or image.stem
        label, problem = _label(row.get("label"))
        sentence = row.get("sentence") or None
        student = Student(name, _folder(name), image, label, sentence)
        students.append(replace(student, problem=problem and f"line {line}: {problem}"))
    return students


def _label(value: str | None) -> tuple[int | None, str | None]:
    """``(label, None)``, or ``(None, what is wrong)``; blank is no label."""
    text = (value or "").strip()
    if not text:
        return None, None
    if text.isdigit() and 0 <= int(text) <= 9:
        return int(text), None
    return None, f"label {quoted(text)} is not a digit: use 0 to 9"


def _folder(name: str) -> str:
    """The student's folder name: letters, digits, ``-``, ``_`` and ``.``; nothing hidden.

    At most :data:`MAX_FOLDER_BYTES` bytes of UTF-8; a longer one is cut at a character's
    boundary and ends in a hash of the whole name, so that it stays the student's own.
    """
    folder = re.sub(r"[^\w.-]+", "_", name).lstrip(".") or "_"
    if len(folder.encode()) <= MAX_FOLDER_BYTES:
        return folder
    digest = hashlib.sha256(name.encode(errors="surrogatepass")).hexdigest()[:HASH_CHARS]
    cut = folder.encode()[: MAX_FOLDER_BYTES - HASH_CHARS - 1].decode(errors="ignore")
    return f"{cut}-{digest}"


def _check_folders(students: list[Student]) -> None:
    seen: dict[str, Student] = {}
    for s in students:
        if s.folder in RESERVED:
            raise InputError(f"a student may not be called {quoted(s.name)}: the batch writes it")
        if s.folder in seen:
            raise InputError(
                f"{seen[s.folder].file.name} and {s.file.name} would both go into "
                f"{quoted(s.folder)}: give each student a name of their own"
            )
        seen[s.folder] = s


def check_photo(student: Student) -> Path:
    """The student's photo if it is a regular file, not too large; checked without opening it.

    A FIFO would block its reader forever, and with it the whole class.
    """
    return regular_input(student.file, "photo", data.MAX_IMAGE_BYTES)


def scene_task(
    student: Student, chapter: Chapter, base: Settings, code: str, voice_cache: str | None
) -> SceneTask:
    """The task that renders ``chapter`` for ``student``, keyed by what the scene reads.

    The digit goes to the worker as its bytes and bare file name: the sidecar names it
    as the student did, and a render is the same on any machine.
    """
    own = student.inputs().given(tuple(r for r in chapter.reads if r in STUDENT_INPUTS))
    given = key_given = base.inputs.merged(own)
    digit = None
    if own.digit is not None:
        data = check_photo(student).read_bytes()
        digit = (student.file.name, data)
        given = replace(given, digit=student.file.name)
        key_given = replace(
            given, digit=f"{student.file.name} sha256:{hashlib.sha256(data).hexdigest()}"
        )
    settings = replace(base, inputs=given)
    key = render_key(chapter, replace(base, inputs=key_given), code)
    path = chapter.path
    scene_file = path.relative_to(PROJECT) if path.is_relative_to(PROJECT) else path
    return SceneTask(key, chapter, str(scene_file), settings, digit, voice_cache)
