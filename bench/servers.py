"""The benchmark's Streamlit servers: the app and the floor apps, started alike by harness.server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from harness.server import ROOT, StreamlitServer

__all__ = ["CHART_FLOOR_SCRIPT", "FLOOR_SCRIPT", "ROOT", "Server", "run_fresh", "write_floor_app"]

FLOOR_SCRIPT = 'import streamlit as st\n\nst.write("floor")\n'
# A diagnostic second floor: one tiny Altair chart, so Streamlit's own chart code (loaded
# lazily, only once a page shows a chart) is in the floor too.
CHART_FLOOR_SCRIPT = """import altair as alt
import pandas as pd
import streamlit as st

st.altair_chart(alt.Chart(pd.DataFrame({"x": ["floor"]})).mark_rect().encode(x="x:N", y="x:N"))
"""


def run_fresh(script: str, *args: str) -> list[str]:
    """Run a Python snippet in a fresh process from the repo (cold caches, nothing imported yet);
    its printed words. A snippet that fails raises, so its figure fails."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True
    )
    return done.stdout.split()


def write_floor_app(folder: Path, script: str = FLOOR_SCRIPT, name: str = "floor_app.py") -> Path:
    """The floor: a one-line Streamlit page, the least any Streamlit app costs."""
    path = Path(folder) / name
    path.write_text(script, encoding="utf-8")
    return path


class Server(StreamlitServer):
    """`streamlit run SCRIPT` through bench.serve (which counts the app's parses when BENCH_PARSE_LOG is set).

    App and floor apps both go through bench.serve, so they run alike. Use as a context
    manager: the process is always stopped.
    """

    def __init__(self, script: Path, log: Path, env: dict[str, str] | None = None):
        super().__init__(script, log, env, runner=("bench.serve",), start_timeout=90)
