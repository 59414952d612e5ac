"""What a diff is made of: its sections, one Item per difference, the two editions compared."""

from __future__ import annotations

from dataclasses import dataclass, field

NOT_RECORDED = "not recorded"

# Section keys, in the order they are printed, with their headings.
SECTIONS = {
    "positions_added": "Positions added",
    "positions_removed": "Positions removed",
    "recoded": "Positions recoded (stance changed)",
    "redated": "Positions redated",
    "revised": "Positions revised (same stance and date; summary or confidence changed)",
    "quotes_added": "Quotes added",
    "quotes_removed": "Quotes removed",
    "quotes_attributed": "Quotes re-attributed (speaker, voice, date or note changed)",
    "sources_added": "Sources added",
    "sources_removed": "Sources removed",
    "sources_changed": "Sources changed",
    "governments": "Governments changed",
    "countries_issues": "Countries and issues",
}
# What the one-line summary counts, in words.
SUMMARY_WORDS = {
    "positions_added": "positions added",
    "positions_removed": "removed",
    "recoded": "recoded",
    "redated": "redated",
    "revised": "revised",
    "quotes_added": "quotes added",
    "quotes_removed": "removed",
    "quotes_attributed": "re-attributed",
    "sources_added": "sources added",
    "sources_removed": "removed",
    "sources_changed": "changed",
    "governments": "government changes",
    "countries_issues": "country or issue changes",
}


@dataclass(frozen=True)
class Item:
    """One difference: what it is about (a cell and date, a source, a country) and what changed."""

    subject: str
    detail: str
    quote: str | None = None  # a quote's words, shown in quotation marks
    source: str | None = None  # the quote's source id

    def line(self, escape=str, strong=str) -> str:
        """'subject: detail', or 'subject: “quote” (source): detail' for a quote; `escape` and
        `strong` format the text and the subject (for Markdown)."""
        subject = strong(escape(self.subject))
        if self.quote is None:
            return f"{subject}: {escape(self.detail)}"
        detail = f": {escape(self.detail)}" if self.detail else ""
        return f"{subject}: “{escape(self.quote)}” ({escape(self.source or '')}){detail}"


@dataclass(frozen=True)
class Edition:
    """A file as the diff read it, for the heading: its name, what it holds and its content hash."""

    name: str
    title: str
    positions: int
    quotes: int
    sources: int
    latest: str
    digest: str
    migrated: bool = False  # a schema-version-1 file, read through the version-2 migration


@dataclass
class DataDiff:
    old: Edition
    new: Edition
    sections: dict[str, list[Item]] = field(default_factory=lambda: {key: [] for key in SECTIONS})

    @property
    def empty(self) -> bool:
        return not any(self.sections.values())

    def count(self, key: str) -> int:
        return len(self.sections[key])


def words(text: str | None) -> str:
    """Text with its spacing normalised, so a re-wrapped line is not a change."""
    return " ".join((text or "").split())


def value_text(value) -> str:
    """A field's value as it reads: a date in ISO form, 'not recorded' for none."""
    if value is None:
        return NOT_RECORDED
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
