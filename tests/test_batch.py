"""``nnexplain batch``: a class of four through local processes and a Dask LocalCluster.

The class: two held-out MNIST digits written to PNG, a phone photo of a third
(tests/photos.py) and a blank image. The lectures use the tiny scenes of
``tests/fixtures/batch_cli.py`` (a digit scene per student, a circle shared by the
class), so that a whole class renders in seconds; the slow test uses real scenes.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import photos
import pytest
from fixtures import batch_cli
from PIL import Image

from nncore import data
from nncore.errors import InputError
from nnexplain import batch_run, chapters, cli, preflight
from nnexplain.batch import read_students
from nnexplain.batch_run import STORE
from scenes.contract import STUDENT_INPUTS

BATCH_CLI = Path(__file__).parent / "fixtures" / "batch_cli.py"
PROJECT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium")
DEADLINE = 180  # seconds; generous, never a timing assertion
# Cache state, not output: the lock holds a pid; a lecture's stamp, its chapters' mtimes.
NOT_OUTPUT = re.compile(r"(^|/)(\.nnexplain\.lock|\.lecture\.\w+\.sources)$")


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """4 students: ana and ben (MNIST PNGs), cleo (a phone photo), dan (a blank image)."""
    folder = tmp_path_factory.mktemp("class")
    images, labels = data.load_mnist()
    held_out = [int(i) for i in data.split()[1][:3]]
    for i, name in zip(held_out[:2], ("ana", "ben")):
        pixels = np.round(images[i].reshape(28, 28) * 255).astype(np.uint8)
        Image.fromarray(pixels).save(folder / f"{labels[i]}_{name}.png")
    cleo = held_out[2]
    photos.photo(images[cleo], photos.PHOTO, 3, folder / f"{labels[cleo]}_cleo.jpg", height=400)
    Image.fromarray(np.full((64, 64), 255, np.uint8)).save(folder / "4_dan.png")
    return folder


@pytest.fixture
def tiny_scenes(monkeypatch):
    """The lecture of tests/fixtures/batch_cli.py, for runs in this process."""
    monkeypatch.setattr(cli, "LECTURE", batch_cli.TINY)
    monkeypatch.setattr(chapters, "SCENES_DIR", BATCH_CLI.parent)
    monkeypatch.setattr(preflight, "check_inputs", lambda chapters, env: None)
    # The digest covers nncore/ and scenes/, not these fixtures; fixed, so that a re-run is
    # a re-run even while someone edits the checkout.
    monkeypatch.setattr(batch_run, "code_digest", lambda: "tiny-scenes")


def nnexplain(*args: str) -> int:
    try:
        return cli.main(list(args))
    except SystemExit as e:
        return int(e.code)


def tree(out: Path) -> dict[str, bytes]:
    """Every output file of ``out`` by relative path, with its bytes."""
    files = {str(p.relative_to(out)): p for p in sorted(out.rglob("*")) if p.is_file()}
    return {rel: p.read_bytes() for rel, p in files.items() if not NOT_OUTPUT.search(rel)}


# ------------------------------------------------------------------------------ inputs


def test_a_folder_is_labelled_by_file_names_or_by_its_labels_csv(tmp_path):
    for name in ("7_ana.jpg", "3-ben.png", "noname.png", "notes.txt"):
        (tmp_path / name).write_bytes(b"")
    students = read_students(tmp_path)
    found = [(s.name, s.label, s.file.name) for s in students]
    assert found == [
        ("ben", 3, "3-ben.png"),
        ("ana", 7, "7_ana.jpg"),
        ("noname", None, "noname.png"),
    ]
    (tmp_path / "labels.csv").write_text("file,label,name\n7_ana.jpg,1,Ana María\nnoname.png,x,\n")
    ana, other = read_students(tmp_path)
    assert (ana.name, ana.folder, ana.label) == ("Ana María", "Ana_María", 1)
    assert (
        other.name == "noname" and other.problem == "line 3: label 'x' is not a digit: use 0 to 9"
    )


def test_a_csv_has_a_row_per_student_with_an_optional_sentence(tmp_path):
    (tmp_path / "class.csv").write_text(
        "file,label,name,sentence\nphotos/a.jpg,2,ana,the runway model\nb.png,5,ben,\n"
    )
    ana, ben = read_students(tmp_path / "class.csv")
    assert ana.file == tmp_path / "photos" / "a.jpg" and ana.sentence == "the runway model"
    assert ben.sentence is None and ben.inputs().label == "5"


@pytest.mark.parametrize(
    "content, message",
    [("name,label\nana,1\n", "expected a header"), ("file,label,name\n", "expected a header"),
     ("file,name\na.png,x\nb.png,x\n", "would both go into 'x'"),
     ("file,name\na.png,index.html\n", "may not be called"),
     ("file,name\n,ana\n", "line 2: the file column is empty")],
)  # fmt: skip
def test_a_csv_the_whole_batch_cannot_use_is_refused(tmp_path, content, message):
    (tmp_path / "class.csv").write_text(content)
    with pytest.raises(InputError, match=message):
        read_students(tmp_path / "class.csv")


def test_each_bad_batch_option_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "a_file").write_text("x")
    (tmp_path / "empty").mkdir()
    out = tmp_path / "never"
    cases = {
        "no inputs": ["batch", str(tmp_path / "nope"), "--out", str(out)],
        "no students": ["batch", str(tmp_path / "empty"), "--out", str(out)],
        "not a csv": ["batch", str(tmp_path / "a_file"), "--out", str(out)],
        "scheduler": ["batch", str(tmp_path), "--out", str(out), "--scheduler", "8786"],
        "unknown scene": ["batch", str(tmp_path), "--out", str(out), "--scenes", "nope"],
        "models": ["batch", str(tmp_path), "--out", str(out), "--models", "gpt-9"],
        "no --out": ["batch", str(tmp_path)],
        "out is a file": ["batch", str(tmp_path), "--out", str(tmp_path / "a_file")],
    }
    Image.fromarray(np.zeros((28, 28), np.uint8)).save(tmp_path / "1_x.png")
    for case, args in cases.items():
        assert nnexplain(*args) == 2, case
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and "error:" in lines[0], (case, lines)
        assert not out.exists(), case


# ------------------------------------------------------------------------------ a class


def class_page_links(out: Path) -> list[str]:
    """The class page opened from disk in headless chromium: its links, as it loaded them."""
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--dump-dom", (out / "index.html").as_uri()],
        capture_output=True, text=True, timeout=60,
    ).stdout  # fmt: skip
    assert "a lecture for every student" in dom
    return re.findall(r'(?:href|src)="([^"]+)"', dom)


def test_a_class_through_processes_and_dask_makes_the_same_files(
    tiny_scenes, class_folder, tmp_path, capsys
):
    outs = {}
    for how in ([], ["--scheduler", "local"]):
        out = outs[bool(how)] = tmp_path / ("dask" if how else "local")
        args = ["batch", str(class_folder), "--out", str(out), "--format", "mp4", "--jobs", "2"]
        assert nnexplain(*args, "--scenes", "tiny-digit", "tiny-circle", *how) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert err.strip().splitlines()[-1] == (
            f"nnexplain batch: error: 1 of 4 students failed, the others have their lecture: "
            f"see {out / 'failures.csv'}"
        )
        # dan's blank image fails his row alone, with one line
        (failure,) = list(csv.DictReader((out / "failures.csv").open()))
        assert failure["name"] == "dan" and "looks blank" in failure["error"]
        assert not (out / "dan" / "index.html").exists()
        for name in ("ana", "ben", "cleo"):
            for made in ("index.html", "lecture.mp4", "digit.png", "01-tiny-digit/TinyDigit.mp4"):
                assert (out / name / made).stat().st_size > 0, (name, made)
        # The circle reads nothing of a student's: rendered once, linked into three lectures.
        assert len(list((out / STORE).iterdir())) == 3 + 1
        circles = [out / n / "02-tiny-circle" / "TinyCircle.mp4" for n in ("ana", "ben", "cleo")]
        assert len({c.stat().st_ino for c in circles}) == 1
        assert not list(out.glob(".staging*"))
    local, dask = tree(outs[False]), tree(outs[True])
    assert local.keys() == dask.keys() and len(local) > 40
    assert [rel for rel in local if local[rel] != dask[rel]] == []

    # the class page opens from disk, and every link on it resolves
    out = outs[True]
    page = (out / "index.html").read_text()
    assert "looks blank" in page and str(tmp_path) not in page
    if CHROMIUM:
        links = class_page_links(out)
        assert {"ana/index.html", "ana/digit.png", "cleo/index.html"} <= set(links)
        assert all((out / link).exists() for link in links)

    # a re-run renders nothing again
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.mp4")}
    args = ["batch", str(class_folder), "--out", str(out), "--format", "mp4", "--jobs", "2"]
    assert nnexplain(*args, "--scenes", "tiny-digit", "tiny-circle") == 1
    assert "0 scenes to render" in capsys.readouterr().err
    assert before == {p: p.stat().st_mtime_ns for p in out.rglob("*.mp4")}


# ------------------------------------------------------------------------ processes


def start(class_folder: Path, out: Path, *args: str) -> subprocess.Popen:
    command = [sys.executable, str(BATCH_CLI), "batch", str(class_folder), "--out", str(out),
               "--format", "mp4", "--jobs", "2", *args]  # fmt: skip
    return subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip


def wait_for(condition, what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def processes() -> dict[int, tuple[int, list[bytes]]]:
    """Every process: its parent's pid and its command line."""
    found = {}
    for proc in Path("/proc").iterdir():
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if proc.name.isdigit():
            found[int(proc.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmdline)
    return found


def manims(out: Path) -> dict[int, int]:
    """The manim processes rendering into ``out``'s staging: pid -> their worker's pid."""
    return {
        pid: parent
        for pid, (parent, cmdline) in processes().items()
        if b"runpy.run_module('manim'" in b" ".join(cmdline) and str(out).encode() in
        b" ".join(cmdline)
    }  # fmt: skip


def descendants(pid: int) -> set[int]:
    table = processes()
    found, frontier = set(), {pid}
    while frontier:
        frontier = {p for p, (parent, _) in table.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    return {p for p in pids if Path(f"/proc/{p}").exists() and
            "(Z)" not in Path(f"/proc/{p}/stat").read_text().replace(") Z", "(Z)")}  # fmt: skip


def two_students(class_folder: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "two"
    folder.mkdir()
    for image in sorted(class_folder.glob("*_[ab]*.png")):
        shutil.copy(image, folder)
    return folder


@pytest.mark.parametrize("how", [[], ["--scheduler", "local"]], ids=["processes", "dask"])
def test_sigterm_stops_every_worker_and_leaves_nothing_half_written(class_folder, tmp_path, how):
    out = tmp_path / "out"
    process = start(two_students(class_folder, tmp_path), out, "--scenes", "tiny-slow", *how)
    wait_for(lambda: len(manims(out)) == 2, "both slow scenes to be rendering")
    children = descendants(process.pid)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=DEADLINE)
    assert process.returncode == 143, stderr
    assert stderr.strip().splitlines()[-1].startswith("nnexplain batch: interrupted by SIGTERM")
    assert "Traceback" not in stderr
    wait_for(lambda: not alive(children), "every worker and manim to end")
    assert not list(out.glob(".staging*"))
    assert not list(out.glob("*/03-tiny-slow")) and not (out / STORE).exists()


def test_a_killed_dask_worker_s_task_is_retried_on_another(class_folder, tmp_path):
    out = tmp_path / "out"
    process = start(two_students(class_folder, tmp_path), out, "--scenes", "tiny-slow",
                    "--scheduler", "local")  # fmt: skip
    wait_for(lambda: len(manims(out)) == 2, "both slow scenes to be rendering")
    manim, worker = next(iter(manims(out).items()))
    os.kill(worker, signal.SIGKILL)
    wait_for(lambda: not alive({manim}), "the killed worker's manim to end with it")
    _, stderr = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    for name in ("ana", "ben"):
        assert (out / name / "03-tiny-slow" / "TinySlow.mp4").stat().st_size > 0
        assert (out / name / "index.html").exists()
    assert not (out / "failures.csv").exists()
    assert not list(out.glob(".staging*"))


@pytest.mark.slow
def test_real_scenes_for_a_class_are_the_same_through_processes_and_dask(
    class_folder, tmp_path, capsys
):
    """input-layer (the student's digit) and compute-scale (shared), as stills: their
    sidecars, stills and pages. (Videos through both are compared with tiny scenes above.)"""
    trees = []
    for how in ([], ["--scheduler", "local"]):
        out = tmp_path / ("dask" if how else "local")
        args = ["batch", str(class_folder), "--out", str(out), "--jobs", "2", "--format", "png",
                "--scenes", "input-layer", "compute-scale", *how]  # fmt: skip
        assert nnexplain(*args) == 1
        assert "3 students to make a lecture for, 4 scenes to render" in capsys.readouterr().err
        trees.append(tree(out))
    assert trees[0].keys() == trees[1].keys()
    assert any(rel.endswith("InputLayer.numbers.json") for rel in trees[0])
    assert [rel for rel in trees[0] if trees[0][rel] != trees[1][rel]] == []


def test_each_scene_reads_no_more_student_inputs_than_batch_assumes():
    """A scene that reads the digit but is shared would show every student the same one."""
    readers = {"inputs.digit(": "digit", "inputs.label(": "label", "inputs.sentence(": "sentence"}
    for chapter in chapters.LECTURE:
        source = chapter.path.read_text()
        read = {name for call, name in readers.items() if call in source}
        assert read <= set(chapter.reads), chapter.name
    shared = [c.name for c in chapters.LECTURE if not set(c.reads) & set(STUDENT_INPUTS)]
    assert shared == ["landscape", "learning", "compute-scale"]


def test_manim_on_a_dask_worker_gets_none_of_dask_s_worker_tuning(tmp_path, monkeypatch):
    """A nanny's MALLOC_TRIM_THRESHOLD_ made manim about 20 % slower; a user's own stays."""
    from nnexplain.cluster import executor
    from nnexplain.scene_task import _worker_environ

    for key in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS"):  # left for Dask to set
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NNEXPLAIN_DIGIT", "mnist:1")  # a worker's own inputs never leak in
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # not Dask's value: the user's, kept
    with executor("local", 1, tmp_path) as submit:
        worker, manim = submit(lambda: (dict(os.environ), _worker_environ())).result()
    assert worker["MALLOC_TRIM_THRESHOLD_"] == "65536" and worker["OMP_NUM_THREADS"] == "1"
    assert "MALLOC_TRIM_THRESHOLD_" not in manim and "OMP_NUM_THREADS" not in manim
    assert manim["MKL_NUM_THREADS"] == "3" and "NNEXPLAIN_DIGIT" not in manim
    assert _worker_environ().keys() == {k for k in os.environ if not k.startswith("NNEXPLAIN_")}
