"""Timing samples (wall clock, and CPU time of this process or its children) and their medians."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """``(seconds, result)`` of one call of ``fn``."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def timed_children(fn: Callable[[], T]) -> tuple[float, float, T]:
    """``(wall seconds, CPU seconds, result)`` of ``fn``, which runs child processes.

    The CPU seconds are those of the children ``fn`` waited for. Unlike the wall
    time they barely change when other programs share the cores.
    """

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    cpu = children_cpu()
    seconds, result = timed(fn)
    return seconds, children_cpu() - cpu, result


def timed_process(fn: Callable[[], T]) -> tuple[float, float, T]:
    """``(wall seconds, CPU seconds, result)`` of ``fn``, run in this process.

    The CPU seconds are this process's, every thread's (an encoder's too).
    """
    cpu = time.process_time()
    seconds, result = timed(fn)
    return seconds, time.process_time() - cpu, result


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def median_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median of the ratios of samples taken side by side.

    Pairing the samples cancels most of a background load that changes during
    the run: both sides of a pair saw about the same machine.
    """
    if len(numerators) != len(denominators) or not numerators:
        raise ValueError("need as many numerator samples as denominator samples, at least one")
    return median([n / d for n, d in zip(numerators, denominators, strict=True)])


def per_call(fn: Callable[[], object], calls: int) -> float:
    """Mean seconds of ``calls`` calls in a row: one sample of a call too quick to time alone."""
    seconds, _ = timed(lambda: [fn() for _ in range(calls)])
    return seconds / calls
