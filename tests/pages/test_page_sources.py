"""The Sources page: bibliography, verification headline, search, and one source's quotes."""

from __future__ import annotations

import datetime as dt

from apptest_support import run_page
from builders import quote, with_new_zealand

from components.app.widgets.text import plain

HANKYOREH = "[News analysis] Both S. Korea and Japan value their national interests over their reliance on the US"
HANI = 'S. Korea decides to "respect corporate autonomy" in response to US anti-Huawei pressure'


def with_bare_source():
    """builders.with_new_zealand() plus a source with no URL or date, quoted in New Zealand's Cost-sharing stance."""
    quoted = quote("bare-note", "a test quote with no archive", said_on=dt.date(2020, 6, 1))  # the source has no date
    return (
        with_new_zealand()
        .source({"id": "bare-note", "kind": "test note"})
        .position("NZ", "cost_sharing", dt.date(2020, 6, 1), 2, "Test position.", confidence="low", evidence=[quoted])
    )


def table(at):
    assert len(at.dataframe) == 1
    return at.dataframe[0].value.set_index("id")


def test_lists_every_source_with_its_cells_and_verification(archive):
    at = run_page("sources")
    assert not at.exception
    assert at.title[0].value == "Sources"
    assert [s.value for s in at.success] == ["5 of 5 quotes verified against the source archive"]
    rows = table(at)
    assert list(rows.index) == ["hankyoreh-2020-10-22", "hani-2019-06-14"]
    assert rows.loc["hankyoreh-2020-10-22", "title"] == HANKYOREH
    assert rows.loc["hankyoreh-2020-10-22", "author"] == "Gil Yun-hyung"
    assert rows.loc["hani-2019-06-14", "author"] == "unknown"
    assert rows.loc["hankyoreh-2020-10-22", "cited_by"] == (
        "Japan · Clean Network, Japan · The Quad, South Korea · The Quad"
    )
    assert rows.loc["hani-2019-06-14", "cited_by"] == "South Korea · Clean Network"
    assert rows.loc["hankyoreh-2020-10-22", "url"].startswith("http://english.hani.co.kr/")
    assert list(rows["quotes"]) == [4, 1]
    assert list(rows["verified"]) == [4, 1]
    assert set(rows["status"]) == {"all quotes verified"}
    assert "2 of 2 sources" in " ".join(c.value for c in at.caption)


def test_an_archive_without_the_files_verifies_nothing(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCES_SOURCES", str(tmp_path))
    at = run_page("sources")
    assert not at.exception
    assert [w.value for w in at.warning] == ["0 of 5 quotes verified against the source archive"]
    assert "Not verified: 5 archive file missing" in [c.value for c in at.caption]
    assert list(table(at)["status"]) == ["4 of 4 not verified", "1 of 1 not verified"]


def test_without_an_archive_the_page_says_so_and_how_to_set_one(monkeypatch, tmp_path):
    monkeypatch.setenv("STANCES_SOURCES", str(tmp_path / "absent"))
    at = run_page("sources")
    assert not at.exception
    assert not at.success and not at.warning
    notice = at.info[0].value
    assert "Quotes not verified here" in notice and "5 quotes" in notice
    assert "STANCES_SOURCES=" in at.code[0].value
    assert set(table(at)["status"]) == {"not verified here"}


def test_search_from_the_url_filters_the_table():
    at = run_page("sources", {"find": "EXCERPT"})
    assert not at.exception
    assert at.text_input(key="find").value == "EXCERPT"
    assert list(table(at).index) == ["hani-2019-06-14"]
    assert "1 of 2 sources match the search." in " ".join(c.value for c in at.caption)


def test_search_box_narrows_and_widens_the_table():
    at = run_page("sources")
    at.text_input(key="find").input("Gil Yun-hyung").run()
    assert list(table(at).index) == ["hankyoreh-2020-10-22"]
    at.text_input(key="find").input("no such source").run()
    assert table(at).empty
    at.text_input(key="find").input("").run()
    assert len(table(at)) == 2


def test_picking_a_source_lists_its_quotes_with_cells_and_status(archive):
    at = run_page("sources")
    at.selectbox(key="source").set_value("hankyoreh-2020-10-22").run()
    assert not at.exception
    markdown = [m.value for m in at.markdown]
    assert f"**{plain(HANKYOREH)}**" in markdown
    quotes = [m for m in markdown if m.startswith("> ")]
    assert len(quotes) == 4
    assert "> “Japan agrees on the idea of establishing a cooperative body" in quotes[2]
    captions = [c.value for c in at.caption]
    assert "Supports Japan · The Quad: Leaning aligned, in the position of 2020-10-22" in captions
    assert "Supports South Korea · The Quad: Leaning resistant, in the position of 2020-10-22" in captions
    badges = [m for m in markdown if "badge[" in m]
    assert len(badges) == 4 and all("✓ verified" in b and "#:~:text=" in b for b in badges)


def test_the_picked_source_is_read_from_the_url():
    label = f"{HANI} — The Hankyoreh (English edition), 2019-06-14"
    at = run_page("sources", {"source": label})
    assert not at.exception
    assert at.selectbox(key="source").value == "hani-2019-06-14"
    assert any("respect corporate autonomy without affecting" in m.value for m in at.markdown)
    assert "Supports South Korea · Clean Network: Hedging, in the position of 2019-06-13" in [
        c.value for c in at.caption
    ]


def test_an_extra_country_issue_and_bare_source_are_shown(monkeypatch, tmp_path, archive):
    monkeypatch.setenv("STANCES_FILE", str(with_bare_source().write(tmp_path)))
    at = run_page("sources")
    assert not at.exception
    assert [w.value for w in at.warning] == ["5 of 6 quotes verified against the source archive"]
    rows = table(at)
    bare = rows.loc["bare-note"]
    assert bare["title"] == "Untitled capture"
    assert (bare["publisher"], bare["author"], bare["date"], bare["kind"]) == (
        "unknown",
        "unknown",
        "undated",
        "test note",
    )
    assert bare["url"] is None or bare["url"] != bare["url"]  # empty: the grid shows "no URL"
    assert bare["cited_by"] == "New Zealand · Cost-sharing"
    assert bare["status"] == "1 of 1 not verified"
    assert "Untitled capture — Publisher unknown, undated" in at.selectbox(key="source").options
    at.text_input(key="find").input("new zealand").run()  # a country's name finds the sources citing it
    assert list(table(at).index) == ["bare-note"]
    at.selectbox(key="source").set_value("bare-note").run()
    assert "No URL recorded for this source. · no archive file" in [m.value for m in at.markdown]
    assert any(":orange-badge[no archive entry]" in m.value for m in at.markdown)
