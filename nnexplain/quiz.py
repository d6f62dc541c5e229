"""``OUT/quiz.gift`` and ``OUT/quiz.html``: a quiz on the lecture, answered by its own numbers.

Each chapter asks a few questions. A numeric one is answered by a number the chapter
recorded in its sidecar and showed, said in a beat's narration or written on screen;
its tolerance is half a unit of the last decimal place it was shown with, so the number
as the lecture showed it is right and its neighbours are not. A multiple-choice one asks
what a chapter explains. Every word, the page's included, is a message of the script's
``quiz.ftl``, its numbers Fluent variables bound to recorded values: a teacher's
``--script DIR`` words the quiz too, and each student's quiz in a batch is about their
own digit.

A chapter whose sidecar lacks a number a question needs, or never showed it, just asks
fewer questions. ``quiz.gift`` is Moodle's GIFT format (``{#value:tolerance}``, ``{=right
~wrong}``); ``quiz.html`` checks a student's answers in the page, from disk, with no network.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from nncore.files import written
from nnexplain.render import Result
from nnexplain.words import Words
from scenes import numerals, script
from scenes.audio import narration
from scenes.contract import Said, Sidecar

FILE = "quiz"  # the script file of the quiz's words: quiz.ftl
INPUT = "inputs."  # a variable from the sidecar's inputs, not its numbers


@dataclass(frozen=True)
class Ask:
    """A question: message ``key`` of quiz.ftl, its variables read from the sidecar.

    ``answer`` is the label of the recorded number that answers it; ``None`` makes it a
    multiple-choice question (messages ``key-right``, ``key-wrong-a``, ``key-wrong-b``).
    ``given`` maps each variable to a recorded number's label, or ``inputs.<name>``.
    """

    key: str
    answer: str | None = None
    given: dict[str, str] = field(default_factory=dict)


# The questions of each chapter, by chapter name, in the order the chapter tells it.
QUESTIONS: dict[str, tuple[Ask, ...]] = {
    "input-layer": (Ask("input-neurons", "input neurons", {"label": "label"}),
                    Ask("input-neuron")),
    "hidden-layers": (Ask("hidden-neurons", "layer 1 size"),
                      Ask("prediction", "prediction", {"label": "label"}), Ask("answer-from")),
    "parameters": (Ask("parameter-count", "parameters"),
                   Ask("weighted-sum", "z", {"neuron": "neuron"}), Ask("bias")),
    "cost-untrained": (Ask("untrained-cost", "cost", {"label": "label"}),
                       Ask("untrained-answer", "answer", {"label": "label"}), Ask("cost-sum")),
    "cost-trained": (Ask("trained-from", "train_digits"),
                     Ask("prediction", "trained answer", {"label": "label"}), Ask("small-cost")),
    "landscape": (Ask("start-cost", "cost at the start"),
                  Ask("rolled-cost", "cost after the small steps"), Ask("long-step")),
    "gradient": (Ask("gradient-entries", "gradient entries"), Ask("negative-gradient")),
    "learning": (Ask("steps-per-epoch", "steps per epoch",
                     {"digits": "training digits", "batch": "batch size"}),
                 Ask("gradient-steps", "gradient steps"), Ask("epoch")),
    "backprop": (Ask("loudest-wrong", "loudest wrong output", {"label": "desired output"}),
                 Ask("backprop-direction")),
    "chain-rule": (Ask("chain-product", "dC/dw", {"output": "output"}), Ask("quiet-weight")),
    "compute-scale": (Ask("ladder-years", "ladder_years"), Ask("ladder-rungs")),
    "embeddings": (Ask("tokens", "tokens", {"sentence": "inputs.sentence"}),
                   Ask("embedding-size", "embedding size"), Ask("similar-words")),
    "attention": (Ask("heads", "heads per layer"), Ask("layers", "layers"),
                  Ask("attention", given={"focus": "inputs.focus"})),
}  # fmt: skip


@dataclass(frozen=True)
class Question:
    """One question as the quiz files write it."""

    title: str
    text: str
    choices: tuple[str, ...] = ()  # multiple choice: the right one first
    value: Decimal | None = None  # numeric: the recorded number, exactly
    tolerance: Decimal | None = None
    wrong: str = ""  # what a wrong answer is told: the right one


@dataclass(frozen=True)
class Facts:
    """What the quiz needs of a chapter's sidecar."""

    numbers: dict[str, int | float]  # each single number recorded, by label (the first)
    inputs: dict[str, Any]
    said: tuple[Said, ...]  # every number the beats' narration says, as written there
    screen: list[str]  # the words each beat left on screen


def read_sidecar(result: Result) -> Facts:
    """The facts of the chapter's numbers sidecar; none if it has none, or it is unreadable."""
    path = result.sidecar
    try:
        sidecar = Sidecar.read(path) if path else Sidecar("")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        sidecar = Sidecar("")
    numbers: dict[str, int | float] = {}
    for entry in sidecar.numbers:
        if isinstance(entry.value, int | float) and not isinstance(entry.value, bool):
            numbers.setdefault(entry.label, entry.value)
    said = tuple(n for beat in sidecar.beats for n in beat.said)
    screen = [str(t.get("text", "")) for beat in sidecar.beats for t in beat.texts]
    return Facts(numbers, sidecar.inputs, said, screen)


def _places(plain: str) -> int:
    return len(plain.split(".")[1]) if "." in plain else 0


def shown_places(facts: Facts, value: float, language: str = numerals.DEFAULT) -> int | None:
    """The most decimal places ``value`` was said or shown with (``None`` if it never was),
    numbers written as ``language`` writes them: the places a student can read it to.

    A count is exact: a "1.00" elsewhere on screen is another number, not the count 1.
    """
    on_screen = [t for text in facts.screen for t in narration.spoken_numbers(text, language)]
    tokens = [*(n.written for n in facts.said), *on_screen]
    places = [
        _places(plain)
        for plain in (numerals.plain(token, language) for token in tokens)
        if f"{value:.{_places(plain)}f}" == plain and not (isinstance(value, int) and "." in plain)
    ]
    return max(places, default=None)


def _bound(ask: Ask, numbers: dict[str, int | float], inputs: dict) -> dict[str, Any] | None:
    """The question's variables, or ``None`` if the sidecar lacks one."""
    args = {}
    for name, ref in ask.given.items():
        source = inputs if ref.startswith(INPUT) else numbers
        key = ref.removeprefix(INPUT)
        if key not in source or isinstance(source[key], dict | list):
            return None
        args[name] = source[key]
    return args


def questions(result: Result, words: script.Script) -> list[Question]:
    """The questions of one rendered chapter that its sidecar can answer."""
    facts = read_sidecar(result)

    def say(message_id: str, **args: Any) -> str:
        return " ".join(words.words(FILE, message_id, **args).split())

    made = []
    for ask in QUESTIONS.get(result.chapter.name, ()):
        args = _bound(ask, facts.numbers, facts.inputs)
        if args is None:
            continue
        title = f"{result.folder.name} {ask.key}"
        if ask.answer is None:
            choices = tuple(say(f"{ask.key}-{c}", **args) for c in ("right", "wrong-a", "wrong-b"))
            wrong = say("wrong-choice", answer=choices[0])
            made.append(Question(title, say(ask.key, **args), choices, wrong=wrong))
            continue
        value = facts.numbers.get(ask.answer)
        places = None if value is None else shown_places(facts, value, words.language)
        if places is None:
            continue
        made.append(Question(
            title, say(ask.key, **args), value=Decimal(repr(value)),
            tolerance=Decimal(5).scaleb(-places - 1),
            wrong=say("wrong-number", answer=script.fixed(value, places)),
        ))  # fmt: skip
    return made


# ------------------------------------------------------------------------------- GIFT


def gift_text(text: str) -> str:
    """``text`` with GIFT's special characters escaped: ``~ = # { } :`` and the backslash."""
    for char in "\\~=#{}:":
        text = text.replace(char, "\\" + char)
    return text


def _number(value: Decimal) -> str:
    return format(value, "f")  # never "1E-5": GIFT readers want plain decimals


def gift(items: Sequence[Question], note: str) -> str:
    """The questions in Moodle's GIFT format, one paragraph each, after ``note`` (a comment)."""
    paragraphs = [f"// {note}"]
    for q in items:
        head = f"::{gift_text(q.title)}::{gift_text(q.text)}"
        if q.value is not None:
            paragraphs.append(f"{head}{{#{_number(q.value)}:{_number(q.tolerance)}}}")
        else:
            right, *wrong = (gift_text(c) for c in q.choices)
            paragraphs.append(f"{head}{{={right} {' '.join('~' + w for w in wrong)}}}")
    return "\n\n".join(paragraphs) + "\n"


# ------------------------------------------------------------------------------- page

PAGE = """<!doctype html>
<html lang="{language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ background: #000; color: #eee; font-family: "DejaVu Sans", sans-serif; margin: 1em auto;
       max-width: 50em; padding: 0 1em; line-height: 1.4; }}
h2 {{ font-size: 1.1em; color: #bbb; margin-top: 2em; }}
fieldset {{ border: 1px solid #555; margin: 1em 0; }} legend {{ padding: 0 .3em; }}
label {{ display: block; margin: .3em 0; }} input[type=text] {{ font-size: 1em; }}
button {{ font-size: 1.1em; margin: 1em 0; }}
.verdict {{ min-height: 1.4em; margin: .3em 0; }}
.right {{ color: #8f8; }} .wrong {{ color: #fb8; }}
</style></head>
<body>
<h1>{title}</h1>
<p>{intro}</p>
<form id="quiz" data-decimal="{decimal}" data-group="{group}">
{sections}
<button type="submit" id="check">{check}</button>
</form>
<script>
// A number is right within the question's tolerance, written as the page's language writes
// it (0.86 or 0,86): its group separators and spaces are dropped, its decimal mark read.
const form = document.getElementById('quiz');
const read = text => {{
  const plain = text.split(form.dataset.group).join('').replace(/\\s/g, '')
    .replace(form.dataset.decimal, '.').replace('\\u2212', '-');
  return /^[-+]?(\\d+\\.?\\d*|\\.\\d+)$/.test(plain) ? Number(plain) : null;
}};
document.getElementById('quiz').addEventListener('submit', event => {{
  event.preventDefault();
  for (const q of document.querySelectorAll('fieldset.question')) {{
    const verdict = q.querySelector('.verdict');
    let right = null, unread = q.dataset.unanswered;
    if (q.dataset.kind === 'number') {{
      const typed = q.querySelector('input').value, given = read(typed);
      const value = Number(q.dataset.value), slack = 1e-9 * Math.max(1, Math.abs(value));
      if (given !== null) right = Math.abs(given - value) <= Number(q.dataset.tolerance) + slack;
      else if (typed.trim()) unread = q.dataset.notNumber;
    }} else {{
      const chosen = q.querySelector('input:checked');
      if (chosen) right = chosen.value === 'right';
    }}
    verdict.textContent = right === null ? unread : right ? q.dataset.right : q.dataset.wrong;
    verdict.className = 'verdict ' + (right === null ? '' : right ? 'right' : 'wrong');
  }}
}});
</script>
</body></html>
"""


def _order(key: str, count: int) -> list[int]:
    """The choices' order on the page: the same every time, the right one not always first."""
    turn = int(hashlib.sha256(key.encode()).hexdigest(), 16) % count
    return [(k + turn) % count for k in range(count)]


def _section(k: int, q: Question, verdicts: dict[str, str]) -> str:
    e = html.escape
    data = (f'data-right="{e(verdicts["right"])}" data-wrong="{e(q.wrong)}" '
            f'data-unanswered="{e(verdicts["unanswered"])}"')  # fmt: skip
    if q.value is not None:
        return (
            f'<fieldset class="question" id="q{k}" data-kind="number" '
            f'data-value="{_number(q.value)}" data-tolerance="{_number(q.tolerance)}" '
            f'data-not-number="{e(verdicts["not-a-number"])}" {data}>'
            f"<legend>{e(q.text)}</legend>"
            f'<input type="text" inputmode="decimal" autocomplete="off" aria-label="{e(q.text)}">'
            '<p class="verdict" aria-live="polite"></p></fieldset>'
        )
    options = "".join(
        f'<label><input type="radio" name="q{k}" value="{"right" if c == 0 else "wrong"}"> '
        f"{e(q.choices[c])}</label>"
        for c in _order(q.title, len(q.choices))
    )
    return (
        f'<fieldset class="question" id="q{k}" data-kind="choice" {data}>'
        f'<legend>{e(q.text)}</legend>{options}<p class="verdict" aria-live="polite"></p>'
        "</fieldset>"
    )


def page(chapters: Sequence[tuple[str, list[Question]]], words: script.Script) -> str:
    """The self-check page: per chapter its title and questions, and one button to check."""

    def say(message_id: str, **args: Any) -> str:
        return " ".join(words.words(FILE, message_id, **args).split())

    verdicts = {"right": say("right"), "unanswered": say("unanswered"),
                "not-a-number": say("not-a-number")}  # fmt: skip
    sections, k = [], 0
    for title, items in chapters:
        sections.append(f"<h2>{html.escape(title)}</h2>")
        for q in items:
            k += 1
            sections.append(_section(k, q, verdicts))
    return PAGE.format(
        language=html.escape(words.language),
        title=html.escape(say("page-title")),
        intro=html.escape(say("page-intro")),
        check=html.escape(say("check")),
        decimal=html.escape(numerals.symbols(words.language)[0]),
        group=html.escape(numerals.symbols(words.language)[1]),
        sections="\n".join(sections),
    )


def write_quiz(results: Sequence[Result], out: Path, app_words: Words) -> list[Path]:
    """Write ``out/quiz.gift`` and ``out/quiz.html`` about the rendered ``results``, in the
    language and wording of ``app_words`` (the render's, a teacher's ``--script`` in it)."""
    words = app_words.script
    chapters = [(app_words.title(r.chapter), questions(r, words)) for r in results]
    targets = [out / "quiz.gift", out / "quiz.html"]
    note = " ".join(words.words(FILE, "gift-note").split())
    texts = [gift([q for _, items in chapters for q in items], note), page(chapters, words)]
    for target, text in zip(targets, texts):
        with written(target) as f:
            f.write(text.encode("utf-8"))
    return targets
