"""What every page test shares: the app runs on the valid fixture, with fresh caches and no source archive.

A test that needs the archive asks for `archive`; one that needs the fixture plus Testland and
"Fixture issue" asks for `testland`; any other data file is set with monkeypatch.setenv("STANCES_FILE", ...).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_support import clear_caches
from builders import VALID, with_testland

FIXTURE_LAST_DAY = "2020-10-22"  # the newest as_of in tests/fixtures/valid_minimal.yaml


@pytest.fixture(autouse=True)
def _fixture_data(monkeypatch, tmp_path):
    clear_caches()
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    monkeypatch.setenv("STANCES_SOURCES", str(tmp_path / "no-archive"))
    # "Today" (the default as-of date) is the fixture's last position, so the pages show what
    # the assertions describe; test_app.py checks the default against the clock itself.
    monkeypatch.setenv("STANCES_TODAY", FIXTURE_LAST_DAY)
    yield
    clear_caches()


@pytest.fixture
def archive(monkeypatch, archive_dir) -> Path:
    """The real source archive (tests/conftest.py's archive_dir skips the test when it is absent)."""
    monkeypatch.setenv("STANCES_SOURCES", str(archive_dir))
    return archive_dir


@pytest.fixture
def testland(tmp_path, monkeypatch) -> Path:
    """The app on builders.with_testland(): the fixture plus Testland, assessed on "Fixture issue" with no stance."""
    path = with_testland().write(tmp_path)
    monkeypatch.setenv("STANCES_FILE", str(path))
    return path
