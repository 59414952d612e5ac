"""The static atlas in a real browser, opened from file:// with every other request blocked.

`python -m components site OUT_DIR` writes a page that needs no server: these tests open it as
a reader would from a USB stick, and check that it shows the matrix, that a click, Enter or
Space on a cell shows the cell's quotes, that the date control redraws the cells exactly as the
Python tables compute them, and that a link with a date and a cell reopens that view. Hostile
text is in test_atlas_hostile_browser.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.static_atlas.atlas_page import (
    CELL,
    CELLS_JS,
    HEADING,
    QUOTE,
    build_atlas,
    expected_cells,
    set_day,
    shown_cells,
)
from components.data.loader import LoadResult, load_dataset
from components.data.verify import verify_quotes
from components.tables.evidence import evidence_table
from components.tables.matrix import matrix_table

pytestmark = pytest.mark.browser


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
    return build_atlas(real, tmp_path_factory.mktemp("atlas"), checks)


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
    assert shown_cells(page) == expected_cells(real, today)
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
    before = shown_cells(page)

    # The date input: every date a stance was recorded, the day before each, and a few in between.
    days = sorted(set(dates) | {d - dt.timedelta(days=1) for d in dates[1:]} | {first + (last - first) / 2})
    for day in days:
        set_day(page, day)
        assert shown_cells(page) == expected_cells(real, day), f"cells differ on {day}"
    page.fill("#as-of", (first - dt.timedelta(days=30)).isoformat())  # before the data: the control stops at its start
    expect(page.locator("#as-of")).to_have_value(first.isoformat())
    set_day(page, dates[len(dates) // 3])
    assert shown_cells(page) != before, "an earlier date shows other cells"
    screenshot(page, "site-earlier-date", full_page=False)

    # The slider over the change dates, and its buttons.
    slider = page.locator("#change-slider")
    slider.focus()
    page.keyboard.press("Home")
    expect(page.locator("#as-of")).to_have_value(first.isoformat())
    assert shown_cells(page) == expected_cells(real, first)
    expect(page.locator("#previous-change")).to_be_disabled()
    page.locator("#next-change").click()
    expect(page.locator("#as-of")).to_have_value(dates[1].isoformat())
    slider.focus()
    page.keyboard.press("End")
    expect(page.locator("#as-of")).to_have_value(last.isoformat())
    assert shown_cells(page) == expected_cells(real, last)
    browser_log.assert_clean()


def test_a_link_with_a_date_and_a_cell_reopens_that_view(atlas, real, offline, browser_log):
    dates = sorted({p.as_of for p in real.dataset.positions})
    day = dates[len(dates) // 2]
    cell = _coded_cells_with_quotes(real, day)[0]
    page = offline(atlas, f"#as_of={day.isoformat()}&cell={cell[0]}")
    expect(page.locator("#as-of")).to_have_value(day.isoformat())
    _assert_evidence(page, real, cell)
    assert shown_cells(page) == expected_cells(real, day)
    page.locator(f'{CELL}[data-key="{cell[0]}"]').click()  # pressed again: the cell closes
    expect(page.locator(HEADING)).to_have_text("Evidence")
    expect(page.locator(f'{CELL}[aria-pressed="true"]')).to_have_count(0)
    browser_log.assert_clean()
