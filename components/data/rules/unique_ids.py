"""Country, issue and source ids, and scale values, are each used once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "unique-ids"
DESCRIPTION = "country, issue and source ids, and scale values, are each used once"


def _duplicates(items: Iterable, attr: str, section: str, what: str) -> Iterator[Finding]:
    seen: dict = {}
    for i, item in enumerate(items):
        key = getattr(item, attr)
        if key in seen:
            yield Finding((section, i, attr), f"duplicate {what} '{key}' (also {section}[{seen[key]}])")
        else:
            seen[key] = i


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    yield from _duplicates(dataset.scale, "value", "scale", "scale value")
    yield from _duplicates(dataset.countries, "id", "countries", "country id")
    yield from _duplicates(dataset.issues, "id", "issues", "issue id")
    yield from _duplicates(dataset.sources, "id", "sources", "source id")
