"""The slide deck, read back with python-pptx: 16:9, one slide per issue, every quote cited, the matrix picture."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from builders import real_result
from conftest import REPO_ROOT, load_data, valid_data
from pptx import Presentation

from components.render import slides
from components.tables import matrix_table
from components.tables.citation import STYLES, citation, edition_of
from components.tables.labels import source_citation

ARTIFACTS = REPO_ROOT / "test-artifacts" / "exports"
AS_OF = dt.date(2020, 11, 1)
ACCESSED = dt.date(2024, 5, 6)
URL = "https://atlas.example/?as_of=2020-11-01"


def deck_of(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [cell.text_frame.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


@pytest.fixture(scope="module")
def deck(valid_result):
    matrix = matrix_table(valid_result.dataset, AS_OF)
    data = slides.briefing_pptx(valid_result, matrix, AS_OF, url=URL, accessed=ACCESSED)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "slides-fixture.pptx").write_bytes(data)
    return deck_of(data), matrix


def test_the_deck_is_16_9_with_a_slide_per_issue(valid_result, deck):
    prs, _ = deck
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert len(prs.slides) == 3 + len(valid_result.dataset.issues)


def test_slide_titles(valid_result, deck):
    prs, _ = deck
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    assert titles[0] == valid_result.dataset.title
    assert AS_OF.isoformat() in titles[1]
    assert titles[2:-1] == [issue.name for issue in valid_result.dataset.issues]
    assert titles[-1] == "Sources"


def test_the_title_slide_names_the_date_and_edition(valid_result, deck):
    prs, _ = deck
    text = slide_text(prs.slides[0])
    assert AS_OF.isoformat() in text
    assert edition_of(valid_result.dataset, valid_result.digest).label in text


def test_coordinates_are_whole_emus(deck):
    """OOXML wants integer EMUs: PowerPoint refuses a file with '12.5' where a coordinate goes."""
    for slide in deck[0].slides:
        assert not re.search(rb'\b(x|y|cx|cy)="[^"]*[^0-9"]', slide.part.blob)


def test_only_standard_layouts_and_one_common_font(deck):
    prs, _ = deck
    assert {slide.slide_layout.name for slide in prs.slides} == {"Title Slide", "Title Only"}
    fonts = set()
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            fonts |= {run.font.name for frame in frames for p in frame.paragraphs for run in p.runs}
    assert fonts == {"Arial"}


def test_the_matrix_slide_shows_the_2x_png_at_its_own_proportions(valid_result, deck):
    prs, _ = deck
    slide = prs.slides[1]
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 1
    picture = pictures[0]
    pixels_w, pixels_h = picture.image.size
    assert picture.image.content_type == "image/png"
    assert pixels_w >= 2 * 960  # the 2x export of the 960-px-wide chart
    assert picture.width / picture.height == pytest.approx(pixels_w / pixels_h, rel=0.01)
    assert picture.left >= 0 and picture.left + picture.width <= prs.slide_width
    assert picture.top >= 0 and picture.top + picture.height <= prs.slide_height
    assert picture.width >= prs.slide_width * 0.8  # the chart fills the slide's width
    note = edition_of(valid_result.dataset, valid_result.digest).label
    assert note in slide_text(slide)  # the source line under the picture


def test_each_issue_slide_gives_every_country_a_stance_and_a_cited_quote(valid_result, deck):
    prs, matrix = deck
    ds = valid_result.dataset
    sources = {s.id: s for s in ds.sources}
    for slide, issue in zip(list(prs.slides)[2:-1], ds.issues, strict=True):
        text, notes = slide_text(slide), notes_text(slide)
        rows = matrix[matrix["issue_id"] == issue.id]
        assert issue.question in text
        for row in rows.itertuples():
            assert row.country in text
            if row.position < 0:
                continue
            position = ds.positions[row.position]
            shown = [item for item in position.evidence if item.quote in text]
            assert len(shown) == (1 if position.evidence else 0), (row.country, issue.id)
            for item in shown:
                assert source_citation(sources[item.source]) in text + notes  # the full citation
                assert sources[item.source].url in notes


def test_the_sources_slide_lists_every_quoted_source_and_its_notes_cite_the_deck(valid_result, deck):
    prs, _ = deck
    text, notes = slide_text(prs.slides[-1]), notes_text(prs.slides[-1])
    quoted = set()
    for slide in list(prs.slides)[2:-1]:
        shown = slide_text(slide)
        quoted |= {item.source for p in valid_result.dataset.positions for item in p.evidence if item.quote in shown}
    assert quoted
    for source in valid_result.dataset.sources:
        assert (source_citation(source) in text) == (source.id in quoted)
    edition = edition_of(valid_result.dataset, valid_result.digest)
    for style in STYLES:
        assert citation(edition, "Matrix", AS_OF, URL, ACCESSED, style) in notes


def test_hostile_text_stays_literal():
    data = valid_data()
    data["title"] = '<b>bold</b> & "quoted" ]]> #set'
    data["issues"][1]["name"] = "Quad <script>alert(1)</script>"
    data["positions"][2]["evidence"][0]["speaker"] = "O'Brien & <Co>"
    result = load_data(data)
    assert result.ok, [str(p) for p in result.problems]
    prs = deck_of(slides.briefing_pptx(result, matrix_table(result.dataset, AS_OF), AS_OF))
    assert prs.slides[0].shapes.title.text_frame.text == data["title"]
    assert prs.slides[3].shapes.title.text_frame.text == "Quad <script>alert(1)</script>"
    assert "O'Brien & <Co>" in slide_text(prs.slides[3])


def test_an_issue_with_many_countries_continues_on_another_slide():
    data = valid_data()
    for k in range(slides.ROWS_PER_SLIDE):
        data["countries"].append({"id": f"X{k}", "name": f"Country {k}"})
    result = load_data(data)
    assert result.ok, [str(p) for p in result.problems]
    prs = deck_of(slides.briefing_pptx(result, matrix_table(result.dataset, AS_OF), AS_OF))
    titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
    assert titles[2:6] == ["Clean Network", "Clean Network (continued)", "The Quad", "The Quad (continued)"]


def test_the_real_data_file_gives_a_deck():
    result = real_result()
    as_of = max(p.as_of for p in result.dataset.positions)
    data = slides.briefing_pptx(result, matrix_table(result.dataset, as_of), as_of)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "slides-real.pptx").write_bytes(data)
    prs = deck_of(data)
    assert len(prs.slides) == 3 + len(result.dataset.issues)
    for slide in prs.slides:  # OOXML coordinates are whole EMUs: PowerPoint refuses '12.5'
        assert not re.search(rb'\b(x|y|cx|cy)="[^"]*[^0-9"]', slide.part.blob), slide.shapes.title.text_frame.text
    for slide in prs.slides:  # nothing runs off the slide
        for shape in slide.shapes:
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height
