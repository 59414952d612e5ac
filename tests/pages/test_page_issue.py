"""The Issue page under AppTest: question, codebook, every country's stance, timeline."""

from __future__ import annotations

import pyarrow as pa
from apptest_support import page_text, run_page, unescaped

from components.app.widgets.text import plain


def card_headings(at) -> list[str]:
    return [m.value for m in at.main.markdown if m.value.startswith("**")]


def chart_frames(chart):
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]


def test_default_issue_shows_question_codebook_and_every_country():
    at = run_page("issue")
    assert not at.exception
    assert at.title[0].value == "Issue: Clean Network"
    assert at.subheader[0].value.startswith("How far does the country exclude Chinese vendors")
    codebook = at.table[0].value
    assert codebook["Value"].tolist() == ["+2", "+1", "0", "-1", "-2"]
    assert codebook["Label"].tolist() == ["Aligned", "Leaning aligned", "Hedging", "Leaning resistant", "Resistant"]
    meanings = codebook["On this issue"].tolist()
    # st.table renders Markdown, so the file's wording arrives escaped and shows verbatim
    assert meanings[0] == plain("Bars Chinese vendors by law or policy and joins US-led frameworks")
    assert meanings[1] == meanings[3] == plain("not defined")
    assert card_headings(at) == [
        "**Japan** &nbsp; :orange-badge[Leaning resistant (-1)]",
        "**South Korea** &nbsp; :gray-badge[Hedging (0)]",
    ]
    text = page_text(at)
    assert "Since 2020-10-06 · ●●○ medium confidence · 1 quote(s)" in text
    assert "Declined the US request to join the Clean Network." in text


def test_quotes_sit_in_an_expander_per_country():
    at = run_page("issue")
    expanders = {e.label: e for e in at.expander}
    assert "Quotes for Japan (1)" in expanders
    quotes = unescaped(m.value for m in expanders["Quotes for Japan (1)"].markdown)
    assert "not participate in a framework that excludes particular countries" in quotes


def test_timeline_marks_governments_and_the_as_of_date():
    at = run_page("issue", params={"issue": "The Quad"})
    chart = at.get("vega_lite_chart")[0]
    assert "Japan from 2020-09-12: Hedging" in chart.proto.alt
    frames = chart_frames(chart)
    leaders = {leader for frame in frames if "leader" in frame for leader in frame["leader"]}
    assert "Suga Yoshihide" in leaders
    assert any("text" in frame and "as of 2020-10-22" in set(frame["text"]) for frame in frames)


def test_query_param_selects_the_issue():
    at = run_page("issue", params={"issue": "The Quad"})
    assert not at.exception
    assert at.title[0].value == "Issue: The Quad"
    assert at.selectbox[0].value == "quad"
    assert "**South Korea** &nbsp; :orange-badge[Leaning resistant (-1)]" in card_headings(at)
    assert "Backs its principles, avoids its security side" in at.table[0].value["On this issue"].tolist()


def test_as_of_changes_the_stances_shown():
    at = run_page("issue", params={"as_of": "2019-01-01"})
    assert not at.exception
    assert at.subheader[1].value == "Where each country stands as of 1 January 2019"
    assert card_headings(at) == [
        "**Japan** &nbsp; :gray-badge[No evidence]",
        "**South Korea** &nbsp; :gray-badge[No stance]",
    ]
    text = page_text(at)
    assert "No evidence: nothing recorded by 2019-01-01" in text
    assert "Assessed 2018-12-01 · no stance coded · 0 quote(s)" in text
    assert "Assessed; no public position on Chinese vendors yet." in text
    assert not [e.label for e in at.expander if e.label.startswith("Quotes")]  # nothing to quote yet


def test_extra_country_and_issue_appear(testland):
    at = run_page("issue", params={"issue": "Fixture issue"})
    assert not at.exception
    assert at.title[0].value == "Issue: Fixture issue"
    assert at.selectbox[0].options == ["Clean Network", "The Quad", "Fixture issue"]
    assert at.table[0].value["On this issue"].tolist() == [
        "Takes the US side",
        "not defined",
        "not defined",
        "not defined",
        "Takes the other side",
    ]
    assert "**Testland** &nbsp; :gray-badge[No stance]" in card_headings(at)
    assert "Test fixture only: assessed, and no stance applies." in page_text(at)
    assert "No coded stance for Fixture issue yet" in at.info[0].value
    assert not at.get("vega_lite_chart")


def test_extra_country_shows_on_existing_issue(testland):
    at = run_page("issue")
    assert "**Testland** &nbsp; :gray-badge[No evidence]" in card_headings(at)


def test_downloads_offered_except_when_presenting():
    at = run_page("issue", open_menus=True)
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"PNG (2×)", "SVG", "CSV", "Briefing (HTML)"} <= set(labels)
    at = run_page("issue", params={"present": "true"}, open_menus=True)
    assert not at.exception
    assert not at.get("download_button")
    assert at.title[0].value == "Issue: Clean Network"
