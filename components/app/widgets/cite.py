"""The Cite menu on every page: the view's permalink and the data edition, in APA, Chicago and BibTeX."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.app.context import AppContext
from components.app.widgets.menu import render_menu
from components.tables.citation import STYLES, CitedView, permalink


def view_permalink(ctx: AppContext) -> str:
    """This page's URL with its query parameters and the as-of date shown."""
    return permalink(st.context.url or "http://localhost:8501/", st.query_params.to_dict(), ctx.as_of)


def cited_view(ctx: AppContext, view: str) -> CitedView:
    """This view as the Cite menu and every export from it cite it."""
    return CitedView(ctx.edition, view, ctx.as_of, view_permalink(ctx), dt.date.today())


def render_cite_menu(ctx: AppContext, view: str) -> None:
    """A sidebar menu; each citation in a code block, which has a copy button."""

    def citations() -> None:
        st.caption(f"Data edition: {ctx.edition.title} — {ctx.edition.label}.")
        cited = cited_view(ctx, view)
        st.markdown("**Permalink**")
        st.code(cited.url, language=None, wrap_lines=True)
        for style in STYLES:
            st.markdown(f"**{style}**")
            st.code(cited.text(style), language="bibtex" if style == "BibTeX" else None, wrap_lines=True)

    with st.sidebar:
        render_menu("Cite this view", citations, name="cite", icon=":material/format_quote:", width="stretch")
