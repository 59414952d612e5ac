"""What the app reads from its theme (.streamlit/config.toml)."""

from __future__ import annotations

import streamlit as st

from components.render.charts import FALLBACK_PALETTE


def palette() -> list[str]:
    """The diverging chart colours of .streamlit/config.toml (resistant first, aligned last)."""
    return list(st.get_option("theme.chartDivergingColors") or FALLBACK_PALETTE)
