"""Running the app under AppTest on a chosen page, with a chosen data file and URL, and reading its text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from components.app.widgets.menu import MENU_KEY_PREFIX

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"


def clear_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


def run_page(
    url_path: str = "", params: dict | None = None, timeout: float = 60, *, open_menus: bool = False
) -> AppTest:
    """Run app.py on the page registered under `url_path` ("" = the default page); with
    `open_menus`, run it again with every menu open whose content is built only while open.

    Pages are callables routed by st.navigation, so AppTest.switch_page (which takes a
    file) cannot reach them: after a first run, the page is picked by its url path.
    The data file comes from STANCES_FILE, which tests set with monkeypatch.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params.update(params or {})
    at.run()
    if url_path:
        pages = at._registered_pages  # AppTest has no public way to open a callable page
        matches = [page_hash for page_hash, info in pages.items() if info.get("url_pathname") == url_path]
        if not matches:
            raise ValueError(
                f"no page with url path {url_path!r}; known: {[i.get('url_pathname') for i in pages.values()]}"
            )
        at._page_hash = matches[0]
        at.run()
    if open_menus:
        for key in [k for k in at.session_state if k.startswith(MENU_KEY_PREFIX)]:
            at.session_state[key] = True  # as a reader's click on the menu's button would
        at.run()
    return at


def heatmap_specs(at: AppTest) -> list[dict]:
    """The specs of the matrix heatmaps on the page (components/app/widgets/heatmap.py)."""
    return [
        json.loads(el.proto.json)
        for el in at.main.get("bidi_component")
        if el.proto.component_name == "stance_atlas.heatmap"
    ]


def unescaped(values) -> str:
    """Page text as a reader sees it (the page escapes data text for markdown)."""
    return "\n".join(re.sub(r"\\(.)", r"\1", str(v)) for v in values)


def page_text(at: AppTest) -> str:
    return unescaped([e.value for e in [*at.markdown, *at.caption, *at.subheader, *at.info]])


def recorded_downloads(monkeypatch, url_path: str = "", params: dict | None = None) -> dict[str, object]:
    """Run a page and return its download buttons as {file name: builder}, unbuilt: a download is
    built only when clicked, so a test calls the builder as the click would."""
    registered: dict[str, object] = {}
    register = MediaFileManager.add_deferred

    def recording(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        registered[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)
    clear_caches()
    try:
        at = run_page(url_path, params, open_menus=True)
        assert not at.exception, at.exception
    finally:
        clear_caches()
    return registered
