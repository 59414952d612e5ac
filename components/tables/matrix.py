"""The matrix: each country x issue cell's stance in force on a date, and comparisons of cells."""

from __future__ import annotations

import calendar
import datetime as dt
from itertools import combinations

import pandas as pd

from components.data.dates import evidence_day
from components.data.schema import Dataset, Position
from components.tables.labels import signed

CODED = "coded"
NO_STANCE = "no stance"  # assessed, but no stance applies (the summary says why)
NO_EVIDENCE = "no evidence"  # nothing recorded for the cell by that date
STALE_AFTER_MONTHS = 24  # a cell whose newest evidence is older than this, at the as-of date, is marked stale
_CELL_SEPARATOR = ":"  # ids cannot contain it (schema's Id pattern), so a key splits back unambiguously


def cell_key(country_id: str, issue_id: str) -> str:
    """A cell's key in URLs, widgets and the heatmap: 'JP:quad'."""
    return f"{country_id}{_CELL_SEPARATOR}{issue_id}"


def parse_cell_key(key: str | None) -> tuple[str, str] | None:
    """(country id, issue id) of a key made by cell_key, or None for anything else."""
    if not key or _CELL_SEPARATOR not in key:
        return None
    country_id, issue_id = key.split(_CELL_SEPARATOR, 1)
    return (country_id, issue_id) if country_id and issue_id else None


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


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (clamped to the month's end: 31 March - 1 month = 28/29 February)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def last_evidenced(position: Position, sources: dict, as_of: dt.date) -> dt.date | None:
    """The newest date, up to `as_of`, among a position's evidence (said_on, else the source's date).

    Evidence said after the date viewed does not count: the matrix as of a day shows what was known then.
    """
    days = [evidence_day(item, sources.get(item.source)) for item in position.evidence]
    return max((d for d in days if d is not None and d <= as_of), default=None)


def matrix_table(
    dataset: Dataset, as_of: dt.date, countries: list[str] | None = None, changed_since: dt.date | None = None
) -> pd.DataFrame:
    """One row per country x issue: the stance in force on `as_of`, what backs it and how fresh it is.

    `changed` marks the cells whose stance differs from the one in force on `changed_since`
    (by default the day before: the cells that moved on `as_of` itself), so a class stepping
    through the years sees what moved at each step.
    """
    chosen = latest_positions(dataset, as_of)
    before = latest_positions(dataset, changed_since or as_of - dt.timedelta(days=1))
    sources = {source.id: source for source in dataset.sources}
    stale_before = months_before(as_of, STALE_AFTER_MONTHS)
    rows = []
    for c_order, country in enumerate(dataset.countries):
        if countries is not None and country.id not in countries:
            continue
        for i_order, issue in enumerate(dataset.issues):
            index = chosen.get((country.id, issue.id))
            position = dataset.positions[index] if index is not None else None
            status = NO_EVIDENCE if position is None else CODED if position.stance is not None else NO_STANCE
            stance = position.stance if position else None
            newest = last_evidenced(position, sources, as_of) if position else None
            previous = before.get((country.id, issue.id))
            # new since then, or a different stance from the one in force then
            changed = position is not None and (
                previous is None or dataset.positions[previous].stance != position.stance
            )
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
                    "last_evidenced": newest,
                    "stale": newest is not None and newest < stale_before,
                    "changed": changed,  # its stance moved on this very day (stepping highlights it)
                    "status": status,
                    "position": index if index is not None else -1,
                    "country_order": c_order,
                    "issue_order": i_order,
                }
            )
    table = pd.DataFrame(rows)
    if not table.empty:
        table["stance"] = table["stance"].astype("Int64")
        # pandas reads a text column with gaps as strings and NaN, and NaN is truthy: every reader
        # would have to know. A cell without a confidence keeps None, as the data file says.
        table["confidence"] = pd.Series([row["confidence"] for row in rows], index=table.index, dtype=object)
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
