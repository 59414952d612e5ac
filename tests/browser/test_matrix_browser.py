"""The matrix in a real browser: click a cell, follow a copied link, present, download a PNG."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from browser.locators import CELL, HEATMAP, heatmap_cell, menu_button, shown_date
from components.data.loader import load_dataset
from components.data.schema import Dataset
from components.tables import latest_positions
from components.tables.evidence import cited_publishers

pytestmark = pytest.mark.browser

PANEL = ".st-key-evidence_panel"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def dataset(data_file: Path) -> Dataset:
    result = load_dataset(data_file)
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset


def _names(ds: Dataset, cell: tuple[str, str]) -> tuple[str, str]:
    country = next(c.name for c in ds.countries if c.id == cell[0])
    issue = next(i.name for i in ds.issues if i.id == cell[1])
    return country, issue


def _earlier_cell(ds: Dataset) -> tuple[tuple[str, str], dt.date]:
    """A cell whose stance changed, and the date of its first quoted stance: a view that differs from today's."""
    order = {(c.id, i.id): n for n, (c, i) in enumerate((c, i) for c in ds.countries for i in ds.issues)}
    candidates = []
    for cell in order:
        coded = sorted(
            (p for p in ds.positions if p.cell == cell and p.stance is not None and p.evidence), key=lambda p: p.as_of
        )
        if len(coded) >= 2:
            candidates.append((order[cell], cell, coded[0].as_of))
    if not candidates:
        pytest.fail("the data has no cell with two quoted stances: nothing to deep-link to")
    _, cell, as_of = min(candidates)
    return cell, as_of


def _click_cell(page, ds: Dataset, cell: tuple[str, str]) -> None:
    button = heatmap_cell(page, *_names(ds, cell))
    expect(button).to_have_count(1)
    button.click()


def _open(page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)


def _expect_evidence(page, ds: Dataset, cell: tuple[str, str], as_of: dt.date, wait_for_app, no_raw_missing) -> str:
    """The panel shows the cell in force on `as_of`: its subheader, quotes and their verification."""
    position = ds.positions[latest_positions(ds, as_of)[cell]]
    country, issue = _names(ds, cell)
    panel = page.locator(PANEL)
    subheader = panel.locator("h3").first
    expect(subheader).to_contain_text(f"{country} · {issue}")
    expect(subheader).to_contain_text(ds.label_of(position.stance))
    wait_for_app(page)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()[:2000]
    expect(panel.locator("blockquote")).to_have_count(len(position.evidence))
    expect(panel.get_by_text("verified", exact=False).first).to_be_visible()
    no_raw_missing(panel.inner_text(), f"the evidence panel of {country} · {issue}")
    return subheader.inner_text()


def test_heatmap_click_opens_that_cells_evidence(
    serve_app, page, dataset, wait_for_app, screenshot, browser_log, archive_dir, assert_no_raw_missing
):
    base = serve_app()
    as_of = dt.date.today()  # the default as-of date
    _open(page, base + "/", wait_for_app)
    expect(page.locator("h1").first).to_have_text(f"Stances as of {as_of:%-d %B %Y}")
    heatmap = page.locator(HEATMAP)
    expect(heatmap.locator(CELL).first).to_be_visible()
    expect(heatmap.locator(CELL)).to_have_count(len(dataset.countries) * len(dataset.issues))
    expect(heatmap.locator(f"{CELL}[aria-pressed=true]")).to_have_count(0)
    assert page.locator(PANEL).count() == 0, "no cell is selected before a click"

    cell = next(cell for cell, index in latest_positions(dataset, as_of).items() if dataset.positions[index].evidence)
    _click_cell(page, dataset, cell)
    _expect_evidence(page, dataset, cell, as_of, wait_for_app, assert_no_raw_missing)
    country, issue = _names(dataset, cell)
    assert parse_qs(urlsplit(page.url).query).get("cell") == [f"{country} · {issue}"], page.url
    expect(heatmap_cell(page, country, issue)).to_have_attribute("aria-pressed", "true")
    screenshot(page, "matrix-cell-clicked")
    assert not page.locator('[data-testid="stException"]').count()
    browser_log.assert_clean()


def test_deep_link_reproduces_the_view_in_a_new_context(
    serve_app, open_page, dataset, wait_for_app, browser_log, archive_dir, assert_no_raw_missing
):
    base = serve_app()
    cell, as_of = _earlier_cell(dataset)
    first = open_page()
    _open(first, f"{base}/?{urlencode({'as_of': as_of.isoformat()})}", wait_for_app)
    _click_cell(first, dataset, cell)
    clicked = _expect_evidence(first, dataset, cell, as_of, wait_for_app, assert_no_raw_missing)
    copied = first.url

    country, issue = _names(dataset, cell)
    query = {"as_of": [as_of.isoformat()], "cell": [f"{country} · {issue}"]}
    assert parse_qs(urlsplit(copied).query) == query, f"the address bar does not hold the view: {copied}"

    cold = open_page()  # a new context: nothing carried over but the typed link
    _open(cold, f"{base}/?{urlencode(query, doseq=True)}", wait_for_app)
    expect(cold.locator("h1").first).to_have_text(f"Stances as of {as_of:%-d %B %Y}")
    expect(shown_date(cold, as_of)).to_be_visible()
    expect(heatmap_cell(cold, country, issue)).to_have_attribute("aria-pressed", "true")
    assert _expect_evidence(cold, dataset, cell, as_of, wait_for_app, assert_no_raw_missing) == clicked
    menu_button(cold, "Date and presentation mode").click()
    expect(cold.locator('[data-testid="stDateInput"] input').first).to_have_value(as_of.isoformat())
    browser_log.assert_clean()


def test_presentation_mode_hides_chrome_and_cites_itself(
    serve_app, page, dataset, wait_for_app, screenshot, browser_log
):
    base = serve_app()
    as_of = dt.date.today()  # the default as-of date
    _open(page, base + "/?present=true", wait_for_app)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator("h1").first).to_have_text(f"Stances as of {as_of:%-d %B %Y}")
    footer = page.locator('[data-testid="atlas-footer"]')
    expect(footer).to_be_visible()
    expect(footer).to_contain_text(f"as of {as_of.isoformat()}")
    text = footer.inner_text()
    publishers = set(cited_publishers(dataset, as_of))
    assert any(name in text for name in publishers), f"footer names none of {sorted(publishers)}: {text!r}"
    assert page.get_by_text("Download this view").count() == 0, "downloads are chrome: hidden when presenting"
    screenshot(page, "matrix-present")
    browser_log.assert_clean()


def test_png_download_of_the_matrix(serve_app, page, wait_for_app, browser_log):
    _open(page, serve_app() + "/", wait_for_app)
    menu_button(page, "Download this view").click()
    button = page.get_by_role("button", name="PNG (2×)")
    expect(button).to_be_visible()
    with page.expect_download(timeout=30_000) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".png")
    data = Path(download.path()).read_bytes()
    assert data[:8] == PNG_MAGIC
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 1500, f"a 2x PNG should be at least 1500 px wide, got {width}x{height}"
    assert len(data) > 20_000, f"{len(data)} bytes is too small for the matrix"
    browser_log.assert_clean()


def test_keyboard_opens_a_cell_and_keeps_focus_on_it(
    serve_app, page, dataset, wait_for_app, browser_log, archive_dir, assert_no_raw_missing
):
    """Each cell is a button: Enter on a focused cell opens its evidence, and focus stays on that cell."""
    _open(page, serve_app() + "/", wait_for_app)
    as_of = dt.date.today()  # the default as-of date
    cell = next(cell for cell, index in latest_positions(dataset, as_of).items() if dataset.positions[index].evidence)
    country, issue = _names(dataset, cell)
    button = heatmap_cell(page, country, issue)
    button.focus()
    page.keyboard.press("Enter")
    _expect_evidence(page, dataset, cell, as_of, wait_for_app, assert_no_raw_missing)
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(button).to_be_focused()
    browser_log.assert_clean()
