"""What every slide shares: the deck being built (its data, date, note and numbered sources),
its footer and the view's citation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath

from pptx.util import Inches

from components.data.loader import LoadResult
from components.data.schema import Source
from components.render.slides.shapes import FOOTER_TOP, MARGIN, MUTED, WIDTH, add_text_box
from components.tables.citation import citation, edition_of


@dataclass
class Deck:
    result: LoadResult
    as_of: dt.date
    view: str
    note: str
    url: str  # the address the view's citation gives
    accessed: dt.date
    sources: dict[str, Source]
    cited: list[Source] = field(default_factory=list)  # in order of first citation: the sources slide's numbers

    def number(self, source: Source) -> int:
        if source not in self.cited:
            self.cited.append(source)
        return self.cited.index(source) + 1


def file_name(result: LoadResult) -> str:
    """The data file's name without its folder: an export names the file, not the machine's paths."""
    return PurePath(result.name).name


def add_footer(slide, deck: Deck, size: float = 10) -> None:
    add_text_box(slide, MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN, Inches(0.4), [(deck.note, size, {"color": MUTED})])


def view_citation(deck: Deck, style: str) -> str:
    edition = edition_of(deck.result.dataset, deck.result.digest)
    return citation(edition, deck.view, deck.as_of, deck.url, deck.accessed, style)
