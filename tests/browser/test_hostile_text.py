"""Hostile text in every free-text field of a valid data file: every page shows it as text, runs none of it.

The data file is hand-edited and projected to rooms: a name or quote that holds HTML, a script,
a javascript: link, Markdown or LaTeX must reach the screen as those literal characters.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from builders import COST_SHARING, TESTLAND, Variant, loaded, with_text_after_names
from playwright.sync_api import expect

from browser.locators import CELL, HEATMAP
from components.app.pages.sources import source_labels
from components.data.schema import Dataset
from components.tables.quiz import quiz_items

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
MD_LINK = "[click](javascript:window.__xss=3)"
A_TAG = '<a href="javascript:window.__xss=4">x</a>'
BAIT = "**bold** $x$ :red[red]"  # Markdown, LaTeX and a Streamlit colour directive
CODE = (IMG, SCRIPT, MD_LINK, A_TAG)
PAYLOADS = (*CODE, BAIT)
ALL = " ".join(PAYLOADS)
# A blank line ends an HTML block in Markdown: the text after it must not become Markdown either.
BROKEN_BLOCK = f"\n\n{ALL}"
# Passes the file's http(s) rule, yet carries quotes and angle brackets into any href built from it.
HOSTILE_QUERY = '?q="onmouseover="window.__xss=6"&r=<img>'

# The bundle's own favicon (an inline SVG of the page icon) is the one data: URL a page may hold.
OWN_DATA_URL = 'link[rel~="icon"][href^="data:image/svg+xml"]'

FINDINGS_JS = """(ownDataUrl) => {
  const found = {xss: typeof window.__xss === 'undefined' ? [] : [String(window.__xss)],
                 img_x: [], on_attributes: [], javascript_urls: [], data_urls: [], scripts: [], rendered_markup: []};
  const describe = (el, attr) => `${el.tagName.toLowerCase()}[${attr.name}=${attr.value.slice(0, 80)}]`;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      // Browsers ignore ASCII whitespace and control characters in a URL's scheme: so does this check.
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.on_attributes.push(describe(el, attr));
      if (value.startsWith('javascript:') || value.startsWith('vbscript:')) found.javascript_urls.push(describe(el, attr));
      if (value.startsWith('data:') && !el.matches(ownDataUrl)) found.data_urls.push(describe(el, attr));
    }
  }
  for (const img of document.querySelectorAll('img')) {
    if (img.getAttribute('src') === 'x' || img.src.endsWith('/x')) found.img_x.push(img.outerHTML.slice(0, 120));
  }
  const app = document.querySelector('[data-testid="stApp"]');
  for (const script of document.querySelectorAll('script')) {
    if (script.textContent.includes('__xss') || (app && app.contains(script))) found.scripts.push(script.outerHTML.slice(0, 120));
  }
  // Markup that only Markdown, LaTeX or a colour directive in the data could have produced.
  const exact = (selector, text) => [...document.querySelectorAll(selector)].filter(el => el.textContent.trim() === text);
  found.rendered_markup = [
    ...exact('strong, b', 'bold'), ...exact('span', 'red'), ...exact('a', 'click'), ...exact('a', 'x'),
    ...document.querySelectorAll('.katex, .katex-display, math'),
  ].map(el => el.outerHTML.slice(0, 120));
  return {...found, script_count: document.querySelectorAll('script').length};
}"""


def hostile_data() -> dict:
    """The valid fixture with a payload in every free-text field, plus a country and an issue with no coded stance."""
    data = (
        Variant()
        .country("XL", TESTLAND, "Ada Test", dt.date(2019, 3, 1))
        .issue(COST_SHARING)
        .position("JP", "cost_sharing", dt.date(2019, 1, 10), summary=ALL)
        .data
    )
    data = with_text_after_names(data, ALL)
    data["title"] = f"Atlas {BROKEN_BLOCK}"
    data["description"] = ALL
    for country in data["countries"]:
        for government in country["governments"]:
            # The quiz leaves out quotes naming a leader; KR's leaders share no word with KR's quotes.
            government["leader"] = f"{government['leader']} {BAIT if country['id'] == 'KR' else ALL}"
    for source in data["sources"]:
        for field in ("title", "publisher", "author", "kind", "date_note"):
            source[field] = f"{source.get(field, field)} {ALL}"
        source["url"] += HOSTILE_QUERY
    for position in data["positions"]:
        position["summary"] = f"{position['summary']} {BROKEN_BLOCK}"
        for item in position.get("evidence", []):
            item["quote"] = f"said {ALL if position['country'] != 'KR' else ' '.join(CODE)} today"
            item["note"] = f"Note {BROKEN_BLOCK}"
    return data


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    return Variant(hostile_data()).write(tmp_path_factory.mktemp("hostile"), "stances.yaml")


@pytest.fixture(scope="module")
def hostile() -> Dataset:
    """The hostile data's dataset: every test that uses it fails, naming the problems, if the data is invalid."""
    dataset = loaded(hostile_data())
    assert quiz_items(dataset), "the quiz needs at least one quote to ask"
    return dataset


@pytest.fixture(scope="module")
def clean_script_count(serve_app, chromium, wait_for_app) -> int:
    """How many script elements the app's page holds with harmless data: the hostile pages may hold no more."""
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(serve_app() + "/")
        wait_for_app(page)
        return page.evaluate("() => document.querySelectorAll('script').length")
    finally:
        context.close()


def _name(items, id_: str) -> str:
    return next(item.name for item in items if item.id == id_)


def _names(ds: Dataset) -> SimpleNamespace:
    """The hostile names a route's address is built from (they hold the payloads)."""
    return SimpleNamespace(
        jp=_name(ds.countries, "JP"),
        kr=_name(ds.countries, "KR"),
        xl=_name(ds.countries, "XL"),
        quad=_name(ds.issues, "quad"),
        cost=_name(ds.issues, "cost_sharing"),
        labels=list(source_labels(SimpleNamespace(dataset=ds)).values()),
    )


q = urlencode
# (test id, its path and query from the hostile names, whether the payloads show as visible text there).
# The list is fixed, not built from the data: if the hostile file became invalid, every route
# would fail on the `hostile` fixture, never vanish from the run.
ROUTES: list[tuple[str, Callable[[SimpleNamespace], str], bool]] = [
    ("matrix", lambda n: "/", True),
    ("matrix-cell", lambda n: "/?" + q({"cell": f"{n.jp} · {n.quad}"}), True),
    ("matrix-present-cell", lambda n: "/?" + q({"present": "true", "cell": f"{n.kr} · {n.quad}"}), True),
    ("matrix-empty-cell", lambda n: "/?" + q({"cell": f"{n.xl} · {n.cost}"}), True),
    ("compare", lambda n: "/compare", True),
    ("compare-present", lambda n: "/compare?" + q({"present": "true", "countries": [n.jp, n.xl]}, doseq=True), True),
    ("issue", lambda n: "/issue", True),
    ("issue-uncoded-present", lambda n: "/issue?" + q({"issue": n.cost, "present": "true"}), True),
    ("country", lambda n: "/country", True),
    ("country-uncoded", lambda n: "/country?" + q({"country": n.xl}), True),
    ("sources", lambda n: "/sources", False),  # a canvas table: its cells are pixels, checked below by the detail view
    ("sources-detail", lambda n: "/sources?" + q({"source": n.labels[0]}), True),
    (
        "sources-search-present",
        lambda n: "/sources?" + q({"present": "true", "find": "img", "source": n.labels[1]}),
        True,
    ),
    ("methodology", lambda n: "/methodology", True),
    ("methodology-cite", lambda n: "/methodology?" + q({"section": "How to cite"}), True),
    ("methodology-limits", lambda n: "/methodology?" + q({"section": "Limitations"}), True),
    ("methodology-downloads", lambda n: "/methodology?" + q({"section": "Downloads"}), False),  # names no data text
    ("quiz", lambda n: "/quiz", True),
    ("quiz-present", lambda n: "/quiz?present=true", True),
]


def assert_inert(page, clean_scripts: int, where: str) -> None:
    """Nothing from the data ran or became markup, and the page shows no exception."""
    found = page.evaluate(FINDINGS_JS, OWN_DATA_URL)
    scripts = found.pop("script_count")
    leaks = {kind: items for kind, items in found.items() if items}
    assert not leaks, f"{where}: hostile text became live markup: {leaks}"
    assert scripts <= clean_scripts, f"{where}: {scripts} script elements, a clean page has {clean_scripts}"
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{where}: {exceptions.first.inner_text()[:1000]}"


def assert_shown_as_text(page, where: str, payloads=PAYLOADS) -> None:
    text = page.locator('[data-testid="stMain"]').inner_text()
    missing = [p for p in payloads if p not in text]
    assert not missing, f"{where} does not show these as text: {missing}"


@pytest.mark.parametrize(("route_id", "address", "shows_text"), ROUTES, ids=[route[0] for route in ROUTES])
def test_every_page_shows_hostile_text_as_text(
    route_id,
    address,
    shows_text,
    serve_app,
    hostile_file,
    hostile,
    page,
    wait_for_app,
    browser_log,
    clean_script_count,
    screenshot,
):
    page.goto(serve_app(hostile_file) + address(_names(hostile)))
    wait_for_app(page)
    expect(page.locator('[data-testid="stMainBlockContainer"] h1').first).to_be_visible()
    assert page.get_by_text("The data file has problems").count() == 0, "the hostile file is valid"
    assert_inert(page, clean_script_count, route_id)
    if shows_text:
        assert_shown_as_text(page, route_id)
    if "present" in route_id:
        footer = page.locator('[data-testid="atlas-footer"]')
        expect(footer).to_be_visible()
        assert IMG in footer.inner_text() and BAIT in footer.inner_text(), footer.inner_text()
    if route_id.startswith("methodology") or route_id.startswith("sources"):
        screenshot(page, f"hostile-{route_id}")
    browser_log.assert_clean()


def test_links_built_from_hostile_urls_stay_http(serve_app, hostile_file, hostile, page, wait_for_app, browser_log):
    """The quote and source links keep the hostile query inside an http(s) href: no new attribute appears."""
    jp, quad = _name(hostile.countries, "JP"), _name(hostile.issues, "quad")
    page.goto(serve_app(hostile_file) + "/?" + urlencode({"cell": f"{jp} · {quad}"}))
    wait_for_app(page)
    links = page.locator('.st-key-evidence_panel a:not([href^="#"])')  # a heading's own anchor stays on the page
    expect(links).to_have_count(1)  # the one quote of the cell's position, opened at the quote
    href = links.get_attribute("href")
    assert href.startswith("http://english.hani.co.kr/") and "#:~:text=" in href, href
    assert set(links.evaluate("a => a.getAttributeNames()")) <= {"href", "target", "rel", "class"}, links.evaluate(
        "a => a.outerHTML"
    )
    browser_log.assert_clean()


def test_heatmap_shows_names_as_text(
    serve_app, hostile_file, hostile, page, wait_for_app, browser_log, clean_script_count
):
    """Hostile names in the heatmap's headers, cells and tooltips (title attributes): text, never markup."""
    page.goto(serve_app(hostile_file) + "/")
    wait_for_app(page)
    heatmap = page.locator(HEATMAP)
    expect(heatmap.locator("thead th").first).to_contain_text(IMG)
    cell = heatmap.locator(CELL).first
    expect(cell).to_have_attribute("title", re.compile(re.escape(IMG)))
    cell.hover()
    assert heatmap.locator("img, script, a, strong, iframe").count() == 0, heatmap.inner_html()[:1000]
    assert_inert(page, clean_script_count, "matrix heatmap")
    browser_log.assert_clean()


def test_quiz_answer_reveals_hostile_citation_as_text(
    serve_app, hostile_file, hostile, page, wait_for_app, browser_log, clean_script_count, screenshot
):
    page.goto(serve_app(hostile_file) + "/quiz")
    wait_for_app(page)
    asked = page.locator(".st-key-quiz_quote h3").inner_text()
    item = next(i for i in quiz_items(hostile) if i.quote in asked)
    page.locator(f".st-key-quiz_answer_{item.country} button").click()
    reveal = page.locator(".st-key-quiz_reveal")
    expect(reveal).to_be_visible()
    wait_for_app(page)
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(
        _name(hostile.countries, item.country)
    )
    assert_inert(page, clean_script_count, "quiz reveal")
    assert_shown_as_text(page, "quiz reveal")
    for payload in PAYLOADS:  # the source's title and publisher, and the position's summary
        assert payload in reveal.inner_text(), f"the reveal does not show {payload!r} as text"
    screenshot(page, "hostile-quiz-reveal")
    browser_log.assert_clean()


def test_the_checks_catch_live_markup(serve_app, hostile_file, page, wait_for_app, clean_script_count):
    """The same payloads, made live on purpose, fail the checks above: they are not vacuous."""
    page.goto(serve_app(hostile_file) + "/")
    wait_for_app(page)
    assert_inert(page, clean_script_count, "before injecting")
    page.evaluate(
        """(html) => { const box = document.createElement('div');
           document.querySelector('[data-testid="stMain"]').appendChild(box); box.innerHTML = html; }""",
        ALL,
    )
    page.wait_for_function("() => window.__xss === 1", timeout=5_000)
    with pytest.raises(AssertionError) as failure:
        assert_inert(page, clean_script_count, "after injecting")
    for kind in ("xss", "img_x", "on_attributes", "javascript_urls", "scripts"):
        assert f"'{kind}'" in str(failure.value), f"{kind} went unnoticed: {failure.value}"
