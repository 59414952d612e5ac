"""Sources: the bibliography, which cells cite each source, and whether its quotes verify."""

from __future__ import annotations

from collections import Counter
from functools import partial

import pandas as pd
import streamlit as st

from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.live_file import keep_choice_current
from components.app.widgets.quote_card import render_quote_card
from components.app.widgets.text import link, plain
from components.tables.evidence import quote_records
from components.tables.labels import NO_PUBLISHER, UNDATED, UNTITLED

SEARCH_KEY = "find"  # query parameter of the search box
SOURCE_KEY = "source"  # query parameter and session key of the source shown below the table
TABLE_KEY = "sources_table"
SEARCHED = ["title", "publisher", "author", "date", "kind", "cited_by", "status", "id"]
# The most telling columns first: at 1440 px they fit without scrolling sideways.
COLUMNS = ["title", "publisher", "date", "cited_by", "quotes", "status", "kind", "author", "url"]


def bibliography_table(ctx: AppContext) -> pd.DataFrame:
    """sources_table with the citing cells by name, and 'unknown' where the file has no value."""
    table = data.sources_table(ctx.digest, ctx.archive_key, ctx.dataset, ctx.checks).copy()
    quotes = data.quotes_table(ctx.digest, ctx.archive_key, ctx.dataset, ctx.checks)
    cells = quotes.assign(cell=quotes["country"] + " · " + quotes["issue"]).groupby("source_id")["cell"]
    cited = {source: ", ".join(sorted(set(names))) for source, names in cells}
    table["cited_by"] = [cited.get(source, "none") for source in table["id"]]
    # Only the URL may stay empty: the table's placeholder then reads "no URL" there and nowhere else.
    return table.fillna({"publisher": "unknown", "author": "unknown"})


def search_sources(table: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows where every word of `text` appears in one of the searched columns (any case)."""
    words = text.lower().split()
    if not words:
        return table
    haystack = table[SEARCHED].astype(str).agg(" ".join, axis=1).str.lower()
    keep = pd.Series(True, index=table.index)
    for word in words:
        keep &= haystack.str.contains(word, regex=False)
    return table[keep].reset_index(drop=True)


def source_labels(ctx: AppContext) -> dict[str, str]:
    """A readable, unique name per source id, for the picker and the URL."""
    labels = {}
    for source in ctx.dataset.sources:
        label = f"{source.title or UNTITLED} — {source.publisher or NO_PUBLISHER}, {source.date or UNDATED}"
        labels[source.id] = label if label not in labels.values() else f"{label} [{source.id}]"
    return labels


def render_page(ctx: AppContext) -> None:
    st.title("Sources")
    st.caption(
        "Every source the stances rest on: who published it, when, which cells it supports, and whether "
        "its quotes were found word for word in the archived copy of the text."
    )
    if not ctx.dataset.sources:
        st.info("The data file lists no sources yet.")
        return
    render_verification(ctx)
    table = bibliography_table(ctx)
    found = st.text_input(
        "Search sources",
        key=SEARCH_KEY,
        bind="query-params",
        placeholder="Title, publisher, country, issue, kind or status, e.g. “Japan Quad”",
        icon=":material/search:",
    )
    shown = search_sources(table, found or "")
    st.caption(
        f"{len(shown)} of {len(table)} sources"
        + (" match the search." if found else ".")
        + " Select a row to read its quotes below."
    )
    st.dataframe(
        shown,
        column_order=COLUMNS,
        column_config=_column_config(),
        hide_index=True,
        placeholder="no URL",
        key=TABLE_KEY,
        on_select=partial(_on_row_select, list(shown["id"])),
        selection_mode="single-row",
        alt="Bibliography: each source with its publisher, date, the cells citing it and its verification status",
    )
    render_source_quotes(ctx)


def render_verification(ctx: AppContext) -> None:
    total = len(ctx.checks)
    if ctx.archive is None:
        st.info(
            f"**Quotes not verified here.** No source archive was found, so the {total} quotes are shown as "
            "recorded in the data file, not checked against the archived texts. To check them, point the app "
            "at the archive folder and restart it:",
            icon=":material/help:",
        )
        st.code("STANCES_SOURCES=/path/to/sources streamlit run app.py", language="bash")
        return
    verified = sum(check.ok for check in ctx.checks)
    headline = f"{verified} of {total} quotes verified against the source archive"
    if verified == total:
        st.success(headline, icon=":material/verified:")
    else:
        st.warning(headline, icon=":material/warning:")
        others = Counter(check.status for check in ctx.checks if not check.ok)
        st.caption("Not verified: " + ", ".join(f"{count} {plain(status)}" for status, count in others.most_common()))
    st.caption(f"Archive folder: {plain(ctx.archive.name)}")  # the name only: screenshots leave the machine


def _column_config() -> dict:
    return {
        "title": st.column_config.TextColumn("Title", width=260),
        "publisher": st.column_config.TextColumn("Publisher", width=160),
        "date": st.column_config.TextColumn("Date", width=90),
        "cited_by": st.column_config.TextColumn("Cited by (cells)", width=220),
        "quotes": st.column_config.NumberColumn("Quotes", format="%d", width=65),
        "status": st.column_config.TextColumn("Verification", width=150),
        "kind": st.column_config.TextColumn("Kind", width=110),
        "author": st.column_config.TextColumn("Author", width=120),
        "url": st.column_config.LinkColumn(
            "URL",
            display_text=r"https?://(?:www\.)?([^/:]+)",
            help="Opens the original page (http/https only)",
            width=150,
        ),
    }


def _on_row_select(ids: list[str]) -> None:
    """Selecting a row of the table shows that source below, as the picker would."""
    rows = (st.session_state.get(TABLE_KEY) or {}).get("selection", {}).get("rows") or []
    if rows and rows[0] < len(ids):
        st.session_state[SOURCE_KEY] = ids[rows[0]]


def render_source_quotes(ctx: AppContext) -> None:
    st.subheader("Quotes taken from one source")
    labels = source_labels(ctx)
    keep_choice_current(ctx, SOURCE_KEY, list(labels))
    chosen = st.selectbox(
        "Source",
        list(labels),
        index=None,
        key=SOURCE_KEY,
        bind="query-params",
        placeholder="Select a row above, or choose a source",
        format_func=labels.get,
    )
    if chosen is None:
        return
    source = next(s for s in ctx.dataset.sources if s.id == chosen)
    quotes = data.quotes_table(ctx.digest, ctx.archive_key, ctx.dataset, ctx.checks)
    quotes = quotes[quotes["source_id"] == chosen]
    with st.container(border=True, key="source_detail"):
        st.markdown(f"**{plain(source.title or UNTITLED)}**")
        meta = [source.publisher or NO_PUBLISHER, source.author, source.date or UNDATED, source.kind]
        st.caption(" · ".join(plain(m) for m in meta if m))
        if source.date_note:
            st.caption(f"Date: {plain(source.date_note)}")
        opener = link("Open the original page", source.url) if source.url else "No URL recorded for this source."
        archived = f" · archived as {plain(source.archive)}" if source.archive else " · no archive file"
        st.markdown(opener + archived)
        if quotes.empty:
            st.caption("No stance cites this source.")
        # NaN (pandas' missing value) is truthy: turn it back into None before testing fields
        for row in quote_records(quotes):
            supports = f"Supports {plain(row['country'])} · {plain(row['issue'])}: {plain(row['label'])}"
            render_quote_card(row, f"{supports}, in the position of {row['as_of'].isoformat()}")
