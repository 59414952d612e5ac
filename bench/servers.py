"""Streamlit servers for the benchmarks: on 127.0.0.1 only, started alike, always stopped."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
FLOOR_SCRIPT = 'import streamlit as st\n\nst.write("floor")\n'
# A diagnostic second floor: one tiny Altair chart, so Streamlit's own chart code (loaded
# lazily, only once a page shows a chart) is in the floor too.
CHART_FLOOR_SCRIPT = """import altair as alt
import pandas as pd
import streamlit as st

st.altair_chart(alt.Chart(pd.DataFrame({"x": ["floor"]})).mark_rect().encode(x="x:N", y="x:N"))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_floor_app(folder: Path, script: str = FLOOR_SCRIPT, name: str = "floor_app.py") -> Path:
    """The floor: a one-line Streamlit page, the least any Streamlit app costs."""
    path = Path(folder) / name
    path.write_text(script, encoding="utf-8")
    return path


class Server:
    """`streamlit run SCRIPT` through bench.serve, from the repo root (so .streamlit/config.toml applies).

    The file watcher is off: colleagues editing files during a run must not trigger reloads
    that would be measured as reruns. Use as a context manager: the process is always stopped.
    """

    def __init__(self, script: Path, log: Path, env: dict[str, str] | None = None):
        self.script = Path(script)
        self.log = Path(log)
        self.env = {**os.environ, **(env or {})}
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> Server:
        command = [sys.executable, "-m", "bench.serve", str(self.script)]
        command += ["--server.address", "127.0.0.1", "--server.port", str(self.port), "--server.headless", "true"]
        command += ["--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        try:
            self._wait_healthy(timeout=90)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as response:  # noqa: S310 - 127.0.0.1
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server not healthy after {timeout:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def rss(self) -> int:
        """Resident memory of the server and all its children, in bytes."""
        try:
            process = psutil.Process(self.process.pid)
            total = process.memory_info().rss
            for child in process.children(recursive=True):
                with contextlib.suppress(psutil.NoSuchProcess):  # a child may end while we count
                    total += child.memory_info().rss
            return total
        except psutil.NoSuchProcess:
            return 0
