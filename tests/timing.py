"""Timing in tests is CPU time, never wall-clock: a loaded machine slows the clock on the wall, not the work."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def cpu_seconds(work: Callable[[], T]) -> tuple[T, float]:
    """Run `work` here; its result and the CPU time this process spent on it (all threads: time.process_time)."""
    start = time.process_time()
    result = work()
    return result, time.process_time() - start
