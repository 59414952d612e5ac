"""An axe-core audit (axe-playwright-python, Debian Chromium) of every page, of presentation mode and
of the static atlas: no critical or serious violation.

A failure prints every violation: its rule, impact, what it asks for, and the first elements that
break it, so the fix can start from the message. Moderate and minor findings (for example Streamlit's
own heading levels) are printed as notes, not failures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from components.app.pages import PAGES
from components.data.loader import load_dataset
from components.render.site import build_site
from components.tables.matrix import matrix_table

pytestmark = pytest.mark.browser

BLOCKING = ("critical", "serious")
AXE = Axe()  # bundles axe-core: nothing is fetched
PAGE_PATHS = [("/" if i == 0 else f"/{path}") for i, (_, _, _, path) in enumerate(PAGES)]
PAGE_IDS = [path for _, _, _, path in PAGES]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)] {v.get('helpUrl', '')}")
        for node in v["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def audit(page, where: str, options: dict | None = None) -> list[dict]:
    """Run axe on the page as it is; fail on critical or serious violations, listing every rule."""
    violations = AXE.run(page, options={"resultTypes": ["violations"], **(options or {})}).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    others = [v for v in violations if v["impact"] not in BLOCKING]
    if others:
        print(f"\n{where}: {len(others)} moderate or minor finding(s), not failing:\n{describe(others)}")
    assert not blocking, f"{where}: {len(blocking)} critical or serious axe violation(s):\n{describe(violations)}"
    return violations


def _open_app(page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)
    expect(page.locator('[data-testid="stMainBlockContainer"] h1').first).to_be_visible()
    assert page.evaluate("() => document.documentElement.lang") == "en", "the page names its language"


@pytest.mark.parametrize("path", PAGE_PATHS, ids=PAGE_IDS)
def test_every_page_has_no_serious_violation(path, serve_app, page, wait_for_app, browser_log):
    _open_app(page, serve_app() + path, wait_for_app)
    audit(page, path)
    browser_log.assert_clean()


@pytest.mark.parametrize("path", PAGE_PATHS, ids=PAGE_IDS)
def test_presentation_mode_has_no_serious_violation(path, serve_app, page, wait_for_app, browser_log):
    _open_app(page, serve_app() + path + "?present=1", wait_for_app)  # the design's form of the link
    expect(page.locator('[data-testid="atlas-footer"]')).to_be_visible()
    assert parse_qs(urlsplit(page.url).query).get("present") == ["true"], page.url
    audit(page, f"{path} presenting")
    browser_log.assert_clean()


def test_the_matrix_with_a_cell_open_has_no_serious_violation(serve_app, data_file, page, wait_for_app, browser_log):
    """The evidence panel: quote cards, the stance history chart (with its text alternative), links."""
    result = load_dataset(data_file)
    assert result.ok
    matrix = matrix_table(result.dataset, dt.date.today())
    row = next(r for r in matrix.itertuples() if r.evidence > 0)
    _open_app(page, serve_app() + "/?" + urlencode({"cell": f"{row.country} · {row.issue}"}), wait_for_app)
    expect(page.locator(".st-key-evidence_panel")).to_be_visible()
    audit(page, "matrix with a cell open")
    browser_log.assert_clean()


@pytest.fixture(scope="module")
def atlas(data_file, tmp_path_factory) -> Path:
    result = load_dataset(data_file)
    assert result.ok, [str(p) for p in result.problems]
    return build_site(result, tmp_path_factory.mktemp("atlas")).folder / "index.html"


@pytest.mark.parametrize(
    "state", ["opened", "cell open", "earliest date", "narrow screen"], ids=lambda s: s.replace(" ", "-")
)
def test_the_static_atlas_has_no_serious_violation(state, atlas, open_page, browser_log):
    page = open_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    if state == "narrow screen":
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(atlas.as_uri())
    page.wait_for_selector("html[data-atlas-ready='true']")
    if state == "cell open":
        page.locator("#matrix-table button.cell").first.click()
        expect(page.locator("#evidence-body figure.quote").first).to_be_visible()
    if state == "earliest date":
        page.locator("#change-slider").focus()
        page.keyboard.press("Home")
    # preload off: axe would re-read atlas.css with a request the page's own CSP (connect-src 'none') refuses
    violations = audit(page, f"static atlas, {state}", {"preload": False})
    assert not violations, f"the static atlas has no finding at any level:\n{describe(violations)}"
    browser_log.assert_clean()
