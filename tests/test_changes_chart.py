"""The Changes page's chart: a panel per country, issues as series, governments named where they fit."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from builders import valid_data

from components import tables
from components.data.schema import Dataset
from components.render import images
from components.render.changes_chart import NAME_ROWS, POINTER, _name_places, changes_chart
from components.render.timeline_charts import with_timestamps

START, END = dt.date(2017, 1, 1), dt.date(2026, 12, 1)


def _chart(ds: Dataset, countries: list[str], issues: list[str] | None = None):
    timeline = tables.timeline_table(ds, END)
    governments = tables.governments_table(ds, None, START, END)
    return changes_chart(
        with_timestamps(timeline),
        ds,
        with_timestamps(governments),
        START,
        END,
        countries,
        issues or [i.name for i in ds.issues],
    )


def _datasets(chart) -> list[pd.DataFrame]:
    return [pd.DataFrame(rows) for rows in chart.to_dict()["datasets"].values()]


def test_one_panel_per_country_with_its_leaders_and_exports(valid_dataset):
    chart = _chart(valid_dataset, ["Japan", "South Korea"])
    spec = chart.to_dict()
    assert [panel["title"]["text"] for panel in spec["concat"]] == ["Japan", "South Korea"]
    assert len(spec["datasets"]) == 3, "every panel filters the same three tables"
    svg = images.chart_svg(chart)
    for name in ("Japan", "South Korea", "Abe Shinzo", "Suga Yoshihide", "Moon Jae-in", "Yoon Suk-yeol"):
        assert name in svg
    assert "Clean Network" in svg and "The Quad" in svg, "the issue legend"


def test_only_chosen_countries_and_issues_are_drawn(valid_dataset):
    chart = _chart(valid_dataset, ["South Korea"], ["The Quad"])
    assert len(chart.to_dict()["concat"]) == 1
    drawn = {issue for frame in _datasets(chart) if "issue" in frame for issue in frame["issue"]}
    assert drawn == {"The Quad"}


def test_a_country_without_a_coded_stance_gets_no_panel():
    data = valid_data()
    data["countries"].append({"id": "XL", "name": "Testland"})
    data["positions"].append(
        {"country": "XL", "issue": "quad", "as_of": dt.date(2020, 1, 1), "stance": None, "summary": "Not coded."}
    )
    ds = Dataset.model_validate(data)
    assert [p["title"]["text"] for p in _chart(ds, ["Testland", "Japan"]).to_dict()["concat"]] == ["Japan"]


def test_only_the_first_panel_of_a_row_names_the_scale(valid_dataset):
    panels = _chart(valid_dataset, ["Japan", "South Korea"]).to_dict()["concat"]

    def y_axis(panel) -> dict:
        stance = [layer for layer in panel["layer"] if layer["encoding"].get("y", {}).get("field") == "plot_stance"]
        return stance[0]["encoding"]["y"]["axis"]

    assert "labelExpr" in y_axis(panels[0])
    assert y_axis(panels[1])["labels"] is False


def test_crowded_names_take_rows_and_never_overlap():
    """Five leaders in two years: at most NAME_ROWS rows, elected heads before acting ones."""
    leaders = [
        ("Yoon Suk-yeol", dt.date(2022, 5, 10), False),
        ("Han Duck-soo", dt.date(2024, 12, 14), True),
        ("Choi Sang-mok", dt.date(2024, 12, 27), True),
        ("Lee Ju-ho", dt.date(2025, 5, 2), True),
        ("Lee Jae-myung", dt.date(2025, 6, 4), False),
    ]
    shown = pd.DataFrame(
        {
            "name": [f"{n} (acting)" if a else n for n, _, a in leaders],
            "name_at": [pd.Timestamp(d) for _, d, _ in leaders],
            "acting": [a for *_, a in leaders],
        }
    )
    placed = _name_places(shown, pd.Timestamp(START), pd.Timestamp(END))
    named = placed.dropna(subset=["name_y"])
    assert {"Yoon Suk-yeol", f"Lee Jae-myung {POINTER}"} <= set(named["name"]), "elected heads are named first"
    assert named["name_y"].nunique() <= NAME_ROWS
    assert len(named) < len(placed), "names that cannot fit are left out, not printed over each other"
    right = placed[placed["align"] == "right"]
    assert all(name.endswith(POINTER) for name in right["name"]), "a name left of its line points at it"


def test_a_name_near_the_right_edge_is_drawn_left_of_its_line():
    shown = pd.DataFrame({"name": ["Takaichi Sanae"], "name_at": [pd.Timestamp(2026, 10, 1)], "acting": [False]})
    placed = _name_places(shown, pd.Timestamp(START), pd.Timestamp(END))
    assert placed["align"].tolist() == ["right"] and placed["name"].tolist() == [f"Takaichi Sanae {POINTER}"]
