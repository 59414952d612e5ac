"""Two positions of one country-issue cell never share an as_of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "cell-dates"
DESCRIPTION = "two positions of one country-issue cell never share an as_of date"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    seen: dict[tuple[str, str, dt.date], int] = {}
    for i, position in enumerate(dataset.positions):
        key = (position.country, position.issue, position.as_of)
        if key in seen:
            yield Finding(
                ("positions", i, "as_of"),
                f"{position.country}/{position.issue} already has a position as of {position.as_of} "
                f"(positions[{seen[key]}])",
            )
        else:
            seen[key] = i
