"""Menus whose content the server builds only while the menu is open.

A closed menu sends the browser its button alone. Every element sent on a page's first load
is one more render of the page before the heatmap's cells can show (bench/README.md, "cold
load"), and a menu's downloads or citations are wanted on a click, not on every run. Opening
the menu reruns the app, which then builds its content. Menus holding a widget bound to the URL
(the date, the cell picker) stay plain popovers: a bound widget must run on every run to keep
its query parameter.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

MENU_KEY_PREFIX = "menu_"  # every such menu's session key starts with it (the tests open them all)


def render_menu(label: str, content: Callable[[], None], *, name: str, icon: str, width: str = "content") -> None:
    """A popover button; `content` runs inside it only on runs where the reader has it open."""
    menu = st.popover(label, icon=icon, key=f"{MENU_KEY_PREFIX}{name}", on_change="rerun", width=width)
    if menu.open:
        with menu:
            content()
