"""The briefing as a 16:9 slide deck (python-pptx): title, matrix, one slide per issue, sources.

Only the default template's standard layouts (Title Slide, Title Only) and one font (Arial) are
used, with every colour set on the shapes themselves rather than through a table style, so
PowerPoint, Keynote, LibreOffice and Google Slides draw the same slides. Speaker notes carry
the full citation of everything a slide quotes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
from pptx import Presentation

from components.data.loader import LoadResult
from components.render import charts
from components.render.slides.deck import Deck
from components.render.slides.issues import ROWS_PER_SLIDE, issue_slides
from components.render.slides.opening import matrix_slide, title_slide
from components.render.slides.shapes import widen
from components.render.slides.sources import SOURCES_PER_SLIDE, sources_slide
from components.tables.citation import cited_file

__all__ = ["ROWS_PER_SLIDE", "SOURCES_PER_SLIDE", "briefing_pptx"]


def briefing_pptx(
    result: LoadResult,
    matrix: pd.DataFrame,
    as_of: dt.date,
    *,
    view: str = "Matrix",
    palette: Sequence[str] = charts.FALLBACK_PALETTE,
    selected: tuple[str, str] | None = None,
    url: str | None = None,
    accessed: dt.date | None = None,
) -> bytes:
    """The deck of a matrix view as .pptx bytes: 3 slides plus one per issue of the view.

    An issue with more than ROWS_PER_SLIDE countries, and more than SOURCES_PER_SLIDE sources,
    continue on further slides, so a large file still gives legible slides."""
    ds = result.dataset
    sources = {source.id: source for source in ds.sources}
    deck = Deck(result, cited_file(result, view, as_of, url, accessed), sources)
    prs = Presentation()
    widen(prs)
    prs.core_properties.title = f"{ds.title}: {view}"
    prs.core_properties.author = "Stance Atlas"
    prs.core_properties.subject = deck.note
    title_slide(prs, deck)
    matrix_slide(prs, deck, matrix, palette, selected)
    issue_slides(prs, deck, matrix, palette)
    sources_slide(prs, deck)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
