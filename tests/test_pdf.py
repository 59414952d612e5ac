"""The PDF briefing, read back with pypdf: A4 pages, real text, footnoted sources, literal hostile text."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pypdf
import pytest
import typst
from apptest_support import recorded_downloads
from builders import real_result
from conftest import REPO_ROOT, VALID, load_data, valid_data

from components.render import pdf
from components.tables import matrix_table
from components.tables.citation import STYLES, citation, edition_of
from components.tables.labels import NO_SPEAKER

ARTIFACTS = REPO_ROOT / "test-artifacts" / "exports"
AS_OF = dt.date(2020, 11, 1)
ACCESSED = dt.date(2024, 5, 6)
A4 = (595.28, 841.89)  # points
HOSTILE = [
    "#set text(red) and #pagebreak()",
    "$x^2$ and $ math $",
    "*not bold* and _not italic_",
    "@ref and <label> and [content] and {code}",
    "back\\slash, \\u{41} and a trailing \\",
    "// not a comment and /* nor this */",
    "1. not a list",
    "- not a bullet",
    "= not a heading",
    "`raw` and ```block```",
    "~ -- --- ... 'single' \"double\"",
    "http://example.org/not-a-link",
]


def squash(text: str) -> str:
    """Text without any whitespace: line breaks in the PDF fall where the typesetter puts them."""
    return "".join(text.split())


def pdf_text(data: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def save_and_render(name: str, data: bytes) -> None:
    """Keep the PDF and, where poppler's pdftoppm is installed, a PNG of each page, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.pdf"
    target.write_bytes(data)
    if shutil.which("pdftoppm"):
        for old in ARTIFACTS.glob(f"{name}-page-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", "80", target, ARTIFACTS / f"{name}-page"], check=True, timeout=120)


@pytest.fixture(scope="module")
def briefing(valid_result):
    matrix = matrix_table(valid_result.dataset, AS_OF)
    data = pdf.briefing_pdf(
        valid_result, matrix, AS_OF, accessed=ACCESSED, url="https://atlas.example/?as_of=2020-11-01"
    )
    save_and_render("briefing-fixture", data)
    return data, matrix


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_prints_exactly_as_given(text):
    source = "#set page(width: 30cm, height: auto, margin: 1cm)\n" + pdf.escape(text) + "\n"
    _, printed = pdf_text(typst.compile(source.encode(), format="pdf", ignore_system_fonts=True))
    assert squash(printed) == squash(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_string_literal_holds_text_exactly(text):
    source = f"#set page(width: 30cm, height: auto, margin: 1cm)\n#{{ {pdf.string_literal(text)} }}\n"
    _, printed = pdf_text(typst.compile(source.encode(), format="pdf", ignore_system_fonts=True))
    assert squash(printed) == squash(text)


def test_escape_keeps_data_text_on_one_paragraph():
    assert pdf.escape("one\n\n= two\r\n\tthree") == "one \\= two three"


def test_the_briefing_is_several_a4_pages(briefing):
    reader, _ = pdf_text(briefing[0])
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)


def test_the_first_page_names_the_title_date_and_edition(valid_result, briefing):
    reader, _ = pdf_text(briefing[0])
    first = squash(reader.pages[0].extract_text())
    edition = edition_of(valid_result.dataset, valid_result.digest)
    assert squash(valid_result.dataset.title) in first
    assert AS_OF.isoformat() in first
    assert squash(edition.label) in first
    assert reader.metadata.title == f"{valid_result.dataset.title}: Matrix"


def test_every_cell_with_its_evidence_and_footnoted_sources(valid_result, briefing):
    data, matrix = briefing
    _, text = pdf_text(data)
    flat = squash(text)
    for country, issue in zip(matrix["country"], matrix["issue"]):
        assert squash(f"{country} · {issue}") in flat
    cited = {item.source for p in valid_result.dataset.positions for item in p.evidence}
    for source in valid_result.dataset.sources:
        if source.id in cited:
            assert squash(source.title) in flat, source.title
            assert squash(source.publisher) in flat
    assert squash("As reported by the source (test fixture) (Press report)") in flat  # speaker and voice


def test_quotes_and_their_links_are_in_the_text(valid_result, briefing):
    data, matrix = briefing
    reader, text = pdf_text(data)
    flat = squash(text)
    shown = [valid_result.dataset.positions[i] for i in matrix["position"] if i >= 0]
    for position in shown:
        for item in position.evidence:
            assert squash(item.quote) in flat
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link" and "/URI" in annotation.get_object().get("/A", {})
    ]
    assert any("hani.co.kr" in link and "#:~:text=" in link for link in links)  # opens the source at the quote


def test_the_codebook_and_every_citation_style(valid_result, briefing):
    _, text = pdf_text(briefing[0])
    flat = squash(text)
    ds = valid_result.dataset
    for issue in ds.issues:
        assert squash(issue.question) in flat
        for meaning in issue.levels.values():
            assert squash(meaning) in flat
    edition = edition_of(ds, valid_result.digest)
    for style in STYLES:
        cited = citation(edition, "Matrix", AS_OF, "https://atlas.example/?as_of=2020-11-01", ACCESSED, style)
        assert squash(cited) in flat, style


def test_chosen_cells_limit_the_evidence_and_codebook(valid_result):
    matrix = matrix_table(valid_result.dataset, AS_OF)
    data = pdf.briefing_pdf(valid_result, matrix, AS_OF, cells=[("JP", "quad")])
    _, text = pdf_text(data)
    flat = squash(text)
    assert squash("Japan · The Quad") in flat
    assert squash("South Korea · Clean Network") not in flat
    assert squash("1 chosen of 4 cells") in flat
    quad = next(i for i in valid_result.dataset.issues if i.id == "quad")
    clean = next(i for i in valid_result.dataset.issues if i.id == "clean_network")
    assert squash(quad.question) in flat and squash(clean.question) not in flat


def test_a_cell_without_evidence_or_speaker_says_so():
    data = valid_data()
    del data["positions"][0]["evidence"][0]["speaker"]
    result = load_data(data)
    assert result.ok, [str(p) for p in result.problems]
    early = dt.date(2019, 1, 1)  # only South Korea's Clean Network is assessed by then
    _, text = pdf_text(pdf.briefing_pdf(result, matrix_table(result.dataset, early), early))
    flat = squash(text)
    assert squash("No evidence. No position recorded by this date.") in flat
    assert squash("No stance") in flat
    _, later = pdf_text(pdf.briefing_pdf(result, matrix_table(result.dataset, AS_OF), AS_OF))
    assert squash(NO_SPEAKER) in squash(later)


def test_a_cell_assessed_without_a_stance_says_no_stance_coded():
    data = valid_data()
    next(p for p in data["positions"] if p["stance"] is None)["as_of"] = dt.date(2020, 11, 1)
    result = load_data(data)
    assert result.ok, [str(p) for p in result.problems]
    day = dt.date(2020, 11, 2)  # coded cells beside the one assessed without a stance
    _, text = pdf_text(pdf.briefing_pdf(result, matrix_table(result.dataset, day), day))
    flat = squash(text)
    assert squash("in force since 2020-11-01 · no stance coded") in flat
    assert squash("confidence unknown") not in flat


def test_hostile_text_from_the_data_stays_literal():
    data = valid_data()
    data["title"] = HOSTILE[0]
    data["countries"][0]["name"] = "Japan #strong[x]"
    data["issues"][1]["name"] = "Quad $y$ *z*"
    data["issues"][1]["question"] = HOSTILE[5]
    data["issues"][1]["levels"][2] = HOSTILE[3]
    data["positions"][2]["summary"] = HOSTILE[4]
    data["positions"][2]["evidence"][0]["speaker"] = HOSTILE[2]
    data["sources"][0]["title"] = HOSTILE[9]
    data["sources"][0]["publisher"] = HOSTILE[10]
    result = load_data(data)
    assert result.ok, [str(p) for p in result.problems]
    matrix = matrix_table(result.dataset, AS_OF)
    out = pdf.briefing_pdf(result, matrix, AS_OF)
    save_and_render("briefing-hostile", out)
    reader, text = pdf_text(out)
    flat = squash(text)
    for hostile in (HOSTILE[0], HOSTILE[2], HOSTILE[3], HOSTILE[4], HOSTILE[5], HOSTILE[9], HOSTILE[10]):
        assert squash(hostile) in flat, hostile
    assert squash("Japan #strong[x] · Quad $y$ *z*") in flat
    assert reader.metadata.title == f"{HOSTILE[0]}: Matrix"


def test_the_real_data_file_gives_a_briefing():
    result = real_result()
    as_of = max(p.as_of for p in result.dataset.positions)
    matrix = matrix_table(result.dataset, as_of)
    data = pdf.briefing_pdf(result, matrix, as_of)
    save_and_render("briefing-real", data)
    reader, text = pdf_text(data)
    assert len(reader.pages) > 2
    flat = squash(text)
    for country, issue in zip(matrix["country"], matrix["issue"]):
        assert squash(f"{country} · {issue}") in flat


def test_the_download_menu_offers_the_pdf_and_the_slides_after_the_html_briefing(monkeypatch):
    """The matrix page's menu, as a click would build it: the briefing and the deck of the view shown."""
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    monkeypatch.delenv("STANCES_SOURCES", raising=False)
    registered = list(recorded_downloads(monkeypatch, "", {"as_of": AS_OF.isoformat()}).items())
    names = [name for name, _ in registered]
    suffixes = ["-briefing.md", "-briefing.html", "-briefing.pdf", "-slides.pptx", ".yaml"]
    positions = [next(k for k, name in enumerate(names) if name.endswith(suffix)) for suffix in suffixes]
    assert positions == sorted(positions), names  # in the menu's order, the new two after the HTML briefing
    built = {name: data() for name, data in registered if name.endswith((".pdf", ".pptx"))}
    briefing = next(data for name, data in built.items() if name.endswith(".pdf"))
    _, text = pdf_text(briefing)
    assert AS_OF.isoformat() in text and squash("Japan · The Quad") in squash(text)
    deck = next(data for name, data in built.items() if name.endswith(".pptx"))
    assert deck.startswith(b"PK")
