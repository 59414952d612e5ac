"""A confidence is no higher than the voices of its evidence support.

`high` needs government or joint evidence from two or more different sources; `medium` at least
one government, joint or report item; anything weaker supports only `low`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding, either
from components.data.schema import OFFICIAL_VOICES, STANCE_VOICES, Dataset, Evidence

CODE = "confidence-voice"
DESCRIPTION = (
    f"high needs {'/'.join(OFFICIAL_VOICES)} items from two sources; medium one {'/'.join(STANCE_VOICES)} item"
)

RANK = {"low": 0, "medium": 1, "high": 2}
NEEDS = {
    "high": f"{either(OFFICIAL_VOICES)} evidence from two or more different sources",
    "medium": f"at least one evidence item in voice {either(STANCE_VOICES)}",
}


def supported(evidence: list[Evidence]) -> str:
    """The highest confidence the voices of these evidence items support."""
    if len({item.source for item in evidence if item.voice in OFFICIAL_VOICES}) >= 2:
        return "high"
    if any(item.voice in STANCE_VOICES for item in evidence):
        return "medium"
    return "low"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, position in enumerate(dataset.positions):
        if position.stance is None or position.confidence is None or not position.evidence:
            continue  # coded-evidence speaks for these
        backed = supported(position.evidence)
        if RANK[position.confidence] > RANK[backed]:
            yield Finding(
                ("positions", i, "confidence"),
                f"confidence {position.confidence} needs {NEEDS[position.confidence]}; the evidence supports {backed}",
            )
