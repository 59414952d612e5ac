"""Compare: two to four countries side by side on every issue, widest disagreements first."""

from __future__ import annotations

import streamlit as st

from components import tables
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.downloads import render_chart_downloads, render_download_menu, render_matrix_downloads
from components.app.widgets.live_file import keep_choice_current
from components.render.charts import compare_chart
from components.render.timeline_charts import with_timestamps

COUNTRIES_KEY = "countries"  # query parameter: ?countries=Japan&countries=Australia
MOST = 4  # more dots per issue row stop being readable
ROW_HEIGHT = 80  # per issue: room for one dot per country, legible on a projector
DIFFERENCE_COLUMNS = {
    "issue": "Issue",
    "first": "Country",
    "first_label": "Its stance",
    "second": "Other country",
    "second_label": "Other's stance",
    "gap": "Gap (steps on the scale)",
}


def default_countries(ids: list[str]) -> list[str]:
    """Everyone when they all fit, otherwise the first two in the data file's order."""
    return list(ids) if len(ids) <= MOST else list(ids[:2])


def compare_alt_text(ctx: AppContext, matrix) -> str:
    cells = "; ".join(f"{row.country} on {row.issue}: {row.label}" for row in matrix.itertuples())
    return f"Dot chart of stances as of {ctx.as_of.isoformat()}, one row per issue, one dot per country. {cells}."


def render_page(ctx: AppContext) -> None:
    ds = ctx.dataset
    st.title("Compare countries")
    st.caption(
        f"Where the chosen countries stand on each issue as of {ctx.as_of:%-d %B %Y}. Each dot is one country's "
        "stance; the grey bar spans the gap between them, so the longest bars are the widest disagreements."
    )
    ids = [country.id for country in ds.countries]
    keep_choice_current(ctx, COUNTRIES_KEY, ids)
    chosen = st.multiselect(
        f"Countries to compare (2 to {MOST})",
        ids,
        default=default_countries(ids),
        format_func=ctx.country_name,
        key=COUNTRIES_KEY,
        bind="query-params",
        max_selections=MOST,
        placeholder="Choose two or more countries",
    )
    if len(chosen) < 2:
        st.info(f"Choose at least two countries to compare them side by side (up to {MOST}).")
        return
    names = ", ".join(ctx.country_name(c) for c in chosen)
    matrix = data.matrix_table(ctx.digest, ctx.as_of, tuple(chosen), ds)
    uncoded = int((matrix["status"] != tables.CODED).sum())
    drawn = matrix.loc[matrix["status"] == tables.CODED, "issue_id"].nunique()

    st.subheader("Stances side by side")
    chart = None
    if drawn:
        chart = (
            compare_chart(with_timestamps(matrix), ds)
            .properties(height=ROW_HEIGHT * drawn + 110)
            .configure_axisX(labelLimit=0)  # the scale's labels are the x axis: never cut them short
        )
        st.altair_chart(chart, width="stretch", alt=compare_alt_text(ctx, matrix))
    else:
        st.info(f"None of these countries has a coded stance as of {ctx.as_of.isoformat()}: nothing to draw.")
    if uncoded:
        st.caption(
            f"{uncoded} of {len(matrix)} cells have no coded stance, so no dot; the table names them. "
            "“No stance”: the cell was assessed and no stance applies (its summary says why). "
            "“No evidence”: nothing is recorded by this date."
        )
    st.dataframe(tables.side_by_side_table(matrix, list(chosen)), hide_index=True, width="stretch")

    st.subheader("Largest disagreements first")
    st.caption(
        "Every pair of chosen countries on every issue where both have a coded stance. The gap counts the steps "
        "between their stances on the scale: 0 means they agree."
    )
    differences = tables.differences_table(ds, ctx.as_of, list(chosen))
    if differences.empty:
        st.info(f"No issue where two of these countries both have a coded stance as of {ctx.as_of.isoformat()}.")
    else:
        st.dataframe(
            differences[list(DIFFERENCE_COLUMNS)].rename(columns=DIFFERENCE_COLUMNS), hide_index=True, width="stretch"
        )

    if not ctx.present:

        def downloads() -> None:
            if chart is not None:
                render_chart_downloads(ctx, lambda: chart, f"Compare {names}", key="compare")
            render_matrix_downloads(ctx, matrix, f"Compare {names}", key="compare")

        render_download_menu("Download this comparison", "compare", downloads)
