"""One way to start a Streamlit server for the benchmark and the browser tests: on 127.0.0.1, always stopped.

    with StreamlitServer(ROOT / "app.py", log, env={"STANCES_FILE": ...}) as server:
        ... server.url ...

The server runs from the repo root (so .streamlit/config.toml applies), in a process group of
its own (so stopping it stops everything it started), with its output in `log`. Streamlit's
own file watcher is off: files edited while a benchmark or a test runs (colleagues at work in
the same tree) must not reload the app under it. The app's data-file watcher is the app's
code and is not affected.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_RUN = ("streamlit", "run")


class ServerError(RuntimeError):
    """The server exited or did not answer its health check in time; the message ends with its log."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def log_tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class StreamlitServer:
    """`python -m <runner> SCRIPT` with Streamlit's server flags; a context manager.

    `runner` is the module that runs Streamlit: `streamlit run` by default, or a wrapper that
    takes the script and flags the same way (bench.serve counts the app's parses). `port` is a
    free one unless given (take it from free_port() to name the log after it).
    """

    def __init__(
        self,
        script: Path | str,
        log: Path | str,
        env: dict[str, str] | None = None,
        *,
        runner: Sequence[str] = STREAMLIT_RUN,
        start_timeout: float = 90,
        port: int | None = None,
    ) -> None:
        self.script = Path(script)
        self.log = Path(log)
        self.env = {**os.environ, **(env or {})}
        self.runner = tuple(runner)
        self.start_timeout = start_timeout
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The base URL, without a trailing slash: `server.url + "/compare"`."""
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        flags = ["--server.address", "127.0.0.1", "--server.port", str(self.port), "--server.headless", "true"]
        flags += ["--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        return [sys.executable, "-m", *self.runner, str(self.script), *flags]

    def start(self) -> StreamlitServer:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerError(
                    f"streamlit exited with {self.process.returncode} before serving ({self.log}):\n{log_tail(self.log)}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:  # noqa: S310 (127.0.0.1)
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        raise ServerError(
            f"streamlit did not answer {self.url}/_stcore/health within {self.start_timeout:.0f} s "
            f"({self.log}):\n{log_tail(self.log)}"
        )

    def stop(self) -> None:
        """End the server's whole process group: SIGTERM, then SIGKILL if it has not ended in 10 s."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def _processes(self) -> list[psutil.Process]:
        try:
            process = psutil.Process(self.process.pid)
            return [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def rss(self) -> int:
        """Resident memory of the server and all its children, in bytes."""
        total = 0
        for process in self._processes():
            with contextlib.suppress(psutil.NoSuchProcess):  # a child may end while we count
                total += process.memory_info().rss
        return total

    def cpu_seconds(self) -> float:
        """CPU time (user + system, all threads) the server and its children have used so far."""
        total = 0.0
        for process in self._processes():
            with contextlib.suppress(psutil.NoSuchProcess):
                times = process.cpu_times()
                total += times.user + times.system
        return total
