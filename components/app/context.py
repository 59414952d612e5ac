"""What every page receives: the validated data and the view's shared state."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from components import paths
from components.data.loader import LoadResult
from components.data.schema import Dataset
from components.data.verify import QuoteCheck
from components.tables.citation import Edition, edition_of
from components.tables.evidence import checks_by_item


@dataclass(frozen=True)
class AppContext:
    result: LoadResult
    checks: tuple[QuoteCheck, ...]
    archive: Path | None
    palette: tuple[str, ...]
    as_of: dt.date
    span: tuple[dt.date, dt.date]  # first and last as_of in the data
    present: bool

    @property
    def date_range(self) -> tuple[dt.date, dt.date]:
        """What the as-of date may be: from the first position to today, never the future."""
        return self.span[0], max(self.span[0], paths.today())

    @cached_property
    def edition(self) -> Edition:
        """Which data this view shows, as every citation and export names it."""
        return edition_of(self.dataset, self.digest)

    @property
    def archive_key(self) -> str | None:
        """The archive's path as the cached loaders key on it (None: no archive here)."""
        return str(self.archive) if self.archive else None

    @property
    def dataset(self) -> Dataset:
        return self.result.dataset

    @property
    def digest(self) -> str:
        return self.result.digest

    @cached_property
    def check_map(self) -> dict[tuple[int, int], QuoteCheck]:
        return checks_by_item(list(self.checks))

    @cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        # pickers format every option through these: one lookup table, not a scan per option
        return {
            "country": {c.id: c.name for c in self.dataset.countries},
            "issue": {i.id: i.name for i in self.dataset.issues},
        }

    def country_name(self, country_id: str) -> str:
        return self._names["country"].get(country_id, country_id)

    def issue_name(self, issue_id: str) -> str:
        return self._names["issue"].get(issue_id, issue_id)
