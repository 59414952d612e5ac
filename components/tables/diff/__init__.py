"""What changed between two editions of a data file: `python -m components diff OLD NEW`.

Pure: two validated Datasets in, a DataDiff out, formatted as plain text or as a Markdown changelog.

How positions are matched, in this order (each position is matched at most once):
1. Same position: the same (country, issue, as_of) in both files. If its stance differs it is
   *recoded*; if only its summary or confidence differ it is *revised*.
2. Redated: of the positions left, an old and a new one of the same cell with the same stance
   that share their summary (ignoring spacing) or at least one quote (same source, same words).
   Where several qualify, the pair with the nearest dates goes first.
3. Everything left is *removed* (old file) or *added* (new file). A position whose date and stance
   both changed is therefore a removal and an addition, which is what a reader needs to check.

Quotes are compared within matched positions (same or redated), by source and words: *added*,
*removed*, or *re-attributed* (same words, but speaker, voice, said_on or note changed). The quotes
of an added or removed position are counted with it, not listed again. Sources are matched by id,
countries and issues by id, governments by (country, leader, start date).
"""

from components.tables.diff.compare import compare_files, diff_datasets
from components.tables.diff.formatting import format_markdown, format_text, summary_line
from components.tables.diff.model import SECTIONS, DataDiff, Edition, Item
from components.tables.diff.reading import Loaded, read_edition

__all__ = [
    "SECTIONS",
    "DataDiff",
    "Edition",
    "Item",
    "Loaded",
    "compare_files",
    "diff_datasets",
    "format_markdown",
    "format_text",
    "read_edition",
    "summary_line",
]
