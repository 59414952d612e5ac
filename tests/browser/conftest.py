"""Real-browser fixtures: Debian's Chromium, driven by Playwright, against `streamlit run` on 127.0.0.1.

`playwright install` is never used: the browser is /usr/bin/chromium. In CI (CI=true) a missing
browser fails the run; on a developer machine it skips with the reason.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from harness.chromium import ARGS as CHROMIUM_ARGS
from harness.chromium import CHROMIUM as CHROMIUM_PATH
from harness.server import ServerError, StreamlitServer, free_port

if TYPE_CHECKING:
    from playwright.sync_api import Page

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SERVER_LOGS = ARTIFACTS / "server-logs"
CHROMIUM = Path(CHROMIUM_PATH)  # path and flags shared with the benchmark (harness/chromium.py): the same browser
VIEWPORT = {"width": 1440, "height": 900}
SERVER_START_SECONDS = 60
APP_TIMEOUT_MS = 30_000  # one cold script run on 2 busy cores stays well under this
MAX_SCREENSHOT_HEIGHT = 12_000

# Streamlit finished running: connected, script not running, no stale element left from the
# previous run, no skeleton of a component still loading, something in the main block, every
# visible chart and custom component (the heatmap) drawn, and all of that for SETTLE_MS in a row (a run can follow a run, e.g. the
# data-file watcher fragment every 2 s).
SETTLE_MS = 300
APP_SETTLED_JS = """(settleMs) => {
  const visible = el => el.getClientRects().length > 0;
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const settled = !!app && !!main
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]')
    && !document.querySelector('[data-stale="true"]')
    && ![...document.querySelectorAll('[data-testid="stSkeleton"]')].some(visible)
    && !!main.querySelector('[data-testid="stElementContainer"]')
    && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(visible)
         .every(chart => chart.querySelector('svg, canvas'))
    && [...document.querySelectorAll('[data-testid="stBidiComponentRegular"]')].filter(visible)
         .every(component => component.querySelector(':scope > :not(style, link)'));
  if (!settled) { window.__atlasSettledSince = null; return false; }
  window.__atlasSettledSince = window.__atlasSettledSince || performance.now();
  return performance.now() - window.__atlasSettledSince >= settleMs;
}"""
# Opened at /<page>, Streamlit's client first tries /<page> as the server's base path
# (its `_stcore/health` and `_stcore/host-config` 404), then falls back to /: expected noise.
_BASE_URL_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")
TWO_FRAMES_JS = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def default_data_file() -> Path:
    """The curated data when the repo has it, else the small valid fixture."""
    real = REPO_ROOT / "stances.yaml"
    return real if real.is_file() else REPO_ROOT / "tests" / "fixtures" / "valid_minimal.yaml"


def sources_folder() -> Path:
    chosen = os.environ.get("STANCES_SOURCES")
    return Path(chosen).resolve() if chosen else (REPO_ROOT.parent / "shared" / "sources").resolve()


@pytest.fixture(scope="session")
def data_file() -> Path:
    """The data file `serve_app()` uses by default: tests read their expectations from it."""
    return default_data_file()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the whole session; each test opens its own context."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    for stale in SCREENSHOTS.glob("FAILED-*.png"):  # from an earlier run: only this run's failures count
        stale.unlink()
    expect.set_options(timeout=APP_TIMEOUT_MS)
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


class AppServers:
    """`serve_app(data_file=None, env=None)` -> base URL of a running app (harness/server.py starts it).

    One server per (data file, env) for the whole session: starting Streamlit costs seconds,
    and each browser context gets its own Streamlit session anyway. `serve_app.server(url)` is
    the server behind a URL, for what only the server knows (its CPU time, its memory).
    """

    def __init__(self) -> None:
        self._servers: dict[tuple, StreamlitServer] = {}

    def __call__(self, data_file: Path | str | None = None, env: dict[str, str] | None = None) -> str:
        chosen = Path(data_file).resolve() if data_file else default_data_file()
        key = (str(chosen), tuple(sorted((env or {}).items())))
        if key not in self._servers:
            server_env = {"STANCES_FILE": str(chosen), "STANCES_SOURCES": str(sources_folder()), **(env or {})}
            port = free_port()
            log = SERVER_LOGS / f"streamlit-{port}.log"
            server = StreamlitServer(
                REPO_ROOT / "app.py", log, server_env, start_timeout=SERVER_START_SECONDS, port=port
            )
            try:
                server.start()
            except ServerError as err:
                pytest.fail(str(err))
            self._servers[key] = server
        return self._servers[key].url

    def server(self, url: str) -> StreamlitServer:
        return next(server for server in self._servers.values() if server.url == url)

    def stop_all(self) -> None:
        for server in self._servers.values():
            server.stop()


@pytest.fixture(scope="session")
def serve_app() -> Iterator[AppServers]:
    """Factory: `serve_app(data_file=None, env=None)` -> base URL of a running app (see AppServers)."""
    servers = AppServers()
    yield servers
    servers.stop_all()


class BrowserLog:
    """Console errors, uncaught page errors and failed requests of every page a test opens."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self._reported = 0

    def watch(self, page) -> None:
        page.on("console", lambda msg: self._console(msg))
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: self._failed(request))

    def _console(self, msg) -> None:
        url = msg.location.get("url", "")
        if msg.type == "error" and not _BASE_URL_PROBE.match(urlsplit(url).path):
            self.problems.append(f"console error: {msg.text} ({url})")

    def _failed(self, request) -> None:
        # ERR_ABORTED is the browser cancelling a request itself (a navigation, a download),
        # not the app failing to serve it.
        if request.failure != "net::ERR_ABORTED":
            self.problems.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def assert_clean(self) -> None:
        """Fail the test if anything went wrong in the browser since the last check."""
        new = self.problems[self._reported :]
        self._reported = len(self.problems)
        assert not new, "browser reported problems:\n" + "\n".join(new)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so `open_page` knows to screenshot a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def open_page(chromium, browser_log, request):
    """Factory: a page in a NEW browser context (fresh cookies, storage and Streamlit session)."""
    contexts = []
    pages = []

    def open_() -> Page:
        context = chromium.new_context(viewport=dict(VIEWPORT), accept_downloads=True)
        context.set_default_timeout(APP_TIMEOUT_MS)
        # Tests talk to 127.0.0.1 only: anything else is blocked and reported.
        context.route(lambda url: urlsplit(url).hostname not in ("127.0.0.1", None), _block_external(browser_log))
        contexts.append(context)
        page = context.new_page()
        browser_log.watch(page)
        pages.append(page)
        return page

    yield open_
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        for index, page in enumerate(pages):
            with contextlib.suppress(Exception):
                _save(page, SCREENSHOTS / f"FAILED-{request.node.name}-{index}.png", full_page=False)
    for context in contexts:
        context.close()
    browser_log.assert_clean()


def _block_external(log: BrowserLog):
    def handle(route) -> None:
        log.problems.append(f"blocked request to a host other than 127.0.0.1: {route.request.url}")
        route.abort()

    return handle


@pytest.fixture
def page(open_page):
    """A 1440x900 page whose console errors and failed requests fail the test."""
    return open_page()


def _wait_for_app(page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    page.evaluate("() => { window.__atlasSettledSince = null; }")
    page.wait_for_function(APP_SETTLED_JS, arg=SETTLE_MS, timeout=timeout_ms, polling=100)
    page.evaluate(TWO_FRAMES_JS)


# What pandas prints for a missing value: the UI must say "unknown", "undated" or nothing instead.
RAW_MISSING = re.compile(r"\b(nan|NaN|NaT|<NA>)\b")


@pytest.fixture(scope="session")
def assert_no_raw_missing() -> Callable[[str, str], None]:
    """`assert_no_raw_missing(text, where)`: no 'nan' or 'NaT' leaked from a table into the page."""

    def check(text: str, where: str) -> None:
        leaks = sorted({m.group(0) for m in RAW_MISSING.finditer(text)})
        if leaks:
            at = RAW_MISSING.search(text).start()
            pytest.fail(f"{where} shows {leaks} for missing values: ...{text[max(0, at - 120) : at + 60]!r}...")

    return check


@pytest.fixture(scope="session")
def wait_for_app() -> Callable[..., None]:
    """`wait_for_app(page)`: block (bounded) until Streamlit finished its run and drew the page."""
    return _wait_for_app


def _save(page, path: Path, full_page: bool = True) -> Path:
    """Screenshot; `full_page` grows the viewport to the main area's height, since Streamlit
    scrolls inside its own container and a plain full-page shot would stop at the fold."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    # Park the pointer in the main area's empty corner: no tooltip or toolbar left from a click.
    page.mouse.move(size["width"] - 2, size["height"] - 2)
    if not full_page:
        page.screenshot(path=str(path))
        return path
    height = page.evaluate(
        "() => Math.max(...['stMain', 'stSidebarContent'].map(id =>"
        ' document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))'
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), MAX_SCREENSHOT_HEIGHT)})
    try:
        _wait_for_app(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


@pytest.fixture(scope="session")
def screenshot() -> Callable[..., Path]:
    """`screenshot(page, name)` -> test-artifacts/screenshots/<name>.png (whole page)."""

    def take(page, name: str, full_page: bool = True) -> Path:
        return _save(page, SCREENSHOTS / f"{name}.png", full_page=full_page)

    return take
