"""Hostile text in every free-text field of a valid data file: every page shows it as text, runs none of it.

The data file is hand-edited and projected to rooms: a name or quote that holds HTML, a script,
a javascript: link, Markdown or LaTeX must reach the screen as those literal characters.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from conftest import dump, load_data, valid_data
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
    data = valid_data()
    data["title"] = f"Atlas {BROKEN_BLOCK}"
    data["description"] = ALL
    for level in data["scale"]:
        level["label"] = f"{level['label']} {ALL}"
    data["countries"].append(
        {"id": "XL", "name": "Testland", "governments": [{"leader": "Ada Test", "from": dt.date(2019, 3, 1)}]}
    )
    for country in data["countries"]:
        country["name"] = f"{country['name']} {ALL}"
        for government in country["governments"]:
            # The quiz leaves out quotes naming a leader; KR's leaders share no word with KR's quotes.
            government["leader"] = f"{government['leader']} {BAIT if country['id'] == 'KR' else ALL}"
    data["issues"].append(
        {"id": "cost", "name": "Cost-sharing", "question": "Does it pay?", "levels": {2: "Pays", -2: "Refuses"}}
    )
    for issue in data["issues"]:
        issue["name"] = f"{issue['name']} {ALL}"
        issue["question"] = f"{issue['question']} {ALL}"
        issue["levels"] = {value: f"{text} {ALL}" for value, text in issue["levels"].items()}
    for source in data["sources"]:
        for field in ("title", "publisher", "author", "kind", "date_note"):
            source[field] = f"{source.get(field, field)} {ALL}"
        source["url"] += HOSTILE_QUERY
    data["positions"].append(
        {"country": "JP", "issue": "cost", "as_of": dt.date(2019, 1, 10), "stance": None, "summary": ALL}
    )
    for position in data["positions"]:
        position["summary"] = f"{position['summary']} {BROKEN_BLOCK}"
        for item in position.get("evidence", []):
            item["quote"] = f"said {ALL if position['country'] != 'KR' else ' '.join(CODE)} today"
            item["note"] = f"Note {BROKEN_BLOCK}"
    return data


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "stances.yaml"
    path.write_bytes(dump(hostile_data()))
    return path


@pytest.fixture(scope="module")
def hostile() -> Dataset:
    assert HOSTILE.ok, [str(p) for p in HOSTILE.problems]
    assert quiz_items(HOSTILE.dataset), "the quiz needs at least one quote to ask"
    return HOSTILE.dataset


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


def _routes(ds: Dataset) -> list[tuple[str, str, bool]]:
    """(test id, path and query, whether the payloads show as visible text there)."""
    jp, kr, xl = (_name(ds.countries, c) for c in ("JP", "KR", "XL"))
    quad, cost = _name(ds.issues, "quad"), _name(ds.issues, "cost")
    labels = list(source_labels(SimpleNamespace(dataset=ds)).values())
    q = urlencode
    return [
        ("matrix", "/", True),
        ("matrix-cell", "/?" + q({"cell": f"{jp} · {quad}"}), True),
        ("matrix-present-cell", "/?" + q({"present": "true", "cell": f"{kr} · {quad}"}), True),
        ("matrix-empty-cell", "/?" + q({"cell": f"{xl} · {cost}"}), True),
        ("compare", "/compare", True),
        ("compare-present", "/compare?" + q({"present": "true", "countries": [jp, xl]}, doseq=True), True),
        ("issue", "/issue", True),
        ("issue-uncoded-present", "/issue?" + q({"issue": cost, "present": "true"}), True),
        ("country", "/country", True),
        ("country-uncoded", "/country?" + q({"country": xl}), True),
        ("sources", "/sources", False),  # a canvas table: its cells are pixels, checked below by the detail view
        ("sources-detail", "/sources?" + q({"source": labels[0]}), True),
        ("sources-search-present", "/sources?" + q({"present": "true", "find": "img", "source": labels[1]}), True),
        ("methodology", "/methodology", True),
        ("methodology-cite", "/methodology?" + q({"section": "How to cite"}), True),
        ("methodology-limits", "/methodology?" + q({"section": "Limitations"}), True),
        ("methodology-downloads", "/methodology?" + q({"section": "Downloads"}), False),  # names no data text
        ("quiz", "/quiz", True),
        ("quiz-present", "/quiz?present=true", True),
    ]


HOSTILE = load_data(hostile_data())
ROUTES = _routes(HOSTILE.dataset) if HOSTILE.ok else []  # when invalid, the `hostile` fixture says why


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


@pytest.mark.parametrize(("route_id", "path", "shows_text"), ROUTES, ids=[route[0] for route in ROUTES])
def test_every_page_shows_hostile_text_as_text(
    route_id,
    path,
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
    page.goto(serve_app(hostile_file) + path)
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
