"""Words are said before they are published: said_on is never after its source's date.

A partial source date ('2019-01', '2020') is compared by its last possible day (components/data/dates.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.dates import last_day
from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "said-on-order"
DESCRIPTION = "an evidence item's said_on is never after its source's date"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    sources = {source.id: source for source in dataset.sources}
    latest_days = {source.id: last_day(source.date) for source in dataset.sources if source.date is not None}
    for i, position in enumerate(dataset.positions):
        for j, item in enumerate(position.evidence):
            latest = latest_days.get(item.source)
            if item.said_on is None or latest is None:
                continue
            if item.said_on > latest:
                source = sources[item.source]
                shown = source.date if latest.isoformat() == source.date else f"{source.date}, at the latest {latest}"
                yield Finding(
                    ("positions", i, "evidence", j, "said_on"),
                    f"said_on {item.said_on} is after the date of its source {source.id} ({shown})",
                )
