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
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from components.data.loader import LoadResult
from components.data.schema import Dataset, Evidence, Source
from components.render import charts, images
from components.tables.citation import STYLES, citation, edition_of, source_note
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

FONT = "Arial"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's 16:9
_FOUR_THREE_WIDTH = 9144000  # the default template's width, which its layouts are drawn for
MARGIN = Inches(0.45)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.85)
BODY_TOP = Inches(1.3)
FOOTER_TOP = Inches(7.0)
ROWS_PER_SLIDE = 5  # countries on one issue slide; more continue on the next
SOURCES_PER_SLIDE = 24
SHORT_QUOTE = 220  # characters: a quote longer than this is shown only when its voice has no shorter one
TITLE_SLIDE, TITLE_ONLY = 0, 5  # the default template's layouts
INK = RGBColor(0x1F, 0x29, 0x37)
MUTED = RGBColor(0x55, 0x5F, 0x6B)
HEADER_FILL = RGBColor(0x37, 0x41, 0x51)
ROW_FILL = RGBColor(0xFF, 0xFF, 0xFF)
BAND_FILL = RGBColor(0xF3, 0xF4, 0xF6)


@dataclass
class _Deck:
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


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper()) if hex_color != "white" else RGBColor(255, 255, 255)


def _widen(prs: Presentation) -> None:
    """16:9, with the master's and layouts' placeholders stretched across the wider slide."""
    factor = WIDTH / _FOUR_THREE_WIDTH
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    shapes = list(prs.slide_master.placeholders)
    for layout in prs.slide_layouts:
        shapes += list(layout.placeholders)
    for shape in shapes:
        shape.left, shape.width = Emu(round(shape.left * factor)), Emu(round(shape.width * factor))


def _style(run, size: float, *, bold=False, italic=False, color: RGBColor = INK) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = color


def _paragraph(frame, text: str, size: float, *, first=False, align=None, space_after=0, **style):
    paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
    run = paragraph.add_run()
    run.text = text
    _style(run, size, **style)
    if align is not None:
        paragraph.alignment = align
    paragraph.space_after = Pt(space_after)
    return paragraph


def _text_box(slide, left, top, width, height, lines: Sequence[tuple[str, float, dict]], anchor=MSO_ANCHOR.TOP):
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for k, (text, size, style) in enumerate(lines):
        _paragraph(frame, text, size, first=k == 0, **style)
    return frame


def _title(slide, text: str, size: float = 30) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN, TITLE_HEIGHT
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    _style(run, size, bold=True)


def _footer(slide, deck: _Deck, size: float = 10) -> None:
    _text_box(slide, MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN, Inches(0.4), [(deck.note, size, {"color": MUTED})])


def _notes(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def _title_slide(prs, deck: _Deck) -> None:
    ds = deck.result.dataset
    edition = edition_of(ds, deck.result.digest)
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = MARGIN * 2, Inches(1.9), WIDTH - 4 * MARGIN, Inches(1.9)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = (
        MARGIN * 2,
        Inches(4.0),
        WIDTH - 4 * MARGIN,
        Inches(2),
    )
    title.text_frame.word_wrap = True
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    run = title.text_frame.paragraphs[0].add_run()
    run.text = ds.title
    _style(run, 40, bold=True)
    frame = subtitle.text_frame
    frame.word_wrap = True
    _paragraph(frame, f"{deck.view} · stances as of {deck.as_of.isoformat()}", 24, first=True, space_after=6)
    _paragraph(frame, f"Data edition: {edition.label}", 16, color=MUTED)
    _paragraph(frame, f"Data file: {file_name(deck.result)} (sha256 {edition.short_hash})", 16, color=MUTED)
    if ds.description:
        box = (MARGIN * 2, Inches(6.0), WIDTH - 4 * MARGIN, Inches(0.9))
        _text_box(slide, *box, [(ds.description, 13, {"color": MUTED, "align": PP_ALIGN.CENTER})])
    _notes(slide, f"{deck.note}\n\nCite this deck as:\n{_view_citation(deck, 'APA')}")


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _matrix_slide(prs, deck: _Deck, matrix: pd.DataFrame, palette: Sequence[str], selected) -> None:
    ds = deck.result.dataset
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, f"{deck.view}: stances as of {deck.as_of.isoformat()}")
    chart = charts.matrix_chart(matrix, ds, list(palette), selected=selected)
    png = images.chart_png(images.titled(chart, f"{ds.title}: {deck.view}", deck.as_of, deck.note), scale=2)
    pixels_w, pixels_h = _png_size(png)
    box_w, box_h = WIDTH - 2 * MARGIN, FOOTER_TOP - BODY_TOP - Inches(0.1)
    scale = min(box_w / pixels_w, box_h / pixels_h)
    width, height = Emu(round(pixels_w * scale)), Emu(round(pixels_h * scale))
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu((WIDTH - width) // 2), BODY_TOP, width, height)
    picture.name = "Matrix"
    alt = f"Heatmap of each country's stance on each issue as of {deck.as_of.isoformat()}"
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # alt text: python-pptx has no property for it
    _footer(slide, deck, size=12)
    _notes(slide, f"{alt}.\n{deck.note}\n\nCite this view as:\n{_view_citation(deck, 'APA')}")


def _shown_quote(dataset: Dataset, position: int) -> Evidence | None:
    """The cell's quote for a slide: the strongest voice first, then a short quote before a long one."""
    evidence = dataset.positions[position].evidence
    ranked = sorted(enumerate(evidence), key=lambda p: (voice_rank(p[1].voice), len(p[1].quote) > SHORT_QUOTE, p[0]))
    return ranked[0][1] if ranked else None


def _short_citation(deck: _Deck, item: Evidence, country: str) -> tuple[str, str]:
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


def _issue_slides(prs, deck: _Deck, matrix: pd.DataFrame, palette: Sequence[str]) -> None:
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


def _lines(text: str, size: float, width) -> int:
    """Lines a paragraph of Arial at `size` takes in `width`, roughly (half an em per character)."""
    per_line = max(int(width / Emu(round(Pt(size) * 0.5))), 1)
    return max(-(-len(text) // per_line), 1)


def _citation_size(quote_size: float) -> float:
    """The citation line under a quote: smaller than the quote, never below 10 pt."""
    return max(10.0, round(quote_size * 0.72, 1))


def _fit_size(cells: list[tuple[str, str]], width, room) -> float:
    """The largest quote size at which every row's quote and citation fit in `room`, estimated."""
    for size in (18, 16, 14, 13, 12, 11):
        small = _citation_size(size)
        height = Inches(0.45)  # the header row
        for quote, short in cells:
            text = Pt(size) * 1.2 * _lines(quote, size, width) + Pt(small) * 1.2 * _lines(short, small, width)
            height += max(text, Inches(0.75)) + Inches(0.15)  # the stance column's three lines, margins
        if height <= room:
            return size
    return 11


def _issue_slide(prs, deck: _Deck, title: str, question: str, rows: pd.DataFrame, fills) -> None:
    ds = deck.result.dataset
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, title)
    _text_box(
        slide, MARGIN, Inches(1.1), WIDTH - 2 * MARGIN, Inches(0.7), [(question, 15, {"italic": True, "color": MUTED})]
    )
    top = Emu(round(Inches(1.3) + Pt(15) * 1.25 * _lines(question, 15, WIDTH - 2 * MARGIN)))  # under the question
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
        _cell(table.cell(0, k), [(heading, 13, {"bold": True, "color": _rgb("#ffffff")})], HEADER_FILL)
    notes = [f"{title}: {question}", ""]
    for r, (country, words, facts, fill, ink, said, quoted, row_notes) in enumerate(shown, start=1):
        band = BAND_FILL if r % 2 == 0 else ROW_FILL
        _cell(table.cell(r, 0), [(country, 16, {"bold": True})], band)
        stance_lines = [(words, 15, {"bold": True, "color": _rgb(ink)})]
        stance_lines += [(fact, 11, {"color": _rgb(ink)}) for fact in facts]
        _cell(table.cell(r, 1), stance_lines, _rgb(fill))
        if quoted:
            lines = [(said[0], size, {"italic": True}), (said[1], _citation_size(size), {"color": MUTED})]
        else:
            lines = [(said[0], size, {"color": MUTED})]
        _cell(table.cell(r, 2), lines, band)
        notes += [*row_notes, ""]
    _footer(slide, deck)
    _notes(slide, "\n".join(notes).rstrip())


def _cell(cell, lines, fill: RGBColor) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Inches(0.1)
    cell.margin_top = cell.margin_bottom = Inches(0.05)
    frame = cell.text_frame
    frame.word_wrap = True
    for k, (text, size, style) in enumerate(lines):
        _paragraph(frame, text, size, first=k == 0, space_after=2, **style)


def _view_citation(deck: _Deck, style: str) -> str:
    edition = edition_of(deck.result.dataset, deck.result.digest)
    return citation(edition, deck.view, deck.as_of, deck.url, deck.accessed, style)


def _source_size(count: int) -> float:
    """Type size for a sources slide of `count` entries (one column up to 8, then two)."""
    return 14 if count <= 8 else 11 if count <= 16 else 9.5


def _sources_slide(prs, deck: _Deck) -> None:
    """The numbered sources of every quote shown; past SOURCES_PER_SLIDE they continue on another slide
    (the deck's notes list them all)."""
    entries = []
    for number, source in enumerate(deck.cited, 1):
        url = safe_url(source.url)
        entries.append(f"[{number}] {source_citation(source)}" + (f". {url}" if url else ""))
    cites = "\n\n".join(f"{style}:\n{_view_citation(deck, style)}" for style in STYLES)
    notes = "Sources of the quotes shown:\n" + "\n".join(entries) + f"\n\nHow to cite this deck\n\n{cites}"
    pages = [entries[k : k + SOURCES_PER_SLIDE] for k in range(0, len(entries), SOURCES_PER_SLIDE)]
    for part, page in enumerate(pages or [["No quote is shown on these slides."]]):
        slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        _title(slide, "Sources" if part == 0 else "Sources (continued)")
        size = _source_size(len(page))
        columns = [page] if len(page) <= 8 else [page[: -(-len(page) // 2)], page[-(-len(page) // 2) :]]
        gap = Inches(0.35)
        width = (WIDTH - 2 * MARGIN - gap * (len(columns) - 1)) // len(columns)
        for k, column in enumerate(columns):
            lines = [(entry, size, {"space_after": 6}) for entry in column]
            _text_box(slide, MARGIN + (width + gap) * k, BODY_TOP, width, FOOTER_TOP - BODY_TOP, lines)
        _footer(slide, deck)
        _notes(slide, notes)


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
    note = source_note(edition_of(ds, result.digest), as_of)
    sources = {source.id: source for source in ds.sources}
    deck = _Deck(result, as_of, view, note, url or file_name(result), accessed or dt.date.today(), sources)
    prs = Presentation()
    _widen(prs)
    prs.core_properties.title = f"{ds.title}: {view}"
    prs.core_properties.author = "Stance Atlas"
    prs.core_properties.subject = deck.note
    _title_slide(prs, deck)
    _matrix_slide(prs, deck, matrix, palette, selected)
    _issue_slides(prs, deck, matrix, palette)
    _sources_slide(prs, deck)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
