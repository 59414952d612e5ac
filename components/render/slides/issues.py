"""One slide per issue: each country's stance, with one short quote and who said it."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from pptx.util import Emu, Inches, Pt

from components.data.schema import Dataset, Evidence
from components.render import charts
from components.render.slides.deck import Deck, add_footer
from components.render.slides.shapes import (
    BAND_FILL,
    FOOTER_TOP,
    HEADER_FILL,
    MARGIN,
    MUTED,
    ROW_FILL,
    TITLE_ONLY,
    WIDTH,
    add_text_box,
    fill_cell,
    line_count,
    rgb,
    set_notes,
    set_title,
)
from components.tables.evidence import safe_url
from components.tables.labels import (
    UNDATED,
    confidence_text,
    publisher_short,
    source_citation,
    stance_text,
    voice_rank,
    who_speaks,
)
from components.tables.matrix import CODED, NO_EVIDENCE

ROWS_PER_SLIDE = 5  # countries on one issue slide; more continue on the next
SHORT_QUOTE = 220  # characters: a quote longer than this is shown only when its voice has no shorter one


def _shown_quote(dataset: Dataset, position: int) -> Evidence | None:
    """The cell's quote for a slide: the strongest voice first, then a short quote before a long one."""
    evidence = dataset.positions[position].evidence
    ranked = sorted(enumerate(evidence), key=lambda p: (voice_rank(p[1].voice), len(p[1].quote) > SHORT_QUOTE, p[0]))
    return ranked[0][1] if ranked else None


def _short_citation(deck: Deck, item: Evidence, country: str) -> tuple[str, str]:
    """The line under a quote on the slide, and the full citation for the notes."""
    source = deck.sources.get(item.source)
    if source is None:  # the rules forbid it; say what is known rather than fail
        return f"— {who_speaks(item, country)}; source {item.source}", f"source {item.source}"
    number = deck.number(source)
    when = item.said_on.isoformat() if item.said_on else source.date or UNDATED
    short = f"— {who_speaks(item, country)}; {publisher_short(source.publisher, source.id)}, {when} [{number}]"
    url = safe_url(source.url)
    full = f"[{number}] {source_citation(source)}" + (f". {url}" if url else "")
    return short, full


def _cell_fills(dataset: Dataset, palette: Sequence[str]) -> dict[int, tuple[str, str]]:
    levels = sorted(level.value for level in dataset.scale)
    return {value: (row["fill"], row["ink"]) for value, row in zip(levels, charts.legend_rows(dataset, list(palette)))}


def issue_slides(prs, deck: Deck, matrix: pd.DataFrame, palette: Sequence[str]) -> None:
    ds = deck.result.dataset
    fills = _cell_fills(ds, palette)
    for issue in ds.issues:
        rows = matrix[matrix["issue_id"] == issue.id]
        if rows.empty:
            continue
        chunks = [rows.iloc[k : k + ROWS_PER_SLIDE] for k in range(0, len(rows), ROWS_PER_SLIDE)]
        for part, chunk in enumerate(chunks):
            title = issue.name if part == 0 else f"{issue.name} (continued)"
            _issue_slide(prs, deck, title, issue.question, chunk, fills)


def _citation_size(quote_size: float) -> float:
    """The citation line under a quote: smaller than the quote, never below 10 pt."""
    return max(10.0, round(quote_size * 0.72, 1))


def _fit_size(cells: list[tuple[str, str]], width, room) -> float:
    """The largest quote size at which every row's quote and citation fit in `room`, estimated."""
    for size in (18, 16, 14, 13, 12, 11):
        small = _citation_size(size)
        height = Inches(0.45)  # the header row
        for quote, short in cells:
            text = Pt(size) * 1.2 * line_count(quote, size, width) + Pt(small) * 1.2 * line_count(short, small, width)
            height += max(text, Inches(0.75)) + Inches(0.15)  # the stance column's three lines, margins
        if height <= room:
            return size
    return 11


def _issue_slide(prs, deck: Deck, title: str, question: str, rows: pd.DataFrame, fills) -> None:
    ds = deck.result.dataset
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    set_title(slide, title)
    add_text_box(
        slide, MARGIN, Inches(1.1), WIDTH - 2 * MARGIN, Inches(0.7), [(question, 15, {"italic": True, "color": MUTED})]
    )
    top = Emu(round(Inches(1.3) + Pt(15) * 1.25 * line_count(question, 15, WIDTH - 2 * MARGIN)))  # under the question
    widths = (Inches(2.1), Inches(2.6), WIDTH - 2 * MARGIN - Inches(4.7))
    shown = []  # per row: the stance lines, the quote's lines, and what the notes say
    for row in rows.itertuples():
        stance = None if pd.isna(row.stance) else int(row.stance)
        words = stance_text(ds, stance) if row.status == CODED else row.label
        facts = [confidence_text(row.confidence)] if row.status == CODED else []
        if row.status != NO_EVIDENCE:
            facts.append(f"since {row.since.isoformat()}")
        fill, ink = fills.get(stance, ("#ffffff", "#222222")) if row.status == CODED else ("#ffffff", "#222222")
        quote = _shown_quote(ds, row.position) if row.position >= 0 else None
        notes = [f"{row.country}: {words}. {row.summary}"]
        if quote is None:
            said = (row.summary, "")
        else:
            short, full = _short_citation(deck, quote, row.country)
            said = (f"“{quote.quote}”", short)
            notes += [f"  “{quote.quote}” {short.removeprefix('— ')}", f"  {full}"]
        shown.append((row.country, words, facts, fill, ink, said, quote is not None, notes))
    size = _fit_size([said for *_, said, _, _ in shown], widths[2] - Inches(0.2), FOOTER_TOP - top - Inches(0.1))
    table = slide.shapes.add_table(len(rows) + 1, 3, MARGIN, top, WIDTH - 2 * MARGIN, Inches(0.4)).table
    table.first_row = True
    for k, width in enumerate(widths):
        table.columns[k].width = width
    for k, heading in enumerate(("Country", "Stance", "What they said")):
        fill_cell(table.cell(0, k), [(heading, 13, {"bold": True, "color": rgb("#ffffff")})], HEADER_FILL)
    notes = [f"{title}: {question}", ""]
    for r, (country, words, facts, fill, ink, said, quoted, row_notes) in enumerate(shown, start=1):
        band = BAND_FILL if r % 2 == 0 else ROW_FILL
        fill_cell(table.cell(r, 0), [(country, 16, {"bold": True})], band)
        stance_lines = [(words, 15, {"bold": True, "color": rgb(ink)})]
        stance_lines += [(fact, 11, {"color": rgb(ink)}) for fact in facts]
        fill_cell(table.cell(r, 1), stance_lines, rgb(fill))
        if quoted:
            lines = [(said[0], size, {"italic": True}), (said[1], _citation_size(size), {"color": MUTED})]
        else:
            lines = [(said[0], size, {"color": MUTED})]
        fill_cell(table.cell(r, 2), lines, band)
        notes += [*row_notes, ""]
    add_footer(slide, deck)
    set_notes(slide, "\n".join(notes).rstrip())
