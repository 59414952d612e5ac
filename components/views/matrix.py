"""Matrix (home): every country's stance on every issue as of the chosen date."""

from __future__ import annotations

import streamlit as st

from components.charts import CELL_SELECTION, legend_chart, matrix_chart
from components.views import data
from components.views.chrome import keep_choice_current
from components.views.context import AppContext
from components.views.downloads import render_chart_downloads, render_matrix_downloads
from components.views.evidence_panel import render_evidence_panel

CELL_KEY = "cell"  # query parameter and session key of the selected cell: "JP:quad"
CHART_KEY = "matrix_chart"


def cell_options(ctx: AppContext) -> list[str]:
    return [f"{c.id}:{i.id}" for c in ctx.dataset.countries for i in ctx.dataset.issues]


def _on_cell_click() -> None:
    """A click on the heatmap selects that cell, as the picker below it would."""
    state = st.session_state.get(CHART_KEY)
    points = (state or {}).get("selection", {}).get(CELL_SELECTION) or []
    if points:
        st.session_state[CELL_KEY] = f"{points[0]['country_id']}:{points[0]['issue_id']}"


def matrix_alt_text(ctx: AppContext, matrix) -> str:
    cells = "; ".join(
        f"{row.country} on {row.issue}: {row.label}" + (f" ({row.confidence} confidence)" if row.confidence else "")
        for row in matrix.itertuples()
    )
    return f"Heatmap of stances as of {ctx.as_of.isoformat()}, countries by issues. {cells}."


def render_page(ctx: AppContext) -> None:
    ds = ctx.dataset
    st.title(f"Stances as of {ctx.as_of:%-d %B %Y}")
    st.caption(
        "Alignment with the US-led position on each issue, from Resistant to Aligned. "
        "Click a cell, or pick one below, to see the quotes behind it."
    )
    matrix = data.matrix_table(ctx.digest, ctx.as_of, None, ds)
    selected = st.session_state.get(CELL_KEY)
    chart = matrix_chart(
        matrix, ds, list(ctx.palette), selected=tuple(selected.split(":", 1)) if selected else None, large=ctx.present
    )
    st.altair_chart(
        legend_chart(ds, list(ctx.palette), large=ctx.present), width="stretch", alt="Legend of the stance scale"
    )
    st.altair_chart(
        chart,
        width="stretch",
        key=CHART_KEY,
        on_select=_on_cell_click,
        selection_mode=CELL_SELECTION,
        alt=matrix_alt_text(ctx, matrix),
    )
    options = cell_options(ctx)
    keep_choice_current(ctx, CELL_KEY, options)
    cell = st.selectbox(
        "Evidence for",
        options,
        index=None,
        key=CELL_KEY,
        bind="query-params",
        placeholder="Click a cell above, or choose a country and issue",
        format_func=lambda value: " · ".join(
            (ctx.country_name(value.split(":")[0]), ctx.issue_name(value.split(":", 1)[1]))
        ),
    )
    if cell:
        render_evidence_panel(ctx, *cell.split(":", 1))
    if not ctx.present:
        with st.expander("Download this view"):
            render_chart_downloads(ctx, chart, f"Stances as of {ctx.as_of.isoformat()}", key="matrix")
            render_matrix_downloads(ctx, matrix, "Matrix", key="matrix")
