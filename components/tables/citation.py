"""How to cite a view of the atlas: the data edition and the view's permalink, in APA, Chicago and BibTeX.

The same text goes in the app's Cite menu and in every export (image footers, briefings, CSV/JSON
metadata, PDF, slides, the static atlas), so a reader can always trace a figure to its data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlencode, urlsplit, urlunsplit

from components.data.loader import LoadResult
from components.data.schema import Dataset

PUBLISHER = "Stance Atlas"
STYLES = ("APA", "Chicago", "BibTeX")


@dataclass(frozen=True)
class Edition:
    """Which data a view shows: the file's title, schema version, newest position and content hash."""

    title: str
    version: int
    latest: dt.date | None
    digest: str  # sha256 of the data file's bytes

    @property
    def short_hash(self) -> str:
        return self.digest[:12]

    @property
    def label(self) -> str:
        latest = self.latest.isoformat() if self.latest else "no positions"
        return f"schema v{self.version}, positions to {latest}, data {self.short_hash}"


def edition_of(dataset: Dataset, digest: str) -> Edition:
    latest = max((p.as_of for p in dataset.positions), default=None)
    return Edition(dataset.title, dataset.version, latest, digest)


def view_title(edition: Edition, view: str, as_of: dt.date) -> str:
    return f"{edition.title}: {view}, as of {as_of.isoformat()}"


def citation(edition: Edition, view: str, as_of: dt.date, url: str, accessed: dt.date, style: str) -> str:
    """The view's citation in one style of STYLES."""
    title = view_title(edition, view, as_of)
    if style == "APA":
        return (
            f"{PUBLISHER}. ({edition.latest.year if edition.latest else 'n.d.'}). {title} "
            f"[Data set; {edition.label}]. Retrieved {accessed:%-d %B %Y}, from {url}"
        )
    if style == "Chicago":
        return f'{PUBLISHER}. "{title}." Data set, {edition.label}. Accessed {accessed:%B %-d, %Y}. {url}.'
    if style == "BibTeX":
        key = f"stanceatlas{as_of:%Y%m%d}{edition.short_hash[:6]}"
        fields = {
            "author": f"{{{PUBLISHER}}}",  # braced twice: an organisation, not a person's name
            "title": f"{{{title}}}",  # and keep its capitals
            "year": str(edition.latest.year) if edition.latest else "n.d.",
            "note": f"Data set, {edition.label}",
            "url": url,
            "urldate": accessed.isoformat(),
        }
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
        return f"@misc{{{key},\n{body}\n}}"
    raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")


def source_note(edition: Edition, as_of: dt.date) -> str:
    """The one-line source every exported image, table and slide carries."""
    return (
        f"Source: {edition.title} ({edition.label}); stances as of {as_of.isoformat()}; quotes from archived sources."
    )


@dataclass(frozen=True)
class CitedView:
    """One view as an export cites it: which data, which view at which date, where and when it was seen."""

    edition: Edition
    view: str
    as_of: dt.date
    url: str  # the view's permalink, or the data file's name outside a browser
    accessed: dt.date

    @property
    def note(self) -> str:
        return source_note(self.edition, self.as_of)

    def text(self, style: str = "APA") -> str:
        return citation(self.edition, self.view, self.as_of, self.url, self.accessed, style)

    def footer(self) -> list[str]:
        """What an exported image carries under the chart: the source note and the APA citation."""
        return [self.note, f"Cite as: {self.text('APA')}"]

    def metadata(self) -> dict:
        """The same facts for a JSON export, every style's citation included."""
        e = self.edition
        return {
            "view": self.view,
            "as_of": self.as_of.isoformat(),
            "edition": {
                "title": e.title,
                "schema_version": e.version,
                "latest_position": e.latest.isoformat() if e.latest else None,
                "data_sha256": e.digest,
            },
            "url": self.url,
            "accessed": self.accessed.isoformat(),
            "source_note": self.note,
            "citation": {style: self.text(style) for style in STYLES},
        }


def file_name(result: LoadResult) -> str:
    """The data file's name without its folder: an export names the file, not the machine's paths."""
    return PurePath(result.name).name


def cited_file(
    result: LoadResult, view: str, as_of: dt.date, url: str | None = None, accessed: dt.date | None = None
) -> CitedView:
    """A view of a loaded file as an export outside the app cites it: with no address, the file's name."""
    edition = edition_of(result.dataset, result.digest)
    return CitedView(edition, view, as_of, url or file_name(result), accessed or dt.date.today())


def permalink(base_url: str, params: dict[str, str | list[str]], as_of: dt.date) -> str:
    """The view's URL with its query, always naming its as-of date, so the link reproduces it."""
    query = {key: value for key, value in params.items() if key != "as_of"}
    pairs = [("as_of", as_of.isoformat())] + [
        (key, item) for key, value in sorted(query.items()) for item in (value if isinstance(value, list) else [value])
    ]
    base = urlsplit(base_url.rstrip("?"))
    return urlunsplit((base.scheme, base.netloc, base.path or "/", urlencode(pairs), ""))
