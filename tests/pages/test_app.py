"""The whole app under AppTest (no browser): routing, URL state, presentation mode and the error page."""

from __future__ import annotations

import datetime as dt
import gc
import re
from collections.abc import Iterator

import pyarrow as pa
import pytest
import streamlit as st
from apptest_support import heatmap_specs, run_page
from builders import FIXTURE_ISSUE, TESTLAND, VALID, Variant, with_testland
from google.protobuf.message import Message

from components.app.pages import PAGES
from components.app.pages.matrix import PICKER
from components.data.loader import parse_dataset
from components.tables import date_span

EXTRA_COUNTRY = TESTLAND
EXTRA_ISSUE = FIXTURE_ISSUE["name"]
# Names a page leaves out by design: Methodology explains the scale and the codebook (issues),
# not countries; the Quiz names only the issue of the quote in play, and quotes behind a null
# stance are never asked.
NOT_LISTED_BY_DESIGN = {"methodology": {EXTRA_COUNTRY}, "quiz": {EXTRA_ISSUE}}


def _latest_date() -> dt.date:
    result = parse_dataset(VALID.read_bytes(), VALID.name)
    return date_span(result.dataset)[1]


def _proto_texts(message: Message) -> Iterator[str]:
    """Every string a widget or element carries, including the cells of its Arrow tables."""
    for _, value in message.ListFields():
        yield from _value_texts(value)


def _value_texts(value) -> Iterator[str]:
    if isinstance(value, Message):
        yield from _proto_texts(value)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        yield from _arrow_texts(value)
    elif isinstance(value, bool | int | float):
        return
    elif hasattr(value, "items"):  # a protobuf map
        for key, item in value.items():
            yield str(key)
            yield from _value_texts(item)
    else:  # a repeated field (upb containers are sequences without __iter__)
        for item in value:
            yield from _value_texts(item)


def _arrow_texts(blob: bytes) -> Iterator[str]:
    """Dataframes and chart datasets travel as Arrow IPC streams; other bytes are skipped."""
    try:
        table = pa.ipc.open_stream(blob).read_all()
    except (pa.ArrowException, ValueError):
        return
    yield from table.column_names
    for column in table.columns:
        yield from (str(cell) for cell in column.to_pylist())


def page_text(at) -> str:
    """All text of the page's main area: markdown, tables, widget labels and options, chart data."""

    def walk(node) -> Iterator[str]:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            yield from _proto_texts(proto)
        for child in getattr(node, "children", {}).values():
            yield from walk(child)

    return "\n".join(walk(at.main))


def _cells(spec: dict) -> dict[str, dict]:
    return {cell["key"]: cell for row in spec["rows"] for cell in row["cells"]}


def _route(index: int, path: str) -> str:
    return "" if index == 0 else path  # the first page is the default, served at "/"


def test_matrix_page_shows_the_heatmap_as_of_the_latest_date():
    at = run_page("")
    assert not at.exception
    assert [t.value for t in at.title] == [f"Stances as of {_latest_date():%-d %B %Y}"]
    [heatmap] = heatmap_specs(at)
    ds = parse_dataset(VALID.read_bytes(), VALID.name).dataset
    assert [row["country"] for row in heatmap["rows"]] == [c.name for c in ds.countries]
    assert heatmap["issues"] == [i.name for i in ds.issues]
    assert set(_cells(heatmap)) == {f"{c.id}:{i.id}" for c in ds.countries for i in ds.issues}
    assert not any(cell["selected"] for cell in _cells(heatmap).values())
    assert [level["text"] for level in heatmap["legend"]][0] == "Resistant (-2)"
    assert not at.get("subheader"), "no cell is open before one is chosen"
    assert not at.get("vega_lite_chart"), "the matrix needs no Vega (bench/README.md, cold load)"


def test_cell_query_parameter_opens_its_evidence(archive):
    at = run_page("", {"cell": "Japan · The Quad"})
    assert not at.exception
    assert at.selectbox(key="cell").value == "JP:quad"
    assert [key for key, cell in _cells(heatmap_specs(at)[0]).items() if cell["selected"]] == ["JP:quad"]
    assert [s.value for s in at.subheader] == ["Japan · The Quad — Leaning aligned (+1)"]
    quotes = [m.value for m in at.markdown if m.value.startswith("> “")]
    assert len(quotes) == 1 and "cooperative body to promote principles of democracy" in quotes[0]
    assert any("verified · archive line" in m.value for m in at.markdown)


def test_evidence_panel_shows_no_raw_missing_values(tmp_path, monkeypatch):
    """Two quotes where only one has a note and only one source has an author: the gaps stay blank."""
    variant = Variant()
    latest_quad = next(
        p for p in variant.data["positions"] if p["country"] == "JP" and p["as_of"] == dt.date(2020, 10, 22)
    )
    latest_quad["evidence"].append(
        {
            "source": "hani-2019-06-14",
            "quote": "consider measures that respect corporate autonomy without affecting military communications security",
            "note": "Test fixture: a second quote with a note, from a source with no author.",
        }
    )
    monkeypatch.setenv("STANCES_FILE", str(variant.write(tmp_path, "two_quotes.yaml")))
    at = run_page("", {"cell": "Japan · The Quad"})
    assert not at.exception
    assert len([m for m in at.markdown if m.value.startswith("> “")]) == 2
    shown = [e.value for e in [*at.markdown, *at.caption]]
    leaks = [text for text in shown if re.search(r"\b(nan|NaN|NaT|None)\b", text)]
    assert not leaks, f"missing values shown raw: {leaks}"


def test_unknown_cell_in_the_url_is_not_an_error():
    at = run_page("", {"cell": "Atlantis · The Quad"})
    assert not at.exception
    assert not at.get("subheader")


def test_presentation_mode_adds_the_footer_and_hides_navigation(monkeypatch):
    positions = []
    navigation = st.navigation

    def recording_navigation(pages, **kwargs):
        positions.append(kwargs.get("position", "sidebar"))
        return navigation(pages, **kwargs)

    monkeypatch.setattr(st, "navigation", recording_navigation)
    at = run_page("", {"present": "true"})
    assert not at.exception
    assert positions and set(positions) == {"hidden"}
    footers = [m.value for m in at.markdown if 'data-testid="atlas-footer"' in m.value]
    assert len(footers) == 1
    assert f"stances as of {_latest_date().isoformat()}" in footers[0]
    assert "The Hankyoreh" in footers[0]
    menus = [menu.proto.popover.label for menu in at.main.get("popover")]
    assert menus == [PICKER], "no download menu when presenting, only the cell picker"
    assert heatmap_specs(at)[0]["large"], "large type on the heatmap"


def test_menus_send_only_their_buttons_until_opened():
    """A closed download or Cite menu sends its button and nothing inside it (widgets/menu.py)."""
    closed = run_page("")
    assert not closed.exception
    assert [menu.proto.popover.label for menu in closed.main.get("popover")] == [PICKER, "Download this view"]
    assert "Cite this view" in [menu.proto.popover.label for menu in closed.sidebar.get("popover")]
    assert not closed.get("download_button") and not closed.sidebar.code
    opened = run_page("", open_menus=True)
    assert not opened.exception
    labels = [b.proto.label for b in opened.main.get("download_button")]
    assert labels[:3] == ["PNG (2×)", "SVG", "CSV"] and "Data file (YAML)" in labels
    assert len(opened.sidebar.code) == 4, "the permalink, APA, Chicago and BibTeX"
    assert opened.title[0].value == closed.title[0].value, "opening a menu changes nothing else"


def test_the_sidebar_sums_up_the_date_the_file_and_the_checks_in_one_caption():
    at = run_page("", {"as_of": "2020-01-31"})
    assert not at.exception
    (summary,) = at.sidebar.caption  # one element: each one sent is one more render before the cells show
    paragraphs = summary.value.split("\n\n")
    assert paragraphs[0] == "Showing the stances in force on 31 January 2020."
    assert paragraphs[1].startswith("2 countries · 2 issues · 6 positions · 2 sources · data file ")
    assert paragraphs[2] == "Quotes not verified here: no source archive found (5 quotes)."


def test_navigation_is_in_the_sidebar_outside_presentation_mode(monkeypatch):
    positions = []
    navigation = st.navigation
    monkeypatch.setattr(
        st, "navigation", lambda pages, **kw: positions.append(kw.get("position")) or navigation(pages, **kw)
    )
    at = run_page("")
    assert not at.exception
    assert positions and set(positions) == {"sidebar"}
    assert not [m for m in at.markdown if "atlas-footer" in m.value]


def test_invalid_data_lists_every_problem_with_line_and_column(tmp_path, monkeypatch):
    text = VALID.read_text(encoding="utf-8")
    broken = (
        text.replace("    name: South Korea\n", "    name: South Korea\n    capital: Seoul\n", 1)
        .replace("    stance: -1\n", "    stance: strong\n", 1)
        .replace("as_of: 2020-09-12", "as_of: 2020-13-12", 1)
    )
    lines = broken.splitlines()

    def located(token: str) -> tuple[int, int]:
        number = next(n for n, line in enumerate(lines, 1) if token in line)
        return number, lines[number - 1].index(token) + 1

    expected = {located("capital: Seoul"), located("strong"), located("2020-13-12")}
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    monkeypatch.setenv("STANCES_FILE", str(path))

    at = run_page("")
    assert not at.exception
    assert [t.value for t in at.title] == ["The data file has problems"]
    assert "3 problem(s)" in at.error[0].value
    table = at.dataframe[0].value
    assert set(zip(table["line"], table["column"], strict=True)) == expected
    messages = " ".join(table["problem"])
    for fragment in ("capital", "strong", "2020-13-12"):
        assert fragment in messages
    assert not heatmap_specs(at), "no matrix from data that failed validation"


def test_missing_data_file_shows_the_error_page(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(tmp_path / "absent.yaml"))
    at = run_page("")
    assert not at.exception
    assert [t.value for t in at.title] == ["The data file has problems"]
    assert "cannot read file" in " ".join(at.dataframe[0].value["problem"])


# A quote behind a null stance is allowed; it puts the extra cell on the Sources page (from a source
# dated before the position's 2020-01-15).
EXTRA_QUOTE = {"source": "hani-2019-06-14", "quote": "consider measures that respect corporate autonomy"}


@pytest.mark.parametrize(("index", "path"), [(i, page[3]) for i, page in enumerate(PAGES)], ids=[p[3] for p in PAGES])
def test_extra_country_and_issue_appear_on_every_page(tmp_path, monkeypatch, index, path):
    monkeypatch.setenv("STANCES_FILE", str(with_testland(quote=EXTRA_QUOTE).write(tmp_path)))
    at = run_page(_route(index, path))
    assert not at.exception, at.exception
    text = page_text(at)
    expected = {EXTRA_COUNTRY, EXTRA_ISSUE} - NOT_LISTED_BY_DESIGN.get(path, set())
    missing = sorted(name for name in expected if name not in text)
    assert not missing, f"the {path} page does not show {missing}"


def test_the_first_run_freezes_what_the_server_holds_once_and_only_once():
    """Full collections then skip the modules and the cached dataset (components/app/collector.py)."""
    gc.unfreeze()  # as in a fresh server process, whatever ran before in this one
    assert gc.get_freeze_count() == 0
    run_page("")
    frozen = gc.get_freeze_count()
    assert frozen > 10_000, "the modules and the dataset the first run loaded are frozen"
    run_page("")
    # Later runs freeze nothing more (their objects are collected as usual); a frozen object that
    # nothing refers to any longer is still freed, so the count may only fall.
    assert gc.get_freeze_count() <= frozen
