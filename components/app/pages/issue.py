"""Issue: one issue's question and codebook, every country's stance on it, and how they moved."""

from __future__ import annotations

import streamlit as st

from components import tables
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.downloads import render_chart_downloads, render_download_menu, render_matrix_downloads
from components.app.widgets.live_file import keep_choice_current
from components.app.widgets.stance_cards import render_stance_cards
from components.app.widgets.text import plain
from components.app.widgets.timeline import render_timeline

ISSUE_KEY = "issue"  # query parameter: ?issue=Quad (the issue's name)
UNDEFINED = "not defined"


def render_page(ctx: AppContext) -> None:
    ds = ctx.dataset
    issues = {issue.id: issue for issue in ds.issues}
    heading = st.container()  # the title names the issue, so it is filled once the picker has run
    keep_choice_current(ctx, ISSUE_KEY, list(issues))
    chosen = st.selectbox("Issue", list(issues), format_func=ctx.issue_name, key=ISSUE_KEY, bind="query-params")
    issue = issues[chosen]
    with heading:
        st.title(f"Issue: {plain(issue.name)}")
    st.subheader(plain(issue.question))
    st.caption(
        "Every country is coded on this question with one shared scale, from Resistant to Aligned with the "
        "US-led position. The codebook says what each value means for this issue."
    )
    codebook = tables.codebook_table(ds, issue.id)
    # st.table renders its cells as Markdown: the file's labels and wording go in escaped
    codebook = codebook.assign(
        value=codebook["value"].map(tables.signed),
        label=codebook["label"].map(plain),
        meaning=codebook["meaning"].fillna(UNDEFINED).map(plain),
    )
    st.table(codebook.rename(columns={"value": "Value", "label": "Label", "meaning": "On this issue"}), hide_index=True)
    if (codebook["meaning"] == UNDEFINED).any():
        st.caption(f"“{UNDEFINED}”: this issue's codebook gives no wording for that value.")

    st.subheader(f"Where each country stands as of {ctx.as_of:%-d %B %Y}")
    st.caption(
        "Each box holds a country's stance, how sure the coding is and a summary; open its quotes for the evidence."
    )
    matrix = data.matrix_table(ctx.digest, ctx.as_of, None, ds)
    rows = matrix[matrix["issue_id"] == issue.id]
    render_stance_cards(ctx, rows, "country")

    st.subheader("How stances on this issue moved")
    build_chart = render_timeline(ctx, None, [issue.id], "country", issue.name)

    if not ctx.present:

        def downloads() -> None:
            if build_chart is not None:
                render_chart_downloads(ctx, build_chart, f"{issue.name}: stances over time", key="issue")
            render_matrix_downloads(ctx, rows, f"Issue {issue.name}", key="issue")

        render_download_menu("Download this issue", "issue", downloads)
