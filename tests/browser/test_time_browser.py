"""Time in a real browser: the step buttons and the year slider (drawn by the heatmap's script), the
arrow keys when presenting, play and pause, and the Cite menu's permalink and citations."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from browser.locators import HEATMAP
from components.app.widgets.stepper import PLAY_DELAY_MS
from components.data.loader import load_dataset
from components.tables.history import stance_changes

pytestmark = pytest.mark.browser

HEADING = "h1"
CHANGED = f"{HEATMAP} .atlas-heatmap-changed"


@pytest.fixture(scope="module")
def change_dates(data_file: Path) -> list[dt.date]:
    result = load_dataset(data_file)
    assert result.ok, [str(p) for p in result.problems]
    dates = sorted(set(stance_changes(result.dataset)["date"]))
    if len(dates) < 3:
        pytest.fail("the data has fewer than three dates of change: nothing to step through")
    return dates


def _heading_says(page, day: dt.date) -> None:
    expect(page.locator(HEADING).first).to_have_text(f"Stances as of {day:%-d %B %Y}")


def _url_date(page) -> str | None:
    return parse_qs(urlsplit(page.url).query).get("as_of", [None])[0]


def test_next_and_previous_step_between_changes_and_outline_what_moved(
    serve_app, page, change_dates, wait_for_app, screenshot, browser_log
):
    start, after = change_dates[1], change_dates[2]
    page.goto(f"{serve_app()}/?as_of={start.isoformat()}")
    wait_for_app(page)
    _heading_says(page, start)
    page.get_by_role("button", name="Next change").click()
    _heading_says(page, after)
    wait_for_app(page)
    assert _url_date(page) == after.isoformat(), page.url  # a paused step is a link
    expect(page.locator(CHANGED).first).to_be_visible()  # the cells that moved at this step
    expect(page.get_by_text("changed since", exact=False).first).to_be_visible()
    screenshot(page, "matrix-step-next", full_page=False)
    page.get_by_role("button", name="Previous change").click()
    _heading_says(page, start)
    wait_for_app(page)
    assert _url_date(page) == start.isoformat(), page.url
    browser_log.assert_clean()


def test_the_year_slider_jumps_to_a_year_end_and_the_keyboard_keeps_its_place(
    serve_app, page, change_dates, wait_for_app, browser_log
):
    year = change_dates[0].year
    page.goto(f"{serve_app()}/?as_of={change_dates[-1].isoformat()}")
    wait_for_app(page)
    slider = page.get_by_role("slider", name="Year")
    slider.fill(str(year))  # as a drag ends: the page steps once, on release
    _heading_says(page, dt.date(year, 12, 31))
    wait_for_app(page)
    assert _url_date(page) == f"{year}-12-31", page.url
    slider = page.get_by_role("slider", name="Year")
    slider.focus()
    page.keyboard.press("ArrowRight")  # the next year, from the keyboard
    _heading_says(page, dt.date(year + 1, 12, 31))
    wait_for_app(page)
    expect(page.get_by_role("slider", name="Year")).to_be_focused()  # redrawn, focus kept
    page.get_by_role("button", name="Previous change").focus()
    page.keyboard.press("Enter")
    expect(page.locator(HEADING).first).not_to_have_text(f"Stances as of {dt.date(year + 1, 12, 31):%-d %B %Y}")
    wait_for_app(page)
    expect(page.get_by_role("button", name="Previous change")).to_be_focused()
    browser_log.assert_clean()


def test_arrow_keys_step_when_presenting(serve_app, page, change_dates, wait_for_app, screenshot, browser_log):
    start, after = change_dates[1], change_dates[2]
    page.goto(f"{serve_app()}/?present=1&as_of={start.isoformat()}")
    wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    _heading_says(page, start)
    page.locator("body").press("ArrowRight")
    _heading_says(page, after)
    wait_for_app(page)
    expect(page.locator(CHANGED).first).to_be_visible()
    screenshot(page, "matrix-present-step", full_page=False)
    page.locator("body").press("ArrowLeft")
    _heading_says(page, start)
    wait_for_app(page)
    assert _url_date(page) == start.isoformat(), page.url
    browser_log.assert_clean()


def test_the_arrow_keys_do_nothing_outside_presentation_mode(serve_app, page, change_dates, wait_for_app):
    start = change_dates[1]
    page.goto(f"{serve_app()}/?as_of={start.isoformat()}")
    wait_for_app(page)
    page.locator("body").press("ArrowRight")
    wait_for_app(page)
    _heading_says(page, start)


def test_play_steps_a_year_at_a_time_and_pause_stops_it(
    serve_app, page, change_dates, wait_for_app, screenshot, browser_log
):
    first_year = change_dates[0].year
    start = dt.date(first_year, 12, 31)
    page.goto(f"{serve_app()}/?as_of={start.isoformat()}")
    wait_for_app(page)
    page.get_by_role("button", name="Play years").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    one_year_on = dt.date(first_year + 1, 12, 31)
    expect(page.locator(HEADING).first).to_have_text(
        f"Stances as of {one_year_on:%-d %B %Y}", timeout=PLAY_DELAY_MS + 15_000
    )
    screenshot(page, "matrix-playing", full_page=False)
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play years")).to_be_visible()
    wait_for_app(page)
    paused_at = page.locator(HEADING).first.inner_text()
    time.sleep(PLAY_DELAY_MS / 1000 + 1.5)  # longer than a step: a paused class stays where it is
    assert page.locator(HEADING).first.inner_text() == paused_at
    assert _url_date(page) is not None and paused_at.endswith(str(dt.date.fromisoformat(_url_date(page)).year))
    browser_log.assert_clean()


def test_the_cite_menu_gives_the_permalink_and_three_styles(serve_app, page, change_dates, wait_for_app, browser_log):
    day = change_dates[1]
    base = serve_app()
    page.goto(f"{base}/?as_of={day.isoformat()}")
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="Cite this view").click()
    blocks = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"]')
    expect(blocks).to_have_count(4)  # the permalink, APA, Chicago, BibTeX
    permalink = blocks.nth(0).inner_text().strip()
    assert permalink.startswith(f"{base}/?as_of={day.isoformat()}"), permalink
    apa, chicago, bibtex = (blocks.nth(k).inner_text() for k in (1, 2, 3))
    assert f"Matrix, as of {day.isoformat()}" in apa and permalink in apa
    assert "Accessed" in chicago and "@misc{stanceatlas" in bibtex
    opened = page.context.new_page()  # the permalink reproduces the view in another tab
    opened.goto(permalink)
    wait_for_app(opened)
    _heading_says(opened, day)
    opened.close()
    browser_log.assert_clean()
