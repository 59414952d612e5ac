"""Presentation mode: the chrome hidden, the type enlarged, and a footer that cites the view."""

from __future__ import annotations

import html

import streamlit as st

from components.app import loaders as data
from components.app.context import AppContext
from components.app.widgets.sidebar import sync_present_param

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


def _exit_presentation() -> None:
    st.session_state["present"] = False
    sync_present_param()


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
