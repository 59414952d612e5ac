"""The codebook as a table: what each level of the scale means on an issue."""

from __future__ import annotations

import pandas as pd

from components.data.schema import Dataset


def codebook_table(dataset: Dataset, issue_id: str) -> pd.DataFrame:
    """Every level of the shared scale, most aligned first, with what it means on this issue
    (null where the issue's codebook gives no wording for that level)."""
    issue = next(i for i in dataset.issues if i.id == issue_id)
    levels = sorted(dataset.scale, key=lambda level: level.value, reverse=True)
    return pd.DataFrame(
        {
            "value": [level.value for level in levels],
            "label": [level.label for level in levels],
            "meaning": [issue.levels.get(level.value) for level in levels],
        }
    )
