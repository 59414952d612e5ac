"""The shape of stances.yaml (schema version 2) as pydantic models.

Types and required fields live here; rules that relate one part of the file to another
(references, dates, uniqueness) live in components/data/rules, one per file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StringConstraints

Text = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
Sha256 = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{64}$")]
Confidence = Literal["high", "medium", "low"]
SCHEMA_VERSION = 2
# Who speaks in a quote. Only the first three carry a country's stance; the others only support one.
Voice = Literal["government", "joint", "report", "us_government", "other_government", "commentary"]
STANCE_VOICES = ("government", "joint", "report")
OFFICIAL_VOICES = ("government", "joint")

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _partial_date(value):
    """A source date may be known to the year ('2020'), month ('2019-01') or day."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _PARTIAL_DATE.match(value):
        raise ValueError("expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = _PARTIAL_DATE.match(value).groups()
    dt.date(int(year), int(month or 1), int(day or 1))  # raises for 2020-13 or 2021-02-30
    return value


def _day(value):
    """A full calendar date; refuses numbers, which pydantic would read as Unix time."""
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return value.strip()
    raise ValueError("expected a date as YYYY-MM-DD")


PartialDate = Annotated[str, BeforeValidator(_partial_date)]
Day = Annotated[dt.date, BeforeValidator(_day)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ScaleLevel(Model):
    value: StrictInt
    label: Text


class Government(Model):
    leader: Text
    start: Day = Field(alias="from")
    end: Day | None = Field(default=None, alias="to")
    acting: bool = False  # an acting head (a prime minister or president standing in)


class Country(Model):
    id: Id
    name: Text
    governments: list[Government] = []


class Issue(Model):
    id: Id
    name: Text
    question: Text
    levels: dict[StrictInt, Text] = Field(min_length=1)
    note: Text | None = None  # how the scale reads where the US-led position itself moved


class Source(Model):
    id: Id
    title: Text | None = None
    publisher: Text | None = None
    author: Text | None = None
    date: PartialDate | None = None
    date_note: Text | None = None
    url: Text | None = None
    kind: Text
    archive: Text | None = None
    sha256: Sha256 | None = None


class Evidence(Model):
    source: Id
    quote: Text
    speaker: Text | None = None  # who speaks, as the text names them; null = not yet recorded
    voice: Voice | None = None
    said_on: Day | None = None  # when the words were said or the act done, where the source's date differs
    note: Text | None = None


class Position(Model):
    country: Id
    issue: Id
    as_of: Day
    stance: StrictInt | None
    confidence: Confidence | None = None
    summary: Text
    evidence: list[Evidence] = []

    @property
    def cell(self) -> tuple[str, str]:
        return (self.country, self.issue)


class Dataset(Model):
    version: Literal[2]
    title: Text
    description: Text | None = None
    scale: list[ScaleLevel] = Field(min_length=2)
    countries: list[Country] = Field(min_length=1)
    issues: list[Issue] = Field(min_length=1)
    sources: list[Source] = []
    positions: list[Position] = []

    def label_of(self, stance: int | None) -> str:
        for level in self.scale:
            if level.value == stance:
                return level.label
        return "No stance"
