"""A coded stance rests on a voice that carries one: the government's, a joint statement's or a report's.

US and other governments, commentary and quotes whose voice is not recorded only support a stance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from components.data.problems import Finding, either
from components.data.schema import STANCE_VOICES, Dataset

CODE = "stance-voice"
DESCRIPTION = f"a coded stance needs at least one evidence item in voice {either(STANCE_VOICES)}"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, position in enumerate(dataset.positions):
        if position.stance is None or not position.evidence:  # no evidence at all: coded-evidence says so
            continue
        voices = [item.voice for item in position.evidence]
        if not any(voice in STANCE_VOICES for voice in voices):
            heard = ", ".join(dict.fromkeys(voice or "not recorded" for voice in voices))
            yield Finding(
                ("positions", i, "stance"),
                f"stance {position.stance} needs evidence in voice {either(STANCE_VOICES)}; "
                f"its evidence has voice {heard}",
            )
