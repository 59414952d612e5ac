"""The one place that knows where things live: the project, its data file and the source archive.

The archive is never shipped: it is the folder named by --sources or STANCES_SOURCES, else
../shared/sources beside the project. No Streamlit.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "stances.yaml"
METHODOLOGY_FILE = ROOT / "METHODOLOGY.md"
SCHEMA_FILE = ROOT / "stances.schema.json"
DEFAULT_ARCHIVE = ROOT.parent / "shared" / "sources"


def data_path() -> Path:
    """The data file shown: STANCES_FILE, else the project's stances.yaml."""
    return Path(os.environ.get("STANCES_FILE") or DATA_FILE)


def sources_dir(flag: str | Path | None) -> Path | None:
    """The archive named explicitly: the --sources flag, else STANCES_SOURCES, else none."""
    chosen = flag or os.environ.get("STANCES_SOURCES")
    return Path(chosen) if chosen else None


def archive_path() -> Path | None:
    """The archive the app and tests read: the explicit one, else ../shared/sources when present."""
    folder = sources_dir(None) or DEFAULT_ARCHIVE
    return folder if folder.is_dir() else None


def today() -> dt.date:
    """The app's today: the default as-of date and the end of the date picker.

    STANCES_TODAY (YYYY-MM-DD) stands in for the clock, so a test or a frozen screenshot can
    show "today" on a fixed day; unset, it is the real date.
    """
    fixed = os.environ.get("STANCES_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()
