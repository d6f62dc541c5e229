"""Where ``nnexplain batch`` runs its scene tasks: local processes, or a Dask cluster.

Both give back futures with ``done()`` and ``result()``, and both run the one task
function, :func:`nnexplain.scene_task.render_scene`. Leaving the ``with`` block by
an exception (Ctrl-C, SIGTERM) stops every worker this process started, and with it
their manim children; a cluster of someone else's (``tcp://``) is left running,
with this client's tasks cancelled.

Workers are bounded: ``--jobs`` is at most :data:`JOBS_PER_CORE` times the cores
(:func:`check_jobs`), and the batch never starts more workers than it has tasks.
A scheduler's address is checked before anything is written: its port when the
command line is read (:func:`check_scheduler`), then that something answers there
(:func:`check_reachable`), with a plain TCP connection that gives up in seconds.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import tempfile
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from nncore.errors import InputError, quoted

LOCAL = "local"  # --scheduler local: a LocalCluster on this machine
CONNECT_SECONDS = 10
REACH_SECONDS = 5  # to find anything listening at a scheduler's address, before Dask starts
SCHEMES = ("tcp", "tls")  # Dask's addresses over TCP
DEFAULT_PORT = 8786  # `dask scheduler`'s
# A worker waits on its manim child most of the time; past this many per core they
# only queue for the CPU, each holding a process's memory.
JOBS_PER_CORE = 4
# A task waits on its manim child, so what a Dask worker does meanwhile is taken from
# the renders on the same cores. Off or slowed for the LocalCluster: the profiler that
# samples each worker's threads every 10 ms, and readings for a dashboard that is not
# run. Together they cost the bench's 20 s class about 6 CPU-seconds on 2 cores (+15 to
# 25 % wall); the README says how to set them on a cluster of one's own.
IDLE_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "10s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.work-stealing": False,  # the scheduler queues the tasks itself
}


class Future(Protocol):
    def done(self) -> bool: ...
    def result(self) -> Any: ...


Submit = Callable[..., Future]


def check_scheduler(value: str) -> str:
    """``local`` or a scheduler address such as ``tcp://10.0.0.5:8786``, its port in range."""
    if value == LOCAL:
        return value
    how = "give 'local' or an address such as tcp://HOST:8786"
    if "://" not in value:
        raise InputError(f"--scheduler {quoted(value)}: {how}")
    address = urlsplit(value)
    if address.scheme not in SCHEMES or not address.hostname:
        raise InputError(f"--scheduler {quoted(value)}: {how}")
    try:
        port = address.port  # None when not given: Dask's default
    except ValueError:  # not a number, or past 65535
        port = 0
    if port == 0:
        raise InputError(f"--scheduler {quoted(value)}: the port must be a number from 1 to 65535")
    return value


def check_reachable(scheduler: str) -> None:
    """Refuse a scheduler address where nothing answers, in seconds and in one line.

    Dask's own client retries for ``CONNECT_SECONDS`` and reports it over several
    lines; a plain TCP connection says the same before any of it starts.
    """
    if scheduler == LOCAL:
        return
    address = urlsplit(scheduler)
    try:
        with socket.create_connection(
            (address.hostname, address.port or DEFAULT_PORT), timeout=REACH_SECONDS
        ):
            pass
    except OSError as e:  # refused, unreachable, timed out, no such host
        why = "no answer" if isinstance(e, TimeoutError) else (e.strerror or str(e)).lower()
        raise InputError(f"--scheduler: nothing answers at {quoted(scheduler)} ({why})") from None


def max_jobs() -> int:
    return JOBS_PER_CORE * (os.cpu_count() or 1)


def check_jobs(jobs: int) -> int:
    """``jobs`` if it is at most :func:`max_jobs`, else one :class:`InputError`."""
    if jobs > max_jobs():
        raise InputError(
            f"{jobs:,} is more than {max_jobs()}: at most {JOBS_PER_CORE} per core, and this "
            f"machine has {os.cpu_count() or 1}"
        )
    return jobs


def ignore_ctrl_c() -> None:
    """In a worker: the terminal's Ctrl-C reaches the whole process group; the client acts."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _local_worker(staging: str) -> None:
    """A local process worker: Ctrl-C ignored, temporary folders in the run's staging."""
    ignore_ctrl_c()
    tempfile.tempdir = staging


def dask_setup(worker: object) -> None:
    """Dask's preload hook (this module is named as the workers' preload)."""
    ignore_ctrl_c()


@contextmanager
def executor(scheduler: str | None, jobs: int, staging: Path) -> Iterator[Submit]:
    """``submit(fn, *args)`` on ``jobs`` local processes, or on ``scheduler``.

    ``staging`` holds the workers' temporary folders (a LocalCluster's too), so that a
    killed worker's leftovers go when the run removes it.
    """
    if scheduler is None:
        with _processes(jobs, staging) as submit:
            yield submit
    else:
        with _dask(scheduler, jobs, staging) as submit:
            yield submit


@contextmanager
def _processes(jobs: int, staging: Path) -> Iterator[Submit]:
    # spawn, not fork: the client has threads (the progress bar), which a fork would copy.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_local_worker,
                               initargs=(str(staging),))  # fmt: skip
    try:
        yield pool.submit
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        # The pool's workers are this process's only multiprocessing children. A worker
        # stopped mid-render takes its manim with it (nnexplain.scene_task).
        for worker in multiprocessing.active_children():
            worker.terminate()
        for worker in multiprocessing.active_children():
            worker.join()
        raise
    pool.shutdown(wait=True)


@contextmanager
def _dask(scheduler: str, jobs: int, staging: Path) -> Iterator[Submit]:
    import dask
    from distributed import Client, LocalCluster

    # The scheduler (in this process) and the workers log their comings and goings,
    # a killed worker's too, which Dask recovers from: nothing a user must read.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    quiet_workers = {"distributed.nanny.pre-spawn-environ.DASK_LOGGING__DISTRIBUTED": "critical"}
    cluster = None
    if scheduler == LOCAL:
        # A taken port 8787 moves the scheduler's HTTP server elsewhere, with a warning
        # that says nothing to a user of nnexplain.
        with dask.config.set(quiet_workers | IDLE_WORKERS), warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,  # one manim per worker: each is CPU-bound
                processes=True,
                dashboard_address=None,  # the dashboard needs bokeh, which is not required
                silence_logs=logging.CRITICAL,  # a killed worker is retried, not reported
                local_directory=str(staging / "dask"),
                env={"TMPDIR": str(staging)},
                preload=[__name__],
            )
        client = Client(cluster)
    else:
        try:
            client = Client(scheduler, timeout=CONNECT_SECONDS)
        except Exception as e:  # any: e.g. a web server there, its reply read as a huge frame
            what = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
            raise InputError(
                f"--scheduler {scheduler}: no Dask scheduler answers there ({what})"
            ) from None
    futures = []

    def submit(fn: Callable, *args: object) -> Future:
        futures.append(client.submit(fn, *args, pure=False))
        return futures[-1]

    try:
        yield submit
    except BaseException:
        client.cancel(futures)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
