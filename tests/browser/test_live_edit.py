"""Editing the data file while the app is on screen: the open page follows the file, never a stale view.

A curator saves stances.yaml while the atlas is projected. Without a reload, the page must switch
to the error page when the file breaks and to the new data when it is fixed, within WITHIN_MS,
and a file caught half-written must never crash the app.
"""

from __future__ import annotations

import os
import re
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from builders import VALID, dump, loaded, valid_data
from playwright.sync_api import expect

from browser.locators import HEATMAP, heatmap_cell, heatmap_cells, menu_button
from components.app.pages.matrix import PICKER
from components.app.pages.sources import source_labels
from components.data.loader import parse_dataset

pytestmark = pytest.mark.browser

WITHIN_MS = 15_000  # the watcher polls every 2 s; a rerun of the small file takes about one more
ERROR_TITLE = "The data file has problems"
BROKEN_TITLE = ("title: Test fixture - two allies, two issues", "title: [Test fixture - two allies, two issues")


def changed_data() -> dict:
    """Valid, and different where the pages show it: Japan and a source renamed, South Korea's Quad stance raised."""
    data = valid_data()
    data["title"] = "Edited fixture"
    data["countries"][0]["name"] = "Nippon"
    data["sources"][1]["title"] = "Korea leaves the choice of vendor to companies"
    position = next(p for p in data["positions"] if (p["country"], p["issue"]) == ("KR", "quad"))
    position["stance"] = 1
    return data


def broken_bytes() -> bytes:
    """The valid file with one unclosed bracket: a YAML syntax error, located by line."""
    text = VALID.read_text(encoding="utf-8")
    assert BROKEN_TITLE[0] in text
    return text.replace(*BROKEN_TITLE, 1).encode()


def problem_line(raw: bytes) -> int:
    result = parse_dataset(raw, "stances.yaml")
    assert not result.ok and result.problems
    return result.problems[0].line


def write_atomically(path: Path, raw: bytes) -> None:
    """As an editor saves: a temporary file beside the target, then one rename over it."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_bytes(raw)
    os.replace(temporary, path)


@pytest.fixture(scope="module")
def live_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("live") / "stances.yaml"


@pytest.fixture(scope="module")
def changed_raw() -> bytes:
    loaded(changed_data())  # valid, or the tests fail listing its problems
    return dump(changed_data())


@pytest.fixture
def base(live_file, serve_app) -> str:
    """One server for the module; each test starts from the valid fixture."""
    write_atomically(live_file, VALID.read_bytes())
    return serve_app(live_file)


def assert_alive(base: str, page) -> None:
    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=5) as reply:  # noqa: S310 (127.0.0.1 only)
        assert reply.status == 200, "the server stopped answering"
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()[:2000]


def left(started: float) -> int:
    """Milliseconds left of WITHIN_MS since `started` (time.monotonic() taken at the write)."""
    return max(1, int(WITHIN_MS - (time.monotonic() - started) * 1000))


def expect_error_page(page, raw: bytes, started: float) -> None:
    """The error page with the file's problem and its line, and nothing left of the data view."""
    expect(page.locator("h1").filter(has_text=ERROR_TITLE)).to_be_visible(timeout=left(started))
    cells = page.locator('[data-testid="stDataFrame"] tbody tr').first.locator('td[role="gridcell"]')
    expect(cells.first).to_have_text(str(problem_line(raw)), timeout=left(started))
    expect(cells.nth(2)).to_contain_text("YAML syntax error")
    expect(page.locator(HEATMAP)).to_have_count(0)
    expect(page.locator('[data-testid="stMultiSelect"]')).to_have_count(0)
    expect(page.locator("h1").filter(has_text="Stances as of")).to_have_count(0)


def break_then_save(base: str, live_file: Path, raw: bytes, page, wait_for_app) -> float:
    """Save a broken file and see the error page; then save `raw`, and return when it was written."""
    started = time.monotonic()
    write_atomically(live_file, broken_bytes())
    expect_error_page(page, broken_bytes(), started)
    wait_for_app(page)
    assert_alive(base, page)
    started = time.monotonic()
    write_atomically(live_file, raw)
    return started


def test_matrix_follows_the_file_without_a_reload(base, live_file, changed_raw, page, wait_for_app, browser_log):
    page.goto(base + "/")
    wait_for_app(page)
    expect(heatmap_cells(page, "Japan")).to_have_count(2)
    assert page.url.rstrip("/") == base

    started = break_then_save(base, live_file, changed_raw, page, wait_for_app)
    expect(heatmap_cells(page, "Nippon")).to_have_count(2, timeout=left(started))
    wait_for_app(page)
    expect(heatmap_cells(page, "Japan")).to_have_count(0)
    expect(page.locator("h1").filter(has_text=ERROR_TITLE)).to_have_count(0)
    quad = heatmap_cell(page, "South Korea", "The Quad")
    expect(quad).to_have_attribute("aria-label", _contains("Leaning aligned"))
    assert page.url.rstrip("/") == base, "the page followed the file without navigating"
    assert_alive(base, page)
    browser_log.assert_clean()


def test_compare_follows_the_file_without_a_reload(base, live_file, changed_raw, page, wait_for_app, browser_log):
    page.goto(base + "/compare")
    wait_for_app(page)
    chosen = page.locator('[data-testid="stMultiSelect"]')
    expect(chosen).to_contain_text("Japan")
    chart = page.locator('[data-testid="stVegaLiteChart"][aria-label^="Dot chart"]')
    expect(chart).to_have_attribute("aria-label", _contains("South Korea on The Quad: Leaning resistant"))

    started = break_then_save(base, live_file, changed_raw, page, wait_for_app)
    expect(chosen).to_contain_text("Nippon", timeout=left(started))
    wait_for_app(page)
    expect(chosen).not_to_contain_text("Japan")
    expect(chart).to_have_attribute("aria-label", _contains("South Korea on The Quad: Leaning aligned"))
    expect(page.locator("h1").first).to_have_text("Compare countries")
    assert_alive(base, page)
    browser_log.assert_clean()


def test_a_half_written_file_never_crashes_the_app(base, live_file, changed_raw, page, wait_for_app, browser_log):
    """Written in place (truncate, then two writes seconds apart): each state the watcher sees is shown
    as it is, the error page while the file is empty or cut short, the new data once it is whole."""
    page.goto(base + "/")
    wait_for_app(page)
    expect(heatmap_cells(page, "Japan")).to_have_count(2)
    # Cut inside a key of the first position: a YAML list cut between items can be a valid, shorter file.
    half = changed_raw.index(b"confidence:") + len(b"conf")
    assert not parse_dataset(changed_raw[:half], "stances.yaml").ok, "the first part alone must be an invalid file"
    with live_file.open("r+b") as handle:
        handle.truncate(0)
        handle.flush()
        started = time.monotonic()
        expect(page.locator("h1").filter(has_text=ERROR_TITLE)).to_be_visible(timeout=left(started))
        expect(page.locator(HEATMAP)).to_have_count(0)
        assert_alive(base, page)

        handle.write(changed_raw[:half])
        handle.flush()
        os.fsync(handle.fileno())
        watch_without_exceptions(page, seconds=5)  # two or more polls of the watcher on the cut file
        expect(page.locator("h1").filter(has_text=ERROR_TITLE)).to_be_visible()
        expect(page.locator(HEATMAP)).to_have_count(0)

        handle.write(changed_raw[half:])
        handle.flush()
        os.fsync(handle.fileno())
        started = time.monotonic()
    expect(heatmap_cells(page, "Nippon")).to_have_count(2, timeout=left(started))
    wait_for_app(page)
    expect(page.locator("h1").filter(has_text=ERROR_TITLE)).to_have_count(0)
    assert live_file.read_bytes() == changed_raw
    assert_alive(base, page)
    browser_log.assert_clean()


def watch_without_exceptions(page, seconds: float) -> None:
    """Wait, looking for an exception box or a lost connection every 200 ms."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = page.locator('[data-testid="stApp"]').get_attribute("data-test-connection-state")
        assert state == "CONNECTED", f"the app lost its connection: {state}"
        assert page.locator('[data-testid="stException"]').count() == 0, "an exception box appeared"
        page.wait_for_timeout(200)


def _contains(text: str) -> re.Pattern:
    return re.compile(re.escape(text))


def test_an_open_evidence_panel_follows_the_file(base, live_file, changed_raw, page, wait_for_app, browser_log):
    """A cell opened from a link stays open when the file renames its country, under the new name."""
    page.goto(base + "/?" + urlencode({"cell": "Japan · The Quad"}))
    wait_for_app(page)
    heading = page.locator(".st-key-evidence_panel h3").first
    expect(heading).to_contain_text("Japan · The Quad — Leaning aligned (+1)")

    started = time.monotonic()
    write_atomically(live_file, changed_raw)
    expect(heading).to_contain_text("Nippon · The Quad", timeout=left(started))
    wait_for_app(page)
    expect(heading).to_contain_text("Nippon · The Quad — Leaning aligned (+1)")
    # The picker and the address bar name the cell as the file now does: a copied link still opens it.
    menu_button(page, PICKER).click()
    expect(page.get_by_role("combobox", name="Evidence for")).to_have_value("Nippon · The Quad")
    assert parse_qs(urlsplit(page.url).query).get("cell") == ["Nippon · The Quad"], page.url
    assert_alive(base, page)
    browser_log.assert_clean()


def _source_label(data: dict, index: int) -> str:
    dataset = loaded(data)
    return source_labels(SimpleNamespace(dataset=dataset))[dataset.sources[index].id]


# (path, picker label, the picked item's name before and after the rename), built when the test
# runs: data that no longer loads fails the test instead of breaking the collection of every test.
RENAMES = {
    "country": lambda: ("/country", "Country", "Japan", "Nippon"),
    "sources": lambda: ("/sources", "Source", _source_label(valid_data(), 1), _source_label(changed_data(), 1)),
}


@pytest.mark.parametrize("renamed", list(RENAMES))
def test_a_picker_follows_a_rename(base, live_file, changed_raw, page, wait_for_app, browser_log, renamed):
    """The picker shows the chosen item under its new name, and the address bar names it so."""
    path, label, before, after = RENAMES[renamed]()
    page.goto(f"{base}{path}?{urlencode({label.lower(): before})}")
    wait_for_app(page)
    picker = page.get_by_role("combobox", name=label)
    expect(picker).to_have_value(before)

    started = time.monotonic()
    write_atomically(live_file, changed_raw)
    expect(picker).to_have_value(after, timeout=left(started))
    wait_for_app(page)
    assert parse_qs(urlsplit(page.url).query).get(label.lower()) in ([after], None), page.url  # None: the default
    assert before not in page.locator('[data-testid="stMain"]').inner_text()
    assert_alive(base, page)
    browser_log.assert_clean()
