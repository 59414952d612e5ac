"""What the static atlas's browser tests share: building an atlas, and reading its page.

The atlas (`python -m components site OUT_DIR`) needs no server; these helpers build one
from a LoadResult and read back what its page shows, to compare with the Python tables.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from playwright.sync_api import expect

from components.data.loader import LoadResult
from components.render.charts import FALLBACK_PALETTE, matrix_cells
from components.render.site import build_site
from components.tables.matrix import matrix_table

READY = "html[data-atlas-ready='true']"
CELL = "#matrix-table button.cell"
HEADING = "#evidence-heading"
QUOTE = "#evidence-body figure.quote"

CELLS_JS = """() => [...document.querySelectorAll('#matrix-table button.cell')].map(b => ({
  key: b.dataset.key,
  text: b.querySelector('.cell-stance').textContent,
  glyph: b.querySelector('.cell-confidence').textContent,
  note: b.querySelector('.cell-note').textContent,
  fill: getComputedStyle(b).backgroundColor,
  ink: getComputedStyle(b).color,
  stale: b.classList.contains('is-stale'),
  pressed: b.getAttribute('aria-pressed'),
}))"""


def rgb(color: str) -> str:
    if color == "white":
        color = "#ffffff"
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def build_atlas(result: LoadResult, folder: Path, checks=None) -> Path:
    assert result.ok, [str(p) for p in result.problems]
    return build_site(result, folder, checks=checks).folder / "index.html"


def expected_cells(result: LoadResult, day: dt.date) -> list[dict]:
    ds = result.dataset
    cells = matrix_cells(matrix_table(ds, day), ds, list(FALLBACK_PALETTE))
    cells = cells.sort_values(["country_order", "issue_order"])
    return [
        {
            "key": f"{row.country_id}:{row.issue_id}",
            "text": row.cell_label,
            "glyph": row.confidence_mark or "",
            "note": getattr(row, "note", "") or "",
            "fill": rgb(row.fill),
            "ink": rgb(row.ink),
            "stale": bool(row.stale),
        }
        for row in cells.itertuples()
    ]


def shown_cells(page) -> list[dict]:
    return [{k: v for k, v in cell.items() if k != "pressed"} for cell in page.evaluate(CELLS_JS)]


def set_day(page, day: dt.date) -> None:
    page.fill("#as-of", day.isoformat())
    expect(page.locator("#matrix-heading")).to_have_text(f"The matrix on {day.day} {day:%B %Y}")
