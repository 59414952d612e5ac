"""Coverage: what backs each cell, and where the evidence is thin."""

from __future__ import annotations

import pandas as pd

from components.data.schema import Dataset
from components.tables.history import positions_by_cell


def coverage_table(dataset: Dataset) -> pd.DataFrame:
    """Per cell: how many positions and quotes back it, how recent, and what is missing."""
    cells = positions_by_cell(dataset)
    rows = []
    for country in dataset.countries:
        for issue in dataset.issues:
            positions = [p for _, p in cells.get((country.id, issue.id), [])]
            quotes = [e for p in positions for e in p.evidence]
            latest = max(positions, key=lambda p: p.as_of) if positions else None
            if latest is None:
                gap = "no position"
            elif latest.stance is None:
                gap = "no stance (explained)"
            elif len({e.source for e in latest.evidence}) < 2:
                gap = "single source"
            else:
                gap = ""
            rows.append(
                {
                    "country": country.id,
                    "issue": issue.id,
                    "positions": len(positions),
                    "evidence": len(quotes),
                    "sources": len({e.source for e in quotes}),
                    "latest": latest.as_of if latest else None,
                    "stance": latest.stance if latest else None,
                    "gap": gap,
                }
            )
    table = pd.DataFrame(rows)
    table["stance"] = table["stance"].astype("Int64")
    return table
