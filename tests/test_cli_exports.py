"""`python -m components export --format pdf|pptx --output FILE`: the briefing and the deck from the CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pypdf
import pytest
from conftest import REPO_ROOT, VALID
from pptx import Presentation

VALID_ARG = str(VALID.relative_to(REPO_ROOT))


def run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("STANCES_SOURCES", "STANCES_FILE")}
    done = subprocess.run(
        [sys.executable, "-m", "components", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


def squash(text: str) -> str:
    return "".join(text.split())


def test_pdf_of_chosen_cells(tmp_path):
    out = tmp_path / "briefing.pdf"
    done = run(
        "export",
        VALID_ARG,
        "--format",
        "pdf",
        "--output",
        str(out),
        "--as-of",
        "2020-11-01",
        "--cells",
        "JP:quad,KR:quad",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""  # the file is the output; the note goes to stderr
    assert str(out) in done.stderr
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))
    text = squash("\n".join(page.extract_text() for page in reader.pages))
    assert len(reader.pages) > 1
    assert "2020-11-01" in text
    assert squash("Japan · The Quad") in text and squash("South Korea · The Quad") in text
    assert squash("Japan · Clean Network") not in text
    assert squash("2 chosen of 4 cells") in text


def test_pdf_without_cells_covers_every_cell(tmp_path):
    out = tmp_path / "all.pdf"
    assert run("export", VALID_ARG, "--format", "pdf", "--output", str(out), "--as-of", "2020-11-01").returncode == 0
    text = squash("\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages))
    for cell in ("Japan · The Quad", "Japan · Clean Network", "South Korea · The Quad", "South Korea · Clean Network"):
        assert squash(cell) in text


def test_pptx(tmp_path):
    out = tmp_path / "deck.pptx"
    done = run("export", VALID_ARG, "--format", "pptx", "--output", str(out), "--as-of", "2020-11-01")
    assert done.returncode == 0, done.stdout + done.stderr
    prs = Presentation(out)
    assert len(prs.slides) == 3 + 2
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_csv_still_goes_to_stdout_and_can_go_to_a_file(tmp_path):
    done = run("export", VALID_ARG, "--as-of", "2020-11-01")
    assert done.returncode == 0 and done.stdout.startswith("country_id,")
    out = tmp_path / "matrix.csv"
    assert run("export", VALID_ARG, "--as-of", "2020-11-01", "--output", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == done.stdout


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("JP", "--cells: 'JP' is not a cell; write COUNTRY:ISSUE, e.g. JP:clean_network"),
        ("JP:quad,XX:quad", "--cells: unknown country 'XX' in 'XX:quad'; known: JP, KR"),
        ("JP:nato", "--cells: unknown issue 'nato' in 'JP:nato'; known: clean_network, quad"),
        (":quad", "--cells: ':quad' is not a cell"),
        ("JP:quad,", "--cells: '' is not a cell"),
    ],
)
def test_bad_cells_exit_2_with_a_clear_message_and_no_file(tmp_path, cells, message):
    out = tmp_path / "briefing.pdf"
    done = run("export", VALID_ARG, "--format", "pdf", "--output", str(out), "--cells", cells)
    assert done.returncode == 2
    assert message in done.stdout
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf"), "--format pdf writes a file: give it with --output FILE"),
        (("--format", "pptx"), "--format pptx writes a file: give it with --output FILE"),
        (("--format", "csv", "--cells", "JP:quad"), "--cells chooses the evidence of a PDF briefing"),
        (("--format", "pptx", "--output", "x.pptx", "--cells", "JP:quad"), "use it with --format pdf"),
    ],
)
def test_misused_document_formats_exit_2(args, message):
    done = run("export", VALID_ARG, *args)
    assert done.returncode == 2
    assert message in done.stdout
    assert not (REPO_ROOT / "x.pptx").exists()


def test_an_invalid_file_exits_1_and_writes_nothing(tmp_path):
    out = tmp_path / "briefing.pdf"
    done = run("export", "tests/fixtures/invalid/duplicate_key.yaml", "--format", "pdf", "--output", str(out))
    assert done.returncode == 1
    assert not out.exists()


def test_the_cli_loads_no_document_code_until_it_draws():
    code = "import sys, components.cli; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    loaded = set(done.stdout.split())
    assert "components" in loaded
    assert not loaded & {"altair", "vl_convert", "typst", "pptx", "pypdf", "streamlit"}
