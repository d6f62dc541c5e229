"""The numbers a narration speaks, and whether each one is a number the scene recorded.

A beat's narration is a message of the script (``scenes/script/en/*.ftl``) whose
numbers are variables the scene binds to values it recorded. This finds every
number written in the rendered sentence ("3.45", "13,002", "-0.27", "90.5") and
looks for a recorded value that, rounded to as many places as the narration shows,
reads the same. The script refuses a number typed into a message when it loads; a
number that slipped in another way (a wrong variable) has no such value, and the
tests say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

# A number as narration writes it: optional sign, digits with thousands commas, decimals.
NUMBER = re.compile(r"(?<![\w.])[-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def spoken_numbers(text: str) -> list[str]:
    """Every number in ``text``, as written: ``"the cost is 3.45"`` -> ``["3.45"]``."""
    return [m.group(0).replace("\u2212", "-") for m in NUMBER.finditer(text)]


def _scalars(value: Any) -> Iterator[float]:
    """Every number in a recorded value: a scalar, or lists and records (dicts, such as
    the ``"attention row"``) of them, nested; a record's words are no numbers."""
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _scalars(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _scalars(v)


def reads_as(token: str, value: float) -> bool:
    """Does ``value``, formatted with ``token``'s decimal places, read as ``token``?

    A percentage's number may be the recorded fraction times 100 ("90.5" for 0.905).
    """
    places = len(token.split(".")[1]) if "." in token else 0
    plain = token.replace(",", "")
    return any(f"{v:.{places}f}" == plain for v in (value, 100 * value))


def unmatched(text: str, values: Iterable[Any]) -> list[str]:
    """The numbers in ``text`` that no recorded value reads as."""
    scalars = [v for value in values for v in _scalars(value)]
    return [t for t in spoken_numbers(text) if not any(reads_as(t, v) for v in scalars)]
