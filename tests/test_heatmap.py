"""The on-screen matrix's spec (components/render/heatmap_spec.py): order, text, colours and selection."""

from __future__ import annotations

import datetime as dt
import json
import re

from builders import load_data, valid_data

from components import tables
from components.render import charts
from components.render import heatmap_spec as heatmap
from components.tables.matrix import cell_key

PALETTE = list(charts.FALLBACK_PALETTE)


def _dataset():
    return load_data(valid_data()).dataset


def _spec(selected=None, large=False):
    ds = _dataset()
    as_of = tables.date_span(ds)[1]
    matrix = tables.matrix_table(ds, as_of)
    return ds, matrix, heatmap.heatmap_spec(matrix, ds, PALETTE, as_of, selected=selected, large=large)


def test_rows_and_columns_follow_the_data_order():
    ds, _, spec = _spec()
    assert [row["country"] for row in spec["rows"]] == [c.name for c in ds.countries]
    assert spec["issues"] == [i.name for i in ds.issues]
    assert [[cell["key"] for cell in row["cells"]] for row in spec["rows"]] == [
        [f"{c.id}:{i.id}" for i in ds.issues] for c in ds.countries
    ]


def test_cells_look_as_in_the_exported_chart():
    """Both draw from charts.matrix_cells: same text, glyph, fill and ink per cell."""
    ds, matrix, spec = _spec()
    encoded = charts.matrix_cells(matrix, ds, PALETTE)
    expected = {
        cell_key(r.country_id, r.issue_id): (r.cell_label, r.confidence_mark, r.fill, r.ink)
        for r in encoded.itertuples()
    }
    shown = {
        cell["key"]: (cell["label"], cell["confidence"], cell["fill"], cell["ink"])
        for row in spec["rows"]
        for cell in row["cells"]
    }
    assert shown == expected


def test_a_cell_describes_itself_in_words():
    _, matrix, spec = _spec()
    row = matrix.iloc[0]
    cell = spec["rows"][0]["cells"][0]
    assert cell["describe"].startswith(f"{row['country']} on {row['issue']}: ")
    assert f"{row['evidence']} quote" in cell["describe"]
    if row["confidence"]:
        assert f"{row['confidence']} confidence" in cell["describe"]


def test_only_the_selected_cell_is_marked():
    ds, _, spec = _spec(selected=("JP", "quad"))
    marked = [cell["key"] for row in spec["rows"] for cell in row["cells"] if cell["selected"]]
    assert marked == ["JP:quad"]
    assert not any(cell["selected"] for row in _spec()[2]["rows"] for cell in row["cells"])


def test_legend_runs_from_resistant_to_aligned_and_large_is_passed_on():
    ds, _, spec = _spec(large=True)
    assert [level["text"] for level in spec["legend"]] == [
        f"{lvl.label} ({tables.signed(lvl.value)})" for lvl in sorted(ds.scale, key=lambda lvl: lvl.value)
    ]
    assert spec["large"] is True
    assert spec["caption"].startswith(f"Stances as of {tables.date_span(ds)[1].isoformat()}")


def test_the_spec_is_plain_json():
    """It travels to the browser as JSON: no dates, numpy numbers or NaN left in it."""
    _, _, spec = _spec(selected=("JP", "quad"))
    assert json.loads(json.dumps(spec, allow_nan=False)) == spec


def test_a_cell_without_a_coded_stance_says_so_without_colour():
    ds = _dataset()
    early = dt.date(2000, 1, 1)  # before any position: every cell has no stance yet
    matrix = tables.matrix_table(ds, early)
    spec = heatmap.heatmap_spec(matrix, ds, PALETTE, early)
    cells = [cell for row in spec["rows"] for cell in row["cells"]]
    assert {cell["fill"] for cell in cells} == {charts.NO_DATA}
    assert all(cell["label"] and not cell["confidence"] for cell in cells)


def test_no_missing_value_leaks_into_the_words():
    """Coded and uncoded cells side by side (pandas fills the gaps with NaN): never "nan" or "None"."""
    ds = _dataset()
    for as_of in sorted({p.as_of for p in ds.positions}):
        matrix = tables.matrix_table(ds, as_of)
        words = json.dumps(heatmap.heatmap_spec(matrix, ds, PALETTE, as_of))
        assert not re.search(r"\b(nan|NaN|None)\b", words), as_of
