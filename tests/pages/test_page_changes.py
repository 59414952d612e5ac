"""The Changes page under AppTest: two dates, the cells that moved, every change, and the chart.

On the valid fixture: Japan's Quad moves from Hedging (first coded 2020-09-12) to Leaning aligned
(2020-10-22), and South Korea's Clean Network from No stance (2018-12-01, the first position) to
Hedging (2019-06-13); the other two cells have one position each.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from apptest_support import clear_caches, page_text, run_page
from builders import VALID, dump, valid_data

from components.app.pages.changes import MOST_CARDS

FIRST = dt.date(2018, 12, 1)  # the fixture's first position
TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _fixture_data(monkeypatch):
    clear_caches()
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    yield
    clear_caches()


def _day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def card_headings(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and "badge[" in m.value and " · " in m.value]


def change_list(at):
    return at.dataframe[0].value


def test_defaults_are_the_first_position_and_today():
    at = run_page("changes")
    assert not at.exception
    assert at.title[0].value == f"Changes between {_day(FIRST)} and {_day(TODAY)}"
    start, end = at.date_input(key="from"), at.date_input(key="to")
    assert (start.value, end.value) == (FIRST, TODAY)
    assert (start.min, start.max, end.min, end.max) == (FIRST, TODAY, FIRST, TODAY), (
        "never before the data or after today"
    )
    assert [s.value for s in at.subheader] == [
        f"What moved between {_day(FIRST)} and {_day(TODAY)}",
        f"Every change of stance in the data, {_day(FIRST)} to 22 October 2020",
        f"Each country's stances, 2018 to {_day(TODAY)}",
    ]


def test_moved_cells_are_cards_with_the_move_in_words_direction_and_governments():
    at = run_page("changes")
    assert card_headings(at) == [
        "**Japan · The Quad** &nbsp; :blue-badge[▲ towards alignment]",
        "**South Korea · Clean Network** &nbsp; :gray-badge[no direction]",
    ]
    text = page_text(at)
    assert "#### Hedging (0) → :blue[Leaning aligned (+1)]" in text
    assert "#### No stance → Hedging (0)" in text
    assert "**Government:** Abe Shinzo **→** no government recorded" in text  # Suga's term ends 2021-10-04
    assert "**Government:** Moon Jae-in **→** Yoon Suk-yeol" in text
    assert "From its first recorded stance, 12 September 2020 (none on 1 December 2018)" in text
    assert f"From its stance on 1 December 2018, to its stance on {_day(TODAY)}, in force since 13 June 2019." in text
    assert "2 cell(s) moved: 1 towards alignment with the US-led position" in text


def test_each_card_holds_the_new_stances_evidence_as_quote_cards():
    at = run_page("changes")
    assert [e.label for e in at.expander] == ["Evidence for the new stance (1 quote(s))"] * 2
    quotes = [m.value for e in at.expander for m in e.markdown if m.value.startswith("> “")]
    assert len(quotes) == 2
    assert "Japan agrees on the idea of establishing a cooperative body" in quotes[0]
    assert "respect corporate autonomy" in quotes[1]


def test_every_change_is_listed_oldest_first():
    at = run_page("changes")
    table = change_list(at)
    assert list(table.columns) == ["Date", "Country", "Issue", "Change", "Government", "Summary"]
    assert table.to_dict("records") == [
        {
            "Date": "2019-06-13",
            "Country": "South Korea",
            "Issue": "Clean Network",
            "Change": "No stance → Hedging (0)",
            "Government": "Moon Jae-in",
            "Summary": "Leaves the choice of vendor to companies.",
        },
        {
            "Date": "2020-10-22",
            "Country": "Japan",
            "Issue": "The Quad",
            "Change": "Hedging (0) → Leaning aligned (+1)",
            "Government": "Suga Yoshihide",
            "Summary": "Backs a cooperative body for democracy and the rule of law.",
        },
    ]
    assert "2 change(s), oldest first" in page_text(at)


def test_dates_from_the_url_choose_the_period():
    at = run_page("changes", params={"from": "2020-10-01", "to": "2021-01-01"})
    assert not at.exception
    assert at.title[0].value == "Changes between 1 October 2020 and 1 January 2021"
    assert (at.date_input(key="from").value, at.date_input(key="to").value) == (
        dt.date(2020, 10, 1),
        dt.date(2021, 1, 1),
    )
    assert card_headings(at) == ["**Japan · The Quad** &nbsp; :blue-badge[▲ towards alignment]"]
    assert "From its stance on 1 October 2020, to its stance on 1 January 2021" in page_text(at)
    assert len(change_list(at)) == 2, "the list is every change in the data, whatever the dates"


def test_reversed_dates_are_shown_in_order():
    at = run_page("changes", params={"from": "2021-01-01", "to": "2020-10-01"})
    assert not at.exception
    assert at.title[0].value == "Changes between 1 October 2020 and 1 January 2021"
    assert "“From” was after “To”: showing 1 October 2020 to 1 January 2021." in page_text(at)


def test_a_period_without_moves_says_so():
    at = run_page("changes", params={"from": "2020-10-23", "to": "2021-06-01"})
    assert not at.exception
    assert not card_headings(at)
    assert "No stance in view moved between 23 October 2020 and 1 June 2021" in at.info[0].value


def test_country_and_issue_filters_from_the_url_narrow_the_whole_page():
    at = run_page("changes", params={"in_country": "South Korea"})
    assert not at.exception
    assert at.multiselect(key="in_country").value == ["KR"]
    assert card_headings(at) == ["**South Korea · Clean Network** &nbsp; :gray-badge[no direction]"]
    assert change_list(at)["Country"].tolist() == ["South Korea"]
    assert "1 change(s) for the chosen countries and issues" in page_text(at)
    chart = at.get("vega_lite_chart")[0]
    assert "South Korea — " in chart.proto.alt and "Japan — " not in chart.proto.alt

    at = run_page("changes", params={"in_issue": "The Quad"})
    assert at.multiselect(key="in_issue").value == ["quad"]
    assert card_headings(at) == ["**Japan · The Quad** &nbsp; :blue-badge[▲ towards alignment]"]
    assert change_list(at)["Issue"].tolist() == ["The Quad"]


def test_choosing_a_filter_updates_the_list():
    at = run_page("changes")
    at.multiselect(key="in_country").select("JP").run()
    assert not at.exception
    assert change_list(at)["Country"].tolist() == ["Japan"]
    assert card_headings(at) == ["**Japan · The Quad** &nbsp; :blue-badge[▲ towards alignment]"]


def test_the_chart_has_a_panel_per_country_and_an_alt_text():
    at = run_page("changes")
    [chart] = at.get("vega_lite_chart")
    alt = chart.proto.alt
    assert alt.startswith("Step charts of stances from 2018 to ")
    assert "Japan — Clean Network: Leaning resistant from 2020-10-06; " in alt
    assert "The Quad: Hedging from 2020-09-12, then Leaning aligned from 2020-10-22. South Korea — " in alt
    assert "South Korea — Clean Network: Hedging from 2019-06-13" in alt
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    leaders = {name for frame in frames if "name_at" in frame for name in frame["name"]}
    assert {"Abe Shinzo", "Suga Yoshihide", "Moon Jae-in", "Yoon Suk-yeol"} <= leaders


def test_the_list_downloads_as_csv_and_the_chart_as_images_except_when_presenting():
    at = run_page("changes", open_menus=True)
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "PNG (2×)", "SVG"]
    at = run_page("changes", params={"present": "true"}, open_menus=True)
    assert not at.exception
    assert not at.get("download_button")
    assert at.title[0].value.startswith("Changes between")


def test_many_moves_show_the_first_cards_and_point_to_the_list(tmp_path, monkeypatch):
    data = valid_data()
    evidence = [
        {"source": "hankyoreh-2020-10-22", "quote": "Japan agrees on the idea", "speaker": "Test", "voice": "report"}
    ]
    for n in range(MOST_CARDS + 1):
        data["countries"].append({"id": f"T{n:02d}", "name": f"Testland {n:02d}"})
        for as_of, stance in ((dt.date(2020, 10, 22), 0), (dt.date(2021, 1, 5), 1)):
            data["positions"].append(
                {
                    "country": f"T{n:02d}",
                    "issue": "quad",
                    "as_of": as_of,
                    "stance": stance,
                    "confidence": "low",
                    "summary": "Test fixture: a move.",
                    "evidence": evidence,
                }
            )
    path = tmp_path / "many.yaml"
    path.write_bytes(dump(data))
    monkeypatch.setenv("STANCES_FILE", str(path))
    at = run_page("changes")
    assert not at.exception
    assert len(card_headings(at)) == MOST_CARDS
    assert f"Showing the first {MOST_CARDS} of {MOST_CARDS + 3} moved cells" in page_text(at)
    chart = at.get("vega_lite_chart")[0]
    assert "the 6 countries with the most changes" in page_text(at)
    assert chart.proto.alt.count(" — ") == 6
