"""Charts built from date columns export to PNG/SVG; the as-of rule layers onto a timeline."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components import tables
from components.render import images
from components.render.charts import compare_chart
from components.render.timeline_charts import as_of_rule, timeline_chart, with_timestamps

START, END = dt.date(2018, 1, 1), dt.date(2021, 12, 31)


def test_with_timestamps_converts_only_date_columns():
    frame = pd.DataFrame({"day": [dt.date(2020, 1, 2), None], "name": ["a", "b"], "n": [1, 2]})
    converted = with_timestamps(frame)
    assert str(converted["day"].dtype).startswith("datetime64")
    assert converted["day"].iloc[0] == pd.Timestamp("2020-01-02")
    assert pd.isna(converted["day"].iloc[1])
    assert converted["name"].tolist() == ["a", "b"] and converted["n"].tolist() == [1, 2]
    assert frame["day"].iloc[0] == dt.date(2020, 1, 2)  # the input is left as it was


def test_timeline_with_governments_and_as_of_rule_exports(valid_dataset):
    timeline = tables.timeline_table(valid_dataset, END)
    governments = tables.governments_table(valid_dataset, None, START, END)
    chart = timeline_chart(
        with_timestamps(timeline),
        valid_dataset,
        with_timestamps(governments),
        pd.Timestamp(START),
        pd.Timestamp(END),
        "country",
    ) + as_of_rule(dt.date(2020, 10, 1))
    svg = images.chart_svg(images.titled(chart, "Timeline", dt.date(2020, 10, 1), ["test"]))
    assert "as of 2020-10-01" in svg
    assert "Suga Yoshihide" in svg


def test_compare_chart_exports_once_dates_are_timestamps(valid_dataset):
    matrix = tables.matrix_table(valid_dataset, END, ["JP", "KR"])
    svg = images.chart_svg(images.titled(compare_chart(with_timestamps(matrix), valid_dataset), "C", END, ["test"]))
    assert "Leaning resistant (-1)" in svg
