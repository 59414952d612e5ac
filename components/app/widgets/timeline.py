"""A timeline of stances with changes of government and the as-of date marked (Issue, Country)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.text import plain

HEIGHT = 380  # the builder's default squeezes five scale levels and a legend on a projector
LINE_OF = {"country": "One line per country", "issue": "One line per issue"}


def timeline_window(ctx: AppContext) -> tuple[dt.date, dt.date]:
    """From the first year with data to the last position or the as-of date, whichever is later."""
    return dt.date(ctx.span[0].year, 1, 1), max(ctx.span[1], ctx.as_of)


def timeline_alt_text(subject: str, timeline: pd.DataFrame, by: str) -> str:
    steps = "; ".join(f"{getattr(row, by)} from {row.as_of}: {row.label}" for row in timeline.itertuples())
    return f"Timeline of stances for {subject}, {LINE_OF[by].lower()}, changes of government dashed. {steps}."


def render_timeline(
    ctx: AppContext, countries: list[str] | None, issues: list[str] | None, by: str, subject: str
) -> Callable[[], alt.LayerChart] | None:
    """The chart, returning what builds it again for a download; or a note when nothing is coded yet (None)."""
    start, end = timeline_window(ctx)
    countries_key = tuple(countries) if countries is not None else None
    issues_key = tuple(issues) if issues is not None else None
    timeline = data.timeline_table(ctx.digest, end, countries_key, issues_key, ctx.dataset)
    if not timeline["stance"].notna().any():
        st.info(f"No coded stance for {plain(subject)} yet, so there is no timeline to draw.")
        return None
    marked = ", the solid line the as-of date" if start <= ctx.as_of else f" (the as-of date is before {start.year})"
    st.caption(f"{LINE_OF[by]}; each step is a new coded stance. Dashed lines mark changes of government{marked}.")
    spec = data.timeline_chart_spec(
        ctx.digest, start, end, ctx.as_of, countries_key, issues_key, by, HEIGHT, ctx.dataset
    )
    st.vega_lite_chart(spec, width="stretch", alt=timeline_alt_text(subject, timeline, by))
    return lambda: alt.LayerChart.from_dict(spec)
