"""Coverage: what backs each cell, and where the evidence is thin."""

from __future__ import annotations

import pandas as pd

from components.data.dates import evidence_day
from components.data.schema import Dataset
from components.tables.history import positions_by_cell
from components.tables.labels import signed, stance_text, voice_rank


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


def government_coverage_table(dataset: Dataset) -> pd.DataFrame:
    """Per cell and per government in office: the positions taken under it, their voices, the newest
    evidence date, and the gap when there is none.

    A position belongs to the government in office on its as_of; where an acting head overlaps a
    suspended one, both count it, since either could have carried the stance.
    """
    cells = positions_by_cell(dataset)
    sources = {source.id: source for source in dataset.sources}
    rows = []
    for country in dataset.countries:
        for government in country.governments:
            for issue in dataset.issues:
                held = [
                    p
                    for _, p in cells.get((country.id, issue.id), [])
                    if p.as_of >= government.start and (government.end is None or p.as_of < government.end)
                ]
                voices = sorted({item.voice for p in held for item in p.evidence if item.voice}, key=voice_rank)
                days = [evidence_day(item, sources.get(item.source)) for p in held for item in p.evidence]
                coded = [p for p in held if p.stance is not None]
                before = [p for _, p in cells.get((country.id, issue.id), []) if p.as_of < government.start]
                if coded:
                    gap = ""
                elif held:
                    gap = "no stance (explained)"
                elif before:
                    carried = max(before, key=lambda p: p.as_of)
                    gap = f"no position: shows {stance_text(dataset, carried.stance)} of {carried.as_of}"
                else:
                    gap = "no position, and none before"
                rows.append(
                    {
                        "country": country.id,
                        "government": government.leader + (" (acting)" if government.acting else ""),
                        "from": government.start,
                        "to": government.end,
                        "issue": issue.id,
                        "positions": len(held),
                        "stances": ", ".join(signed(p.stance) for p in coded),
                        "voices": ", ".join(voices),
                        "latest": max((d for d in days if d is not None), default=None),
                        "gap": gap,
                    }
                )
    return pd.DataFrame(
        rows,
        columns=["country", "government", "from", "to", "issue", "positions", "stances", "voices", "latest", "gap"],
    )
