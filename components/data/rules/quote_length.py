"""A quote is the phrase that carries the stance, not a passage (about 40 words at most)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

MAX_WORDS = 50  # ~40 words is the guideline; the hard limit leaves room for long names
CODE = "quote-length"
DESCRIPTION = f"a quote is the phrase that carries the stance: {MAX_WORDS} words at most"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, position in enumerate(dataset.positions):
        for j, item in enumerate(position.evidence):
            words = len(item.quote.split())
            if words > MAX_WORDS:
                yield Finding(
                    ("positions", i, "evidence", j, "quote"), f"quote has {words} words; keep it under {MAX_WORDS}"
                )
