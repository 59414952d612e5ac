"""Matrix (home): every country's stance on every issue as of the chosen date."""

from __future__ import annotations

import streamlit as st

from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.downloads import render_chart_downloads, render_download_menu, render_matrix_downloads
from components.app.widgets.evidence_panel import render_evidence_panel
from components.app.widgets.heatmap import STEP_EVENT, clicked_cell, render_heatmap, sent
from components.app.widgets.live_file import keep_choice_current
from components.app.widgets.stepper import PLAY_DELAY_MS, PLAYING, on_step, step_controls, stepped_from
from components.render.charts import matrix_chart
from components.tables.matrix import cell_key, parse_cell_key

SELECTED_CELL = "cell"  # query parameter and session key of the selected cell's key (tables.matrix.cell_key)
HEATMAP_KEY = "matrix_heatmap"  # widget key of the heatmap, whose click callback reads it
PICKER = "Pick a country and issue"  # the menu holding the cell picker


def cell_options(ctx: AppContext) -> list[str]:
    return [cell_key(c.id, i.id) for c in ctx.dataset.countries for i in ctx.dataset.issues]


def _on_cell_click() -> None:
    """A click on the heatmap selects that cell, as the picker below it would."""
    clicked = clicked_cell(HEATMAP_KEY)
    if clicked:
        st.session_state[SELECTED_CELL] = clicked


def render_page(ctx: AppContext) -> None:
    ds = ctx.dataset
    st.title(f"Stances as of {ctx.as_of:%-d %B %Y}")
    st.caption(
        "Alignment with the US-led position on each issue, from Resistant to Aligned. "
        "Click a cell, or pick a country and issue from the menu below, to see the quotes behind it."
    )
    since = stepped_from(st.session_state, ctx.as_of)
    matrix = data.matrix_table(ctx.digest, ctx.as_of, None, ds, since)
    options = cell_options(ctx)
    keep_choice_current(ctx, SELECTED_CELL, options)
    # The heatmap goes first, so the browser starts loading its code first (bench/README.md, cold load).
    chosen = st.session_state.get(SELECTED_CELL)
    drawn = parse_cell_key(chosen)
    spec = data.heatmap_spec(ctx.digest, ctx.as_of, since, drawn, ctx.palette, ctx.present, ds, matrix)
    dates = data.change_dates(ctx.digest, ds)
    controls = step_controls(ctx.as_of, ctx.date_range, dates, bool(st.session_state.get(PLAYING)))
    time = {"keys": ctx.present, "delay": PLAY_DELAY_MS, "controls": controls}
    render_heatmap(
        {**spec, "step": time},
        key=HEATMAP_KEY,
        on_click=_on_cell_click,
        on_step=lambda: on_step(st.session_state, sent(HEATMAP_KEY, STEP_EVENT), ctx.date_range, dates),
    )
    moved = int(matrix["changed"].sum())
    if moved:
        start = since or ctx.as_of
        st.caption(
            f"▲ {moved} cell{'s' if moved != 1 else ''} changed "
            + (f"since {start:%-d %B %Y}" if since else "on this day")
            + " (outlined)."
        )
    # In a popover, whose content the browser draws only when opened: the select box's code then
    # stays out of the home page's first load (bench/README.md, "cold load").
    with st.popover(PICKER, icon=":material/ads_click:"):
        cell = st.selectbox(
            "Evidence for",
            options,
            index=None,
            key=SELECTED_CELL,
            bind="query-params",
            placeholder="Choose a country and issue",
            format_func=lambda value: " · ".join(
                (ctx.country_name(parse_cell_key(value)[0]), ctx.issue_name(parse_cell_key(value)[1]))
            ),
        )
    selected = parse_cell_key(cell)
    if selected != drawn:
        # A cell from a copied link, which the picker reads from the URL only on a session's first
        # run, after the heatmap was drawn: run again, so the heatmap outlines it too.
        st.rerun()
    if selected:
        render_evidence_panel(ctx, *selected)
    if not ctx.present:

        def downloads() -> None:
            render_chart_downloads(
                ctx,
                lambda: matrix_chart(matrix, ds, list(ctx.palette), selected=selected),
                f"{ds.title}: Matrix",
                key="matrix",
                view="Matrix",
            )
            render_matrix_downloads(ctx, matrix, "Matrix", key="matrix")

        render_download_menu("Download this view", "matrix", downloads)
