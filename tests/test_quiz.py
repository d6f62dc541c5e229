"""The quiz: ``quiz.gift`` read back and checked against the sidecars, ``quiz.html`` in chromium.

Tiny stand-ins of two chapters the quiz asks about (``tests/fixtures/quiz_scenes.py``)
record what the real chapters record; the lecture's end-to-end test asks the real ones
(:func:`every_chapter_asks_two_questions`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import photos
import pytest
from test_slides import CHROMIUM, chromium

from nncore import data
from nnexplain import quiz
from nnexplain.chapters import Chapter
from nnexplain.render import Result
from scenes import script

FIXTURES = Path(__file__).parent / "fixtures"
QUIZ_CLI = FIXTURES / "quiz_cli.py"
# Every character GIFT or HTML gives a meaning to, in a focus word a teacher could type.
FOCUS = r"a{b}~c=d#e:f\g <i>x</i> &amp;"
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
# A GIFT question: ::title::text{answer}, with \-escapes in each part.
GIFT_QUESTION = re.compile(
    r"::(?P<title>(?:\\.|[^:\\])*)::(?P<text>(?:\\.|[^{\\])*)\{(?P<answer>(?:\\.|[^}\\])*)\}"
)


def run(cli: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, str(cli), *args], capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == code, done.stderr
    return done


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def read_gift(path: Path) -> dict[str, dict]:
    """Each question of a GIFT file by title: its text and its numeric or multiple-choice answer."""
    found = {}
    for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
        if paragraph.startswith("//"):
            continue
        m = GIFT_QUESTION.fullmatch(paragraph.strip())
        assert m, paragraph
        answer = m["answer"]
        question = {"text": unescape(m["text"])}
        if answer.startswith("#"):
            value, tolerance = answer[1:].split(":")
            question |= {"value": float(value), "tolerance": float(tolerance)}
        else:
            marks = re.findall(r"(?<!\\)([=~])((?:\\.|[^=~\\])*)", answer)
            question["right"] = [unescape(t).strip() for mark, t in marks if mark == "="]
            question["wrong"] = [unescape(t).strip() for mark, t in marks if mark == "~"]
        found[unescape(m["title"])] = question
    return found


def sidecar_numbers(folder: Path) -> dict:
    (path,) = folder.glob("*.numbers.json")
    return {n["label"]: n["value"] for n in json.loads(path.read_text())["numbers"]}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("quiz") / "out"
    run(QUIZ_CLI, "render", "--out", str(out), "--voice", "none", "--format", "mp4,quiz,scorm",
        "--focus", FOCUS)  # fmt: skip
    return out


def test_the_lms_package_carries_the_quiz_page(out):
    with zipfile.ZipFile(out / "lecture-scorm.zip") as package:
        assert package.read("quiz.html") == (out / "quiz.html").read_bytes()


def test_the_gift_quiz_is_answered_by_the_sidecars_numbers(out):
    questions = read_gift(out / "quiz.gift")
    numbers = sidecar_numbers(out / "01-cost-untrained")
    # The sidecar has no "answer": the chapter asks one question fewer; the circle asks none.
    assert list(questions) == [
        "01-cost-untrained untrained-cost", "01-cost-untrained cost-sum", "03-attention attention"
    ]  # fmt: skip
    cost = questions["01-cost-untrained untrained-cost"]
    label = numbers["label"]
    assert cost["text"] == f"What was the cost of this {label} for the untrained network?"
    assert cost["value"] == numbers["cost"]  # the number itself, every digit
    assert cost["tolerance"] == 0.005  # shown with two places
    assert questions["01-cost-untrained cost-sum"]["right"] == [
        "add up the squares of the differences between each output and what we wanted"
    ]
    assert len(questions["01-cost-untrained cost-sum"]["wrong"]) == 2
    # GIFT's special characters in a teacher's word are escaped, and read back as typed.
    focus = questions["03-attention attention"]
    assert focus["text"] == f"What does attention let the vector of “{FOCUS}” do?"
    assert focus["right"] == ["take in meaning from the other words of its sentence"]


PAGE_STATE = """[...document.querySelectorAll('fieldset.question')].map(q => ({
  legend: q.querySelector('legend').textContent, verdict: q.querySelector('.verdict').textContent,
  kind: q.dataset.kind}))"""


@needs_chromium
def test_the_page_checks_answers_from_disk(out, tmp_path):
    cost = sidecar_numbers(out / "01-cost-untrained")["cost"]
    url = (out / "quiz.html").as_uri()
    with chromium(tmp_path / "profile") as page:
        page.call("Network.enable")
        page.call("Page.enable")
        page.call("Runtime.enable")
        page.call("Page.navigate", url=url)
        page.until(lambda: page.js("document.readyState") == "complete", 20)

        def check(number: str, choice: str | None) -> list[dict]:
            page.js(f"document.querySelector('#q1 input').value = {json.dumps(number)}")
            if choice is not None:
                page.js(f"document.querySelector('#q2 input[value={choice}]').click()")
            page.js("document.getElementById('check').click()")
            return page.js(PAGE_STATE)

        first = check(f"{cost:.2f}", "wrong")  # the cost as shown; a wrong choice; none
        assert [q["verdict"] for q in first] == [
            "Right.",
            "Not quite: add up the squares of the differences between each output and what "
            "we wanted.",
            "No answer yet.",
        ]
        second = check(f"{cost + 0.01:.2f}", "right")  # one hundredth off: wrong
        assert [q["verdict"] for q in second[:2]] == [
            f"Not quite: the lecture showed {cost:.2f}.",
            "Right.",
        ]
        assert check("", None)[0]["verdict"] == "No answer yet."
        assert check("three", None)[0]["verdict"] == (
            "Write your answer as a number, as the lecture showed it."
        )
        # The teacher's word is text on the page, never markup.
        assert first[2]["legend"] == f"What does attention let the vector of “{FOCUS}” do?"
        assert page.js("document.querySelectorAll('i').length") == 0
        requested = [e["params"]["request"]["url"] for e in page.events
                     if e.get("method") == "Network.requestWillBeSent"]  # fmt: skip
        assert requested == [url]  # nothing but the page itself: it works with no network
        assert not [e for e in page.events if e.get("method") == "Runtime.exceptionThrown"]


def test_the_quiz_is_off_when_not_asked_for_and_asking_renders_no_chapter_again(tmp_path):
    out = tmp_path / "out"
    run(QUIZ_CLI, "render", "cost-untrained", "--out", str(out), "--voice", "none",
        "--format", "mp4")  # fmt: skip
    assert not (out / "quiz.gift").exists() and not (out / "quiz.html").exists()
    done = run(QUIZ_CLI, "render", "cost-untrained", "--out", str(out), "--voice", "none",
               "--format", "mp4,quiz")  # fmt: skip
    assert "reused" in done.stderr
    assert "untrained-cost" in (out / "quiz.gift").read_text()


def test_a_teachers_script_words_the_quiz_and_may_type_no_number(tmp_path):
    words = tmp_path / "words"
    (words / "en").mkdir(parents=True)
    (words / "en" / "quiz.ftl").write_text(
        "untrained-cost = How far off was the untrained network on this { $label }?\n"
        "check = Mark my answers\n"
    )
    out = tmp_path / "out"
    run(QUIZ_CLI, "render", "cost-untrained", "--out", str(out), "--voice", "none",
        "--format", "mp4,quiz", "--script", str(words))  # fmt: skip
    label = sidecar_numbers(out / "01-cost-untrained")["label"]
    (question,) = [q for t, q in read_gift(out / "quiz.gift").items() if "untrained-cost" in t]
    assert question["text"] == f"How far off was the untrained network on this {label}?"
    assert ">Mark my answers</button>" in (out / "quiz.html").read_text()

    (words / "en" / "quiz.ftl").write_text("untrained-cost = What was the cost of this 3?\n")
    failed = run(QUIZ_CLI, "render", "cost-untrained", "--out", str(out), "--voice", "none",
                 "--format", "mp4,quiz", "--script", str(words), code=2)  # fmt: skip
    errors = [line for line in failed.stderr.splitlines() if "error" in line]
    assert errors == [
        f"nnexplain render: error: {words / 'en' / 'quiz.ftl'}:1: message 'untrained-cost' has "
        "the number '3' typed into its text: give it as a variable, { $name }"
    ]
    assert "Traceback" not in failed.stderr


def test_each_student_of_a_batch_gets_a_quiz_about_their_own_digit(tmp_path):
    students = photos.class_of_two(tmp_path / "class")
    _, labels = data.load_mnist()
    held_out = [int(i) for i in data.split()[1][:2]]  # ana's and ben's digits
    out = tmp_path / "out"
    run(QUIZ_CLI, "batch", str(students), "--out", str(out), "--scenes", "cost-untrained",
        "--voice", "none", "--format", "mp4,quiz", "--jobs", "2")  # fmt: skip
    costs = set()
    for name, i in zip(("ana", "ben"), held_out):
        numbers = sidecar_numbers(out / name / "01-cost-untrained")
        assert numbers["label"] == labels[i]
        question = read_gift(out / name / "quiz.gift")["01-cost-untrained untrained-cost"]
        assert question["value"] == numbers["cost"]
        assert f"this {labels[i]} for" in question["text"]
        assert (out / name / "quiz.html").is_file()
        costs.add(question["value"])
    assert len(costs) == 2  # each quiz is about that student's own digit


def every_chapter_asks_two_questions(out: Path) -> None:
    """The real chapters rendered in ``out`` (by the lecture's end-to-end test): each asks
    at least two questions, and every numeric answer is a number its sidecar holds."""
    from nnexplain.cli import LECTURE

    words = script.load()
    for k, chapter in enumerate(LECTURE, start=1):
        folder = out / f"{k:02d}-{chapter.name}"
        result = Result(chapter, folder, True, 0, 0, sorted(folder.rglob("*")))
        asked = quiz.questions(result, words)
        assert len(asked) >= 2, chapter.name
        assert any(q.value is not None for q in asked), chapter.name
        numbers = list(quiz.read_sidecar(result).numbers.values())
        for q in asked:
            assert q.value is None or float(q.value) in numbers, (chapter.name, q.title)


def test_gift_escapes_its_special_characters():
    assert quiz.gift_text(r"a~b=c#d{e}f:g\h") == r"a\~b\=c\#d\{e\}f\:g\\h"


def test_a_chapter_without_a_sidecar_asks_only_what_needs_no_number(tmp_path):
    chapter = Chapter("cost-untrained", "cost", "CostUntrained")
    asked = quiz.questions(Result(chapter, tmp_path, True, 0, 0, []), script.load())
    assert [q.title.split()[-1] for q in asked] == ["cost-sum"]
