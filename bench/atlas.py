"""Figures of the static atlas: its build, its size on disk, and Chromium opening it from file://."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.report import Figure, Report
from bench.servers import run_fresh

SITE_LIMIT_S = 3.0  # the static atlas: build, CPU
SITE_LIMIT_BYTES = 3 * 1024**2  # the static atlas on disk
SITE_VISIBLE_LIMIT_MS = 500.0  # the static atlas from file://, to the matrix on screen
SITE_BUILD = """
import resource, sys, time
from components.data.loader import load_dataset
from components.render.site import build_site
cpu = time.process_time()
site = build_site(load_dataset(sys.argv[1]), sys.argv[2])
print(time.process_time() - cpu, site.size, resource.getrusage(resource.RUSAGE_SELF).ru_utime)
"""
# Truthy (the time) once the atlas's first matrix cell has a size on screen.
SITE_VISIBLE = """() => {
  const cell = document.querySelector('#matrix-table button.cell');
  const box = cell && cell.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? performance.now() : false;
}"""


def static_atlas(report: Report, path: Path, folder: Path, loads: int, runs: int = 3) -> None:
    """`python -m components site`: its build (load + build_site, in fresh processes, after imports),
    its size on disk, and Chromium opening it from file:// (a new context per load, every
    non-file request refused) to the first frame with a matrix cell on screen."""
    from playwright.sync_api import sync_playwright

    from harness.chromium import ARGS, CHROMIUM

    cpus, sizes, whole = [], [], []
    for _ in range(runs):
        cpu, size, process_cpu = run_fresh(SITE_BUILD, str(path), str(folder))
        cpus.append(float(cpu))
        sizes.append(int(size))
        whole.append(float(process_cpu))
    cpu = statistics.median(cpus)
    note = f"median of {runs} fresh processes, after imports; the whole process {statistics.median(whole):.2f} s CPU"
    report.add(
        Figure("static atlas build (real)", f"{cpu:.2f} s CPU", f"≤ {SITE_LIMIT_S:g} s", cpu <= SITE_LIMIT_S, note)
    )
    size = max(sizes)
    files = ", ".join(f"{p.name} {p.stat().st_size / 1024:.0f} KiB" for p in sorted(folder.iterdir()))
    report.add(
        Figure("static atlas size (real)", f"{size / 1024**2:.2f} MiB", "≤ 3 MiB", size <= SITE_LIMIT_BYTES, files)
    )
    floor = folder.parent / "atlas-floor" / "index.html"  # the least a page from file:// costs, for the note
    floor.parent.mkdir(parents=True, exist_ok=True)
    floor.write_text(
        '<!doctype html><html lang="en"><title>floor</title><table id="matrix-table"><tr><td>'
        '<button class="cell">floor</button></table>',
        encoding="utf-8",
    )
    times, floors, refused = [], [], []

    def guard(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # Atlas and floor take turns; the first round warms the browser's own start and is not counted.
            for k in range(loads + 1):
                for index, kept in (((folder / "index.html"), times), (floor, floors)):
                    context = chromium.new_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
                    try:
                        page = context.new_page()
                        page.route("**/*", guard)
                        page.goto(index.as_uri(), wait_until="commit")
                        ms = float(page.wait_for_function(SITE_VISIBLE, polling="raf", timeout=60_000).json_value())
                        if k:
                            kept.append(ms)
                    finally:
                        context.close()
        finally:
            chromium.close()
    median = statistics.median(times)
    note = (
        f"median of {loads} cold loads (new context each), max {max(times):.0f} ms; "
        f"a one-button page from file:// takes {statistics.median(floors):.0f} ms here"
    ) + (f"; refused {refused[:2]}" if refused else "")
    report.add(
        Figure(
            "static atlas file:// to matrix visible (real)",
            f"{median:.0f} ms",
            f"≤ {SITE_VISIBLE_LIMIT_MS:g} ms",
            median <= SITE_VISIBLE_LIMIT_MS and not refused,
            note,
        )
    )
