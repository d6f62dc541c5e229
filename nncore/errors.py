"""The one exception type that reaches a user as a single clear line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class InputError(ValueError):
    """A bad input from the user: the message says what is wrong and what to do.

    Command-line entry points print it as one line on stderr and exit with 2;
    everything else (a bug) keeps its traceback.
    """


ECHO_LIMIT = 80  # characters of a user's input that an error line repeats


def quoted(value: object, limit: int = ECHO_LIMIT) -> str:
    """``repr(value)`` cut to about ``limit`` characters: an error line echoes, never repeats.

    >>> quoted("word " * 600)[-20:]
    '... (3,000 characters)'
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 24]}... ({len(str(value)):,} characters)"


@contextmanager
def said_of(option: str, noun: str) -> Iterator[None]:
    """An :class:`InputError` of the block said of the option its input came from.

    The loaders, shared with the scenes, call their input by a ``noun``; the option
    takes the noun's place, so that the line tells a user what to change.

    >>> with said_of("--digit", "image"):
    ...     raise InputError("image 'x.png': no such file")
    Traceback (most recent call last):
    ...
    nncore.errors.InputError: --digit 'x.png': no such file
    """
    try:
        yield
    except InputError as e:
        raise InputError(f"{option} {str(e).removeprefix(noun + ' ')}") from None
