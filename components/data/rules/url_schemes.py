"""Source links are plain http(s) URLs, so nothing else (javascript:, data:) is ever linked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlsplit

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "url-schemes"
DESCRIPTION = "a source's url is a plain http(s) address (no javascript:, data: or spaces)"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, source in enumerate(dataset.sources):
        if source.url is None:
            continue
        try:
            parts = urlsplit(source.url)
        except ValueError:  # e.g. an unclosed '[' is read as a broken IPv6 host
            parts = None
        if (
            parts is None
            or parts.scheme.lower() not in ("http", "https")
            or not parts.netloc
            or any(c.isspace() for c in source.url)
        ):
            yield Finding(("sources", i, "url"), f"url must be an http(s) address, not '{source.url[:60]}'")
