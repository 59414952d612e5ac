"""Where the browser tests find the matrix heatmap (components/app/widgets/heatmap.py), a menu's button and the
sidebar's date."""

from __future__ import annotations

import datetime as dt
import json

from components.app.pages.matrix import HEATMAP_KEY

HEATMAP = f".st-key-{HEATMAP_KEY} .atlas-heatmap"
CELL = "button.atlas-heatmap-cell"


def heatmap_cells(page, country: str):
    """Every cell of a country's row: each button's label starts "<country> on <issue>: "."""
    return page.locator(HEATMAP).locator(f"{CELL}[aria-label^={json.dumps(f'{country} on ')}]")


def heatmap_cell(page, country: str, issue: str):
    return page.locator(HEATMAP).locator(f"{CELL}[aria-label^={json.dumps(f'{country} on {issue}: ')}]")


def shown_date(page, date: dt.date):
    """The line naming the as-of date: the sidebar's (its picker sits in a closed popover) or, when
    presenting, the footer's."""
    sidebar = page.locator('[data-testid="stSidebar"]').get_by_text(
        f"Showing the stances in force on {date:%-d %B %Y}."
    )
    footer = page.locator('[data-testid="atlas-footer"]', has_text=f"stances as of {date.isoformat()}")
    return sidebar.or_(footer).filter(visible=True)  # presenting hides the sidebar, which stays in the page


def menu_button(page, label: str):
    """The button that opens a popover menu (its content is in the page only once opened)."""
    return page.locator('[data-testid="stPopover"] button').filter(has_text=label)
