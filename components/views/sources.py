"""Placeholder until the sources page lands (being written now)."""

import streamlit as st


def render_page(ctx) -> None:
    st.title("sources")
