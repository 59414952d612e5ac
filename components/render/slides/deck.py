"""What every slide shares: the deck being built (its data, the view it cites, its numbered
sources) and its footer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pptx.util import Inches

from components.data.loader import LoadResult
from components.data.schema import Source
from components.render.slides.shapes import FOOTER_TOP, MARGIN, MUTED, WIDTH, add_text_box
from components.tables.citation import CitedView


@dataclass
class Deck:
    result: LoadResult
    view_cite: CitedView  # the view the deck shows, as its notes and footers cite it
    sources: dict[str, Source]
    numbered: list[Source] = field(default_factory=list)  # in order of first citation: the sources slide's numbers

    @property
    def as_of(self) -> dt.date:
        return self.view_cite.as_of

    @property
    def view(self) -> str:
        return self.view_cite.view

    @property
    def note(self) -> str:
        return self.view_cite.note

    def number(self, source: Source) -> int:
        if source not in self.numbered:
            self.numbered.append(source)
        return self.numbered.index(source) + 1


def add_footer(slide, deck: Deck, size: float = 10) -> None:
    add_text_box(slide, MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN, Inches(0.4), [(deck.note, size, {"color": MUTED})])
