"""The sidebar every page shares: the as-of date and presentation mode, bound to the URL, and a
summary of the data shown."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components import paths
from components.app.context import AppContext
from components.app.widgets.text import plain

PRESENT_VALUES = ("true", "1", "yes", "on")  # `?present=true`, and the design's `?present=1`


def sync_present_param() -> None:
    """Presentation mode in the URL, in the one form the app writes: `present=true`, or no parameter."""
    if st.session_state.get("present"):
        st.query_params["present"] = "true"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _present_from_url() -> None:
    """On a session's first run, the URL turns presentation mode on: `?present=1` as well as `?present=true`.

    The toggle is not bound to the URL by Streamlit, whose binding reads only true/false and drops
    anything else (a `?present=1` link would open the normal view); it is kept in step here instead.
    """
    if "present" in st.session_state:
        return
    raw = st.query_params.get("present")
    st.session_state["present"] = raw is not None and raw.strip().lower() in PRESENT_VALUES
    sync_present_param()


def render_controls(span: tuple[dt.date, dt.date]) -> tuple[dt.date, bool]:
    """The sidebar's shared state, bound to the URL: the as-of date and presentation mode."""
    today = max(span[0], paths.today())
    # In a popover, whose content the browser draws only when opened: the date picker's
    # code then stays out of every page's first load (bench/README.md, "cold load").
    with st.sidebar, st.popover("Date and presentation mode", icon=":material/calendar_month:", width="stretch"):
        as_of = st.date_input(
            "As of",
            value=today,
            min_value=span[0],
            max_value=today,
            key="as_of",
            bind="query-params",
            format="YYYY-MM-DD",
            help="Every page shows the stances in force on this date.",
        )
        _present_from_url()
        present = st.toggle(
            "Presentation mode",
            key="present",
            on_change=sync_present_param,
            help="Large type, no sidebar: for projecting",
        )
    return as_of, present


def render_summary(ctx: AppContext) -> None:
    """Under the controls: the date shown, the data file's contents, and how many quotes verified.

    One caption of three paragraphs: each element sent is one more render of the page before
    the heatmap's cells show (bench/README.md, "cold load").
    """
    ds = ctx.dataset
    if ctx.archive is None:
        verified = f"Quotes not verified here: no source archive found ({len(ctx.checks)} quotes)."
    else:
        verified = f"{sum(c.ok for c in ctx.checks)} of {len(ctx.checks)} quotes verified against the source archive."
    lines = [
        f"Showing the stances in force on {ctx.as_of:%-d %B %Y}.",
        f"{len(ds.countries)} countries · {len(ds.issues)} issues · {len(ds.positions)} positions · "
        f"{len(ds.sources)} sources · data file {plain(ctx.result.name)} ({ctx.digest[:8]})",
        verified,
    ]
    st.sidebar.caption("\n\n".join(lines))
