"""Dates of evidence: when a quote was said, as far as its source shows.

A source's date may be known only to the month or the year ('2019-01', '2020'). Where a rule asks
whether a position comes after its evidence, such a date counts as its last possible day, so a
position is never dated before the words it rests on.
"""

from __future__ import annotations

import calendar
import datetime as dt

from components.data.schema import Evidence, Source


def last_day(partial: str | None) -> dt.date | None:
    """'2020' -> 2020-12-31, '2019-01' -> 2019-01-31, '2019-01-12' -> 2019-01-12, None -> None."""
    if not partial:
        return None
    parts = [int(part) for part in partial.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def evidence_day(item: Evidence, source: Source | None) -> dt.date | None:
    """When an evidence item's words were said: its said_on, else its source's date, else unknown."""
    if item.said_on is not None:
        return item.said_on
    return last_day(source.date) if source is not None else None
