"""Check that every quote is verbatim in its source's archived text.

Quotes and archive are compared after normalising what copy-paste changes without
changing the words: Unicode forms, curly quotes, dash variants and whitespace.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from components.data.schema import Dataset

VERIFIED = "verified"
NOT_FOUND = "not found"
HASH_MISMATCH = "sha256 mismatch"
MISSING_FILE = "archive file missing"
NO_ARCHIVE = "no archive entry"
NOT_CHECKED = "not verified here"  # no archive folder at hand

_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


@dataclass(frozen=True)
class QuoteCheck:
    position: int  # index into dataset.positions
    evidence: int  # index into that position's evidence
    source: str
    status: str
    closest: str | None = None  # for a miss: the nearest passage of the source
    line: int | None = None  # line of the quote (or of the nearest passage) in the archive file
    score: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == VERIFIED


@dataclass(frozen=True)
class ArchiveText:
    """A source's text, normalised, with the original line of each normalised character."""

    digest: str
    text: str
    lines: tuple[int, ...]

    @classmethod
    def read(cls, path: Path) -> ArchiveText:
        raw = path.read_bytes()
        original = raw.decode("utf-8", errors="replace")
        text, lines = normalise_with_lines(original)
        return cls(hashlib.sha256(raw).hexdigest(), text, tuple(lines))


def normalise(text: str) -> str:
    return normalise_with_lines(text)[0]


def normalise_with_lines(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    lines: list[int] = []
    line = 1
    for char in unicodedata.normalize("NFKC", text).translate(_CHAR_MAP):
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                lines.append(line)
            if char == "\n":
                line += 1
            continue
        out.append(char)
        lines.append(line)
    while out and out[-1] == " ":
        out.pop()
        lines.pop()
    return "".join(out), lines


def check_quote(quote: str, archive: ArchiveText) -> tuple[str, str | None, int | None, float | None]:
    needle = normalise(quote)
    found = archive.text.find(needle)
    if found >= 0:
        return VERIFIED, None, archive.lines[found], 100.0
    match = fuzz.partial_ratio_alignment(needle, archive.text)
    start, end = match.dest_start, match.dest_end
    line = archive.lines[start] if archive.lines else None
    return NOT_FOUND, archive.text[start:end], line, round(match.score, 1)


def verify_quotes(dataset: Dataset, folder: Path | None) -> list[QuoteCheck]:
    """One QuoteCheck per evidence item, in file order."""
    by_id = {source.id: source for source in dataset.sources}
    texts: dict[str, ArchiveText | None] = {}
    checks = []
    for i, position in enumerate(dataset.positions):
        for j, item in enumerate(position.evidence):
            source = by_id.get(item.source)
            if folder is None:
                checks.append(QuoteCheck(i, j, item.source, NOT_CHECKED))
                continue
            if source is None or not source.archive:
                checks.append(QuoteCheck(i, j, item.source, NO_ARCHIVE))
                continue
            if source.archive not in texts:
                path = folder / source.archive
                texts[source.archive] = ArchiveText.read(path) if path.is_file() else None
            archive = texts[source.archive]
            if archive is None:
                checks.append(QuoteCheck(i, j, item.source, MISSING_FILE))
            elif archive.digest != source.sha256:
                checks.append(QuoteCheck(i, j, item.source, HASH_MISMATCH))
            else:
                status, closest, line, score = check_quote(item.quote, archive)
                checks.append(QuoteCheck(i, j, item.source, status, closest, line, score))
    return checks


def describe(check: QuoteCheck, dataset: Dataset) -> str:
    """A curator's message for a quote that did not verify."""
    source = next((s for s in dataset.sources if s.id == check.source), None)
    archive = source.archive if source else check.source
    if check.status == NOT_FOUND:
        return (
            f"quote not found in {archive}; closest passage (line {check.line}, {check.score:.0f}% alike): "
            f'"{check.closest}"'
        )
    if check.status == HASH_MISMATCH:
        return f"{archive} does not match its sha256: the archived text changed since the quote was checked"
    if check.status == MISSING_FILE:
        return f"archive file {archive} is not in the source archive"
    return f"source '{check.source}' has no archive file to check the quote against"
