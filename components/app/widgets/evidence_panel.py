"""One cell's evidence: summary, stance history, and each quote with its source."""

from __future__ import annotations

import streamlit as st

from components import tables
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.quote_card import render_quote_card
from components.app.widgets.text import plain
from components.app.widgets.timeline import timeline_window
from components.render.timeline_charts import history_chart
from components.tables.labels import confidence_reason, confidence_text


def render_evidence_panel(ctx: AppContext, country_id: str, issue_id: str) -> None:
    ds = ctx.dataset
    index = tables.latest_positions(ds, ctx.as_of).get((country_id, issue_id))
    title = f"{plain(ctx.country_name(country_id))} · {plain(ctx.issue_name(issue_id))}"
    with st.container(border=True, key="evidence_panel"):
        if index is None:
            st.subheader(title)
            st.info(f"No evidence: no position is recorded for this cell as of {ctx.as_of.isoformat()}.")
            _render_history(ctx, country_id, issue_id)
            return
        position = ds.positions[index]
        stance = f" ({tables.signed(position.stance)})" if position.stance is not None else ""
        st.subheader(f"{title} — {plain(ds.label_of(position.stance))}{stance}")
        confidence = confidence_text(position.confidence)
        st.caption(f"In force since {position.as_of.isoformat()} · {confidence} · {len(position.evidence)} quote(s)")
        st.markdown(plain(position.summary))
        st.caption(plain(confidence_reason(position, ctx.country_name(country_id))))
        left, right = st.columns([2, 3], gap="large")
        with left:
            _render_history(ctx, country_id, issue_id)
        with right:
            render_quotes(ctx, index)


def _render_history(ctx: AppContext, country_id: str, issue_id: str) -> None:
    history = tables.history_table(ctx.dataset, country_id, issue_id, ctx.span[1])
    st.markdown("**Stance history**")
    if history["stance"].notna().sum() == 0:
        st.caption("No coded stance for this cell yet.")
        return
    start, end = timeline_window(ctx)  # the same window as the Issue and Country timelines
    governments = tables.governments_table(ctx.dataset, [country_id], start, end)
    chart = history_chart(history, ctx.dataset, governments, start, end)
    st.altair_chart(chart, width="stretch", alt=_history_alt(ctx, country_id, issue_id, history))


def _history_alt(ctx: AppContext, country_id: str, issue_id: str, history) -> str:
    steps = "; ".join(f"{row.as_of}: {row.label}" for row in history.itertuples())
    return f"Stance history of {ctx.country_name(country_id)} on {ctx.issue_name(issue_id)}: {steps}."


def position_quotes(ctx: AppContext, positions) -> dict[int, list[dict]]:
    """The quotes of several positions as quote-card records, fetched together in one cached call:
    a page of many cards hits the cache once, not once per card."""
    return data.evidence_records(ctx.digest, ctx.archive_key, tuple(positions), ctx.dataset, ctx.checks)


def render_quote_list(quotes: list[dict]) -> None:
    if not quotes:
        st.caption("No quotes: the summary explains why no stance is coded.")
        return
    for row in quotes:
        render_quote_card(row)


def render_quotes(ctx: AppContext, position: int) -> None:
    render_quote_list(position_quotes(ctx, (position,))[position])
