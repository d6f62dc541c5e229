"""The one exception type that reaches a user as a single clear line."""

from __future__ import annotations


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
