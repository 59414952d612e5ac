"""Every page of the registry in a real browser: it renders, raises nothing, and is kept as a screenshot."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from components.app.pages import PAGES

pytestmark = pytest.mark.browser


# The first page is the default: st.navigation serves it at "/", and its url path alone is
# "not found" (Streamlit logs a console error and falls back to it).
ROUTES = [(title, "" if index == 0 else path, path) for index, (_, title, _, path) in enumerate(PAGES)]


@pytest.mark.parametrize(("title", "route", "path"), ROUTES, ids=[path for *_, path in ROUTES])
def test_page_renders_in_chromium(
    serve_app, page, wait_for_app, screenshot, browser_log, assert_no_raw_missing, title, route, path
):
    page.goto(f"{serve_app()}/{route}")
    wait_for_app(page)
    heading = page.locator('[data-testid="stMainBlockContainer"] h1').first
    expect(heading).to_be_visible()
    assert heading.inner_text().strip(), f"the {title} page has an empty title"
    shot = screenshot(page, path)
    assert page.locator('[data-testid="stException"]').count() == 0, f"the {title} page shows an exception ({shot})"
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0, f"the {title} page shows an error ({shot})"
    # text_content, not inner_text: quotes folded away in expanders count too.
    assert_no_raw_missing(page.locator('[data-testid="stMainBlockContainer"]').text_content(), f"the {title} page")
    browser_log.assert_clean()
