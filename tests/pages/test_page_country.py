"""The Country page under AppTest: governments, every issue's stance, and how stances moved."""

from __future__ import annotations

import pyarrow as pa
from apptest_support import page_text, run_page, unescaped


def card_headings(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("**") and "badge[" in m.value]


def test_default_country_shows_profile_and_every_issue():
    at = run_page("country")
    assert not at.exception
    assert at.title[0].value == "Country: Japan"
    governments = at.table[0].value
    assert governments.to_dict("records") == [
        {"Leader": "Abe Shinzo", "From": "2012-12-26", "To": "2020-09-16"},
        {"Leader": "Suga Yoshihide", "From": "2020-09-16", "To": "2021-10-04"},
    ]
    assert card_headings(at) == [
        "**Clean Network** &nbsp; :orange-badge[Leaning resistant (-1)]",
        "**The Quad** &nbsp; :blue-badge[Leaning aligned (+1)]",
    ]
    text = page_text(at)
    assert "Government led by Suga Yoshihide" in text
    assert "Since 2020-10-22 · ●●○ medium confidence · 1 quote(s)" in text
    assert "Backs a cooperative body for democracy and the rule of law." in text


def test_quotes_sit_in_an_expander_per_issue():
    at = run_page("country")
    expanders = {e.label: e for e in at.expander}
    assert "Quotes for The Quad (1)" in expanders
    quotes = unescaped(m.value for m in expanders["Quotes for The Quad (1)"].markdown)
    assert "Japan agrees on the idea of establishing a cooperative body" in quotes


def test_changes_are_listed_with_their_direction():
    at = run_page("country")
    assert "- 2020-10-22: The Quad moved from Hedging (0) to Leaning aligned (+1) · *towards alignment*" in page_text(
        at
    )


def test_timeline_by_issue_marks_this_countrys_governments():
    at = run_page("country", params={"country": "South Korea"})
    chart = at.get("vega_lite_chart")[0]
    assert "Timeline of stances for South Korea, one line per issue" in chart.proto.alt
    assert "Clean Network from 2019-06-13: Hedging" in chart.proto.alt
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    leaders = {leader for frame in frames if "leader" in frame for leader in frame["leader"]}
    assert "Suga Yoshihide" not in leaders  # only South Korea's changes of government


def test_query_param_selects_the_country():
    at = run_page("country", params={"country": "South Korea"})
    assert not at.exception
    assert at.title[0].value == "Country: South Korea"
    assert at.selectbox[0].value == "KR"
    assert at.table[0].value["To"].tolist() == ["2022-05-09", "in office"]
    assert "- 2019-06-13: Clean Network moved from No stance to Hedging (0)" in page_text(at)


def test_as_of_changes_stances_leader_and_changes():
    at = run_page("country", params={"as_of": "2020-09-13"})
    assert not at.exception
    assert at.subheader[0].value == "Stances as of 13 September 2020"
    assert card_headings(at) == [
        "**Clean Network** &nbsp; :gray-badge[No evidence]",
        "**The Quad** &nbsp; :gray-badge[Hedging (0)]",
    ]
    text = page_text(at)
    assert "Government led by Abe Shinzo" in text
    assert "No stance has changed by this date" in text
    assert "moved from" not in text


def test_extra_country_and_issue_appear(testland):
    at = run_page("country", params={"country": "Testland"})
    assert not at.exception
    assert at.title[0].value == "Country: Testland"
    assert at.selectbox[0].options == ["Japan", "South Korea", "Testland"]
    assert at.table[0].value.to_dict("records") == [{"Leader": "Ada Test", "From": "2019-03-01", "To": "in office"}]
    assert card_headings(at) == [
        "**Clean Network** &nbsp; :gray-badge[No evidence]",
        "**The Quad** &nbsp; :gray-badge[No evidence]",
        "**Fixture issue** &nbsp; :gray-badge[No stance]",
    ]
    assert "Test fixture only: assessed, and no stance applies." in page_text(at)
    assert "No coded stance for Testland yet" in at.info[0].value


def test_extra_issue_shows_for_existing_country(testland):
    at = run_page("country")
    assert "**Fixture issue** &nbsp; :gray-badge[No evidence]" in card_headings(at)


def test_downloads_offered_except_when_presenting():
    at = run_page("country", open_menus=True)
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"PNG (2×)", "SVG", "JSON", "Briefing (Markdown)"} <= set(labels)
    at = run_page("country", params={"present": "true"}, open_menus=True)
    assert not at.exception
    assert not at.get("download_button")
    assert at.title[0].value == "Country: Japan"
