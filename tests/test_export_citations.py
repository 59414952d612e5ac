"""Every export cites its view as the Cite menu does, and marks stale cells: image footers, CSV, JSON, briefings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import altair as alt
import pandas as pd
from apptest_support import recorded_downloads
from builders import VALID, loaded, valid_data

from components.data.loader import load_dataset
from components.render import charts, export, images
from components.render.changes_chart import changes_chart
from components.render.timeline_charts import with_timestamps
from components.tables import governments_table, matrix_table, timeline_table
from components.tables.citation import STYLES, cited_file, permalink

RESULT = load_dataset(VALID)
DATASET = RESULT.dataset
AS_OF = dt.date(2026, 1, 1)  # long after the fixture's last evidence: every evidenced cell is stale
ACCESSED = dt.date(2026, 2, 3)
CITED = cited_file(RESULT, "Matrix", AS_OF, "https://atlas.example/?as_of=2026-01-01", ACCESSED)
MATRIX = matrix_table(DATASET, AS_OF)


def test_a_cited_view_gives_the_note_the_footer_and_every_style():
    assert CITED.note.startswith(f"Source: {DATASET.title}") and "stances as of 2026-01-01" in CITED.note
    assert CITED.footer() == [CITED.note, f"Cite as: {CITED.text('APA')}"]
    meta = CITED.metadata()
    assert meta["edition"]["data_sha256"] == RESULT.digest and meta["edition"]["schema_version"] == 2
    assert set(meta["citation"]) == set(STYLES)
    assert meta["url"] in meta["citation"]["APA"] and "Retrieved 3 February 2026" in meta["citation"]["APA"]


def test_the_csv_marks_stale_cells_and_every_row_carries_the_citation():
    rows = list(csv.DictReader(io.StringIO(export.matrix_csv(MATRIX, CITED))))
    by_cell = {(r["country_id"], r["issue_id"]): r for r in rows}
    assert by_cell[("KR", "clean_network")]["last_evidenced"] == "2019-06-13"
    assert by_cell[("KR", "clean_network")]["stale"] == "True"
    assert {r["cite_as"] for r in rows} == {CITED.text("APA")}
    assert {r["source_note"] for r in rows} == {CITED.note}
    fresh = matrix_table(DATASET, dt.date(2020, 11, 1))
    fresh_rows = list(csv.DictReader(io.StringIO(export.matrix_csv(fresh, CITED))))
    assert {r["stale"] for r in fresh_rows} == {"False"}


def test_the_json_holds_the_edition_permalink_and_every_style():
    data = json.loads(export.matrix_json(MATRIX, CITED))
    assert data["as_of"] == "2026-01-01" and data["url"] == CITED.url
    assert data["citation"] == {style: CITED.text(style) for style in STYLES}
    assert data["edition"]["latest_position"] == max(p.as_of for p in DATASET.positions).isoformat()
    stale = {(c["country_id"], c["issue_id"]) for c in data["cells"] if c["stale"]}
    assert ("KR", "clean_network") in stale
    assert all(c["stale"] is False for c in data["cells"] if c["last_evidenced"] is None)


def test_the_briefings_end_with_how_to_cite():
    markdown = export.briefing_markdown(DATASET, MATRIX, CITED)
    assert "## How to cite" in markdown and CITED.text("APA") in markdown and CITED.text("BibTeX") in markdown
    page = export.briefing_html(DATASET, MATRIX, CITED)
    assert "<h2>How to cite</h2>" in page and "Retrieved 3 February 2026" in page


def assessed_among_coded() -> tuple:
    """The fixture with South Korea's Clean Network assessed without a stance after its coded
    positions, so the matrix of 2020-11-02 mixes coded cells and one cell with no confidence."""
    data = valid_data()
    position = next(p for p in data["positions"] if p["stance"] is None)
    position["as_of"] = dt.date(2020, 11, 1)
    dataset = loaded(data)
    return dataset, matrix_table(dataset, dt.date(2020, 11, 2))


def test_a_cell_without_a_stance_has_no_confidence_in_the_table_or_the_briefings():
    dataset, matrix = assessed_among_coded()
    by_cell = matrix.set_index(["country_id", "issue_id"])["confidence"]
    assert by_cell[("KR", "clean_network")] is None and by_cell[("JP", "quad")] == "medium"
    assessed = next(p for p in dataset.positions if p.stance is None)
    markdown = export.briefing_markdown(dataset, matrix, CITED)
    assert f"Since 2020-11-01. {assessed.summary}" in markdown and "nan" not in markdown
    page = export.briefing_html(dataset, matrix, CITED)
    assert "<p>Since 2020-11-01. Assessed; no public position" in page and "nan" not in page


def test_an_exported_image_has_its_source_and_citation_under_the_chart():
    chart = charts.matrix_chart(MATRIX, DATASET, list(charts.FALLBACK_PALETTE))
    svg = images.chart_svg(images.titled(chart, "Matrix", AS_OF, CITED.footer()))
    assert "Cite as: Stance Atlas." in svg and "Stances as of 2026-01-01" in svg
    assert CITED.edition.short_hash in svg


def test_the_changes_chart_exports_with_its_panels_and_its_footer():
    start, end = dt.date(2017, 1, 1), AS_OF
    timeline = with_timestamps(timeline_table(DATASET, end))
    governments = with_timestamps(governments_table(DATASET, None, start, end))
    countries = [c.name for c in DATASET.countries]
    issues = [i.name for i in DATASET.issues]
    spec = changes_chart(timeline, DATASET, governments, start, end, countries, issues).to_dict()
    chart = alt.ConcatChart.from_dict(spec)  # as the Changes page's download rebuilds it from its cached spec
    png = images.chart_png(images.titled(chart, "Changes", AS_OF, CITED.footer()), scale=1)
    width = int.from_bytes(png[16:20], "big")
    assert png.startswith(b"\x89PNG") and width > 400
    svg = images.chart_svg(images.titled(chart, "Changes", AS_OF, CITED.footer()))
    assert "Cite as:" in svg and all(name in svg for name in countries)


def test_the_apps_csv_and_json_cite_the_view_as_its_cite_menu(monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    monkeypatch.delenv("STANCES_SOURCES", raising=False)
    built = recorded_downloads(monkeypatch, "", {"as_of": "2026-01-01"})
    table = next(data for name, data in built.items() if name.endswith(".csv"))()
    frame = pd.read_csv(io.StringIO(table))
    assert frame["stale"].any() and frame["cite_as"].str.contains("Matrix, as of 2026-01-01").all()
    assert frame["cite_as"].str.contains("as_of=2026-01-01").all()  # the view's permalink
    record = json.loads(next(data for name, data in built.items() if name.endswith(".json"))())
    assert record["citation"]["APA"] == frame["cite_as"][0]


def test_the_changes_page_downloads_its_chart_with_its_period_and_citation(monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    monkeypatch.delenv("STANCES_SOURCES", raising=False)
    built = recorded_downloads(monkeypatch, "changes", {})
    svg = next(
        data for name, data in built.items() if name.startswith("stance-atlas-changes-") and name.endswith(".svg")
    )()
    assert "Stances from 20" in svg and "Cite as: Stance Atlas." in svg
    assert any(name.endswith(".png") for name in built)


def test_a_permalink_names_its_date_first_and_keeps_every_parameter():
    params = {"as_of": "1999-01-01", "countries": ["Japan", "Australia"], "cell": "JP:quad"}
    link = permalink("http://127.0.0.1:8501", params, dt.date(2021, 6, 1))
    assert link == "http://127.0.0.1:8501/?as_of=2021-06-01&cell=JP%3Aquad&countries=Japan&countries=Australia"
    assert permalink("http://host/compare?", {}, dt.date(2021, 6, 1)) == "http://host/compare?as_of=2021-06-01"


def test_a_timeline_rebuilt_from_its_cached_spec_exports_with_its_footer(monkeypatch):
    monkeypatch.setenv("STANCES_FILE", str(VALID))
    monkeypatch.delenv("STANCES_SOURCES", raising=False)
    built = recorded_downloads(monkeypatch, "country", {"as_of": "2020-11-01"})
    svg = next(data for name, data in built.items() if name.endswith("-stances-over-time-2020-11-01.svg"))()
    assert "stances over time" in svg and "Cite as: Stance Atlas." in svg and "as of 2020-11-01" in svg
