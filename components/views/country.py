"""Placeholder until the country page lands (being written now)."""

import streamlit as st


def render_page(ctx) -> None:
    st.title("country")
