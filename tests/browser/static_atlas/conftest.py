"""The static atlas opened as a reader would from a USB stick: file:// only, the network refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.static_atlas.atlas_page import READY


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
