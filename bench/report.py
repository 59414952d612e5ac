"""The benchmark's output: one line per figure, notes, and a summary line last."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Figure:
    name: str
    value: str
    target: str
    passed: bool
    note: str = ""

    def __str__(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        return f"{self.name}: {self.value} ({self.target}) {verdict}" + (f"  # {self.note}" if self.note else "")


class Report:
    """Prints each line as it comes and keeps them for results.txt."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.figures: list[Figure] = []

    def note(self, text: str) -> None:
        self._emit(f"# {text}")

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        self._emit(str(figure))

    def summary(self) -> None:
        passed = sum(f.passed for f in self.figures)
        self._emit(f"bench: {passed} passed, {len(self.figures) - passed} failed")

    def failed(self, name: str, err: BaseException) -> None:
        self.add(Figure(name, "error", "must run", False, f"{type(err).__name__}: {err}"))

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        print(line, flush=True)


def host_probe_ms() -> float:
    """CPU ms of a fixed piece of pure Python (best of 3): it grows only when the host, not the
    code, is slower, so it tells a slow phase of a shared machine from a slow figure."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        total = 0
        for i in range(300_000):
            total += i
        best = min(best, time.process_time() - start)
    return best * 1000


def machine_facts() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        "unknown CPU",
    )
    mem_kib = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line
    )
    return f"machine: {os.cpu_count()} CPUs, {model}, {mem_kib / 1024**2:.1f} GiB RAM; {conditions()}"


def conditions() -> str:
    """How busy the machine is now: its load average, and the host probe."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"load average {load}; host probe {host_probe_ms():.0f} ms"
