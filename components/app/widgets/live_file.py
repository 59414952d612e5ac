"""Following the data file while the app is open: a curator's save reruns the app, and the URL-bound
pickers keep their choices under the names the edited file gives them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.app.context import AppContext


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
