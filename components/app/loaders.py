"""Loading the data file once per content, and the cached tables every page reads.

The parsed Dataset and the quote checks are immutable, so they are cached as resources
(shared, not copied each rerun); tables are cached as data. Every key starts with the
file's sha256, so an edited file is picked up on the next rerun and never served stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from components import tables
from components.data.loader import LoadResult, parse_dataset, read_limited, unreadable
from components.data.schema import Dataset
from components.data.verify import QuoteCheck, verify_quotes
from components.render import heatmap_spec as heatmap
from components.tables import evidence


@st.cache_resource(max_entries=4, show_spinner=False)
def _parse(digest: str, _raw: bytes, name: str) -> LoadResult:
    return parse_dataset(_raw, name)


def load_data(path: Path) -> LoadResult:
    """The file as it is now: read each rerun (cheap), parsed only when its bytes change."""
    try:
        raw = read_limited(path)
    except OSError as err:
        return unreadable(path, err)
    return _parse(hashlib.sha256(raw).hexdigest(), raw, path.name)


@st.cache_resource(max_entries=4, show_spinner=False)
def load_checks(digest: str, folder: str | None, _dataset: Dataset) -> list[QuoteCheck]:
    return verify_quotes(_dataset, Path(folder) if folder else None)


@st.cache_data(max_entries=64, show_spinner=False)
def matrix_table(digest: str, as_of: dt.date, countries: tuple[str, ...] | None, _dataset: Dataset) -> pd.DataFrame:
    return tables.matrix_table(_dataset, as_of, list(countries) if countries is not None else None)


@st.cache_data(max_entries=64, show_spinner=False)
def heatmap_spec(
    digest: str,
    as_of: dt.date,
    selected: tuple[str, str] | None,
    palette: tuple[str, ...],
    large: bool,
    _dataset: Dataset,
    _matrix: pd.DataFrame,
) -> dict:
    """The matrix heatmap's spec; `_matrix` is matrix_table(digest, as_of) for all countries."""
    return heatmap.heatmap_spec(_matrix, _dataset, list(palette), as_of, selected=selected, large=large)


@st.cache_data(max_entries=64, show_spinner=False)
def timeline_table(digest: str, end: dt.date, countries, issues, _dataset: Dataset) -> pd.DataFrame:
    return tables.timeline_table(_dataset, end, countries, issues)


@st.cache_data(max_entries=4, show_spinner=False)
def date_span(digest: str, _dataset: Dataset) -> tuple[dt.date, dt.date]:
    return tables.date_span(_dataset)


@st.cache_data(max_entries=64, show_spinner=False)
def cited_publishers(digest: str, as_of: dt.date, _dataset: Dataset) -> list[str]:
    """Publishers of the quotes behind the stances in force on `as_of`, most quoted first (footer)."""
    sources = {s.id: s for s in _dataset.sources}
    counts: Counter = Counter()
    for index in tables.latest_positions(_dataset, as_of).values():
        for item in _dataset.positions[index].evidence:
            source = sources.get(item.source)
            if source is not None:
                # "U.S. Department of State (state.gov); speaker is ..." -> "U.S. Department of State"
                counts[(source.publisher or source.id).split(";")[0].split(" (")[0]] += 1
    return [name for name, _ in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


@st.cache_data(max_entries=8, show_spinner=False)
def quotes_table(digest: str, archive: str | None, _dataset: Dataset, _checks: tuple) -> pd.DataFrame:
    """Every quote with its cell and status: keyed on the data and the archive the checks used."""
    return evidence.quotes_table(_dataset, list(_checks))


@st.cache_data(max_entries=8, show_spinner=False)
def sources_table(digest: str, archive: str | None, _dataset: Dataset, _checks: tuple) -> pd.DataFrame:
    return evidence.sources_table(_dataset, list(_checks))
