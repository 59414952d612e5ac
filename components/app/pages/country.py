"""Country: one country's governments, its stance on every issue, and how its stances moved."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import tables
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.downloads import render_chart_downloads, render_download_menu, render_matrix_downloads
from components.app.widgets.live_file import keep_choice_current
from components.app.widgets.stance_cards import render_stance_cards
from components.app.widgets.text import plain
from components.app.widgets.timeline import render_timeline

COUNTRY_KEY = "country"  # query parameter: ?country=Japan (the country's name)
IN_OFFICE = "in office"


def leader_on(governments, as_of) -> str | None:
    """Who led the government on `as_of` (a handover day belongs to the incoming leader)."""
    for leader, start, end in zip(governments["leader"], governments["from"], governments["to"]):
        if start <= as_of and (pd.isna(end) or as_of < end):
            return leader
    return None


def render_governments(ctx: AppContext, country_id: str) -> None:
    governments = tables.governments_table(ctx.dataset, [country_id])
    st.markdown("**Governments**")
    if governments.empty:
        st.caption("No governments recorded for this country.")
        return
    shown = governments.assign(
        leader=governments["leader"].map(plain),  # st.table renders its cells as Markdown
        start=[d.isoformat() for d in governments["from"]],
        end=[IN_OFFICE if pd.isna(d) else d.isoformat() for d in governments["to"]],
    )
    st.table(
        shown[["leader", "start", "end"]].rename(columns={"leader": "Leader", "start": "From", "end": "To"}),
        hide_index=True,
    )


def render_glance(ctx: AppContext, country_id: str, matrix) -> None:
    """Who governed on the as-of date and how much of the country's record is coded by then."""
    leader = leader_on(tables.governments_table(ctx.dataset, [country_id]), ctx.as_of)
    coded = int((matrix["status"] == tables.CODED).sum())
    st.markdown(f"**On {ctx.as_of:%-d %B %Y}**")
    st.markdown(
        f"- Government led by {plain(leader) if leader else 'unknown (none recorded for this date)'}\n"
        f"- A coded stance on {coded} of {len(matrix)} issues, backed by {int(matrix['evidence'].sum())} quote(s)"
    )


def render_changes(ctx: AppContext, country_id: str) -> None:
    changes = tables.changes_table(ctx.dataset, country_id, ctx.as_of)
    st.markdown(f"**Changes of stance up to {ctx.as_of.isoformat()}**")
    if changes.empty:
        st.caption("No stance has changed by this date: each issue still has its first coded position (or none).")
        return
    lines = [
        f"- {plain(row.change)}" + (f" · *{row.direction}*" if isinstance(row.direction, str) else "")
        for row in changes.itertuples()
    ]
    st.markdown("\n".join(lines))


def render_page(ctx: AppContext) -> None:
    ds = ctx.dataset
    heading = st.container()  # the title names the country, so it is filled once the picker has run
    ids = [country.id for country in ds.countries]
    keep_choice_current(ctx, COUNTRY_KEY, ids)
    country_id = st.selectbox("Country", ids, format_func=ctx.country_name, key=COUNTRY_KEY, bind="query-params")
    name = ctx.country_name(country_id)
    with heading:
        st.title(f"Country: {plain(name)}")
    st.caption(
        f"{plain(name)}'s stance on every issue as of {ctx.as_of:%-d %B %Y}, the governments that took them, "
        "and how its stances moved, from Resistant to Aligned with the US-led position."
    )
    matrix = data.matrix_table(ctx.digest, ctx.as_of, (country_id,), ds)

    left, right = st.columns(2, gap="large")
    with left:
        render_governments(ctx, country_id)
    with right:
        render_glance(ctx, country_id, matrix)

    st.subheader(f"Stances as of {ctx.as_of:%-d %B %Y}")
    st.caption("One box per issue: the stance, how sure the coding is, since when, and a summary; open its quotes.")
    render_stance_cards(ctx, matrix, "issue")

    st.subheader("How its stances moved")
    build_chart = render_timeline(ctx, [country_id], None, "issue", name)
    render_changes(ctx, country_id)

    if not ctx.present:

        def downloads() -> None:
            if build_chart is not None:
                render_chart_downloads(ctx, build_chart, f"{name}: stances over time", key="country")
            render_matrix_downloads(ctx, matrix, f"Country {name}", key="country")

        render_download_menu(f"Download {plain(name)}'s stances", "country", downloads)
