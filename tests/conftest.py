"""Shared fixtures for the pure-core tests: fixture paths, a dataset builder, the source archive."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from components.data.loader import parse_dataset

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "valid_minimal.yaml"


def valid_data() -> dict:
    """The valid fixture as plain data, to mutate into variants."""
    return yaml.safe_load(VALID.read_bytes())


class _PlainDumper(yaml.SafeDumper):
    """Writes a value shared by two places twice: the loader refuses aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(data) -> bytes:
    return yaml.dump(data, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True).encode()


def load_data(data: dict, name: str = "variant.yaml"):
    """Dump plain data as YAML and validate it: the loader's view of a variant."""
    return parse_dataset(dump(data), name)


@pytest.fixture
def valid_dataset():
    result = parse_dataset(VALID.read_bytes(), str(VALID))
    assert result.ok, [str(p) for p in result.problems]
    return result.dataset


@pytest.fixture
def archive_dir() -> Path:
    """The real source archive: STANCES_SOURCES, else ../shared/sources beside the repo."""
    chosen = os.environ.get("STANCES_SOURCES")
    folder = Path(chosen) if chosen else REPO_ROOT.parent / "shared" / "sources"
    if not (folder / "index.yaml").is_file():
        reason = f"no source archive at {folder} (set STANCES_SOURCES)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return folder
