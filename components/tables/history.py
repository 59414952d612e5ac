"""Time: each cell's positions as steps, the changes between them, and the governments in office."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pandas as pd

from components.data.schema import Dataset, Position
from components.tables.labels import direction_of, stance_text


def positions_by_cell(dataset: Dataset) -> dict[tuple[str, str], list[tuple[int, Position]]]:
    """Each (country, issue) cell's (index, position) pairs in file order: one pass over the file,
    where looking each cell up separately would scan every position once per cell."""
    cells: dict[tuple[str, str], list[tuple[int, Position]]] = {}
    for i, position in enumerate(dataset.positions):
        cells.setdefault((position.country, position.issue), []).append((i, position))
    return cells


def history_table(dataset: Dataset, country: str, issue: str, end: dt.date | None = None) -> pd.DataFrame:
    """A cell's positions in date order, each with the date it held until."""
    picked = [(i, p) for i, p in enumerate(dataset.positions) if p.country == country and p.issue == issue]
    return _history_frame(dataset, picked, end)


def _history_frame(dataset: Dataset, picked: list[tuple[int, Position]], end: dt.date | None) -> pd.DataFrame:
    picked = sorted(picked, key=lambda pair: pair[1].as_of)
    rows = []
    for k, (index, position) in enumerate(picked):
        until = picked[k + 1][1].as_of if k + 1 < len(picked) else end
        rows.append(
            {
                "position": index,
                "as_of": position.as_of,
                "until": until,
                "stance": position.stance,
                "label": dataset.label_of(position.stance),
                "confidence": position.confidence,
                "summary": position.summary,
            }
        )
    table = pd.DataFrame(rows, columns=["position", "as_of", "until", "stance", "label", "confidence", "summary"])
    table["stance"] = table["stance"].astype("Int64")
    return table


def timeline_table(dataset: Dataset, end: dt.date, countries=None, issues=None) -> pd.DataFrame:
    """Every position as a step: stance from as_of until the next position (or `end`)."""
    cells = positions_by_cell(dataset)
    frames = []
    for country in dataset.countries:
        if countries is not None and country.id not in countries:
            continue
        for issue in dataset.issues:
            if (issues is not None and issue.id not in issues) or (country.id, issue.id) not in cells:
                continue  # a cell with no position adds no step
            history = _history_frame(dataset, cells[(country.id, issue.id)], end)
            history = history[history["as_of"] <= end]
            if history.empty:
                continue
            history = history.assign(country_id=country.id, country=country.name, issue_id=issue.id, issue=issue.name)
            history["until"] = [min(u, end) if u else end for u in history["until"]]
            frames.append(history)
    columns = ["country_id", "country", "issue_id", "issue", "as_of", "until", "stance", "label", "confidence"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def governments_table(dataset: Dataset, countries=None, start: dt.date | None = None, end: dt.date | None = None):
    """Changes of government, for timeline markers; clipped to [start, end] when given."""
    rows = []
    for country in dataset.countries:
        if countries is not None and country.id not in countries:
            continue
        for government in country.governments:
            if (start and government.end and government.end < start) or (end and government.start > end):
                continue
            rows.append(
                {
                    "country_id": country.id,
                    "country": country.name,
                    "leader": government.leader,
                    "from": government.start,
                    "to": government.end,
                    "acting": government.acting,
                }
            )
    return pd.DataFrame(rows, columns=["country_id", "country", "leader", "from", "to", "acting"])


STANCE_PAIR = ["from_stance", "to_stance", "from_label", "to_label"]  # a change's two stances, as values and words
CHANGE_COLUMNS = ["date", "country_id", "issue_id", "issue", *STANCE_PAIR, "direction", "change", "position"]


def stance_changes(dataset: Dataset, countries=None, issues=None, until: dt.date | None = None) -> pd.DataFrame:
    """Every change of stance in the data (up to `until`), oldest first; `countries` and `issues`
    (ids) narrow it. `position` is the index of the position that made the change.

    A cell's first position starts its record and is no change; a later position with the
    same stance (new evidence, same reading) is no change either.
    """
    cells = positions_by_cell(dataset)  # one pass over the file, not one per cell
    rows = []
    for country in dataset.countries:
        if countries is not None and country.id not in countries:
            continue
        for issue in dataset.issues:
            if issues is not None and issue.id not in issues:
                continue
            cell = sorted(
                (pair for pair in cells.get((country.id, issue.id), []) if until is None or pair[1].as_of <= until),
                key=lambda pair: pair[1].as_of,
            )
            for (_, before), (index, after) in pairwise(cell):
                if before.stance == after.stance:
                    continue
                was, now = stance_text(dataset, before.stance), stance_text(dataset, after.stance)
                rows.append(
                    {
                        "date": after.as_of,
                        "country_id": country.id,
                        "issue_id": issue.id,
                        "issue": issue.name,
                        "from_stance": before.stance,
                        "to_stance": after.stance,
                        "from_label": was,
                        "to_label": now,
                        "direction": direction_of(before.stance, after.stance),
                        "change": f"{after.as_of.isoformat()}: {issue.name} moved from {was} to {now}",
                        "position": index,
                    }
                )
    table = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    table[["from_stance", "to_stance"]] = table[["from_stance", "to_stance"]].astype("Int64")
    table["direction"] = pd.Series([row["direction"] for row in rows], index=table.index, dtype=object)  # None, not NaN
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def changes_table(dataset: Dataset, country: str, until: dt.date | None = None) -> pd.DataFrame:
    """Each time one of a country's stances changed (up to `until`), oldest first (see stance_changes)."""
    columns = ["date", "issue_id", "issue", "from_stance", "to_stance", "from_label", "to_label", "direction", "change"]
    return stance_changes(dataset, [country], None, until)[columns]
