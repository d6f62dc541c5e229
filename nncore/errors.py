"""The one exception type that reaches a user as a single clear line."""

from __future__ import annotations


class InputError(ValueError):
    """A bad input from the user: the message says what is wrong and what to do.

    Command-line entry points print it as one line on stderr and exit with 2;
    everything else (a bug) keeps its traceback.
    """
