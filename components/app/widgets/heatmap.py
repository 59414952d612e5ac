"""The matrix heatmap on screen: components/render/heatmap_spec.py's spec, drawn by assets/heatmap.js,
with the step controls of stepper.step_controls below it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).with_name("assets")
CLICK_EVENT = "cell"  # the event assets/heatmap.js sends, carrying the clicked cell's key
STEP_EVENT = "step"  # and the one its step controls send (stepper.on_step reads every value)

# Registered once, at import; Streamlit re-registers it on a new runtime when it is mounted.
_heatmap = st.components.v2.component(
    "stance_atlas.heatmap",
    css=(ASSETS / "heatmap.css").read_text(encoding="utf-8"),
    js=(ASSETS / "heatmap.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)


def sent(key: str, event: str) -> str | None:
    """The value the heatmap's last `event` sent, read inside that event's callback."""
    state = st.session_state.get(key)
    return getattr(state, event, None) if state is not None else None


def clicked_cell(key: str) -> str | None:
    """The cell key the last click sent, read inside the click callback."""
    return sent(key, CLICK_EVENT)


def render_heatmap(spec: dict, *, key: str, on_click: Callable[[], None], on_step: Callable[[], None]) -> None:
    _heatmap(key=key, data=spec, **{f"on_{CLICK_EVENT}_change": on_click, f"on_{STEP_EVENT}_change": on_step})
