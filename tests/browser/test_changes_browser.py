"""The Changes page in a real browser: default dates, filters in the URL, a deep link, the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from browser.locators import menu_button
from components.app.pages.changes import CARD_KEY, MOST_CARDS
from components.data.loader import load_dataset
from components.data.schema import Dataset
from components.tables import date_span
from components.tables.changes import CSV_COLUMNS, all_changes_table, moves_between

pytestmark = pytest.mark.browser

CARDS = f'[class*="st-key-{CARD_KEY}"]'
MAIN = '[data-testid="stMainBlockContainer"]'


@pytest.fixture(scope="module")
def dataset(data_file: Path) -> Dataset:
    result = load_dataset(data_file)
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset


def _day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def _open(page, url: str, wait_for_app) -> None:
    page.goto(url)
    wait_for_app(page)


def _busiest_country(dataset: Dataset):
    """The country with the most changes: a filter that visibly narrows the page."""
    changes = all_changes_table(dataset)
    if changes.empty:
        pytest.fail("the data has no change of stance: nothing for the Changes page to show")
    country_id = changes["country_id"].value_counts().index[0]
    return next(c for c in dataset.countries if c.id == country_id), changes


def _choose(page, label: str, option: str, wait_for_app) -> None:
    picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    picker.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)


def _card_headings(page) -> list[str]:
    """Each card's first bold line: 'Japan · Quad'."""
    cards = page.locator(CARDS)
    return [cards.nth(i).locator("strong").first.inner_text() for i in range(cards.count())]


def _list_caption(page):
    return page.locator(MAIN).get_by_text("change(s)", exact=False).filter(has_text="oldest first")


def test_default_view_cards_list_and_chart(
    serve_app, page, dataset, wait_for_app, screenshot, browser_log, assert_no_raw_missing
):
    first, today = date_span(dataset)[0], dt.date.today()
    _open(page, f"{serve_app()}/changes", wait_for_app)
    expect(page.locator("h1").first).to_have_text(f"Changes between {_day(first)} and {_day(today)}")
    moves = moves_between(dataset, first, today)
    expect(page.locator(CARDS)).to_have_count(min(len(moves), MOST_CARDS))
    expect(page.locator("h3").filter(has_text=f"What moved between {_day(first)} and {_day(today)}")).to_be_visible()
    last = date_span(dataset)[1]
    expect(page.locator("h3").filter(has_text=f"Every change of stance in the data, {_day(first)} to {_day(last)}"))
    expect(_list_caption(page)).to_contain_text(f"{len(all_changes_table(dataset))} change(s), oldest first")
    expect(page.locator('[data-testid="stDataFrame"]')).to_be_visible()
    chart = page.locator('[data-testid="stVegaLiteChart"]')
    expect(chart).to_have_count(1)
    expect(chart.locator("svg, canvas").first).to_be_visible()
    # each card names the move in words, with the arrow
    card = page.locator(CARDS).first
    row = moves.iloc[0]
    expect(card).to_contain_text(f"{row['country']} · {row['issue']}")
    expect(card).to_contain_text(row["from_label"].split(" (")[0])
    expect(card).to_contain_text("→")
    assert_no_raw_missing(page.locator(MAIN).text_content(), "the Changes page")
    screenshot(page, "changes")
    browser_log.assert_clean()


def test_filters_follow_the_url_and_a_copied_link_reproduces_them(
    serve_app, open_page, dataset, wait_for_app, browser_log
):
    country, changes = _busiest_country(dataset)
    first = open_page()
    _open(first, f"{serve_app()}/changes", wait_for_app)
    _choose(first, "Countries", country.name, wait_for_app)
    assert parse_qs(urlsplit(first.url).query).get("in_country") == [country.name], first.url
    expected = int((changes["country_id"] == country.id).sum())
    expect(_list_caption(first)).to_contain_text(f"{expected} change(s) for the chosen countries and issues")
    for text in _card_headings(first):
        assert text.startswith(f"{country.name} · "), f"a card of another country is shown: {text}"

    cold = open_page()  # a new context: only the link is carried over
    _open(cold, first.url, wait_for_app)
    expect(_list_caption(cold)).to_contain_text(f"{expected} change(s) for the chosen countries and issues")
    picker = cold.locator('[data-testid="stMultiSelect"]').filter(has_text="Countries")
    expect(picker).to_contain_text(country.name)
    expect(cold.locator(CARDS)).to_have_count(first.locator(CARDS).count())
    browser_log.assert_clean()


def test_a_deep_link_with_dates_shows_those_dates(serve_app, page, dataset, wait_for_app, screenshot, browser_log):
    first, last = date_span(dataset)
    start = dt.date(first.year + 2, 1, 1)
    end = min(dt.date(start.year + 3, 6, 30), dt.date.today())
    issue = dataset.issues[0]
    query = {"from": start.isoformat(), "to": end.isoformat(), "in_issue": issue.name, "present": "true"}
    _open(page, f"{serve_app()}/changes?{urlencode(query)}", wait_for_app)
    expect(page.locator("h1").first).to_have_text(f"Changes between {_day(start)} and {_day(end)}")
    dates = page.locator('[data-testid="stDateInput"] input')
    expect(dates.nth(0)).to_have_value(start.isoformat())
    expect(dates.nth(1)).to_have_value(end.isoformat())
    moves = moves_between(dataset, start, end)
    moves = moves[moves["issue_id"] == issue.id]
    expect(page.locator(CARDS)).to_have_count(min(len(moves), MOST_CARDS))
    for text in _card_headings(page):
        assert text.endswith(f" · {issue.name}"), f"a card of another issue is shown: {text}"
    expect(page.get_by_text("Download this list")).to_have_count(0)  # downloads are chrome: hidden when presenting
    screenshot(page, "changes-present")
    browser_log.assert_clean()


def test_the_list_downloads_as_csv_with_the_filter_applied(serve_app, page, dataset, wait_for_app, browser_log):
    country, changes = _busiest_country(dataset)
    _open(page, f"{serve_app()}/changes?{urlencode({'in_country': country.name})}", wait_for_app)
    menu_button(page, "Download this list").click()
    button = page.get_by_role("button", name="CSV", exact=True)
    expect(button).to_be_visible()
    with page.expect_download(timeout=30_000) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"stance-atlas-changes-filtered-{dt.date.today().isoformat()}.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    mine = changes[changes["country_id"] == country.id]
    assert list(rows[0]) == CSV_COLUMNS
    assert [(r["date"], r["country"], r["issue"]) for r in rows] == [
        (d.isoformat(), c, i) for d, c, i in zip(mine["date"], mine["country"], mine["issue"])
    ]
    browser_log.assert_clean()
