"""The matrix heatmap on screen: components/render/heatmap_spec.py's spec, drawn by assets/heatmap.js."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).with_name("assets")
CLICK = "cell"  # the event the browser sends with the clicked cell's key

# Registered once, at import; Streamlit re-registers it on a new runtime when it is mounted.
_heatmap = st.components.v2.component(
    "stance_atlas.heatmap",
    css=(ASSETS / "heatmap.css").read_text(encoding="utf-8"),
    js=(ASSETS / "heatmap.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def clicked_cell(key: str) -> str | None:
    """The cell key the last click sent, read inside the click callback."""
    state = st.session_state.get(key)
    return getattr(state, CLICK, None) if state is not None else None


def render_heatmap(spec: dict, *, key: str, on_click: Callable[[], None]) -> None:
    _heatmap(key=key, data=spec, **{f"on_{CLICK}_change": on_click})
