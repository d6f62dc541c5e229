"""The numbers a narration speaks, and whether each one is a number the scene recorded.

A beat's narration is a message of the script (``scenes/script/<language>/*.ftl``)
whose numbers are variables the scene binds to values it recorded. This finds every
number written in the rendered sentence, as its language writes it ("3.45", "13,002",
"-0.27", "90.5" in English; "3,45", "13.002", "-0,27", "90,5" in Spanish), and looks
for a recorded value that, rounded to as many places as the narration shows, reads
the same. The script refuses a number typed into a message when it loads; a
number that slipped in another way (a wrong variable) has no such value, and the
tests say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from scenes import numerals
from scenes.contract import Number, Said


def spoken_numbers(text: str, language: str = numerals.DEFAULT) -> list[str]:
    """Every number in ``text``, as written: ``"the cost is 3.45"`` -> ``["3.45"]``;
    ``("cuesta 3,45", "es")`` -> ``["3,45"]``."""
    return [m.group(0).replace("\u2212", "-") for m in numerals.pattern(language).finditer(text)]


def scalars(value: Any) -> Iterator[float]:
    """Every number in a recorded value: a scalar, or nested lists and dicts of them (an
    attention row's scores); its strings and booleans are not numbers."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from scalars(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from scalars(v)


def reads_as(token: str, value: float, language: str = numerals.DEFAULT) -> bool:
    """Does ``value``, formatted with ``token``'s decimal places, read as ``token``, a
    number written as ``language`` writes it ("13.002" is 13002 in es, 13.002 in en)?

    A percentage's number may be the recorded fraction times 100 ("90.5" for 0.905).
    """
    plain = numerals.plain(token, language)
    places = len(plain.split(".")[1]) if "." in plain else 0
    return any(f"{v:.{places}f}" == plain for v in (value, 100 * value))


def unmatched(text: str, values: Iterable[Any], language: str = numerals.DEFAULT) -> list[str]:
    """The numbers in ``text`` (written as ``language`` writes them) that no recorded value
    reads as."""
    known = [v for value in values for v in scalars(value)]
    return [
        t
        for t in spoken_numbers(text, language)
        if not any(reads_as(t, v, language) for v in known)
    ]


def said(
    text: str, numbers: Iterable[Number], language: str = numerals.DEFAULT
) -> tuple[Said, ...]:
    """The numbers ``text`` says, each with the first record it reads as, in order; each
    kept as written (``Said.written`` is "0,86" in a Spanish narration).

    A number with no such record is left out: the tests, and ``nnexplain check``, say so.
    """
    numbers = list(numbers)
    found = []
    for token in dict.fromkeys(spoken_numbers(text, language)):
        match = next(
            ((n, v) for n in numbers for v in scalars(n.value) if reads_as(token, v, language)),
            None,
        )
        if match is not None:
            n, v = match
            found.append(Said(token, n.label, v, n.source))
    return tuple(found)
