"""How a run stops early: a scene that failed to render, or a signal.

Ctrl-C, SIGTERM and SIGHUP stop a run the same way: cleanly, with the shell's exit code.

``timeout``, CI runners, systemd and ``docker stop`` send SIGTERM; closing a
terminal sends SIGHUP. Each becomes :class:`Interrupted`, raised in the main
thread, so the code that started child processes also stops them and removes
what they were writing.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class RenderError(RuntimeError):
    """manim failed on a scene; the message says where its log was kept."""


class Interrupted(Exception):
    """The run was stopped by ``signum``; whatever was in progress was thrown away."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports it: 130, 143, 129."""
        return 128 + self.signum


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn the first stop signal into :class:`Interrupted`; ignore the rest while cleaning up."""
    stopped = False

    def handler(signum: int, frame: object) -> None:
        nonlocal stopped
        if stopped:
            return  # a second Ctrl-C must not cut the clean-up short
        stopped = True
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
