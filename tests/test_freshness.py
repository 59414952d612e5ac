"""Freshness: each cell says when it was last evidenced, and one older than 24 months is marked stale."""

from __future__ import annotations

import datetime as dt

from builders import VALID

from components.data.loader import load_dataset
from components.render.charts import FALLBACK_PALETTE, matrix_cells
from components.render.heatmap_spec import heatmap_spec
from components.tables import matrix_table
from components.tables.matrix import STALE_AFTER_MONTHS, months_before

DATASET = load_dataset(VALID).dataset


def cell(matrix, country, issue):
    return matrix.set_index(["country_id", "issue_id"]).loc[(country, issue)]


def test_the_threshold_is_one_setting_of_24_months():
    assert STALE_AFTER_MONTHS == 24
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)


def test_a_cell_is_stale_once_its_newest_evidence_is_over_24_months_old():
    fresh = matrix_table(DATASET, dt.date(2021, 6, 1))
    stale = matrix_table(DATASET, dt.date(2022, 10, 23))
    assert cell(fresh, "KR", "clean_network")["last_evidenced"] == dt.date(2019, 6, 13)
    assert not cell(fresh, "KR", "quad")["stale"]
    assert cell(stale, "KR", "quad")["stale"]  # evidenced 2020-10-22, 24 months and a day before
    assert cell(stale, "KR", "clean_network")["stale"]


def test_evidence_said_after_the_date_viewed_does_not_freshen_it():
    matrix = matrix_table(DATASET, dt.date(2020, 10, 10))
    assert cell(matrix, "JP", "clean_network")["last_evidenced"] == dt.date(2020, 10, 6)  # said_on, not the source


def test_stale_cells_say_so_in_words_and_outline_on_screen_and_in_exports():
    matrix = matrix_table(DATASET, dt.date(2026, 1, 1))
    cells = matrix_cells(matrix, DATASET, list(FALLBACK_PALETTE)).set_index(["country_id", "issue_id"])
    assert cells.loc[("KR", "clean_network"), "note"] == "last evidenced June 2019"
    spec = heatmap_spec(matrix, DATASET, list(FALLBACK_PALETTE), dt.date(2026, 1, 1))
    marked = [c for row in spec["rows"] for c in row["cells"] if c["stale"]]
    assert marked and all("last evidenced" in c["note"] and "last evidenced" in c["describe"] for c in marked)


def test_a_cell_with_no_evidence_says_so():
    matrix = matrix_table(DATASET, dt.date(2018, 1, 1))
    assert set(matrix["label"]) == {"No evidence"}
    assert not matrix["stale"].any()
