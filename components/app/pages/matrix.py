"""Matrix (home): every country's stance on every issue as of the chosen date."""

from __future__ import annotations

import streamlit as st

from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.chrome import keep_choice_current
from components.app.widgets.downloads import download_menu, render_chart_downloads, render_matrix_downloads
from components.app.widgets.evidence_panel import render_evidence_panel
from components.app.widgets.heatmap import clicked_cell, render_heatmap
from components.render.charts import matrix_chart
from components.render.heatmap_spec import cell_key

CELL_KEY = "cell"  # query parameter and session key of the selected cell: "JP:quad"
CHART_KEY = "matrix_heatmap"


def cell_options(ctx: AppContext) -> list[str]:
    return [cell_key(c.id, i.id) for c in ctx.dataset.countries for i in ctx.dataset.issues]


def _on_cell_click() -> None:
    """A click on the heatmap selects that cell, as the picker below it would."""
    clicked = clicked_cell(CHART_KEY)
    if clicked:
        st.session_state[CELL_KEY] = clicked


def render_page(ctx: AppContext) -> None:
    ds = ctx.dataset
    st.title(f"Stances as of {ctx.as_of:%-d %B %Y}")
    st.caption(
        "Alignment with the US-led position on each issue, from Resistant to Aligned. "
        "Click a cell, or pick one below, to see the quotes behind it."
    )
    matrix = data.matrix_table(ctx.digest, ctx.as_of, None, ds)
    options = cell_options(ctx)
    keep_choice_current(ctx, CELL_KEY, options)
    # The heatmap goes first, so the browser starts loading its code first (bench/README.md, cold load).
    chosen = st.session_state.get(CELL_KEY)
    drawn = tuple(chosen.split(":", 1)) if chosen else None
    spec = data.heatmap_spec(ctx.digest, ctx.as_of, drawn, ctx.palette, ctx.present, ds, matrix)
    render_heatmap(spec, key=CHART_KEY, on_click=_on_cell_click)
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
    selected = tuple(cell.split(":", 1)) if cell else None
    if selected != drawn:
        # A cell from a copied link, which the picker reads from the URL only on a session's first
        # run, after the heatmap was drawn: run again, so the heatmap outlines it too.
        st.rerun()
    if cell:
        render_evidence_panel(ctx, *cell.split(":", 1))
    if not ctx.present:
        with download_menu("Download this view"):
            render_chart_downloads(
                ctx,
                lambda: matrix_chart(matrix, ds, list(ctx.palette), selected=selected),
                f"Stances as of {ctx.as_of.isoformat()}",
                key="matrix",
            )
            render_matrix_downloads(ctx, matrix, "Matrix", key="matrix")
