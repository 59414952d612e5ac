"""Rules that relate parts of a schema-valid dataset to each other.

One rule per module, each with a `check(dataset, today)` generator of (path, message)
pairs and its own test in tests/test_rules.py. Add a rule by adding a module to RULES.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.rules import (
    archive_files,
    cell_dates,
    coded_evidence,
    date_order,
    future_dates,
    quote_length,
    references,
    scale_values,
    unique_ids,
    url_schemes,
)
from components.data.schema import Dataset

RULES = (
    unique_ids,
    references,
    scale_values,
    future_dates,
    date_order,
    cell_dates,
    coded_evidence,
    url_schemes,
    archive_files,
    quote_length,
)


def check_all(dataset: Dataset, today: dt.date) -> Iterator[tuple[tuple, str]]:
    for rule in RULES:
        yield from rule.check(dataset, today)
