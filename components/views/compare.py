"""Placeholder until the compare page lands (being written now)."""

import streamlit as st


def render_page(ctx) -> None:
    st.title("compare")
