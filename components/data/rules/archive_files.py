"""An archive entry is a plain relative file name with the sha256 it was checked against."""

from pathlib import PurePosixPath


def check(dataset, today):
    for i, source in enumerate(dataset.sources):
        if source.archive is None:
            continue
        path = PurePosixPath(source.archive.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in source.archive:
            yield (
                ("sources", i, "archive"),
                f"archive must be a relative path inside the archive, not '{source.archive}'",
            )
        if source.sha256 is None:
            yield ("sources", i), "a source with an archive file needs its sha256"
