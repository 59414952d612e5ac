"""An archive entry is a plain relative file name with the sha256 it was checked against."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePosixPath

from components.data.problems import Finding
from components.data.schema import Dataset

CODE = "archive-files"
DESCRIPTION = "a source's archive file is a relative path inside the archive and comes with its sha256"


def check(dataset: Dataset, today: dt.date) -> Iterator[Finding]:
    for i, source in enumerate(dataset.sources):
        if source.archive is None:
            continue
        path = PurePosixPath(source.archive.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in source.archive:
            yield Finding(
                ("sources", i, "archive"),
                f"archive must be a relative path inside the archive, not '{source.archive}'",
            )
        if source.sha256 is None:
            yield Finding(("sources", i), "a source with an archive file needs its sha256")
