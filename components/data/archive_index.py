"""The source archive's own index (index.yaml): what each archived text documents, for curators.

The data file cites sources by id; the index describes every text in the archive, cited or not,
with the countries, issues, speakers and event it bears on. `python -m components sources
--country KR --issue cost_sharing` lists a cell's texts by date from it, so a curator finds the
evidence for a cell without reading the whole index. Read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from components.data.dates import last_day

INDEX_FILE = "index.yaml"
ISSUE_ALIASES = {"clean_network_5g": "clean_network"}  # the index's older tag for the same issue


@dataclass(frozen=True)
class ArchivedText:
    id: str
    file: str
    date: str | None
    title: str | None
    publisher: str | None
    speakers: str | None
    event: str | None
    countries: tuple[str, ...]
    issues: tuple[str, ...]


def load_index(folder: Path) -> list[ArchivedText]:
    """Every entry of the archive's index.yaml (the archive's own file, so PyYAML's safe loader)."""
    entries = yaml.safe_load((folder / INDEX_FILE).read_text(encoding="utf-8"))["sources"]
    return [
        ArchivedText(
            id=str(e["id"]),
            file=str(e["file"]),
            date=str(e["date"]) if e.get("date") is not None else None,
            title=e.get("title"),
            publisher=e.get("publisher"),
            speakers=e.get("speakers"),
            event=e.get("event"),
            countries=tuple(e.get("countries") or ()),
            issues=tuple(dict.fromkeys(ISSUE_ALIASES.get(i, i) for i in e.get("issues") or ())),
        )
        for e in entries
    ]


def texts_for(index: list[ArchivedText], country: str | None, issue: str | None) -> list[ArchivedText]:
    """The texts bearing on a country (by name) and an issue (by id), oldest first, undated last."""
    picked = [t for t in index if (country is None or country in t.countries) and (issue is None or issue in t.issues)]
    return sorted(picked, key=lambda t: (t.date is None, last_day(t.date) if t.date else None, t.id))
