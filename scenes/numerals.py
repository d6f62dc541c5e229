"""Numbers as a language writes them: the one place a scene's number becomes text.

English writes ``13,002.50``, Spanish ``13.002,50``. Every number a scene draws (a
``DecimalNumber``, a table's cell, an axis tick) is written by :func:`written`, with
Babel's symbols for the language, the same Babel that formats the script's ``NUMBER()``;
and every number read back from a text (the truth check, ``scenes/audio/narration.py``)
is parsed by :func:`pattern` and :func:`plain` for the same language. This module
imports no manim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

DEFAULT = "en"


@cache
def symbols(language: str) -> tuple[str, str]:
    """(decimal mark, group separator) of ``language``: (".", ",") in en, (",", ".") in es."""
    return get_decimal_symbol(language), get_group_symbol(language)


def written(value: float, places: int, language: str = DEFAULT, grouping: bool = True) -> str:
    """``value`` with ``places`` decimals as ``language`` writes it.

    Rounded as Python's ``f"{value:,.{places}f}"`` rounds (half to even on the float's exact
    value), which it equals in English: ``written(13002.5, 2)`` -> ``"13,002.50"``;
    ``written(13002.5, 2, "es")`` -> ``"13.002,50"``. A negative value that rounds to zero
    keeps its sign, as Python's does ("-0.00").
    """
    pattern = ("#,##0" if grouping else "0") + ("." + "0" * places if places > 0 else "")
    text = format_decimal(Decimal(float(value)), format=pattern, locale=language)
    if float(value) < 0 and not text.startswith("-"):  # Babel drops the sign of a "-0.00"
        text = "-" + text
    return text


def short(value: float, language: str = DEFAULT) -> str:
    """``value`` with as few decimals as Python's ``f"{value:g}"`` shows (an axis tick:
    "0.5", "2"), without groups, as ``language`` writes it ("0,5")."""
    shortest = f"{float(value):g}"
    return written(value, len(shortest.partition(".")[2]), language, grouping=False)


def listed(values: Iterable[float], places: int, language: str = DEFAULT) -> str:
    """Numbers in a row: "0.12, -0.30" in English; "0,12; -0,30" where the decimal mark
    is the comma (Spanish), so that the list's separator is not read as one."""
    separator = "; " if symbols(language)[0] == "," else ", "
    return separator.join(written(v, places, language, grouping=False) for v in values)


@cache
def pattern(language: str = DEFAULT) -> re.Pattern[str]:
    """A number as ``language`` writes it in a sentence: optional sign, whole part with its
    groups of three, decimals. Not preceded by a letter, a digit or the decimal mark, so
    that "w2" and the "5" of "0.5" are not numbers."""
    mark, group = map(re.escape, symbols(language))
    return re.compile(
        rf"(?<![\w{mark}])[-\u2212]?(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{mark}\d+)?"
    )


def plain(token: str, language: str = DEFAULT) -> str:
    """A written number as Python writes it: ``"13.002,5"`` (es) -> ``"13002.5"``."""
    mark, group = symbols(language)
    return token.replace("\u2212", "-").replace(group, "").replace(mark, ".")
