"""Streamlit pages: one module per page, each a set of `render_*` functions."""
