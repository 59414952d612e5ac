"""Pure functions from a Dataset to pandas tables: what every chart and page shows."""

from __future__ import annotations

import datetime as dt
from itertools import combinations, pairwise

import pandas as pd

from components.schema import Dataset, Position

CODED = "coded"
NO_STANCE = "no stance"  # assessed, but no stance applies (the summary says why)
NO_EVIDENCE = "no evidence"  # nothing recorded for the cell by that date


def latest_positions(dataset: Dataset, as_of: dt.date) -> dict[tuple[str, str], int]:
    """For each (country, issue) cell, the index of the position in force on `as_of`."""
    chosen: dict[tuple[str, str], int] = {}
    for i, position in enumerate(dataset.positions):
        if position.as_of > as_of:
            continue
        current = chosen.get(position.cell)
        if current is None or dataset.positions[current].as_of <= position.as_of:
            chosen[position.cell] = i
    return chosen


def matrix_table(dataset: Dataset, as_of: dt.date, countries: list[str] | None = None) -> pd.DataFrame:
    """One row per country x issue: the stance in force on `as_of` and what backs it."""
    chosen = latest_positions(dataset, as_of)
    rows = []
    for c_order, country in enumerate(dataset.countries):
        if countries is not None and country.id not in countries:
            continue
        for i_order, issue in enumerate(dataset.issues):
            index = chosen.get((country.id, issue.id))
            position = dataset.positions[index] if index is not None else None
            status = NO_EVIDENCE if position is None else CODED if position.stance is not None else NO_STANCE
            stance = position.stance if position else None
            rows.append(
                {
                    "country_id": country.id,
                    "country": country.name,
                    "issue_id": issue.id,
                    "issue": issue.name,
                    "stance": stance,
                    "label": dataset.label_of(stance) if status == CODED else status.capitalize(),
                    "confidence": position.confidence if position else None,
                    "since": position.as_of if position else None,
                    "summary": position.summary if position else "No position recorded by this date.",
                    "evidence": len(position.evidence) if position else 0,
                    "status": status,
                    "position": index if index is not None else -1,
                    "country_order": c_order,
                    "issue_order": i_order,
                }
            )
    table = pd.DataFrame(rows)
    if not table.empty:
        table["stance"] = table["stance"].astype("Int64")
    return table


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
                }
            )
    return pd.DataFrame(rows, columns=["country_id", "country", "leader", "from", "to"])


def differences_table(dataset: Dataset, as_of: dt.date, countries: list[str]) -> pd.DataFrame:
    """Each pair of chosen countries on each issue where both are coded, widest gap first."""
    matrix = matrix_table(dataset, as_of, countries)
    rows = []
    if matrix.empty:
        return pd.DataFrame(columns=["issue", "first", "second", "gap", "first_label", "second_label"])
    coded = matrix[matrix["status"] == CODED]
    for _, group in coded.groupby("issue_id", sort=False):
        by_country = group.set_index("country_id")
        ordered = [c for c in countries if c in by_country.index]
        for a, b in combinations(ordered, 2):
            rows.append(
                {
                    "issue": by_country.loc[a, "issue"],
                    "first": by_country.loc[a, "country"],
                    "second": by_country.loc[b, "country"],
                    "gap": abs(int(by_country.loc[a, "stance"]) - int(by_country.loc[b, "stance"])),
                    "first_label": by_country.loc[a, "label"],
                    "second_label": by_country.loc[b, "label"],
                }
            )
    table = pd.DataFrame(rows, columns=["issue", "first", "second", "gap", "first_label", "second_label"])
    return table.sort_values("gap", ascending=False, kind="stable").reset_index(drop=True)


def signed(value: int) -> str:
    """A scale value with its sign: '+1', '0', '-2' (zero has no side)."""
    return f"{value:+d}" if value else "0"


def stance_text(dataset: Dataset, stance: int | None) -> str:
    """A stance as people read it: 'Leaning aligned (+1)', 'Hedging (0)', or 'No stance'."""
    if stance is None:
        return dataset.label_of(None)
    return f"{dataset.label_of(stance)} ({signed(stance)})"


def changes_table(dataset: Dataset, country: str, until: dt.date | None = None) -> pd.DataFrame:
    """Each time one of a country's stances changed (up to `until`), oldest first.

    A cell's first position starts its record and is no change; a later position with the
    same stance (new evidence, same reading) is no change either.
    """
    by_issue: dict[str, list[Position]] = {}  # one pass over the file, not one per issue
    for p in dataset.positions:
        if p.country == country and (until is None or p.as_of <= until):
            by_issue.setdefault(p.issue, []).append(p)
    rows = []
    for issue in dataset.issues:
        cell = sorted(by_issue.get(issue.id, []), key=lambda p: p.as_of)
        for before, after in pairwise(cell):
            if before.stance == after.stance:
                continue
            direction = None  # a move to or from "no stance" has no direction on the scale
            if before.stance is not None and after.stance is not None:
                direction = "towards alignment" if after.stance > before.stance else "away from alignment"
            was, now = stance_text(dataset, before.stance), stance_text(dataset, after.stance)
            rows.append(
                {
                    "date": after.as_of,
                    "issue_id": issue.id,
                    "issue": issue.name,
                    "from_stance": before.stance,
                    "to_stance": after.stance,
                    "from_label": was,
                    "to_label": now,
                    "direction": direction,
                    "change": f"{after.as_of.isoformat()}: {issue.name} moved from {was} to {now}",
                }
            )
    columns = ["date", "issue_id", "issue", "from_stance", "to_stance", "from_label", "to_label", "direction", "change"]
    table = pd.DataFrame(rows, columns=columns)
    table[["from_stance", "to_stance"]] = table[["from_stance", "to_stance"]].astype("Int64")
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def side_by_side_table(matrix: pd.DataFrame, countries: list[str]) -> pd.DataFrame:
    """Issues down, the given countries across (in that order), each cell its stance in words.

    A cell without a coded stance says so ("No stance", "No evidence"): gaps are named, not blank.
    """
    cells = matrix.assign(
        text=[
            f"{label} ({signed(int(stance))})" if status == CODED else label
            for label, stance, status in zip(matrix["label"], matrix["stance"], matrix["status"])
        ]
    )
    table = cells.pivot(index="issue_id", columns="country_id", values="text")
    issues = cells.drop_duplicates("issue_id").sort_values("issue_order")
    names = dict(zip(cells["country_id"], cells["country"]))
    present = [c for c in countries if c in names]
    table = table.reindex(index=list(issues["issue_id"]), columns=present).rename(columns=names)
    table.insert(0, "Issue", list(issues["issue"]))
    return table.reset_index(drop=True).rename_axis(columns=None)


def codebook_table(dataset: Dataset, issue_id: str) -> pd.DataFrame:
    """Every level of the shared scale, most aligned first, with what it means on this issue
    (null where the issue's codebook gives no wording for that level)."""
    issue = next(i for i in dataset.issues if i.id == issue_id)
    levels = sorted(dataset.scale, key=lambda level: level.value, reverse=True)
    return pd.DataFrame(
        {
            "value": [level.value for level in levels],
            "label": [level.label for level in levels],
            "meaning": [issue.levels.get(level.value) for level in levels],
        }
    )


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


def date_span(dataset: Dataset) -> tuple[dt.date, dt.date]:
    """The first and last as_of in the data: the range of the as-of control."""
    dates = [p.as_of for p in dataset.positions] or [dt.date.today()]
    return min(dates), max(dates)
