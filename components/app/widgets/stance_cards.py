"""Stances as cards: one bordered box per cell, with its quotes a click away.

Shared by the Issue page (a card per country) and the Country page (a card per issue).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.app.context import AppContext
from components.app.widgets.evidence_panel import position_quotes, render_quote_list
from components.app.widgets.text import plain
from components.tables import CODED, NO_STANCE, signed
from components.tables.labels import confidence_text

CARDS_PER_ROW = 2  # two wide cards stay legible on a projector; more squeezes the summaries


def stance_badge(row) -> str:
    """The stance as a coloured badge whose text carries the meaning (colour is only a cue)."""
    if row.status != CODED:
        return f":gray-badge[{plain(row.label)}]"
    stance = int(row.stance)
    color = "blue" if stance > 0 else "orange" if stance < 0 else "gray"
    return f":{color}-badge[{plain(row.label)} ({signed(stance)})]"


def card_facts(row, as_of) -> str:
    """When the stance took effect, how sure the coding is, and how many quotes back it."""
    if row.status == CODED:
        return f"Since {row.since.isoformat()} · {confidence_text(row.confidence)} · {row.evidence} quote(s)"
    if row.status == NO_STANCE:
        return f"Assessed {row.since.isoformat()} · no stance coded · {row.evidence} quote(s)"
    return f"No evidence: nothing recorded by {as_of.isoformat()}"


def render_stance_card(ctx: AppContext, row, heading: str, quotes: list[dict]) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(heading)}** &nbsp; {stance_badge(row)}")
        st.caption(card_facts(row, ctx.as_of))
        st.markdown(plain(row.summary))
        if row.position >= 0 and row.evidence:
            with st.expander(f"Quotes for {plain(heading)} ({row.evidence})"):
                render_quote_list(quotes)


def render_stance_cards(ctx: AppContext, rows: pd.DataFrame, heading: str) -> None:
    """A grid of cards, one per matrix row, each titled by the row's `heading` column."""
    records = list(rows.itertuples())
    quotes = position_quotes(ctx, (int(row.position) for row in records if row.position >= 0))
    for start in range(0, len(records), CARDS_PER_ROW):
        columns = st.columns(CARDS_PER_ROW, gap="medium")
        for column, row in zip(columns, records[start : start + CARDS_PER_ROW], strict=False):
            with column:
                render_stance_card(ctx, row, getattr(row, heading), quotes.get(int(row.position), []))
