"""Browser figures with Playwright and Debian's Chromium, against servers on 127.0.0.1.

Times are taken inside the page where possible: a cold load is `performance.now()` (ms since
the navigation started) at the first animation frame where the target is on screen, so the
app and the floor app are measured by the same clock in the same way.
"""

from __future__ import annotations

import statistics
import threading
import time
from math import gcd
from typing import NamedTuple

from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from components.app.pages.matrix import HEATMAP_KEY
from harness.chromium import ARGS, CHROMIUM

VIEWPORT = {"width": 1440, "height": 900}
CELLS = f".st-key-{HEATMAP_KEY} button.atlas-heatmap-cell"  # the heatmap's cells (components/app/widgets/heatmap.py)
PANEL = ".st-key-evidence_panel"

# Run in every cold-loaded page before its own scripts: records the first frame where the main
# block's first element has a size. That is Streamlit's first commit, which draws the elements
# whose code is in its base bundle (the matrix's title, the floor's text) before any lazily
# loaded widget code (the heatmap component, buttons, slider, select box) has arrived.
FIRST_ELEMENT = '[data-testid="stMain"] [data-testid="stElementContainer"]'
FIRST_PAINT_PROBE = f"""(() => {{
  const tick = () => {{
    const first = document.querySelector({FIRST_ELEMENT!r});
    if (first && first.getBoundingClientRect().height > 0) window.__benchFirstPaint = performance.now();
    else requestAnimationFrame(tick);
  }};
  requestAnimationFrame(tick);
}})();"""
FIRST_PAINT = "() => window.__benchFirstPaint ?? null"
# Truthy (the time) once the first heatmap cell has a size on screen.
MATRIX_VISIBLE = f"""() => {{
  const cell = document.querySelector({CELLS!r});
  const box = cell && cell.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? performance.now() : false;
}}"""
FLOOR_VISIBLE = """() => {
  const text = [...document.querySelectorAll('[data-testid="stMarkdownContainer"]')]
    .find(e => e.textContent.trim() === 'floor');
  return text && text.getBoundingClientRect().height > 0 ? performance.now() : false;
}"""
CHART_FLOOR_VISIBLE = """() => {
  const mark = document.querySelector('[data-testid="stVegaLiteChart"] svg g.mark-rect path');
  const box = mark && mark.getBoundingClientRect();
  return box && box.width > 0 && box.height > 0 ? performance.now() : false;
}"""
# Truthy once the evidence panel's heading names the cell (the argument) and is on screen.
PANEL_SHOWS = f"""(title) => {{
  const heading = document.querySelector({PANEL!r} + ' h3');
  return !!heading && heading.textContent.includes(title) && heading.getBoundingClientRect().height > 0;
}}"""
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""
# Truthy once the heatmap's caption names the date (the argument): the matrix redrawn for that step.
HEATMAP_SHOWS = f"""(day) => {{
  const caption = document.querySelector('.st-key-{HEATMAP_KEY} .atlas-heatmap-caption');
  return !!caption && caption.textContent.includes('Stances as of ' + day);
}}"""
NEXT_CHANGE = "Next change"  # the step button the heatmap draws (components/app/widgets/assets/heatmap.js)


def launch(playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def _context(browser: Browser, errors: list[str] | None = None):
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    if errors is not None:
        context.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return context


class ColdLoad(NamedTuple):
    """Ms from navigation start: to the target on screen, and to the page's first paint."""

    visible: float
    first_paint: float


def cold_load_ms(browser: Browser, url: str, visible: str, errors: list[str]) -> ColdLoad:
    """One load in a fresh context (empty cache, new session)."""
    context = _context(browser, errors)
    try:
        page = context.new_page()
        page.add_init_script(FIRST_PAINT_PROBE)
        page.goto(url, wait_until="commit")
        shown = float(page.wait_for_function(visible, polling="raf", timeout=90_000).json_value())
        return ColdLoad(shown, float(page.wait_for_function(FIRST_PAINT, timeout=90_000).json_value()))
    finally:
        context.close()


def cold_loads(
    browser: Browser, targets: dict[str, tuple[str, str]], count: int, errors: list[str]
) -> dict[str, ColdLoad]:
    """Per target (name -> (url, visible test)): the medians of its time to visible and to first
    paint; loads take turns, after one of each."""
    for url, visible in targets.values():
        cold_load_ms(browser, url, visible, errors)
    loads: dict[str, list[ColdLoad]] = {name: [] for name in targets}
    for _ in range(count):
        for name, (url, visible) in targets.items():
            loads[name].append(cold_load_ms(browser, url, visible, errors))
    return {
        name: ColdLoad(
            statistics.median(load.visible for load in values),
            statistics.median(load.first_paint for load in values),
        )
        for name, values in loads.items()
    }


def _cells(page, expected: list[tuple[str, str, str]]) -> list[dict]:
    """Each heatmap cell's box and title, checked against the matrix's rows (key, country, issue)."""
    boxes = page.evaluate(
        f"""() => [...document.querySelectorAll({CELLS!r})].map(p => {{
          const b = p.getBoundingClientRect();
          return {{key: p.dataset.key || '', x: b.x, y: b.y, w: b.width, h: b.height}};
        }})"""
    )
    if len(boxes) != len(expected):
        raise RuntimeError(f"heatmap has {len(boxes)} cells, the matrix {len(expected)}")
    for box, (key, country, issue) in zip(boxes, expected, strict=True):
        if box["key"] != key:
            raise RuntimeError(f"cell {box['key'][:80]!r} is not {country} / {issue}")
        box["title"] = f"{country} · {issue}"
    return boxes


def click_to_evidence_ms(
    browser: Browser, url: str, expected: list[tuple[str, str, str]], count: int, errors: list[str]
):
    """Click `count` different cells; ms from each click to its evidence panel on screen."""
    context = _context(browser, errors)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(MATRIX_VISIBLE, polling="raf", timeout=90_000)
        cells = _cells(page, expected)
        step = next(s for s in range(len(cells) // 3 + 1, len(cells) + 1) if gcd(s, len(cells)) == 1)
        times = []
        for k in range(min(count, len(cells))):
            cell = cells[(k * step) % len(cells)]  # spread over the grid, never the same cell twice
            page.wait_for_function(IDLE, timeout=60_000)
            time.sleep(0.3)  # let the previous rerun's last frames settle, so clicks do not overlap
            x, y = cell["x"] + min(10, cell["w"] / 4), cell["y"] + min(10, cell["h"] / 4)  # inside the button
            start = time.perf_counter()
            page.mouse.click(x, y)
            page.wait_for_function(PANEL_SHOWS, arg=cell["title"], polling="raf", timeout=60_000)
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        context.close()


def step_to_redrawn_ms(browser: Browser, url: str, dates: list, count: int, errors: list[str]) -> list[float]:
    """Open the matrix at dates[0] and press "Next change" `count` times; ms from each click to the
    heatmap redrawn for the next date of change (its caption names it)."""
    context = _context(browser, errors)
    try:
        page = context.new_page()
        page.goto(f"{url}?as_of={dates[0].isoformat()}")
        page.wait_for_function(HEATMAP_SHOWS, arg=dates[0].isoformat(), polling="raf", timeout=90_000)
        times = []
        for day in dates[1 : count + 1]:
            page.wait_for_function(IDLE, timeout=60_000)
            time.sleep(0.3)  # as for clicks: the previous step's last frames settle first
            box = page.get_by_role("button", name=NEXT_CHANGE).bounding_box()  # the visible one
            start = time.perf_counter()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.wait_for_function(HEATMAP_SHOWS, arg=day.isoformat(), polling="raf", timeout=60_000)
            times.append((time.perf_counter() - start) * 1000)
        return times
    finally:
        context.close()


def peak_rss_with_sessions(browser: Browser, server, url: str, sessions: int, errors: list[str]) -> tuple[int, int]:
    """(RSS before, peak RSS) of the server while `sessions` tabs load the matrix and open a cell."""
    peak = before = server.rss()
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, server.rss())
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    contexts = []
    try:
        for _ in range(sessions):  # one tab after another, all kept open: five live sessions at the end
            contexts.append(_context(browser, errors))
            page = contexts[-1].new_page()
            page.goto(url, wait_until="commit")
            page.wait_for_function(MATRIX_VISIBLE, polling=100, timeout=90_000)
            _open_first_cell(page)
        time.sleep(3)  # the open tabs' data-file watchers rerun every 2 s: hold them open through one
    finally:
        stop.set()
        sampler.join()
        for context in contexts:
            context.close()
    return before, peak


def _open_first_cell(page, attempts: int = 3) -> None:
    """Click the first heatmap cell once the page is idle; a click that lands while the chart is
    being redrawn can be lost, so it is repeated (this figure is about memory, not timing)."""
    for attempt in range(attempts):
        page.wait_for_function(IDLE, timeout=60_000)
        box = page.locator(CELLS).first.bounding_box()
        page.mouse.click(box["x"] + 10, box["y"] + 10)
        try:
            page.wait_for_selector(PANEL, timeout=20_000)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
