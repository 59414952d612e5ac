"""A position is never dated before its evidence, and rests on at least one dated item.

An item's date is its said_on, else its source's date, where a partial source date ('2019-01',
'2020') counts as its last possible day (components/data/dates.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.dates import evidence_day
from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "dated-evidence"
DESCRIPTION = "as_of is on or after its earliest dated evidence (said_on, else source date); some item is dated"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    sources = {source.id: source for source in dataset.sources}
    for i, position in enumerate(dataset.positions):
        if not position.evidence:
            continue
        days = [(evidence_day(item, sources.get(item.source)), j) for j, item in enumerate(position.evidence)]
        dated = [(day, j) for day, j in days if day is not None]
        if not dated:
            if any(item.source not in sources for item in position.evidence):
                continue  # an unknown source may hold the date: references speaks first
            yield Finding(
                ("positions", i, "evidence"),
                "no evidence item is dated: give one a said_on, or its source a date",
            )
            continue
        earliest, j = min(dated)
        if position.as_of < earliest:
            item = position.evidence[j]
            origin = (
                "said_on" if item.said_on is not None else f"source {item.source} dated {sources[item.source].date}"
            )
            yield Finding(
                ("positions", i, "as_of"),
                f"as_of {position.as_of} is before its earliest evidence: evidence[{j}] is of {earliest} ({origin})",
            )
