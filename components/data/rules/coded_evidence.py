"""A coded stance carries evidence and a confidence; an uncoded one carries no confidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "coded-evidence"
DESCRIPTION = "a coded stance has evidence and a confidence; a null stance takes no confidence"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, position in enumerate(dataset.positions):
        if position.stance is None:
            if position.confidence is not None:
                yield Finding(("positions", i, "confidence"), "a position with stance null takes no confidence")
            continue
        if not position.evidence:
            yield Finding(("positions", i), f"stance {position.stance} has no evidence: add at least one quote")
        if position.confidence is None:
            yield Finding(("positions", i), "a coded stance needs a confidence (high, medium or low)")
