"""The first two slides: the title (data, date, edition) and the matrix picture."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches

from components.render import charts, images
from components.render.slides.deck import Deck, add_footer
from components.render.slides.shapes import (
    BODY_TOP,
    FOOTER_TOP,
    MARGIN,
    MUTED,
    TITLE_ONLY,
    TITLE_SLIDE,
    WIDTH,
    add_paragraph,
    add_text_box,
    set_notes,
    set_title,
    style_run,
)
from components.tables.citation import edition_of, file_name


def title_slide(prs, deck: Deck) -> None:
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
    style_run(run, 40, bold=True)
    frame = subtitle.text_frame
    frame.word_wrap = True
    add_paragraph(frame, f"{deck.view} · stances as of {deck.as_of.isoformat()}", 24, first=True, space_after=6)
    add_paragraph(frame, f"Data edition: {edition.label}", 16, color=MUTED)
    add_paragraph(frame, f"Data file: {file_name(deck.result)} (sha256 {edition.short_hash})", 16, color=MUTED)
    if ds.description:
        box = (MARGIN * 2, Inches(6.0), WIDTH - 4 * MARGIN, Inches(0.9))
        add_text_box(slide, *box, [(ds.description, 13, {"color": MUTED, "align": PP_ALIGN.CENTER})])
    set_notes(slide, f"{deck.note}\n\nCite this deck as:\n{deck.view_cite.text('APA')}")


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def matrix_slide(prs, deck: Deck, matrix: pd.DataFrame, palette: Sequence[str], selected) -> None:
    ds = deck.result.dataset
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    set_title(slide, f"{deck.view}: stances as of {deck.as_of.isoformat()}")
    chart = charts.matrix_chart(matrix, ds, list(palette), selected=selected)
    png = images.chart_png(
        images.titled(chart, f"{ds.title}: {deck.view}", deck.as_of, deck.view_cite.footer()), scale=2
    )
    pixels_w, pixels_h = png_size(png)
    box_w, box_h = WIDTH - 2 * MARGIN, FOOTER_TOP - BODY_TOP - Inches(0.1)
    scale = min(box_w / pixels_w, box_h / pixels_h)
    width, height = Emu(round(pixels_w * scale)), Emu(round(pixels_h * scale))
    picture = slide.shapes.add_picture(io.BytesIO(png), Emu((WIDTH - width) // 2), BODY_TOP, width, height)
    picture.name = "Matrix"
    alt = f"Heatmap of each country's stance on each issue as of {deck.as_of.isoformat()}"
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # alt text: python-pptx has no property for it
    add_footer(slide, deck, size=12)
    set_notes(slide, f"{alt}.\n{deck.note}\n\nCite this view as:\n{deck.view_cite.text('APA')}")
