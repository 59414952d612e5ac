"""The page shown instead of any view when the data file has problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.app.widgets.text import plain
from components.data.loader import LoadResult


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
