"""One run at a time writes into an output folder.

The lock is an ``flock`` on ``OUT/.nnexplain.lock``: the kernel releases it
when its process ends, however it ends, so a killed run never leaves a folder
locked. A second run into the same folder waits for the first, then reuses
what the first rendered.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".nnexplain.lock"
POLL_SECONDS = 0.2  # short sleeps keep the main thread free to receive Ctrl-C


@contextmanager
def exclusive(out: Path, on_wait: Callable[[str], None]) -> Iterator[None]:
    """Hold ``out``'s lock for the ``with`` block; call ``on_wait(holder)`` once if it is taken.

    ``holder`` is what the running process wrote into the lock file (its pid).
    """
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    on_wait(os.pread(fd, 64, 0).decode(errors="replace").strip() or "?")
                    told = True
                time.sleep(POLL_SECONDS)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
