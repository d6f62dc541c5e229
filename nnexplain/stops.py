"""How a run stops early: a scene that failed to render, or a signal.

Ctrl-C, SIGTERM and SIGHUP stop a run the same way: cleanly, with the shell's exit code.

``timeout``, CI runners, systemd and ``docker stop`` send SIGTERM; closing a
terminal sends SIGHUP. Each becomes :class:`Interrupted`, raised in the main
thread, so the code that started child processes also stops them and removes
what they were writing.
"""

from __future__ import annotations

import signal
import threading
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


# Set with the first stop signal. Work in a worker thread (the slides' clips, made beside the
# lecture video) asks :func:`check` between frames: the signal's exception reaches only the
# main thread, which would otherwise wait for every clip still to come.
_STOPPING = threading.Event()
_SIGNUM = [signal.SIGINT]


def check() -> None:
    """Raise :class:`Interrupted` in this thread if a stop signal has come."""
    if _STOPPING.is_set():
        raise Interrupted(_SIGNUM[0])


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn the first stop signal into :class:`Interrupted`; ignore the rest while cleaning up."""
    stopped = False

    def handler(signum: int, frame: object) -> None:
        nonlocal stopped
        if stopped:
            return  # a second Ctrl-C must not cut the clean-up short
        stopped = True
        _SIGNUM[0] = signum
        _STOPPING.set()
        raise Interrupted(signum)

    previous = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield
    finally:
        _STOPPING.clear()
        for s, h in previous.items():
            signal.signal(s, h)
