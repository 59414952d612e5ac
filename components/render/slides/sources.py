"""The closing slides: the numbered sources of every quote shown, and how to cite the deck."""

from __future__ import annotations

from pptx.util import Inches

from components.render.slides.deck import Deck, add_footer
from components.render.slides.shapes import (
    BODY_TOP,
    FOOTER_TOP,
    MARGIN,
    TITLE_ONLY,
    WIDTH,
    add_text_box,
    set_notes,
    set_title,
)
from components.tables.citation import STYLES
from components.tables.evidence import safe_url
from components.tables.labels import source_citation

SOURCES_PER_SLIDE = 24


def _source_size(count: int) -> float:
    """Type size for a sources slide of `count` entries (one column up to 8, then two)."""
    return 14 if count <= 8 else 11 if count <= 16 else 9.5


def sources_slide(prs, deck: Deck) -> None:
    """The numbered sources of every quote shown; past SOURCES_PER_SLIDE they continue on another slide
    (the deck's notes list them all)."""
    entries = []
    for number, source in enumerate(deck.numbered, 1):
        url = safe_url(source.url)
        entries.append(f"[{number}] {source_citation(source)}" + (f". {url}" if url else ""))
    cites = "\n\n".join(f"{style}:\n{deck.view_cite.text(style)}" for style in STYLES)
    notes = "Sources of the quotes shown:\n" + "\n".join(entries) + f"\n\nHow to cite this deck\n\n{cites}"
    pages = [entries[k : k + SOURCES_PER_SLIDE] for k in range(0, len(entries), SOURCES_PER_SLIDE)]
    for part, page in enumerate(pages or [["No quote is shown on these slides."]]):
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        set_title(slide, "Sources" if part == 0 else "Sources (continued)")
        size = _source_size(len(page))
        columns = [page] if len(page) <= 8 else [page[: -(-len(page) // 2)], page[-(-len(page) // 2) :]]
        gap = Inches(0.35)
        width = (WIDTH - 2 * MARGIN - gap * (len(columns) - 1)) // len(columns)
        for k, column in enumerate(columns):
            lines = [(entry, size, {"space_after": 6}) for entry in column]
            add_text_box(slide, MARGIN + (width + gap) * k, BODY_TOP, width, FOOTER_TOP - BODY_TOP, lines)
        add_footer(slide, deck)
        set_notes(slide, notes)
