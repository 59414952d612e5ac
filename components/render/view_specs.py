"""The app's chart views as Vega-Lite specs, built from the data: what the app's loaders cache.

A spec is built once per view because building and checking an Altair chart costs more than
the rest of a page's rerun; the app caches these, the tests call them directly. No Streamlit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components import tables
from components.data.schema import Dataset
from components.render.changes_chart import changes_alt_text, changes_chart
from components.render.timeline_charts import as_of_rule, timeline_chart, with_timestamps


def timeline_spec(
    timeline: pd.DataFrame,
    dataset: Dataset,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    countries: tuple[str, ...] | None,
    by: str,
    height: int,
) -> dict:
    """A timeline (Issue and Country pages) with the governments of `countries` (None: all), and a
    rule at `as_of` when it falls inside the period shown."""
    governments = tables.governments_table(dataset, list(countries) if countries else None, start, end)
    chart = timeline_chart(
        with_timestamps(timeline), dataset, with_timestamps(governments), pd.Timestamp(start), pd.Timestamp(end), by
    ).properties(height=height)
    chart = chart + as_of_rule(as_of) if start <= as_of <= end else chart
    return chart.to_dict()


def changes_spec(
    dataset: Dataset,
    start: dt.date,
    end: dt.date,
    countries: tuple[str, ...],
    issues: tuple[str, ...],
    colors: tuple[str, ...],
    large: bool,
) -> tuple[dict, str] | None:
    """The Changes page's chart and its alt text; None when nothing is coded in the view."""
    timeline = tables.timeline_table(dataset, end, list(countries), list(issues))
    if not timeline["stance"].notna().any():
        return None
    names = {c.id: c.name for c in dataset.countries} | {i.id: i.name for i in dataset.issues}
    chart = changes_chart(
        with_timestamps(timeline),
        dataset,
        with_timestamps(tables.governments_table(dataset, list(countries), start, end)),
        start,
        end,
        [names[c] for c in countries],
        [names[i] for i in issues],
        colors,
        large,
    )
    return chart.to_dict(), changes_alt_text(timeline, start, end)
