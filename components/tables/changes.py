"""What changed, and when: the cells that moved between two dates, and every change in the data.

Both build on history.stance_changes (a change is a position whose stance differs from its
cell's previous one) and matrix.latest_positions (the position in force on a date), so the
Country page, the Changes page and its CSV count changes the same way.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components.data.schema import Country, Dataset, Government
from components.tables.history import STANCE_PAIR, positions_by_cell, stance_changes
from components.tables.labels import direction_of, leader_text, move_text, stance_text
from components.tables.matrix import latest_positions

CELL_COLUMNS = ["country_id", "country", "issue_id", "issue"]
MOVED_COLUMNS = [*STANCE_PAIR, "move", "direction"]  # the two stances, the move in words, and its direction
MOVE_COLUMNS = [
    *CELL_COLUMNS,
    "from_date",
    "first_recorded",
    *MOVED_COLUMNS,
    "from_government",
    "to_government",
    "since",
    "position",
]
CHANGE_LIST_COLUMNS = ["date", *CELL_COLUMNS, *MOVED_COLUMNS, "government", "summary", "position"]
CSV_COLUMNS = [
    "date",
    "country",
    "issue",
    "from_stance",
    "from_label",
    "to_stance",
    "to_label",
    "direction",
    "government",
    "summary",
]


def government_on(country: Country, day: dt.date) -> Government | None:
    """The government in office on `day`, or None when the file records none for that day.

    A handover day belongs to the incoming government (one ends `to` the day the next is `from`).
    Where two overlap (an acting head recorded beside the one they stand in for), the one that
    started last is in office.
    """
    in_office = [g for g in country.governments if g.start <= day and (g.end is None or day < g.end)]
    return max(in_office, key=lambda g: g.start, default=None)


def moves_between(dataset: Dataset, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Every cell whose stance on `end` differs from its stance on `start`, in file order.

    A cell with no position yet on `start` is read from its first position after it
    (`first_recorded` is then True and `from_date` is that position's date): over 2017 to today,
    a cell first coded in 2020 moved if its stance today differs from that first one. A cell that
    moved and came back counts as no move: every step is in all_changes_table. `position` is the
    index of the position in force on `end`, whose evidence backs the new stance.
    """
    if start > end:
        start, end = end, start
    at_start, at_end = latest_positions(dataset, start), latest_positions(dataset, end)
    cells = positions_by_cell(dataset)
    rows = []
    for country in dataset.countries:
        for issue in dataset.issues:
            now = at_end.get((country.id, issue.id))
            if now is None:
                continue
            was = at_start.get((country.id, issue.id))
            first_recorded = was is None
            if first_recorded:  # the cell's first position after `start` (and by `end`: `now` is one)
                was = min(
                    (i for i, p in cells[(country.id, issue.id)] if start < p.as_of <= end),
                    key=lambda i: dataset.positions[i].as_of,
                )
            before, after = dataset.positions[was], dataset.positions[now]
            if before.stance == after.stance:
                continue
            from_date = before.as_of if first_recorded else start
            rows.append(
                {
                    "country_id": country.id,
                    "country": country.name,
                    "issue_id": issue.id,
                    "issue": issue.name,
                    "from_date": from_date,
                    "first_recorded": first_recorded,
                    "from_stance": before.stance,
                    "to_stance": after.stance,
                    "from_label": stance_text(dataset, before.stance),
                    "to_label": stance_text(dataset, after.stance),
                    "move": move_text(dataset, before.stance, after.stance),
                    "direction": direction_of(before.stance, after.stance),
                    "from_government": leader_text(government_on(country, from_date)),
                    "to_government": leader_text(government_on(country, end)),
                    "since": after.as_of,
                    "position": now,
                }
            )
    table = pd.DataFrame(rows, columns=MOVE_COLUMNS)
    table[["from_stance", "to_stance"]] = table[["from_stance", "to_stance"]].astype("Int64")
    table["direction"] = pd.Series([row["direction"] for row in rows], index=table.index, dtype=object)  # None, not NaN
    return table


def all_changes_table(dataset: Dataset, countries=None, issues=None) -> pd.DataFrame:
    """Every change of stance in the data, oldest first, with the government in office that day
    and the new position's summary; `countries` and `issues` (ids) narrow it."""
    changes = stance_changes(dataset, countries, issues)
    by_id = {country.id: country for country in dataset.countries}
    table = changes.assign(
        country=[by_id[c].name for c in changes["country_id"]],
        move=[
            move_text(dataset, None if pd.isna(a) else int(a), None if pd.isna(b) else int(b))
            for a, b in zip(changes["from_stance"], changes["to_stance"])
        ],
        government=[leader_text(government_on(by_id[c], d)) for c, d in zip(changes["country_id"], changes["date"])],
        summary=[dataset.positions[i].summary for i in changes["position"]],
    )
    return table[CHANGE_LIST_COLUMNS]


def changes_csv(table: pd.DataFrame) -> str:
    """The list of changes as its CSV download: dates as YYYY-MM-DD, one row per change."""
    records = table[CSV_COLUMNS].copy()
    records["date"] = [d.isoformat() for d in records["date"]]
    records["direction"] = records["direction"].fillna("")
    return records.to_csv(index=False)


def most_changed(changes: pd.DataFrame, column: str, order: list[str], limit: int) -> list[str]:
    """Up to `limit` ids of `column` ('country_id' or 'issue_id') with the most changes, most first
    (ties in `order`, the file's order); ids without a change come last. For charts that cannot
    draw every country or issue legibly."""
    counts = changes[column].value_counts()
    ranked = sorted(order, key=lambda value: (-int(counts.get(value, 0)), order.index(value)))
    return ranked[:limit]
