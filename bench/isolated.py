"""A measurement run in a fresh, single-threaded Python process, its result read back as JSON.

numpy's BLAS picks its thread count when it is loaded, so only a new process can
fix it. One thread for numpy and torch alike compares the code, not how each
library spreads small products over the two cores other renders are using.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

from bench.errors import BenchError
from nnexplain.render import PROJECT

THREADS = 1
THREAD_ENV = {name: str(THREADS) for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")}


def run_isolated(module: str, *args: str) -> dict:
    """Run ``python -m module ARGS...`` and return the JSON it prints."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=PROJECT,  # bench is run from the project, not installed
        env=os.environ | THREAD_ENV,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise BenchError(f"{module} failed (exit {done.returncode}):\n{tail}")
    return json.loads(done.stdout)


def child_main(measure: Callable[..., dict], parse: Callable[[str], object] = int) -> None:
    """The child's side: ``measure(*arguments)`` as JSON on stdout.

    Parameters
    ----------
    measure : callable
        Takes the command line's arguments, each passed through ``parse``.
    parse : callable, default int
        Turns one argument into what ``measure`` takes (``str`` keeps it as given).
    """
    print(json.dumps(measure(*(parse(a) for a in sys.argv[1:]))))
