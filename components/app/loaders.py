"""Loading the data file once per content, and the cached tables every page reads.

The parsed Dataset and the quote checks are immutable, so they are cached as resources
(shared, not copied each rerun); tables are cached as data. Every key starts with the
file's sha256, so an edited file is picked up on the next rerun and never served stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from components import tables
from components.data.loader import LoadResult, parse_dataset, read_limited, unreadable
from components.data.schema import Dataset
from components.data.verify import QuoteCheck, verify_quotes
from components.render import heatmap_spec as heatmap
from components.render import view_specs
from components.tables import changes, evidence
from components.tables.history import stance_changes


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
def matrix_table(
    digest: str,
    as_of: dt.date,
    countries: tuple[str, ...] | None,
    _dataset: Dataset,
    changed_since: dt.date | None = None,
) -> pd.DataFrame:
    return tables.matrix_table(_dataset, as_of, list(countries) if countries is not None else None, changed_since)


@st.cache_data(max_entries=4, show_spinner=False)
def change_dates(digest: str, _dataset: Dataset) -> list[dt.date]:
    """Every date on which some cell's stance changed, in order: the stops of "previous/next change"."""
    return sorted(set(stance_changes(_dataset)["date"]))


@st.cache_data(max_entries=64, show_spinner=False)
def heatmap_spec(
    digest: str,
    as_of: dt.date,
    changed_since: dt.date | None,
    selected: tuple[str, str] | None,
    palette: tuple[str, ...],
    large: bool,
    _dataset: Dataset,
    _matrix: pd.DataFrame,
) -> dict:
    """The matrix heatmap's spec; `_matrix` is matrix_table(digest, as_of, None, changed_since)."""
    return heatmap.heatmap_spec(_matrix, _dataset, list(palette), as_of, selected=selected, large=large)


@st.cache_data(max_entries=64, show_spinner=False)
def timeline_table(digest: str, end: dt.date, countries, issues, _dataset: Dataset) -> pd.DataFrame:
    return tables.timeline_table(_dataset, end, countries, issues)


@st.cache_data(max_entries=64, show_spinner=False)
def timeline_chart_spec(
    digest: str,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    countries: tuple[str, ...] | None,
    issues: tuple[str, ...] | None,
    by: str,
    height: int,
    _dataset: Dataset,
) -> dict:
    """A timeline (Issue and Country pages) as a Vega-Lite spec, once per view (render/view_specs)."""
    timeline = timeline_table(digest, end, countries, issues, _dataset)
    return view_specs.timeline_spec(timeline, _dataset, start, end, as_of, countries, by, height)


@st.cache_data(max_entries=64, show_spinner=False)
def moves_between(digest: str, start: dt.date, end: dt.date, _dataset: Dataset) -> pd.DataFrame:
    """The cells whose stance moved between two dates (the Changes page's cards)."""
    return changes.moves_between(_dataset, start, end)


@st.cache_data(max_entries=4, show_spinner=False)
def all_changes_table(digest: str, _dataset: Dataset) -> pd.DataFrame:
    """Every change of stance in the data; pages filter it by country and issue."""
    return changes.all_changes_table(_dataset)


@st.cache_data(max_entries=16, show_spinner=False)
def changes_chart_spec(
    digest: str,
    start: dt.date,
    end: dt.date,
    countries: tuple[str, ...],
    issues: tuple[str, ...],
    colors: tuple[str, ...],
    large: bool,
    _dataset: Dataset,
) -> tuple[dict, str] | None:
    """The Changes page's chart spec and alt text, once per view (render/view_specs); None when nothing is coded."""
    return view_specs.changes_spec(_dataset, start, end, countries, issues, colors, large)


@st.cache_data(max_entries=32, show_spinner=False)
def evidence_records(
    digest: str, archive: str | None, positions: tuple[int, ...], _dataset: Dataset, _checks: tuple
) -> dict[int, list[dict]]:
    """Each position's quotes as the quote card reads them (tables.evidence.evidence_table, as
    records), keyed on the data, the archive the checks used and the positions: built once, not
    on every rerun of a page that shows many positions' evidence."""
    checks = evidence.checks_by_item(list(_checks))
    return {i: evidence.quote_records(evidence.evidence_table(_dataset, i, checks)) for i in positions}


@st.cache_data(max_entries=4, show_spinner=False)
def date_span(digest: str, _dataset: Dataset) -> tuple[dt.date, dt.date]:
    return tables.date_span(_dataset)


@st.cache_data(max_entries=64, show_spinner=False)
def cited_publishers(digest: str, as_of: dt.date, _dataset: Dataset) -> list[str]:
    return evidence.cited_publishers(_dataset, as_of)


@st.cache_data(max_entries=8, show_spinner=False)
def quotes_table(digest: str, archive: str | None, _dataset: Dataset, _checks: tuple) -> pd.DataFrame:
    """Every quote with its cell and status: keyed on the data and the archive the checks used."""
    return evidence.quotes_table(_dataset, list(_checks))


@st.cache_data(max_entries=8, show_spinner=False)
def sources_table(digest: str, archive: str | None, _dataset: Dataset, _checks: tuple) -> pd.DataFrame:
    return evidence.sources_table(_dataset, list(_checks))
