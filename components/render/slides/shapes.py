"""Slide geometry, colours and the few python-pptx shapes the deck is built from: text boxes,
titles, table cells. Every colour and font is set on the shape itself (no table style), so
every presentation program draws the same slide."""

from __future__ import annotations

from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

FONT = "Arial"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in: PowerPoint's 16:9
_FOUR_THREE_WIDTH = 9144000  # the default template's width, which its layouts are drawn for
MARGIN = Inches(0.45)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.85)
BODY_TOP = Inches(1.3)
FOOTER_TOP = Inches(7.0)
TITLE_SLIDE, TITLE_ONLY = 0, 5  # the default template's layouts
INK = RGBColor(0x1F, 0x29, 0x37)
MUTED = RGBColor(0x55, 0x5F, 0x6B)
HEADER_FILL = RGBColor(0x37, 0x41, 0x51)
ROW_FILL = RGBColor(0xFF, 0xFF, 0xFF)
BAND_FILL = RGBColor(0xF3, 0xF4, 0xF6)


def rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper()) if hex_color != "white" else RGBColor(255, 255, 255)


def widen(prs: Presentation) -> None:
    """16:9, with the master's and layouts' placeholders stretched across the wider slide."""
    factor = WIDTH / _FOUR_THREE_WIDTH
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    shapes = list(prs.slide_master.placeholders)
    for layout in prs.slide_layouts:
        shapes += list(layout.placeholders)
    for shape in shapes:
        shape.left, shape.width = Emu(round(shape.left * factor)), Emu(round(shape.width * factor))


def style_run(run, size: float, *, bold=False, italic=False, color: RGBColor = INK) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = color


def add_paragraph(frame, text: str, size: float, *, first=False, align=None, space_after=0, **style):
    paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
    run = paragraph.add_run()
    run.text = text
    style_run(run, size, **style)
    if align is not None:
        paragraph.alignment = align
    paragraph.space_after = Pt(space_after)
    return paragraph


def add_text_box(slide, left, top, width, height, lines: Sequence[tuple[str, float, dict]], anchor=MSO_ANCHOR.TOP):
    frame = slide.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for k, (text, size, style) in enumerate(lines):
        add_paragraph(frame, text, size, first=k == 0, **style)
    return frame


def set_title(slide, text: str, size: float = 30) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN, TITLE_HEIGHT
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = text
    style_run(run, size, bold=True)


def set_notes(slide, text: str) -> None:
    slide.notes_slide.notes_text_frame.text = text


def fill_cell(cell, lines, fill: RGBColor) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    cell.margin_left = cell.margin_right = Inches(0.1)
    cell.margin_top = cell.margin_bottom = Inches(0.05)
    frame = cell.text_frame
    frame.word_wrap = True
    for k, (text, size, style) in enumerate(lines):
        add_paragraph(frame, text, size, first=k == 0, space_after=2, **style)


def line_count(text: str, size: float, width) -> int:
    """Lines a paragraph of Arial at `size` takes in `width`, roughly (half an em per character)."""
    per_line = max(int(width / Emu(round(Pt(size) * 0.5))), 1)
    return max(-(-len(text) // per_line), 1)
