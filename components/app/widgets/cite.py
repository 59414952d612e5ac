"""The Cite menu on every page: the view's permalink and the data edition, in APA, Chicago and BibTeX."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.app.context import AppContext
from components.tables.citation import STYLES, citation, permalink


def view_permalink(ctx: AppContext) -> str:
    """This page's URL with its query parameters and the as-of date shown."""
    return permalink(st.context.url or "http://localhost:8501/", st.query_params.to_dict(), ctx.as_of)


def view_citation(ctx: AppContext, view: str, style: str = "APA") -> str:
    return citation(ctx.edition, view, ctx.as_of, view_permalink(ctx), dt.date.today(), style)


def render_cite_menu(ctx: AppContext, view: str) -> None:
    """A sidebar popover; each citation in a code block, which has a copy button."""
    with st.sidebar, st.popover("Cite this view", icon=":material/format_quote:", width="stretch"):
        st.caption(f"Data edition: {ctx.edition.title} — {ctx.edition.label}.")
        st.markdown("**Permalink**")
        st.code(view_permalink(ctx), language=None, wrap_lines=True)
        for style in STYLES:
            st.markdown(f"**{style}**")
            st.code(view_citation(ctx, view, style), language="bibtex" if style == "BibTeX" else None, wrap_lines=True)
