"""The quote card: one verbatim quote, who speaks, its source, whether it verified, and a link to it.

Every page that shows a quote (the evidence panel, the stance cards, the sources page, the
quiz) draws it here from a row of `tables.evidence`'s quote tables, so they never disagree.
"""

from __future__ import annotations

import streamlit as st

from components.app.widgets.text import link, plain
from components.data.verify import VERIFIED
from components.tables.labels import NO_PUBLISHER, NO_SPEAKER, UNDATED, UNTITLED


def speaker_line(row: dict) -> str:
    """'Prime Minister Kishida Fumio · Japan's government · said 2022-12-16'."""
    said = f"said {row['said_on'].isoformat()}" if row.get("said_on") else None
    parts = [row.get("speaker") or NO_SPEAKER, row["voice_text"], said]
    return " · ".join(plain(p) for p in parts if p)


def source_line(row: dict) -> str:
    parts = [
        row["title"] or UNTITLED,
        row["author"],
        row["publisher"] or NO_PUBLISHER,
        row["date"] or UNDATED,
        row["kind"],
    ]
    return " · ".join(plain(p) for p in parts if p)


def verification_badge(row: dict) -> str:
    if row["status"] == VERIFIED and row.get("archive_line") is not None:
        return f":green-badge[✓ verified · archive line {int(row['archive_line'])}]"
    return f":orange-badge[{plain(row['status'])}]"


def render_quote_card(row: dict, context: str | None = None) -> None:
    """One quote; `context` is an extra caption (already escaped) such as the cell it supports."""
    with st.container(border=True):
        st.markdown(f"> “{plain(row['quote'])}”")
        st.markdown(f"— {speaker_line(row)}")
        st.markdown(f"Source: {source_line(row)}")
        if context:
            st.caption(context)
        if row.get("note"):
            st.caption(f"Note: {plain(row['note'])}")
        opener = link("Open the source at this quote", row["link"]) if row["link"] else "No link: the source has no URL"
        st.markdown(f"{verification_badge(row)} &nbsp; {opener}")
