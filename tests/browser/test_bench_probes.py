"""The benchmark's cold-load probes (bench/browser.py) in a real browser: what they time is what they say."""

from __future__ import annotations

import pytest

from bench import browser

pytestmark = pytest.mark.browser


def test_a_cold_load_times_the_first_paint_before_the_heatmap(chromium, serve_app):
    errors: list[str] = []
    load = browser.cold_load_ms(chromium, serve_app(), browser.MATRIX_VISIBLE, errors)
    assert 0 < load.first_paint <= load.visible, load
    assert not errors, errors


def test_the_first_paint_is_the_matrix_title(chromium, serve_app):
    """The probe fires on the main block's first element: on the matrix, its title, drawn by
    Streamlit's base bundle (the report calls it the title)."""
    context = chromium.new_context(viewport=browser.VIEWPORT)
    try:
        page = context.new_page()
        page.add_init_script(browser.FIRST_PAINT_PROBE)
        page.goto(serve_app(), wait_until="commit")
        page.wait_for_function(browser.FIRST_PAINT, timeout=60_000)
        first = page.locator(browser.FIRST_ELEMENT).first
        assert first.get_by_role("heading").inner_text().startswith("Stances as of ")
    finally:
        context.close()
