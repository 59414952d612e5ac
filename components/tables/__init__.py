"""The tables layer: pure functions from the validated model to pandas tables, and the words they use.

No Streamlit. Each module is one kind of table; this package names the ones pages and exports call.
"""

from components.tables.codebook import codebook_table
from components.tables.coverage import coverage_table
from components.tables.history import changes_table, governments_table, history_table, positions_by_cell, timeline_table
from components.tables.labels import signed, stance_text
from components.tables.matrix import (
    CODED,
    NO_EVIDENCE,
    NO_STANCE,
    date_span,
    differences_table,
    latest_positions,
    matrix_table,
    side_by_side_table,
)

__all__ = [
    "CODED",
    "NO_EVIDENCE",
    "NO_STANCE",
    "changes_table",
    "codebook_table",
    "coverage_table",
    "date_span",
    "differences_table",
    "governments_table",
    "history_table",
    "latest_positions",
    "matrix_table",
    "positions_by_cell",
    "side_by_side_table",
    "signed",
    "stance_text",
    "timeline_table",
]
