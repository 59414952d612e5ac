"""Every country, issue and source a position names is defined in the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding, suggest
from components.data.schema import Dataset

CODE = "references"
DESCRIPTION = "every country, issue and source a position names is defined in the file"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    countries = {c.id for c in dataset.countries}
    issues = {i.id for i in dataset.issues}
    sources = {s.id for s in dataset.sources}
    for i, position in enumerate(dataset.positions):
        if position.country not in countries:
            hint = suggest(position.country, countries)
            yield Finding(("positions", i, "country"), f"unknown country '{position.country}'{hint}")
        if position.issue not in issues:
            yield Finding(
                ("positions", i, "issue"), f"unknown issue '{position.issue}'{suggest(position.issue, issues)}"
            )
        for j, item in enumerate(position.evidence):
            if item.source not in sources:
                hint = suggest(item.source, sources)
                yield Finding(("positions", i, "evidence", j, "source"), f"unknown source '{item.source}'{hint}")
