"""The static atlas keeps hostile text as text, makes no link that is not http(s), and works for any valid file.

Every free-text field of a valid file carries script, event-attribute and link payloads; the
page must show them verbatim and run none of them, even after its data files are tampered with.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from builders import load_data, valid_data, with_text_after_names
from playwright.sync_api import expect

from browser.static_atlas.atlas_page import CELL, build_atlas, expected_cells, set_day, shown_cells
from components.data.loader import LoadResult
from components.render.site.builder import SCRIPTS, read_data_js
from components.render.site.builder import data_js as write_data_js

pytestmark = pytest.mark.browser

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
  const allowed = ALLOWED;
  for (const script of document.scripts) {
    const name = (script.getAttribute('src') || '').split('/').pop();
    if (!allowed.includes(name)) found.scripts.push(script.outerHTML.slice(0, 120));
  }
  return found;
}""".replace("ALLOWED", json.dumps(["data.js", "evidence.js", *SCRIPTS]))


def hostile_data() -> dict:
    """The valid fixture with a payload in every free-text field the atlas shows."""
    data = with_text_after_names(valid_data(), ALL)
    data["title"] = f"Atlas {ALL}"
    data["description"] = ALL
    for country in data["countries"]:
        for government in country["governments"]:
            government["leader"] = f"{government['leader']} {ALL}"
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
    return result, build_atlas(result, tmp_path_factory.mktemp("hostile"))


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
    build_atlas(result, folder)
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
    page = offline(build_atlas(result, tmp_path))
    for day in (dt.date(2021, 2, 28), dt.date(2021, 3, 1), max(p.as_of for p in result.dataset.positions)):
        set_day(page, day)
        assert shown_cells(page) == expected_cells(result, day), day
    page.locator(f'{CELL}[data-key="XL:{data["issues"][-1]["id"]}"]').click()
    expect(page.locator("#evidence-body")).to_contain_text("No evidence: no position is recorded for this cell")
    page.locator(f'{CELL}[data-key="XL:{issue}"]').click()
    expect(page.locator("#evidence-body")).to_contain_text("Assessed: no stance applies.")
    expect(page.locator("#evidence-body")).to_contain_text("No quotes")
    browser_log.assert_clean()
