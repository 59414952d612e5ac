"""No date lies in the future: the atlas records what was said, not forecasts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "future-dates"
DESCRIPTION = "no government, source or position date lies after today"


def _later(value: dt.date | str, today: dt.date) -> bool:
    if isinstance(value, str):  # partial source dates compare by their first day
        parts = [int(p) for p in value.split("-")] + [1, 1]
        value = dt.date(parts[0], parts[1], parts[2])
    return value > today


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, country in enumerate(dataset.countries):
        for j, government in enumerate(country.governments):
            for field, value in (("from", government.start), ("to", government.end)):
                if value and _later(value, today):
                    yield Finding(("countries", i, "governments", j, field), f"date {value} is in the future")
    for i, source in enumerate(dataset.sources):
        if source.date and _later(source.date, today):
            yield Finding(("sources", i, "date"), f"date {source.date} is in the future")
    for i, position in enumerate(dataset.positions):
        if _later(position.as_of, today):
            yield Finding(("positions", i, "as_of"), f"as_of {position.as_of} is in the future")
