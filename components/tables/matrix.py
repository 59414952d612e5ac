"""The matrix: each country x issue cell's stance in force on a date, and comparisons of cells."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pandas as pd

from components.data.schema import Dataset
from components.tables.labels import signed

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


def date_span(dataset: Dataset) -> tuple[dt.date, dt.date]:
    """The first and last as_of in the data: the range of the as-of control."""
    dates = [p.as_of for p in dataset.positions] or [dt.date.today()]
    return min(dates), max(dates)
