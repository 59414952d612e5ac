"""Stances and codebook levels are values of the shared scale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "scale-values"
DESCRIPTION = "every stance and every codebook level is a value of the shared scale"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    values = sorted({level.value for level in dataset.scale})
    allowed = ", ".join(str(v) for v in values)
    for i, issue in enumerate(dataset.issues):
        for value in issue.levels:
            if value not in values:
                yield Finding(("issues", i, "levels", value), f"codebook level {value} is not on the scale ({allowed})")
    for i, position in enumerate(dataset.positions):
        if position.stance is not None and position.stance not in values:
            yield Finding(
                ("positions", i, "stance"), f"stance {position.stance} is not on the scale ({allowed}, or null)"
            )
