"""What surrounds every page: the shared controls, presentation mode, footer and error page."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd
import streamlit as st

from components import paths
from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.text import plain
from components.data.loader import LoadResult
from components.render.charts import FALLBACK_PALETTE

PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { max-width: 1600px; padding: 1.2rem 2.5rem 4.5rem 2.5rem; }
html, body, [data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 1.05rem !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { font-size: 1.1rem !important; }
h1 { font-size: 2.6rem !important; } h2 { font-size: 2rem !important; } h3 { font-size: 1.6rem !important; }
</style>
"""
FOOTER_CSS = """
<style>
.atlas-footer { position: fixed; left: 0; right: 0; bottom: 0; z-index: 999990; background: #f3f4f6;
  border-top: 1px solid #d0d4da; padding: .45rem 2.5rem; font-size: 1rem; color: #1f2937; }
</style>
"""


PRESENT_VALUES = ("true", "1", "yes", "on")  # `?present=true`, and the design's `?present=1`


def _sync_present_param() -> None:
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
    _sync_present_param()


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
            on_change=_sync_present_param,
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


def palette() -> list[str]:
    """The diverging chart colours of .streamlit/config.toml (resistant first, aligned last)."""
    return list(st.get_option("theme.chartDivergingColors") or FALLBACK_PALETTE)


def file_state(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_mtime_ns, stat.st_size)


@st.fragment(run_every=2)
def watch_data_file(path: Path, loaded: tuple) -> None:
    """Rerun the whole app when the data file changes, so a projected view is never stale.

    `loaded` is the file's state taken before this run read it: a save during the run differs
    from it and is picked up, where a state taken after the run would have hidden it.
    """
    if file_state(path) != loaded:
        st.rerun(scope="app")


def keep_choice_current(ctx: AppContext, key: str, options: list) -> None:
    """After the data file changed, set a URL-bound picker's choice again, before the picker runs.

    The browser keeps showing the name a choice had when it was made; set again, the choice is sent
    back, so the picker and the URL show its current name (a renamed country, issue or source).
    A choice the file removed is left to Streamlit, which drops it.
    """
    seen_key = f"_digest_{key}"
    seen = st.session_state.get(seen_key)
    st.session_state[seen_key] = ctx.digest
    if seen in (None, ctx.digest) or st.session_state.get(key) is None:
        return
    value = st.session_state[key]
    if all(v in options for v in (value if isinstance(value, list) else [value])):
        st.session_state[key] = value


def _exit_presentation() -> None:
    st.session_state["present"] = False
    _sync_present_param()


def render_presentation(ctx: AppContext) -> None:
    """Chrome hidden and type enlarged; a footer makes every screenshot cite itself."""
    st.markdown(PRESENT_CSS, unsafe_allow_html=True)
    st.button(
        "Exit presentation mode", key="exit_present", on_click=_exit_presentation, icon=":material/close_fullscreen:"
    )
    render_footer(ctx, data.cited_publishers(ctx.digest, ctx.as_of, ctx.dataset))


def footer_text(ctx: AppContext, sources: list[str]) -> str:
    shown = ", ".join(sources[:6]) + (f" and {len(sources) - 6} more" if len(sources) > 6 else "")
    return f"{ctx.dataset.title} · stances as of {ctx.as_of.isoformat()} · sources: {shown or 'none cited'}"


def render_footer(ctx: AppContext, sources: list[str]) -> None:
    st.markdown(FOOTER_CSS, unsafe_allow_html=True)
    # One line: a blank line in the title would end the HTML block and let the rest render as Markdown
    text = html.escape(" ".join(footer_text(ctx, sources).split()), quote=True)
    st.markdown(f'<div class="atlas-footer" data-testid="atlas-footer">{text}</div>', unsafe_allow_html=True)


def render_error_page(result: LoadResult) -> None:
    """Invalid data: every problem, located, and no stale view presented as current."""
    st.title("The data file has problems")
    st.error(
        f"{plain(result.name)} could not be loaded: {len(result.problems)} problem(s). "
        "Nothing is shown until the file is fixed; this page updates on the next rerun after you save."
    )
    table = pd.DataFrame(
        [{"line": p.line, "column": p.col, "problem": p.message} for p in result.problems],
        columns=["line", "column", "problem"],
    )
    st.dataframe(table, hide_index=True, width="stretch")
    st.markdown("Check the file from a terminal for the same list:")
    st.code(f"python -m components validate {result.name}", language="bash")
