"""The app's chart views as specs (render/view_specs): what the cached loaders hand to the pages."""

from __future__ import annotations

import datetime as dt
import json

from builders import loaded, valid_data

from components import tables
from components.render.changes_chart import FALLBACK_COLORS
from components.render.view_specs import changes_spec, timeline_spec

START, END = dt.date(2017, 1, 1), dt.date(2026, 12, 1)


def _has_as_of_rule(spec: dict) -> bool:
    return "as of 2020-10-22" in json.dumps(spec)


def test_a_timeline_marks_the_as_of_date_only_inside_its_period(valid_dataset):
    timeline = tables.timeline_table(valid_dataset, END, None, ("quad",))
    as_of = dt.date(2020, 10, 22)
    inside = timeline_spec(timeline, valid_dataset, START, END, as_of, None, "country", 240)
    assert _has_as_of_rule(inside) and '"height": 240' in json.dumps(inside)
    ended_before = timeline_spec(timeline, valid_dataset, START, dt.date(2020, 1, 1), as_of, None, "country", 240)
    assert not _has_as_of_rule(ended_before)


def test_a_timeline_names_only_the_chosen_countries_governments(valid_dataset):
    timeline = tables.timeline_table(valid_dataset, END, ("KR",), None)
    spec = json.dumps(timeline_spec(timeline, valid_dataset, START, END, END, ("KR",), "issue", 200))
    assert "Moon Jae-in" in spec and "Suga Yoshihide" not in spec


def test_the_changes_chart_comes_with_its_alt_text(valid_dataset):
    ids = tuple(c.id for c in valid_dataset.countries)
    issues = tuple(i.id for i in valid_dataset.issues)
    spec, alt = changes_spec(valid_dataset, START, END, ids, issues, FALLBACK_COLORS, False)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert "South Korea" in alt and "Japan" in json.dumps(spec)


def test_a_view_with_nothing_coded_has_no_changes_chart():
    data = valid_data()
    data["positions"] = [p for p in data["positions"] if p["stance"] is None]
    dataset = loaded(data)
    ids = tuple(c.id for c in dataset.countries)
    assert changes_spec(dataset, START, END, ids, ("clean_network",), FALLBACK_COLORS, False) is None
