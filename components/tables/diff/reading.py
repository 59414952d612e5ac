"""Reading the two files a diff compares, whatever their schema version or rule problems."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from components.data.loader import MAX_BYTES, LoadResult, parse_dataset, read_limited, unreadable
from components.data.migrate import migrate_text
from components.data.rules import BY_CODE
from components.data.schema import Dataset
from components.tables.diff.model import Edition

STDIN, STDIN_NAME = "-", "(standard input)"


@dataclass(frozen=True)
class Loaded:
    """A file read for comparing: the loader's answer, and its content wherever the schema accepts it."""

    result: LoadResult
    dataset: Dataset | None  # None when the file cannot be read or fails the schema
    migrated: bool  # a schema-version-1 file, upgraded in memory first

    @property
    def rule_problems(self) -> int:
        """What the validator's rules report (the content still compares: an edition coded under
        older rules, such as the first, is compared as it is)."""
        return len(self.result.problems) if self.dataset is not None else 0


def read_edition(path: str | Path) -> Loaded:
    """Load a data file for comparing. A schema-version-1 file is upgraded in memory
    (components.data.migrate) and a file the rules find problems in is still compared; a file
    that cannot be read or fails the schema is not (its problems are in `result`). `-` reads
    standard input: `git show HEAD~1:stances.yaml | python -m components diff - stances.yaml`."""
    try:
        raw = sys.stdin.buffer.read(MAX_BYTES + 1) if str(path) == STDIN else read_limited(Path(path))
    except OSError as err:
        return Loaded(unreadable(Path(path), err), None, False)
    path = STDIN_NAME if str(path) == STDIN else path
    migration = migrate_text(raw, str(path))
    migrated = migration.text is not None
    result = parse_dataset(migration.text.encode("utf-8") if migrated else raw, str(path))
    dataset = result.dataset
    if dataset is None and result.problems and all(problem.code in BY_CODE for problem in result.problems):
        dataset = Dataset.model_validate(result.document.data)  # the rules run only on schema-valid data
    return Loaded(result, dataset, migrated)


def edition(loaded: Loaded) -> Edition:
    ds = loaded.dataset
    return Edition(
        name=loaded.result.name,
        title=ds.title,
        positions=len(ds.positions),
        quotes=sum(len(p.evidence) for p in ds.positions),
        sources=len(ds.sources),
        latest=max(p.as_of for p in ds.positions).isoformat() if ds.positions else "none",
        digest=loaded.result.digest[:12],
        migrated=loaded.migrated,
    )
