"""Pure tables of quotes and sources, with links that open a source at its quote."""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit

import pandas as pd

from components.data.schema import Dataset
from components.data.verify import NOT_CHECKED, QuoteCheck
from components.tables.labels import UNDATED, UNTITLED, publisher_short, voice_rank, voice_text
from components.tables.matrix import latest_positions

_FRAGMENT_WORDS = 5  # a long quote is matched by its first and last words (textStart,textEnd)


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: nothing else is ever rendered as a link."""
    if not url or not isinstance(url, str):  # a missing value from a table arrives as NaN
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. 'http://[host': not a URL anyone can follow
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c.isspace() for c in url):
        return url
    return None


def text_fragment_url(url: str | None, quote: str) -> str | None:
    """The source URL with a `#:~:text=` fragment that scrolls a browser to the quote."""
    base = safe_url(url)
    if base is None:
        return None
    base = base.split("#", 1)[0]
    words = quote.split()

    def encode(text: str) -> str:
        # ',', '-' and '&' are fragment syntax: always encoded ('-' is unreserved, so quote() keeps it)
        return percent_encode(text, safe="").replace("-", "%2D")

    if len(words) <= 2 * _FRAGMENT_WORDS:
        fragment = encode(" ".join(words))
    else:
        fragment = encode(" ".join(words[:_FRAGMENT_WORDS])) + "," + encode(" ".join(words[-_FRAGMENT_WORDS:]))
    return f"{base}#:~:text={fragment}"


def checks_by_item(checks: list[QuoteCheck]) -> dict[tuple[int, int], QuoteCheck]:
    return {(check.position, check.evidence): check for check in checks}


QUOTE_COLUMNS = [
    "position",
    "evidence",
    "source_id",
    "country",
    "issue",
    "as_of",
    "label",
    "quote",
    "speaker",
    "voice",
    "voice_text",
    "said_on",
    "note",
    "title",
    "publisher",
    "author",
    "date",
    "kind",
    "url",
    "link",
    "status",
    "archive_line",
]


def _quote_rows(dataset: Dataset, picked, checks: dict[tuple[int, int], QuoteCheck]) -> pd.DataFrame:
    """One row per quote of the picked positions: what the quote card and every export show."""
    sources = {source.id: source for source in dataset.sources}
    countries = {country.id: country.name for country in dataset.countries}
    issues = {issue.id: issue.name for issue in dataset.issues}
    rows = []
    for i in picked:
        position = dataset.positions[i]
        country = countries.get(position.country, position.country)
        for j, item in enumerate(position.evidence):
            source = sources.get(item.source)
            check = checks.get((i, j))
            rows.append(
                {
                    "position": i,
                    "evidence": j,
                    "source_id": item.source,
                    "country": country,
                    "issue": issues.get(position.issue, position.issue),
                    "as_of": position.as_of,
                    "label": dataset.label_of(position.stance),
                    "quote": item.quote,
                    "speaker": item.speaker,
                    "voice": item.voice,
                    "voice_text": voice_text(item.voice, country),
                    "said_on": item.said_on,
                    "note": item.note,
                    "title": source.title if source else None,
                    "publisher": source.publisher if source else None,
                    "author": source.author if source else None,
                    "date": source.date if source else None,
                    "kind": source.kind if source else None,
                    "url": safe_url(source.url) if source else None,
                    "link": text_fragment_url(source.url, item.quote) if source else None,
                    "status": check.status if check else NOT_CHECKED,
                    "archive_line": check.line if check and check.ok else None,
                }
            )
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def evidence_table(dataset: Dataset, position: int, checks: dict[tuple[int, int], QuoteCheck]) -> pd.DataFrame:
    """The quotes behind one position, strongest voice first, each with its source and status."""
    table = _quote_rows(dataset, [position], checks)
    ranks = table["voice"].map(voice_rank)
    return table.iloc[ranks.argsort(kind="stable")].reset_index(drop=True)


def cited_publishers(dataset: Dataset, as_of) -> list[str]:
    """Publishers of the quotes behind the stances in force on `as_of`, most quoted first (footers)."""
    sources = {s.id: s for s in dataset.sources}
    counts: Counter = Counter()
    for index in latest_positions(dataset, as_of).values():
        for item in dataset.positions[index].evidence:
            source = sources.get(item.source)
            if source is not None:
                counts[publisher_short(source.publisher, source.id)] += 1
    return [name for name, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


def sources_table(dataset: Dataset, checks: list[QuoteCheck]) -> pd.DataFrame:
    """The bibliography: each source, the cells citing it and how many of its quotes verify."""
    cited: dict[str, set[str]] = {}
    for position in dataset.positions:
        for item in position.evidence:
            cited.setdefault(item.source, set()).add(f"{position.country} · {position.issue}")
    counts: dict[str, list[int]] = {}
    statuses: dict[str, set[str]] = {}
    for check in checks:
        total = counts.setdefault(check.source, [0, 0])
        total[0] += 1
        total[1] += check.ok
        statuses.setdefault(check.source, set()).add(check.status)
    rows = []
    for source in dataset.sources:
        quotes, verified = counts.get(source.id, [0, 0])
        status = statuses.get(source.id, set())
        rows.append(
            {
                "id": source.id,
                "title": source.title or UNTITLED,
                "publisher": source.publisher,
                "author": source.author,
                "date": source.date or UNDATED,
                "kind": source.kind,
                "url": safe_url(source.url),
                "cells": ", ".join(sorted(cited.get(source.id, ()))),
                "quotes": quotes,
                "verified": verified,
                "status": _source_status(quotes, verified, status),
            }
        )
    return pd.DataFrame(rows)


def _source_status(quotes: int, verified: int, statuses: set[str]) -> str:
    if quotes == 0:
        return "not cited"
    if verified == quotes:
        return "all quotes verified"
    if statuses == {NOT_CHECKED}:
        return NOT_CHECKED
    return f"{quotes - verified} of {quotes} not verified"


def quotes_table(dataset: Dataset, checks: list[QuoteCheck]) -> pd.DataFrame:
    """Every quote in the file with the cell it supports, its source and verification status."""
    return _quote_rows(dataset, range(len(dataset.positions)), checks_by_item(checks))


def quote_records(quotes: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None for missing values (pandas' NaN is truthy and would print 'nan').
    Value by value: a page shows a few quotes, and DataFrame.where costs more than all of them."""
    return [
        {key: None if _missing(value) else value for key, value in row.items()} for row in quotes.to_dict("records")
    ]


def _missing(value) -> bool:
    return value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value)
