"""The one error the benchmark reports without a traceback."""

from __future__ import annotations


class BenchError(RuntimeError):
    """Something measured failed (a render, a child process); the message says what."""
