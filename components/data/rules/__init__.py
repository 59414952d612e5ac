"""Rules that relate parts of a schema-valid dataset to each other: a registry, one rule per module.

Each module declares a stable kebab-case `CODE` (its file name with dashes, e.g. `quote-length`),
a one-line `DESCRIPTION` and a `check(dataset, today)` generator of Findings (a path into the
file and a message); each has its own test in tests/test_rules.py. Add a rule by writing a module
and listing it in RULES; `python -m components rules` lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Protocol

from components.data.problems import Finding
from components.data.rules import (
    archive_files,
    cell_dates,
    coded_evidence,
    confidence_voice,
    date_order,
    dated_evidence,
    future_dates,
    quote_length,
    references,
    said_on_order,
    scale_values,
    stance_voice,
    unique_ids,
    url_schemes,
)
from components.data.schema import Dataset


class Rule(Protocol):
    """What a rule module provides (modules satisfy this protocol by their top-level names)."""

    CODE: str
    DESCRIPTION: str

    def check(self, dataset: Dataset, today: dt.date) -> Iterator[Finding]: ...


RULES: tuple[Rule, ...] = (
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
    stance_voice,
    confidence_voice,
    said_on_order,
    dated_evidence,
)
BY_CODE: dict[str, Rule] = {rule.CODE: rule for rule in RULES}


def check_all(dataset: Dataset, today: dt.date) -> Iterator[tuple[str, Finding]]:
    """Every rule's findings, each with the code of the rule that found it."""
    for rule in RULES:
        for finding in rule.check(dataset, today):
            yield rule.CODE, finding
