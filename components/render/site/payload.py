"""The static atlas's data: everything the page shows, as plain JSON-ready values.

The cell look (text, confidence glyph, fill, ink) is `charts.matrix_cells`, the one encoding the
app's heatmap and the exported chart use, taken for every position on the date it came into
force; the browser picks, for any date, the position in force in each cell and marks it stale
by the rule of `tables.matrix` (STALE_AFTER_MONTHS). Quotes, sources and changes are the rows
of `tables.evidence` and `tables.history`. Nothing here is HTML: the page sets every string as text.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pandas as pd

from components.data.dates import evidence_day
from components.data.loader import LoadResult
from components.data.verify import NOT_CHECKED, VERIFIED, QuoteCheck
from components.render.charts import NO_DATA, legend_rows, matrix_cells
from components.tables.citation import STYLES, citation, edition_of, source_note
from components.tables.evidence import quotes_table, safe_url, sources_table
from components.tables.history import changes_table
from components.tables.labels import (
    CONFIDENCE_MARKS,
    NO_PUBLISHER,
    NO_SPEAKER,
    UNDATED,
    UNTITLED,
    confidence_text,
    signed,
    stance_text,
    voice_rank,
)
from components.tables.matrix import NO_EVIDENCE, STALE_AFTER_MONTHS, date_span, matrix_table

FORMAT = 1  # bump when the shape below changes: atlas.js reads it
VIEW = "Static atlas"


def _value(value):
    """A table value as JSON: None for pandas' missing values, ISO text for dates, plain ints."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _days_covering(result: LoadResult) -> list[dt.date]:
    """Few days on which, between them, every position is in force (each is in force from its
    as_of until the next position of its cell): the matrix is computed on these days only."""
    ds = result.dataset
    cells: dict[tuple[str, str], list[dt.date]] = {}
    for position in ds.positions:
        cells.setdefault(position.cell, []).append(position.as_of)
    spans = []  # (last day in force, first day in force)
    for dates in cells.values():
        dates = sorted(set(dates))
        for k, start in enumerate(dates):
            last = dates[k + 1] - dt.timedelta(days=1) if k + 1 < len(dates) else dt.date.max
            spans.append((last, start))
    days: list[dt.date] = []
    latest_start = max((start for _, start in spans), default=None)
    for last, start in sorted(spans):
        if days and start <= days[-1] <= last:
            continue
        days.append(latest_start if last == dt.date.max else last)  # open-ended: the last date of all
    return sorted(set(days))


def _looks(result: LoadResult, palette: list[str]) -> tuple[dict[int, dict], dict]:
    """Each position's cell look, from the matrix on a day it is in force; and the look of an empty cell.

    A cell's look (text, glyph, fill, ink) follows from its position alone, so any day in force will do:
    the matrices of `_days_covering` are drawn as one table, by the matrix's own encoding.
    """
    ds = result.dataset
    first = min((p.as_of for p in ds.positions), default=dt.date.today())
    frames = [matrix_table(ds, day) for day in [first - dt.timedelta(days=1), *_days_covering(result)]]
    cells = matrix_cells(pd.concat(frames, ignore_index=True), ds, palette)
    looks: dict[int, dict] = {}
    empty = None
    for row in cells.itertuples():
        if row.position < 0:
            if empty is None and row.status == NO_EVIDENCE:
                empty = {"text": row.cell_label, "glyph": "", "fill": row.fill, "ink": row.ink, "summary": row.summary}
            continue
        if row.position not in looks:
            looks[row.position] = {
                "text": row.cell_label,
                "glyph": row.confidence_mark,
                "fill": row.fill,
                "ink": row.ink,
                "summary": row.summary,
            }
    if empty is None:  # cannot happen: nothing is in force the day before the first position
        empty = {"text": "No evidence", "glyph": "", "fill": NO_DATA, "ink": "#222222", "summary": ""}
    return looks, empty


def _evidence_days(sources: dict, position) -> list[str]:
    """The dates a position's evidence was said (said_on, else its source's), oldest first: on a given day
    the page counts those up to it, as `tables.matrix.last_evidenced` does, to tell a stale cell."""
    days = {evidence_day(item, sources.get(item.source)) for item in position.evidence}
    return sorted(day.isoformat() for day in days if day is not None)


def _verification(check_status: str, line) -> str:
    if check_status == VERIFIED and line is not None:
        return f"Verified: found verbatim in the archived source (line {int(line)})"
    if check_status == NOT_CHECKED:
        return "Not checked against the source archive when this atlas was built"
    return f"Not verified: {check_status}"


def _quotes(result: LoadResult, checks: list[QuoteCheck]) -> dict[int, list[dict]]:
    table = quotes_table(result.dataset, checks)
    table = table.assign(_rank=table["voice"].map(voice_rank)).sort_values(["position", "_rank", "evidence"])
    by_position: dict[int, list[dict]] = {}
    for row in table.astype(object).where(table.notna(), None).to_dict("records"):
        by_position.setdefault(int(row["position"]), []).append(
            {
                "quote": row["quote"],
                "speaker": row["speaker"] or NO_SPEAKER,
                "voice": row["voice_text"],
                "saidOn": _value(row["said_on"]),
                "note": row["note"],
                "source": row["source_id"],
                "link": safe_url(row["link"]),
                "verified": row["status"] == VERIFIED,
                "verification": _verification(row["status"], row["archive_line"]),
            }
        )
    return by_position


def _sources(result: LoadResult, checks: list[QuoteCheck]) -> list[dict]:
    ds = result.dataset
    countries = {c.id: c.name for c in ds.countries}
    issues = {i.id: i.name for i in ds.issues}
    cited: dict[str, list[str]] = {}
    for position in ds.positions:
        name = f"{countries.get(position.country, position.country)} · {issues.get(position.issue, position.issue)}"
        for item in position.evidence:
            names = cited.setdefault(item.source, [])
            if name not in names:
                names.append(name)
    table = sources_table(ds, checks)
    rows = []
    for row in table.astype(object).where(table.notna(), None).to_dict("records"):
        rows.append(
            {
                "id": row["id"],
                "title": row["title"] or UNTITLED,
                "author": row["author"],
                "publisher": row["publisher"] or NO_PUBLISHER,
                "date": row["date"] or UNDATED,
                "kind": row["kind"],
                "url": safe_url(row["url"]),
                "citedBy": cited.get(row["id"], []),
                "quotes": int(row["quotes"]),
                "status": row["status"],
            }
        )
    return rows


def _changes(result: LoadResult) -> list[dict]:
    rows = []
    for country in result.dataset.countries:
        for row in changes_table(result.dataset, country.id).itertuples():
            rows.append(
                {
                    "date": row.date.isoformat(),
                    "country": country.name,
                    "countryId": country.id,
                    "issue": row.issue,
                    "issueId": row.issue_id,
                    "from": row.from_label,
                    "to": row.to_label,
                    "direction": row.direction if isinstance(row.direction, str) else "no direction on the scale",
                }
            )
    return sorted(rows, key=lambda r: r["date"])  # stable: countries in file order on the same day


def _citations(result: LoadResult, url: str | None, accessed: dt.date) -> dict[str, list[str]]:
    """Each style's citation as parts between which the page's address goes (one part when `url` is given)."""
    edition = edition_of(result.dataset, result.digest)
    as_of = edition.latest or accessed
    if url:
        return {style: [citation(edition, VIEW, as_of, url, accessed, style)] for style in STYLES}
    token = uuid.uuid4().hex  # never in the data: the text is cut where the address goes
    return {style: citation(edition, VIEW, as_of, token, accessed, style).split(token) for style in STYLES}


def build_payload(
    result: LoadResult,
    palette: list[str],
    checks: list[QuoteCheck] | None = None,
    *,
    url: str | None = None,
    today: dt.date | None = None,
) -> dict:
    """Everything atlas.js draws, for any valid data file."""
    ds = result.dataset
    today = today or dt.date.today()
    checks = list(checks or [])
    looks, empty = _looks(result, palette)
    quotes = _quotes(result, checks)
    span = date_span(ds)
    edition = edition_of(ds, result.digest)
    by_id = {source.id: source for source in ds.sources}
    positions = []
    for index, position in enumerate(ds.positions):
        look = looks.get(index, empty)  # every position of a valid file is in force on its own date
        positions.append(
            {
                "country": position.country,
                "issue": position.issue,
                "asOf": position.as_of.isoformat(),
                "stance": position.stance,
                "coded": position.stance is not None,
                "stanceText": stance_text(ds, position.stance),
                "confidence": confidence_text(position.confidence) if position.stance is not None else "",
                "confidenceLevel": position.confidence,
                "evidenceDays": _evidence_days(by_id, position),
                **look,
                "quotes": quotes.get(index, []),
            }
        )
    return {
        "format": FORMAT,
        "title": ds.title,
        "description": ds.description,
        "file": result.name.rsplit("/", 1)[-1],
        "edition": {"label": edition.label, "digest": result.digest, "shortHash": edition.short_hash},
        "built": today.isoformat(),
        "sourceNote": source_note(edition, edition.latest or today),
        "staleAfterMonths": STALE_AFTER_MONTHS,
        "dates": sorted({p.as_of.isoformat() for p in ds.positions}),
        "range": {  # as the app's date control: from the first position to today, opening on today
            "min": span[0].isoformat(),
            "max": max(span[1], today).isoformat(),
            "initial": max(span[0], today).isoformat(),
        },
        "scale": [
            {"value": level.value, "signed": signed(level.value), "label": level.label, **legend}
            for level, legend in zip(sorted(ds.scale, key=lambda lvl: lvl.value), legend_rows(ds, palette))
        ],
        "confidenceMarks": list(CONFIDENCE_MARKS.values()),
        "empty": empty,
        "countries": [{"id": c.id, "name": c.name} for c in ds.countries],
        "issues": [
            {
                "id": issue.id,
                "name": issue.name,
                "question": issue.question,
                "note": issue.note,
                "levels": [
                    {
                        "value": level.value,
                        "stance": stance_text(ds, level.value),
                        "text": issue.levels.get(level.value),
                    }
                    for level in sorted(ds.scale, key=lambda lvl: -lvl.value)
                ],
            }
            for issue in ds.issues
        ],
        "positions": positions,
        "changes": _changes(result),
        "sources": _sources(result, checks),
        "citations": _citations(result, url, today),
    }
