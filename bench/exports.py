"""Figures of the work outside the server: loading the large file, the PNG export, the PDF and the
slide deck. Absolute times, judged on CPU time (bench/README.md, "Absolute times")."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.report import Figure, Report, host_probe_ms
from bench.servers import run_fresh
from components import tables
from components.data.loader import load_dataset
from components.render import charts, images
from components.tables.citation import cited_file

COLD_LOAD_LIMIT_S = 1.5
PNG_LIMIT_S = 1.0
DOCUMENT_LIMITS_S = {"pdf": 2.0, "pptx": 2.0}  # the PDF briefing and the slide deck, real data
COLD_LOAD = """
import sys, time
from components.data.loader import load_dataset
wall, cpu = time.perf_counter(), time.process_time()
result = load_dataset(sys.argv[1])
print(time.perf_counter() - wall, time.process_time() - cpu, result.ok)
"""


class ColdLoads:
    """load_dataset of the large file, each sample in a fresh process, judged on CPU time.

    The samples are taken at different moments of the run (`take`, then `report` once): on a
    virtual machine, time the host takes for itself counts as the process's CPU time, and it comes
    in phases of a minute or more, which samples taken back to back all fall in (bench/README.md,
    "Absolute times"). Each sample is noted with `host_probe_ms` taken just before it.
    """

    def __init__(self, path: Path):
        self.path = path
        self.samples: list[tuple[float, float, float]] = []  # (CPU s, wall s, host probe ms)

    def take(self) -> None:
        probe = host_probe_ms()
        wall, cpu, ok = run_fresh(COLD_LOAD, str(self.path))
        if ok != "True":
            raise RuntimeError(f"{self.path} did not load cleanly")
        self.samples.append((float(cpu), float(wall), probe))

    def report(self, report: Report) -> None:
        cpu = statistics.median(sample[0] for sample in self.samples)
        each = ", ".join(f"{cpu:.2f} s (probe {probe:.0f} ms)" for cpu, _, probe in self.samples)
        wall = statistics.median(sample[1] for sample in self.samples)
        note = f"median of {len(self.samples)} fresh processes through the run: {each}; wall {wall:.2f} s"
        report.add(
            Figure(
                "load+validate large (cold)",
                f"{cpu:.2f} s CPU",
                f"≤ {COLD_LOAD_LIMIT_S} s",
                cpu <= COLD_LOAD_LIMIT_S,
                note,
            )
        )


def png_export(report: Report, label: str, path: Path, runs: int = 5, judged: bool = True) -> None:
    """images.chart_png of the titled matrix chart, as the PNG download builds it."""
    result = load_dataset(path)
    ds = result.dataset
    as_of = tables.date_span(ds)[1]  # the app's default as-of date
    matrix = tables.matrix_table(ds, as_of)
    footer = cited_file(result, "Matrix", as_of).footer()

    def once() -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        chart = images.titled(charts.matrix_chart(matrix, ds, list(charts.FALLBACK_PALETTE)), "Matrix", as_of, footer)
        if not images.chart_png(chart).startswith(b"\x89PNG"):
            raise RuntimeError("chart_png returned no PNG")
        return time.perf_counter() - wall, time.process_time() - cpu

    first = once()[0]  # the process's first export also starts vl-convert's engine
    walls, cpus = zip(*(once() for _ in range(runs)), strict=True)
    cpu = statistics.median(cpus)
    note = f"median of {runs}; wall {statistics.median(walls):.2f} s; first export {first:.2f} s wall (engine start)"
    name = f"png export matrix ({label})"
    if judged:
        report.add(Figure(name, f"{cpu:.2f} s CPU", f"≤ {PNG_LIMIT_S:g} s", cpu <= PNG_LIMIT_S, note))
    else:
        report.note(f"{name}, for information: {cpu:.2f} s CPU, {note}")


DOCUMENT_BUILD = """
import sys, time
from components import tables
from components.data.loader import load_dataset
from components.render import pdf, slides
result = load_dataset(sys.argv[2])
as_of = tables.date_span(result.dataset)[1]
matrix = tables.matrix_table(result.dataset, as_of)
build = {"pdf": pdf.briefing_pdf, "pptx": slides.briefing_pptx}[sys.argv[1]]
cpu = time.process_time()
build(result, matrix, as_of)
print(time.process_time() - cpu)
"""


def document_exports(report: Report, path: Path, runs: int = 5) -> None:
    """The PDF briefing and the slide deck of the whole matrix, as the download menu and the CLI build them.

    Judged on the median CPU time of `runs` builds in this process after one warm-up (as the PNG
    figure is: vl-convert's engine is running, as in an app that has drawn once); the note gives
    one build in a fresh process, after imports, which also starts the engine (the CLI's case).
    """
    from components.render import pdf, slides  # imported here: the other figures never load typst

    result = load_dataset(path)
    as_of = tables.date_span(result.dataset)[1]
    matrix = tables.matrix_table(result.dataset, as_of)
    builders = {"pdf": (pdf.briefing_pdf, b"%PDF-"), "pptx": (slides.briefing_pptx, b"PK")}

    def once(kind: str) -> tuple[float, float, int]:
        build, magic = builders[kind]
        wall, cpu = time.perf_counter(), time.process_time()
        data = build(result, matrix, as_of)
        if not data.startswith(magic):
            raise RuntimeError(f"the {kind} export returned no {kind} file")
        return time.perf_counter() - wall, time.process_time() - cpu, len(data)

    for kind in builders:
        name = f"{kind} export (real)"
        try:
            once(kind)
            walls, cpus, sizes = zip(*(once(kind) for _ in range(runs)), strict=True)
            cold = float(run_fresh(DOCUMENT_BUILD, kind, str(path))[-1])
            cpu, limit = statistics.median(cpus), DOCUMENT_LIMITS_S[kind]
            note = (
                f"median of {runs} after a warm-up; wall {statistics.median(walls):.2f} s; {sizes[0] / 1024:.0f} KiB; "
                f"fresh process {cold:.2f} s CPU (starts vl-convert's engine)"
            )
            report.add(Figure(name, f"{cpu:.2f} s CPU", f"≤ {limit:g} s", cpu <= limit, note))
        except Exception as err:  # noqa: BLE001 - a broken export is a failed figure, the rest still runs
            report.failed(name, err)
