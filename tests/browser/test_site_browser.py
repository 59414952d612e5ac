"""The static atlas in a real browser, opened from file:// with every other request blocked.

`python -m components site OUT_DIR` writes a page that needs no server: these tests open it as
a reader would from a USB stick, and check that it shows the matrix, that a click, Enter or
Space on a cell shows the cell's quotes, that the date control redraws the cells exactly as the
Python tables compute them, and that hostile text in the data stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from builders import load_data, valid_data
from playwright.sync_api import expect

from components.data.loader import LoadResult, load_dataset
from components.data.verify import verify_quotes
from components.render.charts import FALLBACK_PALETTE, matrix_cells
from components.render.site import build_site
from components.render.site.builder import data_js as write_data_js
from components.render.site.builder import read_data_js
from components.tables.evidence import evidence_table
from components.tables.matrix import matrix_table

pytestmark = pytest.mark.browser

READY = "html[data-atlas-ready='true']"
CELL = "#matrix-table button.cell"
HEADING = "#evidence-heading"
QUOTE = "#evidence-body figure.quote"

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = "<script>window.__xss=2</script>"
MD_LINK = "[click](javascript:window.__xss=3)"
A_TAG = '<a href="javascript:window.__xss=4">x</a>'
PAYLOADS = (IMG, SCRIPT, MD_LINK, A_TAG)
ALL = " ".join(PAYLOADS)
HOSTILE_LINKS = (
    "javascript:window.__xss=5",
    " JaVaScRiPt:window.__xss=6",
    "data:text/html,<script>window.__xss=7</script>",
    "vbscript:msgbox(1)",
    "//example.org/scheme-relative",
    "index.html#relative",
)

# Everything a page could have made live out of the data: set by a script, an event attribute, a link.
FINDINGS_JS = """() => {
  const found = {xss: typeof window.__xss === 'undefined' ? [] : [String(window.__xss)],
                 images: [...document.images].map(img => img.outerHTML.slice(0, 120)),
                 on_attributes: [], bad_links: [], scripts: []};
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.on_attributes.push(`${el.tagName}[${attr.name}]`);
      if (/^(javascript|vbscript|data):/.test(value)) found.bad_links.push(`${el.tagName}[${attr.name}=${value.slice(0, 60)}]`);
    }
  }
  for (const a of document.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href');
    if (!href.startsWith('#') && !/^https?:\\/\\/[^\\s/]/.test(href)) found.bad_links.push(`a[href=${href.slice(0, 60)}]`);
  }
  const allowed = ['data.js', 'atlas.js', 'evidence.js'];
  for (const script of document.scripts) {
    const name = (script.getAttribute('src') || '').split('/').pop();
    if (!allowed.includes(name)) found.scripts.push(script.outerHTML.slice(0, 120));
  }
  return found;
}"""
CELLS_JS = """() => [...document.querySelectorAll('#matrix-table button.cell')].map(b => ({
  key: b.dataset.key,
  text: b.querySelector('.cell-stance').textContent,
  glyph: b.querySelector('.cell-confidence').textContent,
  note: b.querySelector('.cell-note').textContent,
  fill: getComputedStyle(b).backgroundColor,
  ink: getComputedStyle(b).color,
  stale: b.classList.contains('is-stale'),
  pressed: b.getAttribute('aria-pressed'),
}))"""


def _rgb(color: str) -> str:
    if color == "white":
        color = "#ffffff"
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def _build(result: LoadResult, folder: Path, checks=None) -> Path:
    assert result.ok, [str(p) for p in result.problems]
    return build_site(result, folder, checks=checks).folder / "index.html"


@pytest.fixture(scope="module")
def real(data_file) -> LoadResult:
    result = load_dataset(data_file)
    assert result.ok, [str(p) for p in result.problems]
    return result


@pytest.fixture(scope="module")
def atlas(real, tmp_path_factory) -> Path:
    from browser.conftest import sources_folder

    folder = sources_folder()
    checks = verify_quotes(real.dataset, folder) if folder.is_dir() else None
    return _build(real, tmp_path_factory.mktemp("atlas"), checks)


@pytest.fixture
def offline(open_page):
    """Factory: a page that may load file:// only; every other request is aborted and recorded."""
    attempts: list[str] = []

    def open_(index: Path, fragment: str = ""):
        page = open_page()
        page.on("request", lambda request: None if request.url.startswith("file://") else attempts.append(request.url))

        def guard(route) -> None:
            if route.request.url.startswith("file://"):
                route.continue_()
            else:
                attempts.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        page.goto(index.as_uri() + fragment)
        page.wait_for_selector(READY)
        return page

    yield open_
    assert not attempts, f"the atlas asked the network for: {attempts}"


def _expected_cells(result: LoadResult, day: dt.date) -> list[dict]:
    ds = result.dataset
    cells = matrix_cells(matrix_table(ds, day), ds, list(FALLBACK_PALETTE))
    cells = cells.sort_values(["country_order", "issue_order"])
    return [
        {
            "key": f"{row.country_id}:{row.issue_id}",
            "text": row.cell_label,
            "glyph": row.confidence_mark or "",
            "note": getattr(row, "note", "") or "",
            "fill": _rgb(row.fill),
            "ink": _rgb(row.ink),
            "stale": bool(row.stale),
        }
        for row in cells.itertuples()
    ]


def _shown_cells(page) -> list[dict]:
    return [{k: v for k, v in cell.items() if k != "pressed"} for cell in page.evaluate(CELLS_JS)]


def _set_day(page, day: dt.date) -> None:
    page.fill("#as-of", day.isoformat())
    expect(page.locator("#matrix-heading")).to_have_text(f"The matrix on {day.day} {day:%B %Y}")


def _coded_cells_with_quotes(result: LoadResult, day: dt.date) -> list[tuple[str, str, str, int]]:
    """(key, country, issue, position) of every cell in force on `day` with at least one quote."""
    matrix = matrix_table(result.dataset, day)
    return [
        (f"{row.country_id}:{row.issue_id}", row.country, row.issue, row.position)
        for row in matrix.sort_values(["country_order", "issue_order"]).itertuples()
        if row.evidence > 0
    ]


def _assert_evidence(page, result: LoadResult, cell: tuple[str, str, str, int]) -> None:
    key, country, issue, position = cell
    expect(page.locator(HEADING)).to_contain_text(f"{country} · {issue}")
    expect(page.locator(f'{CELL}[data-key="{key}"]')).to_have_attribute("aria-pressed", "true")
    quotes = evidence_table(result.dataset, position, {})
    expect(page.locator(QUOTE)).to_have_count(len(quotes))
    shown = page.locator(f"{QUOTE} blockquote").all_inner_texts()
    assert sorted(s.strip() for s in shown) == sorted(f"“{q}”" for q in quotes["quote"])
    captions = " ".join(page.locator(f"{QUOTE} figcaption").all_inner_texts())
    for row in quotes.itertuples():
        assert row.voice_text in captions
        if isinstance(row.speaker, str):
            assert row.speaker in captions
    for href in page.locator("#evidence-body a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href.startswith("#source-") or re.match(r"^https?://", href), href


def test_the_atlas_opens_from_file_with_the_network_blocked_and_shows_the_matrix(
    atlas, real, offline, browser_log, screenshot
):
    page = offline(atlas)
    ds = real.dataset
    today = dt.date.today()  # the atlas opens on the day it was built, as the app opens on today
    expect(page.locator(CELL)).to_have_count(len(ds.countries) * len(ds.issues))
    expect(page.locator("#matrix-table thead th")).to_have_text([issue.name for issue in ds.issues])
    expect(page.locator("#matrix-table tbody th")).to_have_text([country.name for country in ds.countries])
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert _shown_cells(page) == _expected_cells(real, today)
    expect(page.locator("#as-of")).to_have_value(today.isoformat())
    for button in page.locator(CELL).all():
        assert button.get_attribute("aria-label").count(";") >= 1  # words, not only colours
    expect(page.locator("#changes-body tr")).not_to_have_count(0)
    expect(page.locator("#sources-list > li")).to_have_count(len(ds.sources))
    expect(page.locator("#methodology .prose h3").first).to_be_visible()
    expect(page.locator("#citation")).to_contain_text(real.digest[:12])
    screenshot(page, "site-matrix", full_page=False)
    for section in ("changes", "sources", "methodology", "cite"):  # the page is too tall for one image
        page.locator(f"#{section}").scroll_into_view_if_needed()
        page.evaluate("id => document.getElementById(id).scrollIntoView({block: 'start'})", section)
        screenshot(page, f"site-{section}", full_page=False)
    browser_log.assert_clean()


def test_a_click_enter_and_space_on_cells_show_their_quotes(atlas, real, offline, browser_log, screenshot):
    page = offline(atlas)
    cells = _coded_cells_with_quotes(real, dt.date.today())
    assert len(cells) >= 3, "the data needs three quoted cells"
    first, second, third = cells[0], cells[1], cells[2]
    page.locator(f'{CELL}[data-key="{first[0]}"]').click()
    _assert_evidence(page, real, first)
    expect(page.locator(HEADING)).to_be_focused()  # the evidence takes the focus, for the keyboard
    screenshot(page, "site-evidence", full_page=False)

    # Keyboard: from the cell, Tab reaches the next cells; Enter and Space press them.
    page.get_by_role("button", name="▲ Back to the matrix").click()
    expect(page.locator(f'{CELL}[data-key="{first[0]}"]')).to_be_focused()
    keys = [cell["key"] for cell in page.evaluate(CELLS_JS)]
    for target, key in ((second, "Enter"), (third, " ")):
        page.locator(f'{CELL}[data-key="{keys[keys.index(target[0]) - 1]}"]').focus()
        page.keyboard.press("Tab")
        expect(page.locator(f'{CELL}[data-key="{target[0]}"]')).to_be_focused()
        page.keyboard.press("Space" if key == " " else key)
        _assert_evidence(page, real, target)
        expect(page.locator(f'{CELL}[aria-pressed="true"]')).to_have_count(1)
    browser_log.assert_clean()


def test_the_date_control_redraws_the_cells_as_the_python_tables_do(atlas, real, offline, browser_log, screenshot):
    page = offline(atlas)
    ds = real.dataset
    dates = sorted({p.as_of for p in ds.positions})
    first, last = dates[0], dates[-1]
    before = _shown_cells(page)

    # The date input: every date a stance was recorded, the day before each, and a few in between.
    days = sorted(set(dates) | {d - dt.timedelta(days=1) for d in dates[1:]} | {first + (last - first) / 2})
    for day in days:
        _set_day(page, day)
        assert _shown_cells(page) == _expected_cells(real, day), f"cells differ on {day}"
    page.fill("#as-of", (first - dt.timedelta(days=30)).isoformat())  # before the data: the control stops at its start
    expect(page.locator("#as-of")).to_have_value(first.isoformat())
    _set_day(page, dates[len(dates) // 3])
    assert _shown_cells(page) != before, "an earlier date shows other cells"
    screenshot(page, "site-earlier-date", full_page=False)

    # The slider over the change dates, and its buttons.
    slider = page.locator("#change-slider")
    slider.focus()
    page.keyboard.press("Home")
    expect(page.locator("#as-of")).to_have_value(first.isoformat())
    assert _shown_cells(page) == _expected_cells(real, first)
    expect(page.locator("#previous-change")).to_be_disabled()
    page.locator("#next-change").click()
    expect(page.locator("#as-of")).to_have_value(dates[1].isoformat())
    slider.focus()
    page.keyboard.press("End")
    expect(page.locator("#as-of")).to_have_value(last.isoformat())
    assert _shown_cells(page) == _expected_cells(real, last)
    browser_log.assert_clean()


def test_a_link_with_a_date_and_a_cell_reopens_that_view(atlas, real, offline, browser_log):
    dates = sorted({p.as_of for p in real.dataset.positions})
    day = dates[len(dates) // 2]
    cell = _coded_cells_with_quotes(real, day)[0]
    page = offline(atlas, f"#as_of={day.isoformat()}&cell={cell[0]}")
    expect(page.locator("#as-of")).to_have_value(day.isoformat())
    _assert_evidence(page, real, cell)
    assert _shown_cells(page) == _expected_cells(real, day)
    page.locator(f'{CELL}[data-key="{cell[0]}"]').click()  # pressed again: the cell closes
    expect(page.locator(HEADING)).to_have_text("Evidence")
    expect(page.locator(f'{CELL}[aria-pressed="true"]')).to_have_count(0)
    browser_log.assert_clean()


# ---- hostile text


def hostile_data() -> dict:
    """The valid fixture with a payload in every free-text field the atlas shows."""
    data = valid_data()
    data["title"] = f"Atlas {ALL}"
    data["description"] = ALL
    for level in data["scale"]:
        level["label"] = f"{level['label']} {ALL}"
    for country in data["countries"]:
        country["name"] = f"{country['name']} {ALL}"
        for government in country["governments"]:
            government["leader"] = f"{government['leader']} {ALL}"
    for issue in data["issues"]:
        issue["name"] = f"{issue['name']} {ALL}"
        issue["question"] = f"{issue['question']} {ALL}"
        issue["levels"] = {value: f"{text} {ALL}" for value, text in issue["levels"].items()}
    for source in data["sources"]:
        for field in ("title", "publisher", "author", "kind"):
            source[field] = f"{source.get(field) or field} {ALL}"
        source["url"] += '?q="onmouseover="window.__xss=8"&r=<img>'
    for position in data["positions"]:
        position["summary"] = f"{position['summary']} {ALL}"
        for item in position.get("evidence", []):
            item["speaker"] = f"Minister {ALL}"
            item["note"] = f"Note {ALL}"
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[LoadResult, Path]:
    result = load_data(hostile_data())
    assert result.ok, [str(p) for p in result.problems]
    return result, _build(result, tmp_path_factory.mktemp("hostile"))


def _assert_inert(page, where: str) -> None:
    found = page.evaluate(FINDINGS_JS)
    leaks = {kind: items for kind, items in found.items() if items}
    assert not leaks, f"{where}: hostile text became live: {leaks}"


def _open_every_cell(page, dialogs: list[str], where: str) -> None:
    for button in page.locator(CELL).all():
        if button.get_attribute("aria-pressed") != "true":
            button.click()
        _assert_inert(page, f"{where}, {button.get_attribute('data-key')} open")
    assert not dialogs, f"{where}: a dialog opened: {dialogs}"


def test_hostile_text_is_shown_as_text_and_runs_nothing(hostile, offline, browser_log, screenshot):
    result, index = hostile
    page = offline(index)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _assert_inert(page, "on load")
    assert page.title().startswith("Atlas <img src=x onerror=")
    text = page.locator("body").inner_text()
    missing = [p for p in PAYLOADS if p not in text]
    assert not missing, f"not shown as text: {missing}"
    expect(page.locator("#matrix-table thead th").first).to_contain_text(IMG)
    expect(page.locator("#matrix-table tbody th").first).to_contain_text(SCRIPT)
    _open_every_cell(page, dialogs, "hostile data")
    expect(page.locator("#evidence-body")).to_contain_text(f"Minister {ALL}")
    expect(page.locator("#evidence-body")).to_contain_text(A_TAG)
    for href in page.locator("#evidence-body a[href^='http'], #sources-list a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert re.match(r"^https?://[^\s\"<>]+$", href), href  # the query's quotes and angle brackets are escaped
    screenshot(page, "site-hostile", full_page=False)
    browser_log.assert_clean()


def test_links_that_are_not_http_never_become_links(hostile, offline, browser_log, tmp_path):
    """A data file edited by hand (or by anyone) to hold javascript:, data: or relative links: no link is made."""
    result, index = hostile
    folder = tmp_path / "tampered"
    _build(result, folder)
    evidence_js = folder / "evidence.js"
    evidence = read_data_js(evidence_js.read_text(encoding="utf-8"))
    links = iter(HOSTILE_LINKS * 100)
    for position in evidence["positions"]:
        for quote in position["quotes"]:
            quote["link"] = next(links)
    for source in evidence["sources"]:
        source["url"] = next(links)
    evidence_js.write_text(write_data_js(evidence, "STANCE_ATLAS_EVIDENCE"), encoding="utf-8")
    page = offline(folder / "index.html", "#as_of=<script>window.__xss=9</script>&cell=<img src=x onerror=alert(1)>")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _assert_inert(page, "tampered data")
    _open_every_cell(page, dialogs, "tampered data")
    assert page.locator("#evidence-body a[href]:not([href^='#'])").count() == 0
    expect(page.locator("#evidence-body")).to_contain_text("No link: the source has no web address")
    assert page.locator("#sources-list a[href]").count() == 0
    browser_log.assert_clean()


def test_the_atlas_works_for_a_file_with_a_gap_and_an_unquoted_cell(offline, browser_log, tmp_path):
    """Any valid file: a country with no position at all, and a null stance without quotes."""
    data = valid_data()
    issue = data["issues"][0]["id"]
    data["countries"].append({"id": "XL", "name": "Testland", "governments": []})
    data["positions"].append(
        {
            "country": "XL",
            "issue": issue,
            "as_of": dt.date(2021, 3, 1),
            "stance": None,
            "summary": "Assessed: no stance applies.",
        }
    )
    result = load_data(data)
    assert result.ok, [str(p) for p in result.problems]
    page = offline(_build(result, tmp_path))
    for day in (dt.date(2021, 2, 28), dt.date(2021, 3, 1), max(p.as_of for p in result.dataset.positions)):
        _set_day(page, day)
        assert _shown_cells(page) == _expected_cells(result, day), day
    page.locator(f'{CELL}[data-key="XL:{data["issues"][-1]["id"]}"]').click()
    expect(page.locator("#evidence-body")).to_contain_text("No evidence: no position is recorded for this cell")
    page.locator(f'{CELL}[data-key="XL:{issue}"]').click()
    expect(page.locator("#evidence-body")).to_contain_text("Assessed: no stance applies.")
    expect(page.locator("#evidence-body")).to_contain_text("No quotes")
    browser_log.assert_clean()
