"""Fixtures for every test: the valid fixture (its dataset, or its load result) and the real source archive.

Test data is built by tests/builders.py (import it as `builders`); the page tests' own
fixtures are in tests/pages/conftest.py, the browser tests' in tests/browser/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Re-exported for the modules that still import them from here (tests/test_rules.py): new code imports builders.
from builders import FIXTURES, REPO_ROOT, VALID, dump, load_data, valid_data  # noqa: F401

from components.data.loader import LoadResult, load_dataset, parse_dataset


@pytest.fixture
def valid_dataset():
    result = parse_dataset(VALID.read_bytes(), str(VALID))
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture(scope="session")
def valid_result() -> LoadResult:
    """The valid fixture loaded as the app loads a file, by its file name: the exports print it."""
    result = load_dataset(VALID)
    assert result.ok, [str(p) for p in result.problems]
    return result


def _archive_folder() -> Path:
    chosen = os.environ.get("STANCES_SOURCES")
    return Path(chosen) if chosen else REPO_ROOT.parent / "shared" / "sources"


# Read once, before any test points STANCES_SOURCES elsewhere (the page tests do, for every test).
ARCHIVE = _archive_folder()


@pytest.fixture
def archive_dir() -> Path:
    """The real source archive: STANCES_SOURCES as the run started, else ../shared/sources beside the repo."""
    folder = ARCHIVE
    if not (folder / "index.yaml").is_file():
        reason = f"no source archive at {folder} (set STANCES_SOURCES)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return folder
