"""Pure tables of quotes and sources, with links that open a source at its quote."""

from __future__ import annotations

from urllib.parse import quote as percent_encode
from urllib.parse import urlsplit

import pandas as pd

from components.data.schema import Dataset
from components.data.verify import NOT_CHECKED, QuoteCheck

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


def evidence_table(dataset: Dataset, position: int, checks: dict[tuple[int, int], QuoteCheck]) -> pd.DataFrame:
    """The quotes behind one position, each with its source and verification status."""
    sources = {source.id: source for source in dataset.sources}
    rows = []
    for j, item in enumerate(dataset.positions[position].evidence):
        source = sources.get(item.source)
        check = checks.get((position, j))
        rows.append(
            {
                "quote": item.quote,
                "note": item.note,
                "source_id": item.source,
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
    return pd.DataFrame(rows)


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
                "title": source.title or "(untitled capture)",
                "publisher": source.publisher,
                "author": source.author,
                "date": source.date or "undated",
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
    """Every quote in the file with the cell it supports, its source id and verification status."""
    by_item = checks_by_item(checks)
    countries = {country.id: country.name for country in dataset.countries}
    issues = {issue.id: issue.name for issue in dataset.issues}
    sources = {source.id: source for source in dataset.sources}
    rows = []
    for i, position in enumerate(dataset.positions):
        for j, item in enumerate(position.evidence):
            check = by_item.get((i, j))
            source = sources.get(item.source)
            rows.append(
                {
                    "source_id": item.source,
                    "position": i,
                    "country": countries.get(position.country, position.country),
                    "issue": issues.get(position.issue, position.issue),
                    "as_of": position.as_of,
                    "label": dataset.label_of(position.stance),
                    "quote": item.quote,
                    "note": item.note,
                    "status": check.status if check else NOT_CHECKED,
                    "archive_line": check.line if check and check.ok else None,
                    "link": text_fragment_url(source.url, item.quote) if source else None,
                }
            )
    columns = ["source_id", "position", "country", "issue", "as_of", "label", "quote", "note", "status"]
    return pd.DataFrame(rows, columns=[*columns, "archive_line", "link"])
