"""The Compare page under AppTest: chosen countries side by side, widest gaps first."""

from __future__ import annotations

from apptest_support import page_text, run_page
from builders import with_testland


def test_renders_every_country_with_differences_widest_first():
    at = run_page("compare")
    assert not at.exception
    assert at.title[0].value == "Compare countries"
    assert at.multiselect[0].value == ["JP", "KR"]  # all of them when four or fewer
    side = at.dataframe[0].value
    assert list(side.columns) == ["Issue", "Japan", "South Korea"]
    assert side.set_index("Issue").loc["The Quad"].tolist() == ["Leaning aligned (+1)", "Leaning resistant (-1)"]
    differences = at.dataframe[1].value
    assert list(differences.columns) == [
        "Issue",
        "Country",
        "Its stance",
        "Other country",
        "Other's stance",
        "Gap (steps on the scale)",
    ]
    assert differences["Gap (steps on the scale)"].tolist() == [2, 1]
    assert differences.iloc[0]["Issue"] == "The Quad"


def test_chart_describes_each_stance():
    at = run_page("compare")
    chart = at.get("vega_lite_chart")[0]
    assert "South Korea on The Quad: Leaning resistant" in chart.proto.alt
    assert "as of 2020-10-22" in chart.proto.alt


def test_extra_country_and_issue_appear_with_their_gaps_named(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(with_testland().write(tmp_path)))
    at = run_page("compare")
    assert not at.exception
    assert at.multiselect[0].value == ["JP", "KR", "X0"]
    side = at.dataframe[0].value.set_index("Issue")
    assert list(side.columns) == ["Japan", "South Korea", "Testland"]
    assert side.loc["Fixture issue"].tolist() == ["No evidence", "No evidence", "No stance"]
    assert side.loc["The Quad", "Testland"] == "No evidence"
    assert "5 of 9 cells have no coded stance, so no dot" in page_text(at)


def test_query_params_choose_countries_in_their_order(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(with_testland().write(tmp_path)))
    at = run_page("compare", params={"countries": ["Testland", "Japan"]})
    assert at.multiselect[0].value == ["X0", "JP"]
    assert list(at.dataframe[0].value.columns) == ["Issue", "Testland", "Japan"]
    assert at.info[0].value.startswith("No issue where two of these countries both have a coded stance")


def test_one_country_asks_for_another():
    at = run_page("compare", params={"countries": "Japan"})
    assert not at.exception
    assert "Choose at least two countries" in at.info[0].value
    assert not at.dataframe
    assert not at.get("vega_lite_chart")


def test_more_than_four_countries_default_to_the_first_two_and_cap_at_four(tmp_path, monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(with_testland(countries=3).write(tmp_path)))
    at = run_page("compare")
    assert at.multiselect[0].value == ["JP", "KR"]
    names = ["Japan", "South Korea", "Testland", "Testland 2", "Testland 3"]
    at = run_page("compare", params={"countries": names})
    assert at.multiselect[0].value == ["JP", "KR", "X0", "X1"]


def test_as_of_changes_the_comparison():
    at = run_page("compare", params={"as_of": "2019-07-01"})
    assert not at.exception
    side = at.dataframe[0].value.set_index("Issue")
    assert side.loc["Clean Network"].tolist() == ["No evidence", "Hedging (0)"]
    assert "as of 1 July 2019" in at.caption[0].value
    assert "3 of 4 cells have no coded stance" in page_text(at)
    assert len(at.dataframe) == 1  # no pair is coded on any issue yet
    assert "No issue where two of these countries both have a coded stance" in page_text(at)


def test_nothing_coded_yet_says_so_instead_of_an_empty_chart():
    at = run_page("compare", params={"as_of": "2018-12-15"})
    assert not at.exception
    assert "None of these countries has a coded stance as of 2018-12-15" in at.info[0].value
    assert not at.get("vega_lite_chart")
    assert at.dataframe[0].value.set_index("Issue")["South Korea"].tolist() == ["No stance", "No evidence"]


def test_downloads_offered_except_when_presenting():
    at = run_page("compare", open_menus=True)
    labels = [b.proto.label for b in at.get("download_button")]
    assert {"PNG (2×)", "SVG", "CSV", "JSON", "Briefing (Markdown)"} <= set(labels)
    assert [menu.proto.popover.label for menu in at.main.get("popover")] == ["Download this comparison"]
    at = run_page("compare", params={"present": "true"}, open_menus=True)
    assert not at.exception
    assert not at.get("download_button")
    assert at.dataframe[0].value.shape == (2, 3)
