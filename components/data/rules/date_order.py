"""A government ends on or after the day it starts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "date-order"
DESCRIPTION = "a government ends on or after the day it starts"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, country in enumerate(dataset.countries):
        for j, government in enumerate(country.governments):
            if government.end is not None and government.end < government.start:
                yield Finding(
                    ("countries", i, "governments", j, "to"),
                    f"{government.leader}'s government ends ({government.end}) before it starts ({government.start})",
                )
