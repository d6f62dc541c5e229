"""The script: every word a scene says or writes, in Project Fluent files a teacher can edit.

The shipped script is ``scenes/script/en/``: one ``.ftl`` file per scene module
(``input_layer.ftl`` for ``scenes/input_layer.py``) and ``story.ftl`` for the words
several scenes share. A message names its numbers as variables (``{ $cost }``) that
the scene binds to values it recorded from nncore, and formats them itself
(``NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2)``), so that
no number is ever typed into the text: the truth check (``scenes/audio/narration.py``)
holds for any wording. A message may carry a ``.spoken`` attribute, what the voice
says instead of the written text (subtitles, slides, sidecar); without one, the
voice says the written text with its numbers in the words people use
(:func:`spoken_numbers`).

A translation is another folder, ``scenes/script/es/``, holding exactly the English
ids, attributes and variables, with as many sentences per message (:func:`parity`): the
subtitles of one language are timed by the other's sentences. Only a ``.spoken`` form is
a language's own, given where its voice would misread the text. ``SceneInputs.language``
chooses the folder, and the Fluent bundle's locale, so ``NUMBER()`` writes "0,86" and
"13.002" in Spanish.

A teacher's own wording (``NNEXPLAIN_SCRIPT=DIR``, ``nnexplain render --script DIR``)
is laid out like the shipped script, ``DIR/en/input_layer.ftl`` (``DIR/es/...`` for the
Spanish lecture); each message in it replaces the shipped message of the same id, and it
need hold only what it changes.
Every fault in a script (a syntax error, a typed number, an unknown id or variable,
a spoken form with another number of sentences) is one :class:`InputError` naming
``file:line`` when the script loads.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from fluent.runtime import FluentBundle
from fluent.runtime.types import FluentNumber, fluent_number
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl

from nncore.errors import InputError, quoted
from nncore.files import cause, regular_input, written
from scenes import numerals
from scenes.audio.voice import split_sentences
from scenes.contract import SceneInputs

SCRIPT_ENV = SceneInputs.variable("script")
SHIPPED = Path(__file__).with_name("script")
LANGUAGE = "en"  # the default, and the script every translation mirrors
SHARED = "story"  # the file of words several scenes use: story.ftl
SPOKEN = "spoken"  # the attribute holding what the voice says
MAX_FILE_BYTES = 1_000_000


@dataclass(frozen=True)
class Line:
    """One message as the scene uses it: written for the eye, spoken for the voice; and,
    for subtitles in other languages, its sentences in each (:meth:`Script.subtitle`)."""

    written: str
    spoken: str
    subtitles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.written


class Words(str):
    """Words of the script in one language that can be written again in another: given
    as a variable of a message formatted in another language (a beat's subtitles), they
    are remade in that one (``remake(script)``), so no English phrase or number format
    lands in a Spanish sentence. :meth:`Script.words` returns them."""

    language: str
    remake: Callable[[Script], str]

    def __new__(cls, text: str, language: str, remake: Callable[[Script], str]) -> Words:
        words = super().__new__(cls, text)
        words.language, words.remake = language, remake
        return words


@dataclass(frozen=True)
class _Entry:
    """A message or term of a script file, and where it was written."""

    node: ftl.Message | ftl.Term
    path: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _line_of(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _key(node: ftl.Message | ftl.Term) -> str:
    return ("-" if isinstance(node, ftl.Term) else "") + node.id.name


def _typed_numbers(node: Any) -> Iterator[tuple[int, str]]:
    """(offset, number) for each number typed into ``node``'s text.

    A number may stand only in a function's options (``NUMBER($x, maximumFractionDigits:
    2)``) and as a variant's key; anywhere else it would be said as typed.
    """
    if isinstance(node, ftl.TextElement):
        for m in re.finditer(r"\d+(?:[.,]\d+)*", node.value):
            yield node.span.start + m.start(), m.group(0)
    elif isinstance(node, ftl.NumberLiteral):
        yield node.span.start, node.value
    elif isinstance(node, ftl.StringLiteral):
        if re.search(r"\d", node.value):
            yield node.span.start, node.value
    elif isinstance(node, ftl.Pattern):
        for element in node.elements:
            yield from _typed_numbers(element)
    elif isinstance(node, ftl.Placeable):
        yield from _typed_numbers(node.expression)
    elif isinstance(node, ftl.SelectExpression):
        yield from _typed_numbers(node.selector)
        for variant in node.variants:
            yield from _typed_numbers(variant.value)
    elif isinstance(node, ftl.FunctionReference):
        for arg in node.arguments.positional:
            yield from _typed_numbers(arg)
    elif isinstance(node, ftl.TermReference) and node.arguments is not None:
        for arg in [*node.arguments.positional, *(a.value for a in node.arguments.named)]:
            yield from _typed_numbers(arg)


def _references(node: Any, kind: type) -> Iterator[Any]:
    """Every reference of ``kind`` (VariableReference, MessageReference, ...) in ``node``."""
    if isinstance(node, kind):
        yield node
    if isinstance(node, ftl.BaseNode):
        for value in vars(node).values():
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ftl.BaseNode) and not isinstance(child, ftl.Span):
                    yield from _references(child, kind)


def _variables(node: ftl.Message | ftl.Term) -> set[str]:
    return {ref.id.name for ref in _references(node, ftl.VariableReference)}


def _sketch(node: Any) -> str:
    """A pattern's text with each placeable as one word and each choice as its default:
    enough to count its sentences before any value is known."""
    if isinstance(node, ftl.TextElement):
        return node.value
    if isinstance(node, ftl.Pattern):
        return "".join(_sketch(e) for e in node.elements)
    if isinstance(node, ftl.Placeable):
        if isinstance(node.expression, ftl.SelectExpression):
            default = next(v for v in node.expression.variants if v.default)
            return _sketch(default.value)
        return _sketch(node.expression) if isinstance(node.expression, ftl.Placeable) else "X"
    return ""


def _spoken_attribute(node: ftl.Message | ftl.Term) -> ftl.Attribute | None:
    return next((a for a in node.attributes if a.id.name == SPOKEN), None)


def _sentences(pattern: ftl.Pattern | None, language: str) -> int:
    return len(split_sentences(_sketch(pattern), language)) if pattern is not None else 0


def parse_file(path: Path, language: str = LANGUAGE) -> dict[str, _Entry]:
    """The messages and terms of one ``.ftl`` file, each checked on its own.

    Raises
    ------
    InputError
        For a syntax error, a typed number, or a spoken form whose sentences do not
        match the written ones: one line naming ``file:line``.
    """
    regular_input(path, "script file", MAX_FILE_BYTES)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"script file {quoted(str(path))}: {cause(e)}") from None
    entries: dict[str, _Entry] = {}
    for node in FluentParser(with_spans=True).parse(source).body:
        if isinstance(node, ftl.Junk):
            note = node.annotations[0] if node.annotations else None
            # Where the parser gave up, but never past the broken entry's last character.
            last = node.span.start + max(len(node.content.rstrip()) - 1, 0)
            offset = min(note.span.start, last) if note and note.span else node.span.start
            what = note.message if note else "cannot be read"
            raise InputError(f"{path}:{_line_of(source, offset)}: syntax error: {what}")
        if not isinstance(node, ftl.Message | ftl.Term):
            continue  # comments
        entry = _Entry(node, path, _line_of(source, node.span.start))
        patterns = [node.value, *(a.value for a in node.attributes)]
        for offset, number in (hit for p in patterns if p for hit in _typed_numbers(p)):
            raise InputError(
                f"{path}:{_line_of(source, offset)}: message {_key(node)!r} has the number "
                f"{number!r} typed into its text: give it as a variable, {{ $name }}"
            )
        spoken = _spoken_attribute(node)
        if spoken is not None and node.value is not None:
            said, written = (_sentences(p, language) for p in (spoken.value, node.value))
            if said != written:
                raise InputError(
                    f"{path}:{_line_of(source, spoken.span.start)}: message {_key(node)!r}: "
                    f"its .{SPOKEN} form has {said} sentences, its text {written}: "
                    "the subtitles are timed sentence by sentence, so they must match"
                )
        entries[_key(node)] = entry
    return entries


class Script:
    """The script's files, the shipped messages with a teacher's in their place."""

    def __init__(self, files: dict[str, dict[str, _Entry]], language: str = LANGUAGE) -> None:
        self.files = files
        self.language = language
        self._bundles: dict[str, FluentBundle] = {}

    def _bundle(self, name: str) -> FluentBundle:
        """One file's messages over the shared ones (a scene's words may use story's)."""
        if name not in self._bundles:
            bundle = FluentBundle([self.language], use_isolating=False)
            for part in dict.fromkeys([SHARED, name]):
                nodes = [e.node for e in self.files.get(part, {}).values()]
                bundle.add_resource(ftl.Resource(nodes), allow_overrides=True)
            self._bundles[name] = bundle
        return self._bundles[name]

    def _entry(self, name: str, message_id: str) -> tuple[str, _Entry]:
        for part in (name, SHARED):
            entry = self.files.get(part, {}).get(message_id)
            if entry is not None:
                return part, entry
        raise InputError(f"the script has no message {message_id!r} for {name}.ftl")

    def _format(self, name: str, message_id: str, args: dict[str, Any], /) -> tuple[str, str]:
        """The message's text and its spoken form (or None), as Fluent formats them."""
        _, entry = self._entry(name, message_id)
        bundle = self._bundle(name)
        message = bundle.get_message(message_id)
        values = {k: _fluent_value(self._in_language(v)) for k, v in args.items()}

        def formatted(pattern: Any) -> str:
            text, errors = bundle.format_pattern(pattern, values)
            if errors:
                given = ", ".join(f"${k}" for k in args) or "none"
                raise InputError(
                    f"{entry.where}: message {message_id!r}: {errors[0]} (the scene gives: {given})"
                )
            return str(text)

        spoken = message.attributes.get(SPOKEN)
        return formatted(message.value), formatted(spoken) if spoken else None

    def _in_language(self, value: Any) -> Any:
        if isinstance(value, Words) and value.language != self.language:
            return value.remake(self)
        return value

    def line(self, name: str, message_id: str, /, **args: Any) -> Line:
        """Message ``message_id`` of file ``name`` (or of story.ftl), written and spoken.

        A narration is one paragraph: the file's line breaks are spaces.

        Raises
        ------
        InputError
            If the message uses a variable not in ``args``, or cannot be formatted.
        """
        written, spoken = (
            None if t is None else " ".join(t.split()) for t in self._format(name, message_id, args)
        )
        spoken = spoken_numbers(spoken or written, self.language)
        said, shown = (len(split_sentences(t, self.language)) for t in (spoken, written))
        if said != shown:
            raise InputError(
                f"{self._entry(name, message_id)[1].where}: message {message_id!r}: its "
                f".{SPOKEN} form and its text have different numbers of sentences"
            )
        return Line(written, spoken)

    def subtitle(
        self, name: str, message_id: str, sentences: int, /, **args: Any
    ) -> tuple[str, ...]:
        """Message ``message_id`` written in this script's language, as its sentences: the
        subtitles of a narration in another language with ``sentences`` sentences, each
        shown while that one is spoken.

        Raises
        ------
        InputError
            If the message has another number of sentences here (a teacher's override can
            break what :func:`parity` holds for the shipped script).
        """
        found = split_sentences(self.line(name, message_id, **args).written, self.language)
        if len(found) != sentences:
            raise InputError(
                f"{self._entry(name, message_id)[1].where}: message {message_id!r} has "
                f"{len(found)} sentences, the narration {sentences}: its {self.language} "
                "subtitles are timed sentence by sentence, so they must match"
            )
        return tuple(found)

    def words(self, name: str, message_id: str, /, **args: Any) -> Words:
        """The written form of a message, its line breaks kept: for text on screen, or a
        variable of another message."""
        return Words(
            self._format(name, message_id, args)[0],
            self.language,
            lambda other: other.words(name, message_id, **args),
        )


def joined(items: Iterable[str], name: str, message_id: str) -> Words:
    """``items`` joined by message ``message_id`` of file ``name`` (" and "), in the
    render's language; given to a message of another language, joined by its words."""
    items = tuple(items)

    def join(script: Script) -> str:
        return script.words(name, message_id).join(items)

    here = current()
    return Words(join(here), here.language, join)


def typst_string(words: str) -> str:
    """Words as a Typst string literal, for a formula: ``increase`` -> ``"increase"``."""
    return '"' + words.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fixed(value: float, places: int) -> FluentNumber:
    """``value`` to be written with ``places`` decimals, for a scene whose places are
    decided at run time (a table's); a message may still format it with NUMBER()."""
    return fluent_number(
        Decimal(float(value)), minimumFractionDigits=places, maximumFractionDigits=places
    )


def _fluent_value(value: Any) -> Any:
    """An argument as Fluent formats it: a float as its exact Decimal, so that NUMBER()
    rounds it as Python's format would (the truth check compares against that)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return Decimal(value)
    return value


def languages(root: Path = SHIPPED) -> list[str]:
    """The languages the script ships: its folders that hold script files."""
    return sorted(p.name for p in Path(root).iterdir() if p.is_dir() and any(p.glob("*.ftl")))


def shipped_language(language: str | None, root: Path = SHIPPED) -> str:
    """``language`` (None: the default), if the script ships it.

    Raises
    ------
    InputError
        Naming the languages there are.
    """
    language = language or LANGUAGE
    shipped = languages(root)
    if language not in shipped:
        raise InputError(
            f"language {quoted(language)} is not shipped: choose one of {', '.join(shipped)}"
        )
    return language


def _shipped_files(root: Path, language: str) -> dict[str, dict[str, _Entry]]:
    return {p.stem: parse_file(p, language) for p in sorted((root / language).glob("*.ftl"))}


def _given(node: ftl.Message | ftl.Term, known: dict[str, _Entry]) -> set[str]:
    """The variables a scene gives a shipped message: those it and the messages it uses
    (``{ hidden-layers }``, which shares its variables) read."""
    given, todo, seen = set(), [node], set()
    while todo:
        node = todo.pop()
        given |= _variables(node)
        for ref in _references(node, ftl.MessageReference):
            if ref.id.name in known and ref.id.name not in seen:
                seen.add(ref.id.name)
                todo.append(known[ref.id.name].node)
    return given


def _check_override(
    files: dict[str, dict[str, _Entry]], name: str, entries: dict[str, _Entry]
) -> None:
    """Each message of a teacher's file must replace a shipped one, with its variables."""
    shipped = files[name]
    known = {**files.get(SHARED, {}), **shipped}
    for key, entry in entries.items():
        if key not in shipped:
            raise InputError(
                f"{entry.where}: unknown message id {key!r}: {name}.ftl ships no such message"
            )
        allowed = _given(shipped[key].node, known)
        for var in sorted(_variables(entry.node) - allowed):
            has = ", ".join(f"${v}" for v in sorted(allowed)) or "none"
            raise InputError(
                f"{entry.where}: message {key!r} uses the unknown variable ${var} "
                f"(the scene gives: {has})"
            )
        for ref in _references(entry.node, ftl.MessageReference):
            if ref.id.name not in known and ref.id.name not in entries:
                raise InputError(
                    f"{entry.where}: message {key!r} refers to the unknown message {ref.id.name!r}"
                )


def load(override: Path | None = None, root: Path = SHIPPED, language: str = LANGUAGE) -> Script:
    """The shipped script, with the messages of ``override`` (a folder laid out like it)
    in place of the shipped ones.

    Raises
    ------
    InputError
        For any fault in a file, or an override folder that is not laid out like the
        shipped script: one line naming ``file:line``; or a language the script does not
        ship.
    """
    language = shipped_language(language, root)
    files = _shipped_files(root, language)
    if override is None:
        return Script(files, language)
    override = Path(override)
    folder = override / language
    if not override.is_dir():
        raise InputError(f"script {quoted(str(override))}: no such folder")
    if not folder.is_dir():
        raise InputError(
            f"script {quoted(str(override))} holds no {language}/ folder: lay it out as "
            f"`nnexplain script export` does ({language}/input_layer.ftl, ...)"
        )
    merged = {name: dict(entries) for name, entries in files.items()}
    for path in sorted(folder.glob("*.ftl")):
        if path.stem not in files:
            raise InputError(
                f"{path}: no shipped script file is called {path.name} "
                f"(choose from {', '.join(f + '.ftl' for f in files)})"
            )
        entries = parse_file(path, language)
        _check_override(files, path.stem, entries)
        merged[path.stem].update(entries)
    return Script(merged, language)


@cache
def _loaded(override: str | None, language: str) -> Script:
    return load(Path(override) if override else None, language=language)


def current_language() -> str:
    """The language this process renders in: ``$NNEXPLAIN_LANGUAGE``, or English."""
    return shipped_language(SceneInputs.from_env().language)


def current(language: str | None = None) -> Script:
    """The script this process renders with, in ``language`` (default:
    :func:`current_language`): the shipped one, or ``$NNEXPLAIN_SCRIPT``'s."""
    language = shipped_language(language) if language else current_language()
    return _loaded(SceneInputs.from_env().script or None, language)


def parity(language: str, root: Path = SHIPPED) -> list[str]:
    """How ``language``'s script differs from the English one it translates, one line per
    fault (none: it mirrors it): a file, message or attribute missing or extra, another set
    of variables, or another number of sentences in a text (the subtitles of one language
    are timed by the other's sentences). A ``.spoken`` form may be there in one language
    and not the other: it is what that language's voice says, sentence for sentence.

    Raises
    ------
    InputError
        For a fault in one of the files themselves (:func:`parse_file`).
    """
    english, other = (_shipped_files(root, lang) for lang in (LANGUAGE, language))
    folder = root / language
    faults = [f"{folder}: no {name}.ftl" for name in english if name not in other]
    faults += [
        f"{folder / name}.ftl: no such English file" for name in other if name not in english
    ]
    for name in (n for n in english if n in other):
        theirs, ours = english[name], other[name]
        faults += [f"{folder / name}.ftl: no message {key!r}" for key in theirs if key not in ours]
        for key, entry in ours.items():
            if key not in theirs:
                faults.append(f"{entry.where}: message {key!r} is not in English")
                continue
            en = theirs[key].node
            used, wanted = _variables(entry.node), _variables(en)
            if used != wanted:
                faults.append(
                    f"{entry.where}: message {key!r} uses {_names(used)}, English {_names(wanted)}"
                )
            mine, model = _texts(entry.node), _texts(en)
            # A spoken form is the voice's own: a translation gives one where its voice
            # misreads the text, whether or not English needs one there.
            for part in sorted((mine.keys() ^ model.keys()) - {"." + SPOKEN}):
                faults.append(
                    f"{entry.where}: message {key!r} {'has' if part in mine else 'lacks'} "
                    f"the {part} English {'lacks' if part in mine else 'has'}"
                )
            for part in sorted(mine.keys() & model.keys()):
                count, wanted_count = (
                    _sentences(mine[part], language),
                    _sentences(model[part], LANGUAGE),
                )
                if count != wanted_count:
                    faults.append(
                        f"{entry.where}: message {key!r}: its {part} has {count} sentences, "
                        f"English {wanted_count}"
                    )
    return faults


def _texts(node: ftl.Message | ftl.Term) -> dict[str, ftl.Pattern]:
    """A message's text and attributes, by name ("text", ".spoken")."""
    texts = {"." + a.id.name: a.value for a in node.attributes}
    return texts | ({"text": node.value} if node.value is not None else {})


def _names(variables: set[str]) -> str:
    return ", ".join(f"${v}" for v in sorted(variables)) or "no variable"


def export(dest: Path, root: Path = SHIPPED, language: str = LANGUAGE) -> list[Path]:
    """Copy the shipped script's files to ``dest/<language>/``, never over a file.

    Raises
    ------
    InputError
        If any of the files is already there (nothing is written then).
    """
    sources = sorted((root / language).glob("*.ftl"))
    targets = [Path(dest) / language / p.name for p in sources]
    there = [t for t in targets if t.exists() or t.is_symlink()]
    if there:
        raise InputError(f"{quoted(str(there[0]))} exists: export into an empty folder")
    for source, target in zip(sources, targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        with written(target) as f:
            f.write(source.read_bytes())
    return targets


def digest(override: Path, names: Iterable[str], language: str = LANGUAGE) -> str:
    """The text of a teacher's files ``names`` (script files' stems), and of story.ftl, in
    ``language``, for the render cache's key: a chapter re-renders when its own words change."""
    h = hashlib.sha256()
    for name in sorted({*names, SHARED}):
        path = Path(override) / language / f"{name}.ftl"
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return h.hexdigest()


# --- the numbers as people say them ---------------------------------------------------------

_SMALL = "zero one two three four five six seven eight nine ten eleven twelve".split()
_DIGIT_WORDS = dict(zip("0123456789", _SMALL))
_TINY = {
    "en": [(1e-3, "thousandths"), (1e-6, "millionths"), (1e-9, "billionths")],
    "es": [(1e-3, "milésimas"), (1e-6, "millonésimas"), (1e-9, "milmillonésimas")],
}
_MINUS = {"en": "minus ", "es": "menos "}
_PERCENT = {"en": " percent"}  # elsewhere "%" stays: espeak-ng -v es reads it "por ciento"


@cache
def _number(language: str) -> re.Pattern[str]:
    """A number as a script in ``language`` writes it: a sign only where no word or digit is
    glued before it; then (sign, whole, fraction with its mark, percent)."""
    mark, group = map(re.escape, numerals.symbols(language))
    return re.compile(
        rf"(?<![\w.,\-\u2212])([-\u2212]?)(\d{{1,3}}(?:{group}\d{{3}})+|\d+)({mark}\d+)?(\s?%)?"
    )


def spoken_number(
    sign: str, whole: str, fraction: str, percent: str, language: str = LANGUAGE
) -> str:
    """One written number in the words a person says for it.

    English: "1.00" -> "one"; "-0.03" -> "minus zero point zero three"; "0.0000096" ->
    "9.6 millionths"; "89.7 %" -> "89.7 percent"; "13,002" stays (voices read it well).
    Spanish, where espeak-ng reads "0,86", "13.002" and "89,7 %" well but drops a minus
    and reads a tiny number digit by digit: "-0,27" -> "menos 0,27"; "2,00" -> "2";
    "0,0000096" -> "9,6 millonésimas".
    """
    mark, group = numerals.symbols(language)
    fraction = (fraction or "").rstrip("0").rstrip(mark)  # "0.50" is zero point five, "1.00" one
    value = float(numerals.plain(whole + fraction, language))
    words = _MINUS.get(language, "-") if sign and value else ""  # "-0.00" is zero
    tiny = _TINY.get(language)
    if tiny and fraction and 0 < value < tiny[0][0]:
        scale, name = next(((s, n) for s, n in tiny if value >= s), tiny[-1])
        words += f"{float(f'{value / scale:.2g}'):g}".replace(".", mark) + f" {name}"
    elif language != "en":
        words += whole + fraction  # its voice reads the rest as written
    elif fraction and whole == "0":
        words += "zero point " + " ".join(_DIGIT_WORDS[d] for d in fraction[1:])
    elif not fraction and int(value) < len(_SMALL) and group not in whole:
        words += _SMALL[int(value)]
    else:
        words += whole + fraction
    return words + (_PERCENT.get(language, percent) if percent else "")


def spoken_numbers(text: str, language: str = LANGUAGE) -> str:
    """``text`` with every number in the words people say for it (:func:`spoken_number`)."""
    return _number(language).sub(
        lambda m: spoken_number(*(g or "" for g in m.groups()), language=language), text
    )
