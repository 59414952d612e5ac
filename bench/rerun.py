"""Server reruns timed over Streamlit's own websocket protocol, as a browser tab drives them.

A `Session` connects to /_stcore/stream like the frontend does, asks for a rerun of one page
(a BackMsg rerun_script naming the page's url path) and stops the clock at the server's
script_finished message: script run, element serialisation and delivery, and nothing of a
browser's rendering. Like the frontend, it reports the hashes of the cacheable messages it
already holds, so the server sends references for unchanged large elements, as it would.
"""

from __future__ import annotations

import statistics
import time

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

FINISHED = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].enum_type.values_by_name
SUCCESS = FINISHED["FINISHED_SUCCESSFULLY"].number


class Session:
    """One browser tab's worth of server session, without the browser."""

    def __init__(self, port: int, page: str, query: str = ""):
        self.page = page
        self.query = query
        self.cached: set[str] = set()
        self.exceptions: list[str] = []
        self.pages: dict[str, str] = {}  # title -> url path, as the app's st.navigation serves them
        self.socket = connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=60
        )

    def rerun(self, timeout: float = 120) -> float:
        """Seconds from the rerun request to the script's end, as the server reports it."""
        message = BackMsg()
        message.rerun_script.query_string = self.query
        message.rerun_script.page_name = self.page
        message.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        start = time.perf_counter()
        self.socket.send(message.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(self.socket.recv(timeout=timeout))
            kind = reply.WhichOneof("type")
            if kind == "delta":
                if reply.metadata.cacheable and reply.hash:
                    self.cached.add(reply.hash)
                if reply.delta.new_element.WhichOneof("type") == "exception":
                    self.exceptions.append(reply.delta.new_element.exception.message)
            elif kind == "navigation":
                self.pages = {page.page_name: page.url_pathname for page in reply.navigation.app_pages}
            elif kind == "page_not_found":
                raise RuntimeError(f"no page {self.page!r}")
            elif kind == "script_finished":
                elapsed = time.perf_counter() - start
                if reply.script_finished != SUCCESS:
                    raise RuntimeError(f"page {self.page!r} did not finish: status {reply.script_finished}")
                return elapsed

    def close(self) -> None:
        self.socket.close()


def served_paths(port: int) -> dict[str, str]:
    """Each page's title -> the url path the app serves it at ("" for the default page)."""
    session = Session(port, "")
    try:
        session.rerun()
        return session.pages
    finally:
        session.close()


def median_reruns(
    sessions: dict[str, Session], rounds: int, warmup: int = 3
) -> tuple[dict[str, float], dict[str, str]]:
    """Median rerun seconds per session, and why any session failed (it is then left out).

    The sessions take turns, round by round, so load on the machine hits all of them alike.
    """
    times: dict[str, list[float]] = {name: [] for name in sessions}
    failed: dict[str, str] = {}
    for round_ in range(warmup + rounds):
        for name, session in sessions.items():
            if name in failed:
                continue
            try:
                elapsed = session.rerun()
            except Exception as err:  # noqa: BLE001 - one broken page must not hide the others' figures
                failed[name] = f"{type(err).__name__}: {err}"
                continue
            if round_ >= warmup:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items() if name not in failed}, failed
