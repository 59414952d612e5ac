"""The on-screen matrix: a plain-data spec of the countries x issues heatmap.

The browser draws it as an HTML table of buttons (components/app/widgets/assets/heatmap.js), which needs
none of Vega's 775 KB bundle: the matrix is the home page, and its cold load is measured
against a one-line Streamlit app (bench/README.md). Cells look as in the exported chart,
because both read `charts.matrix_cells`. Everything here is plain text and colours; the
browser side sets it as text, never as HTML.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components.data.schema import Dataset
from components.render.charts import legend_rows, matrix_cells
from components.tables.matrix import cell_key


def _describe(row) -> str:
    """One cell in words: its tooltip and what a screen reader announces."""
    parts = [f"{row.country} on {row.issue}: {row.cell_label}"]
    if row.confidence:  # None where no stance is coded (tables/matrix.py)
        parts.append(f"{row.confidence} confidence")
    if row.since_text:
        parts.append(row.since_text)
    if row.note:
        parts.append(row.note.replace("▲ ", ""))
    parts.append(f"{row.evidence} quote{'' if row.evidence == 1 else 's'}")
    return "; ".join(parts)


def heatmap_spec(
    matrix: pd.DataFrame,
    dataset: Dataset,
    palette: list[str],
    as_of: dt.date,
    *,
    selected: tuple[str, str] | None = None,
    large: bool = False,
) -> dict:
    """Rows of cells in the matrix's country and issue order, with the legend and a caption."""
    cells = matrix_cells(matrix, dataset, palette, selected).sort_values(["country_order", "issue_order"])
    issues = cells.drop_duplicates("issue_id").sort_values("issue_order")
    rows: dict[str, dict] = {}
    for row in cells.itertuples():
        entry = rows.setdefault(row.country_id, {"country": row.country, "cells": []})
        entry["cells"].append(
            {
                "key": cell_key(row.country_id, row.issue_id),
                "label": row.cell_label,
                "confidence": row.confidence_mark,
                "fill": row.fill,
                "ink": row.ink,
                "selected": (row.country_id, row.issue_id) == selected,
                "note": row.note,
                "stale": bool(row.stale),
                "changed": bool(row.changed),
                "describe": _describe(row),
            }
        )
    return {
        "caption": f"Stances as of {as_of.isoformat()}: countries in rows, issues in columns; "
        "each cell opens the quotes behind it.",
        "issues": list(issues["issue"]),
        "rows": list(rows.values()),
        "legend": legend_rows(dataset, palette),
        "large": large,
    }
