"""The whole comparison: every kind of difference, gathered into one DataDiff."""

from __future__ import annotations

from components.data.schema import Dataset
from components.tables.diff.model import DataDiff, Edition
from components.tables.diff.positions import Names, position_items
from components.tables.diff.reading import Loaded, edition
from components.tables.diff.records import country_issue_items, government_items, source_items


def compare_files(old: Loaded, new: Loaded) -> DataDiff:
    return diff_datasets(old.dataset, new.dataset, edition(old), edition(new))


def diff_datasets(old: Dataset, new: Dataset, old_edition: Edition, new_edition: Edition) -> DataDiff:
    result = DataDiff(old_edition, new_edition)
    names = Names(old, new)
    position_items(old, new, names, result.sections)
    source_items(old, new, result.sections)
    government_items(old, new, names.countries, result.sections)
    country_issue_items(old, new, result.sections)
    return result
